-- Photos and attachments. The bytes live under the data directory, named by their SHA-256 (one
-- copy per content); each upload is a row of its own, because the row carries the enterprise the
-- file concerns, and that enterprise's scope decides who may read it.
CREATE TABLE files (
  id {{id}},
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  media_type TEXT NOT NULL,
  name TEXT NOT NULL,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  uploaded_by_user_id BIGINT NOT NULL REFERENCES users (id),
  uploaded_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX files_enterprise ON files (enterprise_id);

-- The photos of an inspection item's answer, in the order the inspector took them.
CREATE TABLE inspection_photos (
  inspection_id BIGINT NOT NULL REFERENCES inspections (id),
  item_id BIGINT NOT NULL REFERENCES checklist_items (id),
  file_id BIGINT NOT NULL REFERENCES files (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (inspection_id, item_id, file_id)
);

-- A hazard's evidence: before (when it was found) and after (fixed on the spot, submitted), each
-- after-photo tied to the timeline event that brought it.
CREATE TABLE hazard_photos (
  hazard_id BIGINT NOT NULL REFERENCES hazards (id),
  file_id BIGINT NOT NULL REFERENCES files (id),
  stage TEXT NOT NULL,
  event_id BIGINT REFERENCES hazard_events (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (hazard_id, file_id)
);
