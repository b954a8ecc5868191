-- Inspection plans (检查计划): which enterprises a unit inspects, of which kind, by when, and who
-- is to go. A target is done when a finished inspection of the plan's kind reached the enterprise
-- within the plan's days; that is derived from the inspections, never ticked by hand. The
-- window holds those days as instants (the start of starts_on and of the day after due_on, China
-- time), so that the comparison with inspections.finished_at is a plain range.
CREATE TABLE inspection_plans (
  id {{id}},
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  unit_region_code TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by_user_id BIGINT NOT NULL REFERENCES users (id),
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inspection_plans_unit ON inspection_plans (unit_region_code, due_on);

CREATE TABLE inspection_plan_targets (
  plan_id BIGINT NOT NULL REFERENCES inspection_plans (id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  assignee_user_id BIGINT REFERENCES users (id),
  PRIMARY KEY (plan_id, enterprise_id)
);
CREATE INDEX inspection_plan_targets_assignee ON inspection_plan_targets (assignee_user_id, plan_id);
