import type { FormItemRule, FormRules } from 'element-plus'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { CreditFacts, CreditRule, CreditSettings, Evaluation, Listing, Measure, RatedEvaluation, Repair } from '@/api/credit'
import type { Role } from '@/api/users'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'
import {
  addMonths,
  appliedRules,
  canRemoveListing,
  capText,
  classLabel,
  classOf,
  classShare,
  classTag,
  creditScore,
  creditSettingsChanges,
  creditSettingsForm,
  creditSettingsRules,
  creditTabs,
  decidedByText,
  defaultListingEnd,
  distributionChartOption,
  emptyEvaluationForm,
  emptyListingForm,
  evaluationActions,
  evaluationChanges,
  evaluationColumnsFor,
  evaluationFormRules,
  evaluationLink,
  creditTabLink,
  factText,
  formatScore,
  formFromEvaluation,
  levelLabel,
  levelOf,
  listingColumnsFor,
  listingRequest,
  listingState,
  newEvaluationFromForm,
  previewOf,
  removalOpen,
  ruleChanges,
  ruleExplanation,
  ruleRow,
  settingsFieldOf,
  standardizationScore,
  statusTag,
  validateCreditSettings,
  validateCutoffs,
  validateEvaluationForm,
  validateListingForm,
  validateReason,
  validateRuleRow,
  validateTerms,
  validateWeights,
  weightSum,
  yearChoices,
  canDecideRepair,
  groupMeasures,
  listingRepairState,
  measureAreaLabel,
  measureChanges,
  measureClassLabel,
  measureClassTag,
  measureRow,
  openRepairOf,
  ratingRepairable,
  repairRequest,
  repairStatusTag,
  validateDecisionNote,
  validateMeasureRow,
  validateRepairForm,
  type EvaluationForm,
} from './data'

// Named keys come back with their parameters, so that tests can see both.
const t = (key: string, named?: Record<string, unknown>) => (named ? `${key} ${JSON.stringify(named)}` : key)

// The real words, for the explanations the pages show.
const zh = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } }).global.t as unknown as typeof t
const english = createI18n({ legacy: false, locale: 'en', messages: { 'zh-CN': zhCN, en } }).global.t as unknown as typeof t

const SETTINGS: CreditSettings = {
  weights: { standardization: 60, safety_culture: 10, participation: 10, commitment: 10, compliance: 10 },
  class_cutoffs: [90, 75, 60],
  level_cutoffs: [90, 75, 60],
  blacklist_years: 3,
  removal_after_months: 12,
  updated_at: '2026-01-01T00:00:00Z',
  version: 4,
}

const RULES: CreditRule[] = [
  { code: 'blacklisted', enabled: true, max_class: 'D', threshold: 0, updated_at: '', version: 1 },
  { code: 'score_points', enabled: true, max_class: 'B', threshold: 10, updated_at: '', version: 2 },
  { code: 'listed_major_hazard', enabled: true, max_class: 'D', threshold: 0, updated_at: '', version: 1 },
  { code: 'concealed_accident', enabled: true, max_class: 'D', threshold: 0, updated_at: '', version: 1 },
]

const FACTS: CreditFacts = { blacklisted: false, points: 10, points_cycle: 2026, listed_major_hazards: 0, concealed_accident: false }

function evaluation(extra: Partial<Evaluation> = {}): Evaluation {
  return {
    id: 5001,
    enterprise_id: 2,
    enterprise_name: '江川市清源建源食品有限公司',
    uscc: '91990102MA000M2MXW',
    region_code: '990102001002',
    year: 2026,
    revision: 1,
    status: 'draft',
    standardization: { points: 940, maximum: 1000, not_applicable: 0 },
    parts: { safety_culture: 94, participation: 96, commitment: 98, compliance: 94 },
    concealed_accident: false,
    note: '',
    final_class: null,
    credit_score: null,
    standardization_level: null,
    prepared_by_name: '安监站 李艳',
    submitted_at: null,
    approved_at: null,
    approved_on: null,
    approved_by_name: '',
    return_reason: '',
    current: false,
    repaired_at: null,
    created_at: '2026-11-29T23:40:46Z',
    updated_at: '2026-11-29T23:40:46Z',
    version: 1,
    ...extra,
  }
}

function filledForm(extra: Partial<EvaluationForm> = {}): EvaluationForm {
  return {
    ...emptyEvaluationForm(2026, 7),
    points: 95,
    parts: { safety_culture: 95, participation: 95, commitment: 95, compliance: 95 },
    ...extra,
  }
}

