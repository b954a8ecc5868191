-- Adds ten score events to every enterprise of a demo city on SQLite, in the cycle before today's,
-- for the rollover benchmark: points by hand (no hazard), one in ten re-inspected before the cycle
-- ended (they clear), the rest carried. Written straight into the table: the service's rules
-- are not what is measured.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10),
today(d) AS (SELECT date('now', '+8 hours')),
cycle(c) AS (SELECT CAST(strftime('%Y', d) AS INTEGER) - CASE WHEN strftime('%m-%d', d) >= '10-01'
  THEN 1 ELSE 2 END FROM today),
u(id) AS (SELECT MIN(id) FROM users WHERE role = 'bureau')
INSERT INTO score_events (enterprise_id, cycle, occurred_at, occurred_on, points, source, reason,
  recorded_by_user_id, recorded_by_name, state, reinspected_at, created_at, updated_at, version)
SELECT e.id, cycle.c, printf('%d-%02d-%02dT02:00:00Z', cycle.c + 1, 1 + (e.id + n.i) % 9, 1 + n.i),
  printf('%d-%02d-%02d', cycle.c + 1, 1 + (e.id + n.i) % 9, 1 + n.i), 1 + (e.id * n.i) % 3, 'manual',
  '基准记分', u.id, '基准', 'active',
  CASE WHEN n.i = 1 THEN printf('%d-09-20T02:00:00Z', cycle.c + 1) END,
  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1
FROM enterprises e, n, cycle, u;
