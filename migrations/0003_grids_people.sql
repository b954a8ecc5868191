-- The three-level grid (网格化管理) and the enterprises' key people.
-- Level 1 is a town or street, level 2 a village or community (or a part of one) under a level-1
-- cell; level 3 is the enterprise itself, which belongs to exactly one level-2 cell.
CREATE TABLE grid_cells (
  id {{id}},
  level INTEGER NOT NULL,
  parent_id BIGINT REFERENCES grid_cells (id),
  region_code TEXT NOT NULL REFERENCES regions (code),
  name TEXT NOT NULL,
  responsible_user_id BIGINT REFERENCES users (id),
  phone TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX grid_cells_region ON grid_cells (region_code, id);
CREATE INDEX grid_cells_parent ON grid_cells (parent_id);
CREATE INDEX grid_cells_responsible ON grid_cells (responsible_user_id);

ALTER TABLE enterprises ADD COLUMN grid_cell_id BIGINT REFERENCES grid_cells (id);
CREATE INDEX enterprises_grid ON enterprises (grid_cell_id, id);

-- Principal (主要负责人), chief safety officer (首席安全官), safety managers and registered safety
-- engineers (注安师), each with a phone and an optional training certificate. An enterprise has at
-- most one principal and one chief safety officer.
CREATE TABLE enterprise_people (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  position TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL,
  certificate_number TEXT,
  certificate_kind TEXT,
  certificate_issued TEXT,
  certificate_expiry TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX enterprise_people_enterprise ON enterprise_people (enterprise_id, id);
CREATE INDEX enterprise_people_expiry ON enterprise_people (certificate_expiry);
CREATE UNIQUE INDEX enterprise_people_single_roles ON enterprise_people (enterprise_id, role)
  WHERE role IN ('principal', 'chief_safety_officer');