function listing(extra: Partial<Listing> = {}): Listing {
  return {
    id: 29,
    enterprise_id: 15077,
    enterprise_name: '江川市清源荣达铝业有限公司',
    uscc: '91990102MA458UNP55',
    region_code: '990102104204',
    reason: '提供虚假材料骗取安全生产许可',
    authority: '清源区应急管理局',
    notified_on: '2026-10-08',
    starts_on: '2026-10-15',
    ends_on: '2029-10-15',
    listed: true,
    removal_opens_on: '2027-10-16',
    removed_on: null,
    removal_reason: '',
    decided_by_name: '清源区应急管理局 刘伟',
    unit_region_code: '990102000000',
    created_at: '2026-10-15T02:00:00Z',
    version: 1,
    ...extra,
  }
}

/** Runs an Element Plus rule's validator and hands back its message, or null. */
function check(rules: FormRules, prop: string): string | null {
  const rule = (rules[prop] as FormItemRule[])[0]
  let message: string | null = null
  rule.validator?.(rule, undefined, (error?: string | Error) => {
    message = error ? (error instanceof Error ? error.message : error) : null
  }, {}, {})
  return message
}

describe('the scores', () => {
  it.each<[number | null, number | null, number | null, number | null]>([
    [940, 1000, 0, 94],
    [95, 100, 0, 95],
    [80, 100, 20, 100],
    [2, 3, 0, 66.7],
    [0, 100, 0, 0],
    [100, 100, 0, 100],
    [101, 100, 0, null],
    [81, 100, 20, null],
    [-1, 100, 0, null],
    [50, 0, 0, null],
    [50, 100, 100, null],
    [null, 100, 0, null],
    [50, null, 0, null],
  ])('points %s of %s (not applicable %s) → %s', (points, maximum, notApplicable, expected) => {
    expect(standardizationScore({ points, maximum, not_applicable: notApplicable })).toBe(expected)
  })

  it('takes a missing not-applicable as none', () => {
    expect(standardizationScore({ points: 75, maximum: 100, not_applicable: null })).toBe(75)
  })

  it.each<[number, string | null, string]>([
    [100, '1', 'A'],
    [90, '1', 'A'],
    [89.9, '2', 'B'],
    [75, '2', 'B'],
    [74.9, '3', 'C'],
    [60, '3', 'C'],
    [59.9, null, 'D'],
    [0, null, 'D'],
  ])('%s is level %s and class %s at the cut-offs\' edges', (score, level, grade) => {
    expect(levelOf(score, SETTINGS.level_cutoffs)).toBe(level)
    expect(classOf(score, SETTINGS.class_cutoffs)).toBe(grade)
  })

  it('weighs the parts: 60% standardization and 10% each', () => {
    expect(creditScore(94, { safety_culture: 94, participation: 96, commitment: 98, compliance: 94 }, SETTINGS.weights)).toBe(94.6)
    expect(creditScore(80, { safety_culture: 80, participation: 82, commitment: 84, compliance: 80 }, SETTINGS.weights)).toBe(80.6)
  })

  it('has no credit score while a figure is missing or out of range', () => {
    const parts = { safety_culture: 90, participation: 90, commitment: 90, compliance: 90 }
    expect(creditScore(null, parts, SETTINGS.weights)).toBeNull()
    expect(creditScore(90, { ...parts, compliance: null }, SETTINGS.weights)).toBeNull()
    expect(creditScore(90, { ...parts, compliance: 101 }, SETTINGS.weights)).toBeNull()
  })

  it('previews what a form comes to before the rules', () => {
    expect(previewOf(filledForm(), SETTINGS)).toEqual({ standardization: 95, level: '1', credit: 95, scoreClass: 'A' })
    expect(previewOf(filledForm({ points: 70 }), SETTINGS)).toEqual({ standardization: 70, level: '3', credit: 80, scoreClass: 'B' })
    expect(previewOf(filledForm({ points: 55 }), SETTINGS)).toEqual({ standardization: 55, level: null, credit: 71, scoreClass: 'C' })
    expect(previewOf(filledForm({ points: null }), SETTINGS)).toEqual({ standardization: null, level: null, credit: null, scoreClass: null })
    // Without the settings only the standardization score is known.
    expect(previewOf(filledForm(), null)).toEqual({ standardization: 95, level: null, credit: null, scoreClass: null })
  })

  it('shows scores with one decimal', () => {
    expect(formatScore(94)).toBe('94.0')
    expect(formatScore(66.7)).toBe('66.7')
    expect(formatScore(null)).toBe('')
  })
})

