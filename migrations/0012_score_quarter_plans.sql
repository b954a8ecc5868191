-- The quarter's inspection plans a town station generates for the scored sectors: one plan for
-- the whole quarter (slot 'all': every operating enterprise of a scored sector once) and, for
-- the enterprises whose points crossed the raise-frequency threshold, one plan per month of the
-- quarter (slots 'm1'…'m3'). Keyed by (town, quarter, slot): a quarter is generated once.
CREATE TABLE score_quarter_plans (
  town TEXT NOT NULL,
  quarter TEXT NOT NULL,
  slot TEXT NOT NULL,
  plan_id BIGINT NOT NULL REFERENCES inspection_plans (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (town, quarter, slot)
);
