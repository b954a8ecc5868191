-- Checklists, inspections and the hazard closed loop (隐患排查治理).

-- A checklist template (检查表). Its items never change once written: an edit writes a new
-- version, and an inspection keeps the version it used. hazard_tags and industry_code say which
-- enterprises it applies to ('' for all), as the enterprise registry stores them.
CREATE TABLE checklists (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  purpose TEXT NOT NULL,
  hazard_tags TEXT NOT NULL DEFAULT '',
  industry_code TEXT NOT NULL DEFAULT '',
  current_version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE checklist_versions (
  id {{id}},
  checklist_id BIGINT NOT NULL REFERENCES checklists (id),
  number INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (checklist_id, number)
);

-- category is one of the five elements 人/机/物/环/管: people, machines, materials, environment,
-- management. points is what a finding on the item costs in the 12-point system (NULL: unscored);
-- major_hazard marks a criterion of the major-hazard standard (重大事故隐患判定标准).
CREATE TABLE checklist_items (
  id {{id}},
  version_id BIGINT NOT NULL REFERENCES checklist_versions (id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  category TEXT NOT NULL,
  legal_basis TEXT NOT NULL DEFAULT '',
  points INTEGER,
  major_hazard INTEGER NOT NULL DEFAULT 0,
  UNIQUE (version_id, position)
);

-- An inspection of one enterprise. unit_region_code is the inspecting unit (the inspector's
-- region), NULL for an enterprise's own self-check.
CREATE TABLE inspections (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  kind TEXT NOT NULL,
  checklist_version_id BIGINT REFERENCES checklist_versions (id),
  status TEXT NOT NULL,
  inspector_user_id BIGINT NOT NULL REFERENCES users (id),
  inspector_name TEXT NOT NULL,
  unit_region_code TEXT,
  companions TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,
  finished_at TEXT,
  longitude DOUBLE PRECISION,
  latitude DOUBLE PRECISION,
  summary TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inspections_enterprise ON inspections (enterprise_id, id);
CREATE INDEX inspections_started ON inspections (started_at, id);
CREATE INDEX inspections_finished ON inspections (status, finished_at, enterprise_id);

-- The result of one checklist item: conforming, finding or not_applicable. A finding's level
-- (general or major) and description become its hazard's when the inspection is finished.
CREATE TABLE inspection_results (
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  item_id BIGINT NOT NULL REFERENCES checklist_items (id),
  result TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  hazard_level TEXT,
  PRIMARY KEY (inspection_id, item_id)
);

-- A rectification notice (整改通知书), numbered per issuing unit and year, with the deadline,
-- responsible person and measures as issued (a hazard's deadline may be extended later). The number's text names
-- the unit, and two units may share a name (城关镇 in two counties): it is unique only with the unit.
CREATE TABLE notices (
  id {{id}},
  number TEXT NOT NULL,
  unit_region_code TEXT NOT NULL REFERENCES regions (code),
  year INTEGER NOT NULL,
  sequence INTEGER NOT NULL,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  issued_by_user_id BIGINT NOT NULL REFERENCES users (id),
  issued_by_name TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  deadline TEXT NOT NULL,
  responsible_person TEXT NOT NULL,
  measures TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (unit_region_code, year, sequence)
);
CREATE INDEX notices_enterprise ON notices (enterprise_id, id);

-- The last sequence number each unit gave in a year: one upsert hands out the next, atomically
-- on both backends.
CREATE TABLE notice_counters (
  unit_region_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (unit_region_code, year)
);

-- A hazard and where it stands in the closed loop. Overdue is never stored: it is derived from
-- the deadline (a China Standard Time date) and the state. notified_unit_region_code is the unit
-- that issued the notice, which (or a unit above it) verifies. listed_at/delisted_at are the
-- listed supervision (挂牌督办) of a major hazard. verified_on is the China date of verified_at: a
-- hazard is on time when verified_on <= deadline.
CREATE TABLE hazards (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  inspection_id BIGINT REFERENCES inspections (id),
  checklist_item_id BIGINT REFERENCES checklist_items (id),
  description TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL,
  source TEXT NOT NULL,
  hazard_type TEXT NOT NULL,
  classification TEXT NOT NULL,
  handling TEXT NOT NULL,
  state TEXT NOT NULL,
  deadline TEXT,
  responsible_person TEXT NOT NULL DEFAULT '',
  measures TEXT NOT NULL DEFAULT '',
  notice_id BIGINT REFERENCES notices (id),
  notified_unit_region_code TEXT,
  found_by_user_id BIGINT NOT NULL REFERENCES users (id),
  found_by_name TEXT NOT NULL,
  found_on TEXT NOT NULL,
  listed_at TEXT,
  delisted_at TEXT,
  verified_at TEXT,
  verified_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX hazards_enterprise ON hazards (enterprise_id, id);
CREATE INDEX hazards_state ON hazards (state, deadline);
CREATE INDEX hazards_notice ON hazards (notice_id);
CREATE INDEX hazards_found ON hazards (found_on);
-- A finding becomes one hazard, never two.
CREATE UNIQUE INDEX hazards_finding ON hazards (inspection_id, checklist_item_id)
  WHERE checklist_item_id IS NOT NULL;

-- The timeline: one row per action, with what the action recorded (JSON).
CREATE TABLE hazard_events (
  id {{id}},
  hazard_id BIGINT NOT NULL REFERENCES hazards (id),
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  actor_user_id BIGINT REFERENCES users (id),
  actor_name TEXT NOT NULL,
  at TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX hazard_events_hazard ON hazard_events (hazard_id, id);