describe('labels', () => {
  it('colours classes and statuses', () => {
    expect([classTag('A'), classTag('B'), classTag('C'), classTag('D'), classTag(null)]).toEqual(['success', 'primary', 'warning', 'danger', 'info'])
    expect([statusTag('draft'), statusTag('submitted'), statusTag('returned'), statusTag('approved')]).toEqual(['info', 'warning', 'danger', 'success'])
  })

  it('names levels and classes', () => {
    expect(levelLabel('1', zh)).toBe('一级')
    expect(levelLabel(null, zh)).toBe('未达等级')
    expect(levelLabel('3', english)).toBe('Level 3')
    expect(classLabel('A', zh)).toBe('A 级')
    expect(classLabel('D', english)).toBe('Class D')
    expect(classLabel(null, zh)).toBe('')
  })

  it('says what a highest class rules out', () => {
    expect(capText('B', zh)).toBe('不得评为 A 级')
    expect(capText('C', zh)).toBe('不得评为 A、B 级')
    expect(capText('D', zh)).toBe('评为 D 级')
    expect(capText('A', zh)).toBe('不限制等级')
    expect(capText('C', english)).toBe('cannot be rated A, B')
  })

  it('says who decided the class', () => {
    expect(decidedByText('score', zh)).toBe('按信用得分评定')
    expect(decidedByText('score_points', zh)).toBe('由规则“记分达到阈值”确定')
    expect(decidedByText('blacklisted', english)).toBe('Set by the rule "Blacklisted"')
  })
})

describe('explaining the applied rules from the facts', () => {
  it('words the points rule with the cycle, the points and the threshold', () => {
    expect(ruleExplanation('score_points', FACTS, RULES[1], zh)).toBe('2026 周期记分 10 分（≥10 分不得评为 A 级）')
    expect(ruleExplanation('score_points', { ...FACTS, points: 12 }, { max_class: 'C', threshold: 8 }, zh)).toBe('2026 周期记分 12 分（≥8 分不得评为 A、B 级）')
    expect(ruleExplanation('score_points', FACTS, RULES[1], english)).toBe('10 points in cycle 2026 (10 or more points: cannot be rated A)')
  })

  it('words the rules that force D', () => {
    expect(ruleExplanation('blacklisted', { ...FACTS, blacklisted: true }, RULES[0], zh)).toBe('已列入安全生产失信黑名单（评为 D 级）')
    expect(ruleExplanation('listed_major_hazard', { ...FACTS, listed_major_hazards: 2 }, RULES[2], zh)).toBe('有 2 项挂牌督办的重大事故隐患尚未验收（评为 D 级）')
    expect(ruleExplanation('concealed_accident', { ...FACTS, concealed_accident: true }, RULES[3], zh)).toBe('考评记录有瞒报、谎报或迟报生产安全事故（评为 D 级）')
  })

  it('gives the fact alone when the rule is not known', () => {
    expect(ruleExplanation('score_points', FACTS, undefined, zh)).toBe('2026 周期记分 10 分')
    expect(factText('listed_major_hazard', { ...FACTS, listed_major_hazards: 1 }, t)).toBe('credit.facts.listed_major_hazard {"count":1}')
  })

  it('lists the applied rules in order and marks the one that decided', () => {
    const result = {
      applied: ['score_points', 'listed_major_hazard'] as const,
      decided_by: 'listed_major_hazard' as const,
      facts: { ...FACTS, listed_major_hazards: 1 },
    }
    const applied = appliedRules({ ...result, applied: [...result.applied] }, RULES, zh)
    expect(applied.map((rule) => [rule.code, rule.decisive])).toEqual([
      ['score_points', false],
      ['listed_major_hazard', true],
    ])
    expect(applied[0].text).toBe('2026 周期记分 10 分（≥10 分不得评为 A 级）')
    expect(appliedRules({ applied: [], decided_by: 'score', facts: FACTS }, RULES, zh)).toEqual([])
  })
})

describe('the workflow buttons', () => {
  const table: [Role | null, Evaluation['status'], boolean, string[]][] = [
    ['station', 'draft', false, ['edit', 'submit']],
    ['station', 'returned', false, ['edit', 'submit']],
    ['station', 'submitted', false, []],
    ['station', 'approved', true, ['revise']],
    ['station', 'approved', false, []],
    ['bureau', 'draft', false, ['edit', 'submit']],
    ['bureau', 'submitted', false, ['approve', 'return']],
    ['bureau', 'approved', true, ['revise']],
    ['admin', 'draft', false, []],
    ['admin', 'submitted', false, ['approve', 'return']],
    ['admin', 'approved', true, []],
    ['grid', 'approved', true, []],
    ['enterprise', 'approved', true, []],
    ['expert', 'submitted', false, []],
    [null, 'draft', false, []],
  ]
  it.each(table)('%s on %s (current %s): %j', (role, status, current, expected) => {
    expect(evaluationActions({ status, current }, role)).toEqual(expected)
  })
})

