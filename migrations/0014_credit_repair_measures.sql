-- Credit repair (信用修复): an enterprise applies, with its statement and evidence, to end the
-- disclosure of a D rating or to leave the blacklist early; a bureau approves or rejects it. The
-- application and its decision stay in the history. One open application per rating or listing.
CREATE TABLE credit_repairs (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  kind TEXT NOT NULL,
  evaluation_id BIGINT REFERENCES credit_evaluations (id),
  listing_id BIGINT REFERENCES credit_blacklist (id),
  statement TEXT NOT NULL,
  evidence TEXT NOT NULL,
  file_ids TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL,
  applied_by_name TEXT NOT NULL,
  decision_note TEXT NOT NULL DEFAULT '',
  decided_by_name TEXT NOT NULL DEFAULT '',
  decided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX credit_repairs_enterprise ON credit_repairs (enterprise_id, status);
CREATE INDEX credit_repairs_status ON credit_repairs (status, id);

-- The measures each class carries (守信激励、失信惩戒) in each area, for the enterprise's page and
-- for the other departments' export; an administrator edits the text and turns rows on and off.
CREATE TABLE credit_measures (
  id {{id}},
  credit_class TEXT NOT NULL,
  area TEXT NOT NULL,
  text TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX credit_measures_class ON credit_measures (credit_class, sort_order);
INSERT INTO credit_measures (credit_class, area, text, sort_order, updated_at) VALUES
  ('A', 'awards', '优先推荐参加各级安全生产先进评选和表彰', 1, '2026-01-01T00:00:00Z'),
  ('A', 'supervision', '适当减少执法检查频次，实行“无事不扰”', 2, '2026-01-01T00:00:00Z'),
  ('A', 'loans', '推荐金融机构在授信额度、贷款利率上给予优惠', 3, '2026-01-01T00:00:00Z'),
  ('A', 'tax', '纳税信用评价中作为守信参考', 4, '2026-01-01T00:00:00Z'),
  ('B', 'supervision', '按正常频次实施监督检查', 1, '2026-01-01T00:00:00Z'),
  ('C', 'supervision', '列为重点检查对象，提高检查频次', 1, '2026-01-01T00:00:00Z'),
  ('C', 'awards', '不得参加当年度安全生产评先评优', 2, '2026-01-01T00:00:00Z'),
  ('D', 'supervision', '列入重点监管名单，每季度至少检查一次', 1, '2026-01-01T00:00:00Z'),
  ('D', 'loans', '通报金融机构，审慎授信', 2, '2026-01-01T00:00:00Z'),
  ('D', 'electricity', '配合供电部门依法采取停限电措施（重大隐患拒不整改的）', 3, '2026-01-01T00:00:00Z'),
  ('D', 'land', '限制参与土地出让、政府采购和工程招投标', 4, '2026-01-01T00:00:00Z'),
  ('D', 'awards', '取消评先评优资格', 5, '2026-01-01T00:00:00Z'),
  ('blacklist', 'supervision', '列入黑名单管理，实施联合惩戒', 1, '2026-01-01T00:00:00Z'),
  ('blacklist', 'loans', '金融机构从严审核授信，限制新增贷款', 2, '2026-01-01T00:00:00Z'),
  ('blacklist', 'land', '禁止参与土地出让、政府采购和工程招投标', 3, '2026-01-01T00:00:00Z'),
  ('blacklist', 'tax', '纳税信用等级下调，依法加强税收监管', 4, '2026-01-01T00:00:00Z'),
  ('blacklist', 'electricity', '配合供电部门依法采取停限电措施', 5, '2026-01-01T00:00:00Z'),
  ('blacklist', 'awards', '取消各类评先评优和政策扶持资格', 6, '2026-01-01T00:00:00Z');
