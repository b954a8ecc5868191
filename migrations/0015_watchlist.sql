-- Progressive management (渐进式管理): an enterprise, a department or a region is put on the
-- watchlist at key attention (重点关注), and moves up one step at a time — yellow card (黄牌警告),
-- then one-vote veto (一票否决) — unless a reason for skipping is given. Each step is a row; the
-- step before becomes `escalated`, so a subject's rows are its ladder. subject_key names the
-- subject (enterprise:<id>, region:<code>, department:<code>:<name>); region_code places it in
-- the scopes (the enterprise's region, the region itself, the department's region).
CREATE TABLE watchlist_entries (
  id {{id}},
  subject_kind TEXT NOT NULL,
  subject_key TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  enterprise_id BIGINT REFERENCES enterprises (id),
  region_code TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL,
  reason TEXT NOT NULL,
  skip_reason TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  unit_region_code TEXT NOT NULL,
  decided_by_name TEXT NOT NULL,
  lifted_at TEXT,
  lift_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX watchlist_entries_subject ON watchlist_entries (subject_key, id);
CREATE INDEX watchlist_entries_region ON watchlist_entries (status, region_code);

-- Interviews (约谈) held on an entry: the day, who attended, the minutes, and the follow-up asked
-- for with its due day.
CREATE TABLE watchlist_interviews (
  id {{id}},
  entry_id BIGINT NOT NULL REFERENCES watchlist_entries (id),
  held_on TEXT NOT NULL,
  attendees TEXT NOT NULL,
  minutes TEXT NOT NULL,
  followup TEXT NOT NULL DEFAULT '',
  followup_due_on TEXT,
  recorded_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX watchlist_interviews_entry ON watchlist_interviews (entry_id, held_on);