describe('the evaluation form', () => {
  it('starts on the year with a 100-point maximum and nothing applicable left out', () => {
    expect(emptyEvaluationForm(2026, 7)).toEqual({
      enterprise_id: 7,
      year: 2026,
      points: null,
      maximum: 100,
      not_applicable: 0,
      parts: { safety_culture: null, participation: null, commitment: null, compliance: null },
      concealed_accident: false,
      note: '',
    })
  })

  it('passes a filled form', () => {
    expect(validateEvaluationForm(filledForm(), 2026)).toEqual({})
  })

  it('checks every field as the server does', () => {
    const errors = validateEvaluationForm(
      { ...emptyEvaluationForm(2027, null), points: 120, note: 'x'.repeat(1001), parts: { safety_culture: 101, participation: -1, commitment: null, compliance: 100 } },
      2026,
    )
    expect(errors).toEqual({
      enterprise_id: 'validation.enterprisePick',
      year: 'validation.evaluationYear',
      points: 'validation.standardizationPoints',
      'parts.safety_culture': 'validation.creditPart',
      'parts.participation': 'validation.creditPart',
      'parts.commitment': 'validation.creditPart',
      note: 'validation.textTooLong',
    })
  })

  it('checks the figures against each other', () => {
    expect(validateEvaluationForm(filledForm({ points: 81, not_applicable: 20 }), 2026)).toEqual({ points: 'validation.standardizationPoints' })
    expect(validateEvaluationForm(filledForm({ points: 80, not_applicable: 20 }), 2026)).toEqual({})
    expect(validateEvaluationForm(filledForm({ not_applicable: 100 }), 2026)).toEqual({ not_applicable: 'validation.standardizationNotApplicable' })
    expect(validateEvaluationForm(filledForm({ maximum: 0 }), 2026)).toEqual({ maximum: 'validation.standardizationMaximum' })
    expect(validateEvaluationForm(filledForm({ maximum: 10001, points: 1 }), 2026)).toEqual({ maximum: 'validation.standardizationMaximum' })
    expect(validateEvaluationForm(filledForm({ year: 1999 }), 2026)).toEqual({ year: 'validation.evaluationYear' })
  })

  it('gives the rules their messages with the bounds', () => {
    const form = { ...emptyEvaluationForm(2026, null), maximum: 0, note: 'x'.repeat(1001) }
    const rules = evaluationFormRules(form, () => 2026, t)
    expect(check(rules, 'enterprise_id')).toBe('validation.enterprisePick')
    expect(check(rules, 'maximum')).toBe('validation.standardizationMaximum {"max":10000}')
    expect(check(rules, 'parts.compliance')).toBe('validation.creditPart')
    expect(check(rules, 'note')).toBe('validation.textTooLong {"max":1000}')
    expect(check(rules, 'year')).toBeNull()
  })

  it('sends what the server takes, the note only when given', () => {
    expect(newEvaluationFromForm(filledForm())).toEqual({
      enterprise_id: 7,
      year: 2026,
      standardization: { points: 95, maximum: 100, not_applicable: 0 },
      parts: { safety_culture: 95, participation: 95, commitment: 95, compliance: 95 },
      concealed_accident: false,
    })
    expect(newEvaluationFromForm(filledForm({ note: '  复核  ', concealed_accident: true }))).toMatchObject({ note: '复核', concealed_accident: true })
  })

  it('fills from an evaluation and sends back only what changed', () => {
    const original = evaluation()
    const form = formFromEvaluation(original)
    expect(evaluationChanges(original, form)).toEqual({ version: 1 })
    form.points = 950
    form.parts.compliance = 96
    expect(evaluationChanges(original, form)).toEqual({
      version: 1,
      standardization: { points: 950, maximum: 1000, not_applicable: 0 },
      parts: { safety_culture: 94, participation: 96, commitment: 98, compliance: 96 },
    })
    const other = formFromEvaluation(original)
    other.concealed_accident = true
    other.note = ' 有迟报 '
    expect(evaluationChanges(original, other)).toEqual({ version: 1, concealed_accident: true, note: '有迟报' })
    // The form's parts are its own: changing them leaves the evaluation as it was.
    expect(original.parts.compliance).toBe(94)
  })

  it('asks a reason of 1–500 characters', () => {
    expect(validateReason('  ')).toBe('validation.creditReason')
    expect(validateReason('补充佐证材料')).toBeNull()
    expect(validateReason('字'.repeat(500))).toBeNull()
    expect(validateReason('字'.repeat(501))).toBe('validation.creditReason')
  })
})

