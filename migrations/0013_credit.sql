-- Integrity and credit (安全生产诚信).
--
-- The settings: weights in percent (standardization at least 50, all 100), the cut-offs of the
-- classes A, B, C and of the standardization levels 1, 2, 3 (JSON arrays, falling), the years a
-- blacklisting lasts and the months after which early removal may be applied for.
CREATE TABLE credit_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  standardization_weight INTEGER NOT NULL,
  part_weights TEXT NOT NULL,
  class_cutoffs TEXT NOT NULL,
  level_cutoffs TEXT NOT NULL,
  blacklist_years INTEGER NOT NULL,
  removal_after_months INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO credit_settings (id, standardization_weight, part_weights, class_cutoffs,
  level_cutoffs, blacklist_years, removal_after_months, updated_at) VALUES (1, 60,
  '{"commitment":10,"compliance":10,"participation":10,"safety_culture":10}', '[90,75,60]',
  '[90,75,60]', 3, 12, '2026-01-01T00:00:00Z');

-- The rules that hold a class down while their fact holds (at best max_class), in order; an
-- administrator turns them on and off and changes their class and threshold.
CREATE TABLE credit_rules (
  code TEXT PRIMARY KEY,
  sort_order INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  max_class TEXT NOT NULL,
  threshold INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO credit_rules (code, sort_order, enabled, max_class, threshold, updated_at) VALUES
  ('blacklisted', 1, 1, 'D', 0, '2026-01-01T00:00:00Z'),
  ('score_points', 2, 1, 'B', 10, '2026-01-01T00:00:00Z'),
  ('listed_major_hazard', 3, 1, 'D', 0, '2026-01-01T00:00:00Z'),
  ('concealed_accident', 4, 1, 'D', 0, '2026-01-01T00:00:00Z');

-- The annual evaluation (一次考评两个结果), one row per revision: a station or bureau prepares and
-- submits it, a bureau approves or returns it. The result (scores, level, class, the rule that
-- decided, the facts it was judged on) is computed on approval and then locked; a later change
-- is a new revision, and `is_current` marks the enterprise's rating of the year (its latest approved
-- revision). repaired_at: a credit repair ended the disclosure of this rating.
CREATE TABLE credit_evaluations (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  year INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  status TEXT NOT NULL,
  standardization_points DOUBLE PRECISION NOT NULL,
  standardization_maximum DOUBLE PRECISION NOT NULL,
  standardization_not_applicable DOUBLE PRECISION NOT NULL,
  parts TEXT NOT NULL,
  concealed_accident INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  standardization_score DOUBLE PRECISION,
  standardization_level TEXT,
  credit_score DOUBLE PRECISION,
  score_class TEXT,
  final_class TEXT,
  decided_by TEXT,
  applied TEXT,
  facts TEXT,
  prepared_by_user_id BIGINT REFERENCES users (id),
  prepared_by_name TEXT NOT NULL,
  submitted_at TEXT,
  approved_at TEXT,
  approved_on TEXT,
  approved_by_name TEXT NOT NULL DEFAULT '',
  return_reason TEXT NOT NULL DEFAULT '',
  is_current INTEGER NOT NULL DEFAULT 0,
  repaired_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (enterprise_id, year, revision)
);
CREATE INDEX credit_evaluations_current ON credit_evaluations (year, is_current, final_class);
CREATE INDEX credit_evaluations_enterprise ON credit_evaluations (enterprise_id, is_current, year);
CREATE INDEX credit_evaluations_class ON credit_evaluations (final_class, is_current);
CREATE INDEX credit_evaluations_status ON credit_evaluations (status, year);

-- The blacklist (MEM order no. 11, 2023): decided by the authority that imposed the penalty,
-- the party notified first, listed from starts_on to ends_on (3 years by default); removed_on
-- when an early removal was granted, with its reason.
CREATE TABLE credit_blacklist (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  reason TEXT NOT NULL,
  authority TEXT NOT NULL,
  notified_on TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  removed_on TEXT,
  removal_reason TEXT NOT NULL DEFAULT '',
  decided_by_name TEXT NOT NULL,
  unit_region_code TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX credit_blacklist_enterprise ON credit_blacklist (enterprise_id, ends_on);
CREATE INDEX credit_blacklist_listed ON credit_blacklist (ends_on, starts_on);
