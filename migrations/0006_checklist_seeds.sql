-- The checklist templates every installation starts with, each at version 1. Administrators edit
-- them by writing new versions; these rows are never changed by a later migration.
-- Ids are never written: versions and items find their checklist by its code. A VALUES list
-- names its columns column1, column2, … on both backends. Items without points leave the column
-- out (NULL: unscored). Texts of the major-hazard checklists follow 《工贸企业重大事故隐患判定标准》
-- (应急管理部令第10号, in force 2023-05-15): 第三条 general, 第四条 冶金, 第五条 有色, 第七条 机械,
-- 第十一条 dust, 第十二条 liquid ammonia, 第十三条 confined spaces; their items read as the
-- standard's situations (a finding means the situation exists).

INSERT INTO checklists (code, name, purpose, hazard_tags, industry_code, current_version,
                        created_at, updated_at) VALUES
  ('grid_patrol', '网格员日常巡查表', 'patrol', '', '', 1,
   '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('furnace', '冶金涉炉企业记分检查表', 'scored', ',metallurgy,', '', 1,
   '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('annual_evaluation', '年度全要素评价表', 'evaluation', '', '', 1,
   '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('expert_diagnosis', '专家诊断式检查表', 'diagnosis', '', '', 1,
   '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('major_hazard_general', '工贸企业重大事故隐患判定标准（通用部分）', 'major_hazard', '', '', 1,
   '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('major_hazard_dust', '工贸企业重大事故隐患判定标准（粉尘爆炸危险）', 'major_hazard',
   ',dust_explosion,', '', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('major_hazard_ammonia', '工贸企业重大事故隐患判定标准（液氨制冷）', 'major_hazard',
   ',ammonia_refrigeration,', '', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('major_hazard_confined_space', '工贸企业重大事故隐患判定标准（有限空间作业）', 'major_hazard',
   ',confined_space,', '', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO checklist_versions (checklist_id, number, note, created_by, created_at)
  SELECT id, 1, '初始版本', 'system', '2026-01-01T00:00:00Z' FROM checklists
  WHERE code IN ('grid_patrol', 'furnace', 'annual_evaluation', 'expert_diagnosis',
                 'major_hazard_general', 'major_hazard_dust', 'major_hazard_ammonia',
                 'major_hazard_confined_space')
  ORDER BY id;

-- 网格员日常巡查表: unscored, checked on every visit.
INSERT INTO checklist_items (version_id, position, text, category, legal_basis, major_hazard)
  SELECT v.id, t.column1, t.column2, t.column3, t.column4, 0
  FROM (VALUES
    (1, '安全出口、疏散通道畅通，未被占用、堵塞、锁闭或封堵', 'environment',
     '《安全生产法》第四十二条；《消防法》第二十八条'),
    (2, '生产、储存、使用危险物品的车间、仓库未与员工宿舍设在同一座建筑物内', 'environment',
     '《安全生产法》第四十二条'),
    (3, '灭火器、消火栓按规定配置，在有效期内且压力正常，未被遮挡、挪用', 'machines',
     '《消防法》第十六条、第二十八条；GB 50140-2005'),
    (4, '电气线路无私拉乱接、老化破损，配电箱（柜）完好、有门有锁、接地可靠', 'machines',
     'GB/T 13869-2017《用电安全导则》'),
    (5, '设备传动、转动部位的防护罩、防护栏等安全防护装置齐全完好', 'machines',
     '《安全生产法》第三十六条'),
    (6, '作业人员按规定佩戴、使用劳动防护用品', 'people', '《安全生产法》第四十五条'),
    (7, '电工、焊工等特种作业人员持有效证件上岗', 'people', '《安全生产法》第三十条'),
    (8, '仓库物品分类分垛存放，堆垛稳固不超高，与灯具、墙、柱保持安全距离', 'materials',
     '《仓库防火安全管理规则》'),
    (9, '易燃易爆物品、气瓶在专门区域存放，不超过当班用量，气瓶有防倾倒措施', 'materials',
     '《安全生产法》第三十九条'),
    (10, '动火等危险作业办理审批手续，现场有专人监护', 'management',
     '《安全生产法》第四十三条；《消防法》第二十一条'),
    (11, '有较大危险因素的场所和设备设施设置明显的安全警示标志', 'environment',
     '《安全生产法》第三十五条；GB 2894-2008'),
    (12, '建立隐患排查治理台账，如实记录排查和整改情况并向从业人员通报', 'management',
     '《安全生产法》第四十一条')
  ) AS t
  CROSS JOIN checklist_versions v
  JOIN checklists c ON c.id = v.checklist_id
  WHERE c.code = 'grid_patrol' AND v.number = 1
  ORDER BY t.column1;

-- 冶金涉炉企业记分检查表: the 22 items of the 12-point system for furnace enterprises; the items
-- that are major hazards under the 2023 standard carry 6 points.
INSERT INTO checklist_items (version_id, position, text, category, legal_basis, points,
                             major_hazard)
  SELECT v.id, t.column1, t.column2, t.column3, t.column4, t.column5, t.column6
  FROM (VALUES
    (1, '主要负责人、安全生产管理人员按规定经应急管理部门考核合格', 'people',
     '《安全生产法》第二十七条；《工贸企业重大事故隐患判定标准》第三条第（三）项', 6, 1),
    (2, '按规定配备注册安全工程师从事安全生产管理工作', 'people',
     '《安全生产法》第二十七条', 2, 0),
    (3, '电工、焊接与热切割、煤气作业等特种作业人员经专门培训并取得相应资格后上岗', 'people',
     '《安全生产法》第三十条；《工贸企业重大事故隐患判定标准》第三条第（二）项', 6, 1),
    (4, '炉前、浇注、吊运指挥等岗位人员经安全教育培训合格，培训档案齐全', 'people',
     '《安全生产法》第二十八条', 1, 0),
    (5, '炉前、浇注作业人员穿戴阻燃防护服、防护面罩、隔热鞋等劳动防护用品', 'people',
     '《安全生产法》第四十五条', 1, 0),
    (6, '熔融金属吊运和浇注时设警戒，吊运路线及下方无人员停留或通行', 'people',
     'AQ 7011-2018《高温熔融金属吊运安全规程》', 3, 0),
    (7, '熔炼炉水冷元件设出水温度、进出水流量差监测报警装置，并与熔炼供电（加热）控制联锁',
     'machines', '《工贸企业重大事故隐患判定标准》第四条第（四）项、第七条', 6, 1),
    (8, '水冷熔炼炉设应急水源（高位水箱或应急水泵及备用电源），并定期试验', 'machines',
     '《工贸企业重大事故隐患判定标准》第五条', 6, 1),
    (9, '感应电炉设漏炉报警装置，定期测试并保持有效', 'machines',
     '《安全生产法》第三十六条', 3, 0),
    (10, '吊运熔融金属的起重机为冶金（铸造）起重机，并经定期检验合格', 'machines',
     '《冶金企业和有色金属企业安全生产规定》第三十条；AQ 7011-2018', 3, 0),
    (11, '起重机起升高度限位器、制动器等安全保护装置灵敏可靠', 'machines',
     'GB 6067.1-2010《起重机械安全规程 第1部分：总则》', 2, 0),
    (12, '盛装熔融金属的罐（包）及吊具的耳轴定期探伤检测并有记录', 'machines',
     '《冶金企业和有色金属企业安全生产规定》第三十条', 2, 0),
    (13, '煤气（燃气）使用场所及可能泄漏积聚部位设固定式一氧化碳（可燃气体）监测报警装置，报警接入24小时有人值守场所',
     'machines', '《工贸企业重大事故隐患判定标准》第四条；GB 6222-2005《工业企业煤气安全规程》', 6, 1),
    (14, '炉体倾动、供电急停等电气联锁装置完好，电气设备保护接地可靠', 'machines',
     '《安全生产法》第三十六条', 2, 0),
    (15, '炉料入炉前经检查，无潮湿料、密闭容器和易燃易爆物混入', 'materials',
     '《安全生产法》', 3, 0),
    (16, '熔炼炉（连铸、模铸流程）设置紧急排放和应急储存设施（事故坑、事故包等）', 'environment',
     '《工贸企业重大事故隐患判定标准》第四条第（三）项、第七条第（二）项', 6, 1),
    (17, '生产期间炉底、炉坑、事故坑及熔融金属泄漏喷溅影响范围内的炉前平台、浇注坑和转运通道无积水',
     'environment', '《工贸企业重大事故隐患判定标准》第四条第（二）项、第七条第（三）项', 6, 1),
    (18, '会议室、休息室、操作室、更衣室、交接班室等人员聚集场所未设在熔融金属吊运跨或浇注跨的地坪区域内',
     'environment', '《工贸企业重大事故隐患判定标准》第四条第（一）项、第七条第（一）项', 6, 1),
    (19, '熔炼烟尘除尘设施与生产同步运行，管道无严重积灰', 'environment',
     '《职业病防治法》', 1, 0),
    (20, '建设项目安全设施“三同时”：安全预评价、安全设施设计审查和竣工验收手续齐全',
     'management', '《安全生产法》第三十一条、第三十二条、第三十三条', 3, 0),
    (21, '制定熔融金属泄漏、煤气中毒等专项应急预案和现场处置方案，并按规定组织演练',
     'management', '《安全生产法》第八十一条；《生产安全事故应急预案管理办法》', 2, 0),
    (22, '动火、煤气区域等危险作业执行审批制度，现场安排专人进行安全管理', 'management',
     '《安全生产法》第四十三条', 2, 0)
  ) AS t
  CROSS JOIN checklist_versions v
  JOIN checklists c ON c.id = v.checklist_id
  WHERE c.code = 'furnace' AND v.number = 1
  ORDER BY t.column1;

-- 年度全要素评价表: three items per element; points are what each item scores at most
-- (100 in all).
INSERT INTO checklist_items (version_id, position, text, category, legal_basis, points,
                             major_hazard)
  SELECT v.id, t.column1, t.column2, t.column3, t.column4, t.column5, 0
  FROM (VALUES
    (1, '主要负责人、安全生产管理人员具备相应安全知识和管理能力，依法履行安全生产职责', 'people',
     '《安全生产法》第二十一条、第二十七条', 8),
    (2, '从业人员经岗前三级安全教育和年度再培训，考核合格，培训档案完整', 'people',
     '《安全生产法》第二十八条', 7),
    (3, '特种作业人员和特种设备作业人员全部持有效证件上岗', 'people',
     '《安全生产法》第三十条；《特种设备安全法》第十四条', 7),
    (4, '设备设施台账完整，安全防护装置齐全有效，维护保养有记录', 'machines',
     '《安全生产法》第三十六条', 7),
    (5, '特种设备办理使用登记，定期检验在有效期内，安全附件按期校验', 'machines',
     '《特种设备安全法》第三十三条、第四十条', 7),
    (6, '监测、报警、联锁等安全设施正常投用，未擅自关闭、拆除', 'machines',
     '《安全生产法》第三十六条', 6),
    (7, '危险化学品及易燃易爆物品储存、使用符合规定，专人管理，台账清楚', 'materials',
     '《安全生产法》第三十九条', 6),
    (8, '原材料、半成品、成品分区定置存放，堆放稳固，不占用通道', 'materials',
     '《仓库防火安全管理规则》', 5),
    (9, '劳动防护用品按标准配备、发放，质量合格，发放台账清楚', 'materials',
     '《安全生产法》第四十五条；GB 39800.1-2020', 5),
    (10, '厂区布局、防火间距符合要求，疏散通道、安全出口和消防车通道畅通', 'environment',
     '《消防法》第十六条；《安全生产法》第四十二条', 7),
    (11, '作业场所职业病危害因素定期检测，通风、照明满足作业要求', 'environment',
     '《职业病防治法》', 6),
    (12, '安全警示标志、职业病危害告知卡设置齐全规范', 'environment',
     '《安全生产法》第三十五条；GB 2894-2008', 5),
    (13, '全员安全生产责任制、安全生产规章制度和操作规程健全并落实', 'management',
     '《安全生产法》第四条', 8),
    (14, '双重预防机制有效运行：风险辨识分级管控到位，隐患排查治理形成闭环', 'management',
     '《安全生产法》第四条、第四十一条', 10),
    (15, '应急预案编制、评审和备案完成，按计划组织演练并评估总结', 'management',
     '《安全生产法》第八十一条；《生产安全事故应急预案管理办法》', 6)
  ) AS t
  CROSS JOIN checklist_versions v
  JOIN checklists c ON c.id = v.checklist_id
  WHERE c.code = 'annual_evaluation' AND v.number = 1
  ORDER BY t.column1;

-- 专家诊断式检查表: what a hired expert reviews, unscored.
INSERT INTO checklist_items (version_id, position, text, category, legal_basis, major_hazard)
  SELECT v.id, t.column1, t.column2, t.column3, t.column4, 0
  FROM (VALUES
    (1, '建立健全全员安全生产责任制、安全生产规章制度和岗位操作规程', 'management',
     '《安全生产法》第四条'),
    (2, '按规定设置安全生产管理机构或配备专（兼）职安全生产管理人员', 'management',
     '《安全生产法》第二十四条'),
    (3, '安全生产投入有保障，安全生产费用按规定提取、使用并建立台账', 'management',
     '《安全生产法》第二十三条'),
    (4, '开展安全风险辨识评估，建立风险分级管控清单并落实管控措施', 'management',
     '《安全生产法》第四条、第四十一条'),
    (5, '隐患排查治理记录完整，重大事故隐患按规定报告并整改闭环', 'management',
     '《安全生产法》第四十一条'),
    (6, '生产安全事故应急预案与实际相符，按规定备案并定期组织演练', 'management',
     '《安全生产法》第八十一条；《生产安全事故应急预案管理办法》'),
    (7, '对承包、承租单位审查资质，签订安全生产管理协议，统一协调管理并定期检查', 'management',
     '《安全生产法》第四十九条'),
    (8, '特种设备办理使用登记，定期检验在有效期内，安全附件按期校验', 'machines',
     '《特种设备安全法》第三十三条、第四十条'),
    (9, '安全设备设施经常性维护保养和定期检测有记录，监控报警装置未被关闭或破坏', 'machines',
     '《安全生产法》第三十六条'),
    (10, '新员工三级安全教育、转岗复岗培训落实，培训档案完整', 'people',
     '《安全生产法》第二十八条'),
    (11, '有限空间、配电室、危险物品库房等重点部位经辨识并设置安全警示标志', 'environment',
     '《安全生产法》第三十五条'),
    (12, '危险物品储存、使用建立专门安全管理制度，采取可靠的安全措施', 'materials',
     '《安全生产法》第三十九条')
  ) AS t
  CROSS JOIN checklist_versions v
  JOIN checklists c ON c.id = v.checklist_id
  WHERE c.code = 'expert_diagnosis' AND v.number = 1
  ORDER BY t.column1;

-- 重大事故隐患判定标准（通用部分）: 第三条.
INSERT INTO checklist_items (version_id, position, text, category, legal_basis, major_hazard)
  SELECT v.id, t.column1, t.column2, t.column3, t.column4, 1
  FROM (VALUES
    (1, '未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查',
     'management', '《工贸企业重大事故隐患判定标准》第三条第（一）项'),
    (2, '特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业', 'people',
     '《工贸企业重大事故隐患判定标准》第三条第（二）项'),
    (3, '金属冶炼企业主要负责人、安全生产管理人员未按照规定经考核合格', 'people',
     '《工贸企业重大事故隐患判定标准》第三条第（三）项')
  ) AS t
  CROSS JOIN checklist_versions v
  JOIN checklists c ON c.id = v.checklist_id
  WHERE c.code = 'major_hazard_general' AND v.number = 1
  ORDER BY t.column1;

-- 存在粉尘爆炸危险的工贸企业: 第十一条.
INSERT INTO checklist_items (version_id, position, text, category, legal_basis, major_hazard)
  SELECT v.id, t.column1, t.column2, t.column3, t.column4, 1
  FROM (VALUES
    (1, '粉尘爆炸危险场所设置在非框架结构的多层建（构）筑物内，或者粉尘爆炸危险场所内设有员工宿舍、会议室、办公室、休息室等人员聚集场所',
     'environment', '《工贸企业重大事故隐患判定标准》第十一条第（一）项'),
    (2, '不同类别的可燃性粉尘、可燃性粉尘与可燃气体等易加剧爆炸危险的介质共用一套除尘系统，或者不同建（构）筑物、不同防火分区共用一套除尘系统、除尘系统互联互通',
     'machines', '《工贸企业重大事故隐患判定标准》第十一条第（二）项'),
    (3, '干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施',
     'machines', '《工贸企业重大事故隐患判定标准》第十一条第（三）项'),
    (4, '铝镁等金属粉尘除尘系统采用正压除尘方式，或者其他可燃性粉尘除尘系统采用正压吹送粉尘时，未采取火花探测消除等防范点燃源措施',
     'machines', '《工贸企业重大事故隐患判定标准》第十一条第（四）项'),
    (5, '除尘系统采用重力沉降室除尘，或者采用干式巷道式构筑物作为除尘风道',
     'machines', '《工贸企业重大事故隐患判定标准》第十一条第（五）项'),
    (6, '铝镁等金属粉尘、木质粉尘的干式除尘系统未设置锁气卸灰装置',
     'machines', '《工贸企业重大事故隐患判定标准》第十一条第（六）项'),
    (7, '除尘器、收尘仓等划分为20区的粉尘爆炸危险场所电气设备不符合防爆要求',
     'machines', '《工贸企业重大事故隐患判定标准》第十一条第（七）项'),
    (8, '粉碎、研磨、造粒等易产生机械点燃源的工艺设备前，未设置铁、石等杂物去除装置，或者木制品加工企业与砂光机连接的风管未设置火花探测消除装置',
     'machines', '《工贸企业重大事故隐患判定标准》第十一条第（八）项'),
    (9, '遇湿自燃金属粉尘收集、堆放、储存场所未采取通风等防止氢气积聚措施，或者干式收集、堆放、储存场所未采取防水、防潮措施',
     'materials', '《工贸企业重大事故隐患判定标准》第十一条第（九）项'),
    (10, '未落实粉尘清理制度，造成作业现场积尘严重',
     'management', '《工贸企业重大事故隐患判定标准》第十一条第（十）项')
  ) AS t
  CROSS JOIN checklist_versions v
  JOIN checklists c ON c.id = v.checklist_id
  WHERE c.code = 'major_hazard_dust' AND v.number = 1
  ORDER BY t.column1;

-- 使用液氨制冷的工贸企业: 第十二条.
INSERT INTO checklist_items (version_id, position, text, category, legal_basis, major_hazard)
  SELECT v.id, t.column1, t.column2, t.column3, t.column4, 1
  FROM (VALUES
    (1, '包装、分割、产品整理场所的空调系统采用氨直接蒸发制冷',
     'machines', '《工贸企业重大事故隐患判定标准》第十二条第（一）项'),
    (2, '快速冻结装置未设置在单独的作业间内，或者快速冻结装置作业间内作业人员数量超过9人',
     'environment', '《工贸企业重大事故隐患判定标准》第十二条第（二）项')
  ) AS t
  CROSS JOIN checklist_versions v
  JOIN checklists c ON c.id = v.checklist_id
  WHERE c.code = 'major_hazard_ammonia' AND v.number = 1
  ORDER BY t.column1;

-- 存在硫化氢、一氧化碳等中毒风险的有限空间作业的工贸企业: 第十三条.
INSERT INTO checklist_items (version_id, position, text, category, legal_basis, major_hazard)
  SELECT v.id, t.column1, t.column2, t.column3, t.column4, 1
  FROM (VALUES
    (1, '未对有限空间进行辨识、建立安全管理台账，并且未设置明显的安全警示标志',
     'management', '《工贸企业重大事故隐患判定标准》第十三条第（一）项'),
    (2, '未落实有限空间作业审批，或者未执行“先通风、再检测、后作业”要求，或者作业现场未设置监护人员',
     'management', '《工贸企业重大事故隐患判定标准》第十三条第（二）项')
  ) AS t
  CROSS JOIN checklist_versions v
  JOIN checklists c ON c.id = v.checklist_id
  WHERE c.code = 'major_hazard_confined_space' AND v.number = 1
  ORDER BY t.column1;