describe('the settings', () => {
  const form = () => creditSettingsForm(SETTINGS)

  it('sums the weights', () => {
    expect(weightSum(form().weights)).toBe(100)
    expect(weightSum({ ...form().weights, compliance: null })).toBe(90)
  })

  it('holds standardization at 50% or more and the total at 100%', () => {
    expect(validateWeights(form().weights)).toEqual({ fields: {}, total: null })
    expect(validateWeights({ standardization: 50, safety_culture: 20, participation: 10, commitment: 10, compliance: 10 })).toEqual({ fields: {}, total: null })
    expect(validateWeights({ standardization: 49, safety_culture: 21, participation: 10, commitment: 10, compliance: 10 }).fields).toEqual({
      standardization: 'validation.creditStandardizationWeight',
    })
    expect(validateWeights({ ...form().weights, compliance: 20 })).toEqual({ fields: {}, total: 'validation.creditWeightsSum' })
    expect(validateWeights({ ...form().weights, compliance: 10.5 }).fields).toEqual({ compliance: 'validation.creditWeight' })
    expect(validateWeights({ ...form().weights, commitment: null }).fields).toEqual({ commitment: 'validation.creditWeight' })
    expect(validateWeights({ ...form().weights, standardization: 101 }).fields).toEqual({ standardization: 'validation.creditWeight' })
  })

  it('wants cut-offs above 0, at most 100, each below the one before', () => {
    expect(validateCutoffs([90, 75, 60])).toEqual([null, null, null])
    expect(validateCutoffs([100, 99.9, 0.1])).toEqual([null, null, null])
    expect(validateCutoffs([90, 90, 60])).toEqual([null, 'validation.creditCutoffsOrder', null])
    expect(validateCutoffs([101, 75, 0])).toEqual(['validation.creditCutoff', null, 'validation.creditCutoff'])
    expect(validateCutoffs([90, null, 60])).toEqual([null, 'validation.creditCutoff', null])
  })

  it('wants 1–10 years and fewer months than the term', () => {
    expect(validateTerms({ blacklist_years: 3, removal_after_months: 12 })).toEqual({})
    expect(validateTerms({ blacklist_years: 1, removal_after_months: 11 })).toEqual({})
    expect(validateTerms({ blacklist_years: 1, removal_after_months: 12 })).toEqual({ removal_after_months: 'validation.removalMonths' })
    expect(validateTerms({ blacklist_years: 11, removal_after_months: 12 })).toEqual({ blacklist_years: 'validation.blacklistYears' })
    expect(validateTerms({ blacklist_years: 10, removal_after_months: 121 })).toEqual({ removal_after_months: 'validation.removalMonths' })
    expect(validateTerms({ blacklist_years: null, removal_after_months: 0 })).toEqual({
      blacklist_years: 'validation.blacklistYears',
      removal_after_months: 'validation.removalMonths',
    })
  })

  it('names the form items that are wrong', () => {
    expect(validateCreditSettings(form())).toEqual({})
    const wrong = { ...form(), weights: { ...form().weights, standardization: 40, safety_culture: 30 }, class_cutoffs: [90, 95, 60] as [number, number, number] }
    expect(validateCreditSettings(wrong)).toEqual({ 'weights.standardization': 'validation.creditStandardizationWeight', 'class_cutoffs.1': 'validation.creditCutoffsOrder' })
    const rules = creditSettingsRules(wrong, t)
    expect(check(rules, 'weights.standardization')).toBe('validation.creditStandardizationWeight {"least":50}')
    expect(check(rules, 'class_cutoffs.1')).toBe('validation.creditCutoffsOrder')
    expect(check(rules, 'level_cutoffs.1')).toBeNull()
    const off = { ...form(), weights: { ...form().weights, compliance: 15 } }
    expect(check(creditSettingsRules(off, t), 'weights')).toBe('validation.creditWeightsSum {"sum":105}')
  })

  it('finds the server\'s cut-off fields on the form', () => {
    expect(settingsFieldOf('class_cutoffs[1]')).toBe('class_cutoffs.1')
    expect(settingsFieldOf('weights.standardization')).toBe('weights.standardization')
  })

  it('sends only what changed, the cut-offs as objects', () => {
    expect(creditSettingsChanges(SETTINGS, form())).toBeNull()
    const changed = form()
    changed.weights.standardization = 70
    changed.weights.compliance = 0
    changed.class_cutoffs[0] = 92
    changed.removal_after_months = 18
    expect(creditSettingsChanges(SETTINGS, changed)).toEqual({
      version: 4,
      weights: { standardization: 70, safety_culture: 10, participation: 10, commitment: 10, compliance: 0 },
      class_cutoffs: { A: 92, B: 75, C: 60 },
      removal_after_months: 18,
    })
    const levels = form()
    levels.level_cutoffs = [85, 70, 55]
    levels.blacklist_years = 5
    expect(creditSettingsChanges(SETTINGS, levels)).toEqual({ version: 4, level_cutoffs: { '1': 85, '2': 70, '3': 55 }, blacklist_years: 5 })
  })
})

