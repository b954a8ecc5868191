-- Enterprise scoring (记分管理), the 12-point system.
--
-- The settings: the day a cycle starts ("MM-DD", 1 October) and the thresholds as JSON
-- [{points, action, unit, due_days}]. One row; an administrator changes it, and a change applies
-- to events and crossings from then on (an event keeps the cycle and points it was given).
CREATE TABLE scoring_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cycle_start TEXT NOT NULL,
  thresholds TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO scoring_settings (id, cycle_start, thresholds, updated_at) VALUES (1, '10-01',
  '[{"points":3,"action":"raise_frequency","unit":"town","due_days":30},{"points":6,"action":"warning_interview","unit":"district","due_days":15},{"points":10,"action":"enforcement","unit":"district","due_days":15},{"points":12,"action":"key_supervision","unit":"district","due_days":30}]',
  '2026-01-01T00:00:00Z');

-- Score events: points an enterprise incurs in a cycle, from a finding on a scored checklist item
-- (once per hazard), by hand (with a reason), or carried from the cycle before by the rollover
-- (carried_from_event_id; the carried event keeps the original's date and links). A revoked event
-- stays, with who revoked it and why; the cycle's total is the sum of its active events.
CREATE TABLE score_events (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  cycle INTEGER NOT NULL,
  occurred_at TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  points INTEGER NOT NULL,
  source TEXT NOT NULL,
  checklist_item_id BIGINT REFERENCES checklist_items (id),
  item_text TEXT NOT NULL DEFAULT '',
  inspection_id BIGINT REFERENCES inspections (id),
  hazard_id BIGINT REFERENCES hazards (id),
  reason TEXT NOT NULL DEFAULT '',
  carried_from_event_id BIGINT REFERENCES score_events (id),
  recorded_by_user_id BIGINT REFERENCES users (id),
  recorded_by_name TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'active',
  revoked_at TEXT,
  revoke_reason TEXT NOT NULL DEFAULT '',
  reinspected_at TEXT,
  reinspection_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX score_events_finding ON score_events (hazard_id) WHERE source = 'finding';
CREATE UNIQUE INDEX score_events_carried ON score_events (carried_from_event_id)
  WHERE carried_from_event_id IS NOT NULL;
CREATE INDEX score_events_enterprise ON score_events (enterprise_id, cycle);
CREATE INDEX score_events_cycle ON score_events (cycle, state, id);

-- What the rollover into target_cycle decided for each event of the cycle before: cleared, or
-- carried (into carried_event_id), and why. Keyed by (event, target cycle): a second run finds
-- the decision made and changes nothing.
CREATE TABLE score_rollovers (
  event_id BIGINT NOT NULL REFERENCES score_events (id),
  target_cycle INTEGER NOT NULL,
  clears INTEGER NOT NULL,
  reason TEXT NOT NULL,
  carried_event_id BIGINT REFERENCES score_events (id),
  decided_at TEXT NOT NULL,
  PRIMARY KEY (event_id, target_cycle)
);

-- Follow-up work created when an enterprise's total in a cycle reaches a threshold: once per
-- (enterprise, cycle, threshold), for the town station or the district bureau, with a deadline;
-- an interview's date, attendees and minutes when it is closed.
CREATE TABLE score_followups (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  cycle INTEGER NOT NULL,
  threshold_points INTEGER NOT NULL,
  action TEXT NOT NULL,
  unit_region_code TEXT NOT NULL,
  total_at_crossing INTEGER NOT NULL,
  crossed_at TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  held_on TEXT,
  attendees TEXT NOT NULL DEFAULT '',
  minutes TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  closed_at TEXT,
  closed_by_name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (enterprise_id, cycle, threshold_points)
);
CREATE INDEX score_followups_unit ON score_followups (unit_region_code, status, due_on);
