-- In-app notifications (站内提醒). A notification is addressed to a unit, not a person: the accounts
-- of an enterprise, or the officers of one station or bureau (audience_role with region_code), and
-- each account keeps its own read mark. kind and params (JSON) are rendered by the UI in the
-- reader's language. dedupe_key makes the daily reminders safe to run twice.
CREATE TABLE notifications (
  id {{id}},
  kind TEXT NOT NULL,
  audience_role TEXT NOT NULL,
  enterprise_id BIGINT REFERENCES enterprises (id),
  region_code TEXT,
  hazard_id BIGINT REFERENCES hazards (id),
  params TEXT NOT NULL DEFAULT '{}',
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX notifications_enterprise ON notifications (enterprise_id, id);
CREATE INDEX notifications_unit ON notifications (audience_role, region_code, id);

CREATE TABLE notification_reads (
  notification_id BIGINT NOT NULL REFERENCES notifications (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  read_at TEXT NOT NULL,
  PRIMARY KEY (notification_id, user_id)
);