describe('the rules', () => {
  it('sends only what changed, a threshold only for the points rule', () => {
    const row = ruleRow(RULES[1])
    expect(ruleChanges(RULES[1], row)).toBeNull()
    expect(ruleChanges(RULES[1], { ...row, enabled: false, threshold: 8 })).toEqual({ version: 2, enabled: false, threshold: 8 })
    expect(ruleChanges(RULES[0], { ...ruleRow(RULES[0]), max_class: 'C', threshold: 5 })).toEqual({ version: 1, max_class: 'C' })
  })

  it('wants a threshold of 1–12 points', () => {
    expect(validateRuleRow({ ...ruleRow(RULES[1]), threshold: 12 })).toBeNull()
    expect(validateRuleRow({ ...ruleRow(RULES[1]), threshold: 13 })).toBe('validation.creditRuleThreshold')
    expect(validateRuleRow({ ...ruleRow(RULES[1]), threshold: null })).toBe('validation.creditRuleThreshold')
    expect(validateRuleRow({ ...ruleRow(RULES[0]), threshold: null })).toBeNull()
  })
})

describe('the blacklist', () => {
  const TODAY = '2026-11-30'

  it('tells a listing\'s state on a day', () => {
    expect(listingState(listing(), TODAY)).toBe('listed')
    expect(listingState(listing({ listed: false, removed_on: '2027-11-01' }), TODAY)).toBe('removed')
    expect(listingState(listing({ listed: false, starts_on: '2023-01-01', ends_on: '2026-01-01' }), TODAY)).toBe('ended')
    expect(listingState(listing({ listed: false, starts_on: '2026-12-15', ends_on: '2029-12-15' }), TODAY)).toBe('upcoming')
  })

  it('offers early removal to bureaus and administrators, from the day it opens', () => {
    expect(canRemoveListing(listing(), 'bureau')).toBe(true)
    expect(canRemoveListing(listing(), 'admin')).toBe(true)
    expect(canRemoveListing(listing(), 'station')).toBe(false)
    expect(canRemoveListing(listing({ listed: false }), 'bureau')).toBe(false)
    expect(removalOpen(listing(), TODAY)).toBe(false)
    expect(removalOpen(listing(), '2027-10-15')).toBe(false)
    expect(removalOpen(listing(), '2027-10-16')).toBe(true)
  })

  it('reckons months by the Civil Code: the month\'s last day when it has no such day', () => {
    expect(addMonths('2026-10-15', 36)).toBe('2029-10-15')
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28')
    expect(addMonths('2026-12-31', 12)).toBe('2027-12-31')
    expect(defaultListingEnd('2026-10-15', 3)).toBe('2029-10-15')
  })

  it('checks a listing as the server does', () => {
    expect(validateListingForm({ ...emptyListingForm(TODAY, 7), reason: '拒不执行停产整顿指令', authority: '清源区应急管理局' })).toEqual({})
    expect(validateListingForm(emptyListingForm(TODAY))).toEqual({
      enterprise_id: 'validation.enterprisePick',
      reason: 'validation.creditReason',
      authority: 'validation.listingAuthority',
    })
    const late = { ...emptyListingForm(TODAY, 7), reason: '原因', authority: '机关', notified_on: '2026-12-01', ends_on: TODAY }
    expect(validateListingForm(late)).toEqual({ notified_on: 'validation.listingNotifiedFirst', ends_on: 'validation.listingEndsOn' })
    expect(validateListingForm({ ...late, notified_on: null, starts_on: null, ends_on: null })).toEqual({
      notified_on: 'validation.listingNotifiedOn',
      starts_on: 'validation.listingStartsOn',
    })
  })

  it('sends the listing, its end only when given', () => {
    const form = { ...emptyListingForm(TODAY, 7), reason: ' 原因 ', authority: ' 机关 ' }
    expect(listingRequest(form)).toEqual({ enterprise_id: 7, reason: '原因', authority: '机关', notified_on: TODAY, starts_on: TODAY })
    expect(listingRequest({ ...form, ends_on: '2027-11-30' }).ends_on).toBe('2027-11-30')
  })
})

describe('the distribution', () => {
  const distribution = {
    regions: [
      { region_code: '990102001000', name: '东安街道', classes: { A: 20, B: 77, C: 4, D: 1 }, rated: 102, blacklisted: 0 },
      { region_code: '990102004000', name: '东宁街道', classes: { A: 11, B: 53, C: 1, D: 3 }, rated: 68, blacklisted: 3 },
    ],
  }

  it('stacks the classes per region, the most rated on top', () => {
    const option = distributionChartOption(distribution, zh) as {
      yAxis: { data: string[] }
      series: { name: string; stack: string; data: number[] }[]
    }
    expect(option.yAxis.data).toEqual(['东宁街道', '东安街道'])
    expect(option.series.map((series) => series.name)).toEqual(['A 级', 'B 级', 'C 级', 'D 级'])
    expect(option.series[0].data).toEqual([11, 20])
    expect(new Set(option.series.map((series) => series.stack)).size).toBe(1)
  })

  it('gives a class\'s share of the rated', () => {
    expect(classShare(20, 102)).toBe('20%')
    expect(classShare(0, 0)).toBe('')
  })
})

