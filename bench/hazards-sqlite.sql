-- Adds 1,000,000 hazards to a demo city on SQLite for the hazard-list and dashboard benchmarks:
-- spread over the city's enterprises and the last year, every state (a tenth each of reported,
-- notified, rectifying, submitted, rejected and cancelled, four tenths verified, some late), one
-- in fifty major. Written straight into the table: the service's rules are not what is measured.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000),
e(count) AS (SELECT COUNT(*) FROM enterprises),
u(id) AS (SELECT MIN(id) FROM users WHERE role = 'station')
INSERT INTO hazards (enterprise_id, description, location, level, source, hazard_type,
  classification, handling, state, deadline, responsible_person, measures, found_by_user_id,
  found_by_name, found_on, listed_at, verified_at, verified_on, created_at, updated_at, version)
SELECT (i * 7919) % e.count + 1, '基准隐患 ' || i, '', CASE WHEN i % 50 = 0 THEN 'major' ELSE 'general' END,
  'daily', 'safety', 'unsafe_state', 'by_deadline',
  CASE i % 10 WHEN 0 THEN 'reported' WHEN 1 THEN 'notified' WHEN 2 THEN 'rectifying'
    WHEN 3 THEN 'submitted' WHEN 4 THEN 'rejected' WHEN 5 THEN 'cancelled' ELSE 'verified' END,
  CASE WHEN i % 10 = 0 THEN NULL ELSE date('now', '+8 hours', '-' || (i % 365) || ' days', '+15 days') END,
  '负责人', '整改措施', u.id, '基准', date('now', '+8 hours', '-' || (i % 365) || ' days'),
  CASE WHEN i % 50 = 0 THEN '2026-01-01T00:00:00Z' END,
  CASE WHEN i % 10 >= 6 THEN '2026-01-01T00:00:00Z' END,
  CASE WHEN i % 10 >= 6 THEN date('now', '+8 hours', '-' || (i % 365) || ' days', '+' || (i % 19) || ' days') END,
  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1
FROM n, e, u;
-- The tallies no longer match the hazards: the app rebuilds them when it next opens the database.
DELETE FROM hazard_tallies WHERE kind = 'built';