describe('the page', () => {
  it.each<[Role | null, string[]]>([
    ['admin', ['evaluations', 'distribution', 'blacklist', 'repairs', 'settings']],
    ['bureau', ['evaluations', 'distribution', 'blacklist', 'repairs']],
    ['station', ['evaluations', 'distribution', 'blacklist', 'repairs']],
  ])('%s has the tabs %j', (role, tabs) => {
    expect(creditTabs(role)).toEqual(tabs)
  })

  it('offers this year and the four before', () => {
    expect(yearChoices(2026)).toEqual([2026, 2025, 2024, 2023, 2022])
    expect(yearChoices(2001)).toEqual([2001, 2000])
  })

  it('links an evaluation and an enterprise\'s credit tab', () => {
    expect(evaluationLink(5001)).toEqual({ name: 'credit-evaluation', params: { id: '5001' } })
    expect(creditTabLink(7)).toEqual({ path: '/enterprises/7', query: { tab: 'credit' } })
  })

  it('leaves the enterprise out of its own page\'s tables', () => {
    expect(evaluationColumnsFor({ enterprise: true }).map((column) => column.kind)).toContain('enterprise')
    expect(evaluationColumnsFor({ enterprise: false }).map((column) => column.kind)).not.toContain('region')
    expect(listingColumnsFor({ enterprise: false, actions: false }).map((column) => column.kind)).toEqual(['reason', 'authority', 'period', 'state', 'removal'])
  })

  it('has every label in both languages', () => {
    for (const column of [...evaluationColumnsFor({ enterprise: true }), ...listingColumnsFor({ enterprise: true, actions: true })]) {
      expect(zh(column.label)).not.toBe(column.label)
      expect(english(column.label)).not.toBe(column.label)
    }
  })
})

function repair(extra: Partial<Repair> = {}): Repair {
  return {
    id: 7,
    enterprise_id: 15077,
    enterprise_name: '江川市清源荣达铝业有限公司',
    region_code: '990102104204',
    kind: 'rating',
    evaluation_id: 5001,
    listing_id: null,
    statement: '已整改',
    evidence: '检测报告',
    file_ids: [],
    status: 'applied',
    applied_by_name: '企业 张三',
    decision_note: '',
    decided_by_name: '',
    decided_at: null,
    created_at: '2026-11-30T02:00:00Z',
    version: 1,
    ...extra,
  }
}

function rated(extra: Partial<Evaluation> = {}): RatedEvaluation {
  return { ...evaluation({ status: 'approved', final_class: 'D', current: true, ...extra }), result: {} as RatedEvaluation['result'] }
}

function measure(extra: Partial<Measure> = {}): Measure {
  return { id: 1, credit_class: 'D', area: 'loans', text: '从严审核贷款', enabled: true, updated_at: '', version: 3, ...extra }
}

describe('credit repair', () => {
  it('colours the statuses', () => {
    expect([repairStatusTag('applied'), repairStatusTag('approved'), repairStatusTag('rejected')]).toEqual(['warning', 'success', 'danger'])
  })

  it('finds the application waiting on a rating or a listing', () => {
    const repairs = [repair({ id: 1, status: 'rejected' }), repair({ id: 2 }), repair({ id: 3, kind: 'blacklist', evaluation_id: null, listing_id: 29 })]
    expect(openRepairOf(repairs, 'rating', 5001)?.id).toBe(2)
    expect(openRepairOf(repairs, 'rating', 5002)).toBeNull()
    expect(openRepairOf(repairs, 'blacklist', 29)?.id).toBe(3)
    expect(openRepairOf(repairs.slice(0, 1), 'rating', 5001)).toBeNull()
  })

  it('lets the enterprise repair its current D rating, not repaired, none waiting', () => {
    const card = { rating: rated(), repairs: [] as Repair[] }
    expect(ratingRepairable(card, 'enterprise')).toBe(true)
    expect(ratingRepairable(card, 'bureau')).toBe(false)
    expect(ratingRepairable(card, 'station')).toBe(false)
    expect(ratingRepairable({ ...card, rating: rated({ final_class: 'C' }) }, 'enterprise')).toBe(false)
    expect(ratingRepairable({ ...card, rating: rated({ repaired_at: '2026-12-01T00:00:00Z' }) }, 'enterprise')).toBe(false)
    expect(ratingRepairable({ ...card, repairs: [repair()] }, 'enterprise')).toBe(false)
    expect(ratingRepairable({ ...card, repairs: [repair({ status: 'rejected' })] }, 'enterprise')).toBe(true)
    expect(ratingRepairable({ rating: null, repairs: [] }, 'enterprise')).toBe(false)
    expect(ratingRepairable(null, 'enterprise')).toBe(false)
  })

  it('opens a listing\'s repair to the enterprise from the day early removal opens', () => {
    const item = listing()
    expect(listingRepairState(item, [], 'enterprise', '2027-10-15')).toBe('early')
    expect(listingRepairState(item, [], 'enterprise', '2027-10-16')).toBe('ready')
    expect(listingRepairState(item, [repair({ kind: 'blacklist', evaluation_id: null, listing_id: 29 })], 'enterprise', '2027-10-16')).toBe('pending')
    expect(listingRepairState(listing({ listed: false }), [], 'enterprise', '2027-10-16')).toBe('hidden')
    expect(listingRepairState(item, [], 'bureau', '2027-10-16')).toBe('hidden')
  })

  it('lets bureaus and administrators decide an open application', () => {
    expect(canDecideRepair(repair(), 'bureau')).toBe(true)
    expect(canDecideRepair(repair(), 'admin')).toBe(true)
    expect(canDecideRepair(repair(), 'station')).toBe(false)
    expect(canDecideRepair(repair(), 'enterprise')).toBe(false)
    expect(canDecideRepair(repair({ status: 'approved' }), 'bureau')).toBe(false)
  })

  it('checks the application\'s statement and evidence', () => {
    expect(validateRepairForm({ statement: '已整改', evidence: '报告' })).toEqual({})
    expect(validateRepairForm({ statement: '  ', evidence: '' })).toEqual({ statement: 'validation.repairStatement', evidence: 'validation.repairEvidence' })
    expect(validateRepairForm({ statement: '字'.repeat(1000), evidence: '字'.repeat(2000) })).toEqual({})
    expect(validateRepairForm({ statement: '字'.repeat(1001), evidence: '字'.repeat(2001) })).toEqual({ statement: 'validation.repairStatement', evidence: 'validation.repairEvidence' })
  })

  it('builds the request for a rating or a listing, files only when there are some', () => {
    const form = { statement: ' 已整改 ', evidence: ' 报告 ' }
    expect(repairRequest({ kind: 'rating', id: 5001, year: 2026 }, form, [])).toEqual({ kind: 'rating', evaluation_id: 5001, statement: '已整改', evidence: '报告' })
    expect(repairRequest({ kind: 'blacklist', id: 29, opensOn: '2027-10-16' }, form, [3, 4])).toEqual({
      kind: 'blacklist',
      listing_id: 29,
      statement: '已整改',
      evidence: '报告',
      file_ids: [3, 4],
    })
  })

  it('needs a note to reject, not to approve', () => {
    expect(validateDecisionNote(true, '')).toBeNull()
    expect(validateDecisionNote(false, '  ')).toBe('validation.repairNote')
    expect(validateDecisionNote(false, '证明不足')).toBeNull()
    expect(validateDecisionNote(true, '字'.repeat(501))).toBe('validation.repairNote')
  })
})

describe('measures', () => {
  it('names classes, the blacklist and areas', () => {
    expect(measureClassLabel('blacklist', zh)).toBe('黑名单')
    expect(measureClassLabel('A', zh)).toBe('A 级')
    expect(measureClassLabel('blacklist', english)).toBe('Blacklist')
    expect(measureAreaLabel('electricity', zh)).toBe('用电')
    expect(measureAreaLabel('awards', english)).toBe('Awards and honours')
    expect([measureClassTag('A'), measureClassTag('D'), measureClassTag('blacklist')]).toEqual(['success', 'danger', 'danger'])
  })

  it('groups by area in the areas\' order, leaving out the empty', () => {
    const groups = groupMeasures([measure({ id: 1, area: 'tax' }), measure({ id: 2, area: 'awards' }), measure({ id: 3, area: 'tax', credit_class: 'blacklist' })])
    expect(groups.map((group) => [group.area, group.items.map((item) => item.id)])).toEqual([
      ['awards', [2]],
      ['tax', [1, 3]],
    ])
    expect(groupMeasures([])).toEqual([])
  })

  it('sends only what changed, with the version seen', () => {
    const item = measure()
    expect(measureChanges(item, measureRow(item))).toBeNull()
    expect(measureChanges(item, { text: ' 从严审核贷款 ', enabled: true })).toBeNull()
    expect(measureChanges(item, { text: '暂停贷款', enabled: false })).toEqual({ version: 3, text: '暂停贷款', enabled: false })
    expect(measureChanges(item, { text: item.text, enabled: false })).toEqual({ version: 3, enabled: false })
  })

  it('keeps a measure\'s text to 1–200 characters', () => {
    expect(validateMeasureRow({ text: '字'.repeat(200), enabled: true })).toBeNull()
    expect(validateMeasureRow({ text: '字'.repeat(201), enabled: true })).toBe('validation.measureText')
    expect(validateMeasureRow({ text: ' ', enabled: true })).toBe('validation.measureText')
  })
})
