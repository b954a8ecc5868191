// The credit pages (信用管理): the scores of one evaluation and its two results as the server
// computes them (credit_rules.cpp), the words for each rule that held a class down, the workflow's
// buttons by role and status, the forms (evaluation, settings, rules, blacklist) with the server's
// checks, the distribution's chart, and the page's tabs.
import type { FormRules } from 'element-plus'
import type { EChartsCoreOption } from '@/charts'
import {
  CREDIT_CLASSES,
  CREDIT_PARTS,
  type CreditClass,
  type CreditFacts,
  type CreditPart,
  type CreditRule,
  type CreditRuleChanges,
  type CreditRuleCode,
  type CreditSettings,
  type CreditSettingsChanges,
  type CreditWeights,
  type Distribution,
  type Evaluation,
  type EvaluationChanges,
  type EvaluationResult,
  type EvaluationStatus,
  type Listing,
  type NewEvaluation,
  type NewListing,
  type StandardizationLevel,
  MEASURE_AREAS,
  type EnterpriseCredit,
  type Measure,
  type MeasureArea,
  type MeasureChanges,
  type MeasureClass,
  type NewRepair,
  type Repair,
  type RepairKind,
  type RepairStatus,
} from '@/api/credit'
import type { Role } from '@/api/users'
import { canApplyRepairs, canApproveEvaluations, canDecideRepairs, canManageBlacklist, canManageCredit, canPrepareEvaluations } from '@/router/access'
import { codePoints } from '@/utils/validation'
import { rulesOf } from '@/views/scoring/data'

type Translate = (key: string, named?: Record<string, unknown>) => string
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** The most code points of an evaluation's note, of a return's or removal's reason, of an authority. */
export const MAX_NOTE = 1000
export const MAX_REASON = 500
export const MAX_AUTHORITY = 100
/** The most points or maximum of a standardization self-assessment (the server's bound). */
export const MAX_STANDARDIZATION_POINTS = 10000
/** The least weight of standardization in the credit score, in percent. */
export const LEAST_STANDARDIZATION_WEIGHT = 50
export const MAX_BLACKLIST_YEARS = 10
export const MAX_REMOVAL_MONTHS = 120
/** The first year an evaluation may be of, and how many years back the selectors offer. */
export const FIRST_YEAR = 2000
export const YEAR_CHOICES = 5

// ---- Years

/** The years a selector offers: this one and the few before it, newest first. */
export function yearChoices(current: number, count = YEAR_CHOICES): number[] {
  return Array.from({ length: count }, (_, i) => current - i).filter((year) => year >= FIRST_YEAR)
}

// ---- The scores (credit::StandardizationScore, LevelOf, ClassOf, CreditScore)

function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10
}

/** A score as shown: one decimal ("94.0"); empty when there is none. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined || !Number.isFinite(score) ? '' : score.toFixed(1)
}

export interface StandardizationFigures {
  points: number | null
  maximum: number | null
  not_applicable: number | null
}

/** points ÷ (maximum − not applicable) × 100, one decimal; null while the figures do not make one. */
export function standardizationScore(s: StandardizationFigures): number | null {
  const notApplicable = s.not_applicable ?? 0
  if (s.points === null || s.maximum === null || s.maximum <= 0 || notApplicable < 0 || notApplicable >= s.maximum) return null
  if (s.points < 0 || s.points > s.maximum - notApplicable) return null
  return oneDecimal((s.points / (s.maximum - notApplicable)) * 100)
}

function byCutoffs<T>(score: number, cutoffs: readonly number[], names: readonly T[], below: T): T {
  for (let i = 0; i < cutoffs.length; i += 1) if (score >= cutoffs[i]) return names[i]
  return below
}

/** Level "1"–"3" by the level cut-offs; null below level 3. */
export function levelOf(score: number, cutoffs: readonly number[]): StandardizationLevel | null {
  return byCutoffs<StandardizationLevel | null>(score, cutoffs, ['1', '2', '3'], null)
}

/** The class by the score alone: A, B, C by the cut-offs, D below them. */
export function classOf(score: number, cutoffs: readonly number[]): CreditClass {
  return byCutoffs<CreditClass>(score, cutoffs, ['A', 'B', 'C'], 'D')
}

/** w₀ × standardization + Σ wᵢ × partᵢ (weights in percent), one decimal; null while a figure is missing. */
export function creditScore(standardization: number | null, parts: Record<CreditPart, number | null>, weights: CreditWeights): number | null {
  if (standardization === null) return null
  let sum = weights.standardization * standardization
  for (const part of CREDIT_PARTS) {
    const score = parts[part]
    if (score === null || score < 0 || score > 100) return null
    sum += weights[part] * score
  }
  return oneDecimal(sum / 100)
}

/** What the form's figures come to before saving: the scores and the class by the score (the rules come after). */
export interface Preview {
  standardization: number | null
  level: StandardizationLevel | null
  credit: number | null
  scoreClass: CreditClass | null
}

export function previewOf(form: Pick<EvaluationForm, 'points' | 'maximum' | 'not_applicable' | 'parts'>, settings: CreditSettings | null): Preview {
  const standardization = standardizationScore(form)
  const level = standardization !== null && settings ? levelOf(standardization, settings.level_cutoffs) : null
  const credit = settings ? creditScore(standardization, form.parts, settings.weights) : null
  return { standardization, level, credit, scoreClass: credit !== null && settings ? classOf(credit, settings.class_cutoffs) : null }
}

// ---- Labels

export function classTag(value: CreditClass | null | undefined): TagType {
  switch (value) {
    case 'A':
      return 'success'
    case 'B':
      return 'primary'
    case 'C':
      return 'warning'
    case 'D':
      return 'danger'
    default:
      return 'info'
  }
}

export function statusTag(status: EvaluationStatus): TagType {
  switch (status) {
    case 'draft':
      return 'info'
    case 'submitted':
      return 'warning'
    case 'returned':
      return 'danger'
    case 'approved':
      return 'success'
  }
}

/** "一级" … "三级", or "未达等级" below level 3. */
export function levelLabel(level: StandardizationLevel | null | undefined, t: Translate): string {
  return level ? t(`credit.levels.${level}`) : t('credit.levels.none')
}

/** "A 级"; an empty text when there is no class yet. */
export function classLabel(value: CreditClass | null | undefined, t: Translate): string {
  return value ? t('credit.classValue', { class: value }) : ''
}

/** What the classes better than `maxClass` come to: "不得评为 A 级", "不得评为 A、B 级", "评为 D 级". */
export function capText(maxClass: CreditClass, t: Translate): string {
  const better = CREDIT_CLASSES.slice(0, CREDIT_CLASSES.indexOf(maxClass))
  if (better.length === 0) return t('credit.cap.none')
  if (maxClass === 'D') return t('credit.cap.d')
  return t('credit.cap.notAbove', { classes: better.join(t('credit.classSeparator')) })
}

/** The fact a rule looked at, in words: "2026 周期记分 10 分". */
export function factText(code: CreditRuleCode, facts: CreditFacts, t: Translate): string {
  switch (code) {
    case 'blacklisted':
      return t('credit.facts.blacklisted')
    case 'score_points':
      return t('credit.facts.score_points', { cycle: facts.points_cycle, points: facts.points })
    case 'listed_major_hazard':
      return t('credit.facts.listed_major_hazard', { count: facts.listed_major_hazards })
    case 'concealed_accident':
      return t('credit.facts.concealed_accident')
  }
}

/**
 * An applied rule explained from the facts, with what it does to the class when the rule is known:
 * "2026 周期记分 10 分（≥10 分不得评为 A 级）".
 */
export function ruleExplanation(code: CreditRuleCode, facts: CreditFacts, rule: Pick<CreditRule, 'max_class' | 'threshold'> | null | undefined, t: Translate): string {
  const fact = factText(code, facts, t)
  if (!rule) return fact
  const cap = capText(rule.max_class, t)
  const condition = code === 'score_points' ? t('credit.explain.atLeast', { threshold: rule.threshold, cap }) : cap
  return t('credit.explain.withCap', { fact, cap: condition })
}

export interface AppliedRule {
  code: CreditRuleCode
  text: string
  /** The rule that set the final class. */
  decisive: boolean
}

/** Each applied rule in rule order, explained, the deciding one marked. */
export function appliedRules(result: Pick<EvaluationResult, 'applied' | 'decided_by' | 'facts'>, rules: readonly CreditRule[], t: Translate): AppliedRule[] {
  return result.applied.map((code) => ({
    code,
    text: ruleExplanation(code, result.facts, rules.find((rule) => rule.code === code), t),
    decisive: result.decided_by === code,
  }))
}

/** "按信用得分评定", or "由规则「本周期记分达到阈值」确定". */
export function decidedByText(decidedBy: EvaluationResult['decided_by'], t: Translate): string {
  return decidedBy === 'score' ? t('credit.decidedByScore') : t('credit.decidedByRule', { rule: t(`credit.rules.names.${decidedBy}`) })
}

// ---- The workflow (credit::MayAct)

export type EvaluationAction = 'edit' | 'submit' | 'approve' | 'return' | 'revise'

/**
 * The buttons an evaluation shows: a station or bureau edits and submits a draft or returned one;
 * a bureau or administrator approves or returns a submitted one; an approved one that stands is
 * changed by a new revision, prepared like a new evaluation.
 */
export function evaluationActions(evaluation: Pick<Evaluation, 'status' | 'current'>, role: Role | null | undefined): EvaluationAction[] {
  const actions: EvaluationAction[] = []
  const preparer = canPrepareEvaluations(role)
  if (preparer && (evaluation.status === 'draft' || evaluation.status === 'returned')) actions.push('edit', 'submit')
  if (canApproveEvaluations(role) && evaluation.status === 'submitted') actions.push('approve', 'return')
  if (preparer && evaluation.status === 'approved' && evaluation.current) actions.push('revise')
  return actions
}

// ---- The evaluation's form

export interface EvaluationForm {
  enterprise_id: number | null
  year: number | null
  points: number | null
  maximum: number | null
  not_applicable: number | null
  parts: Record<CreditPart, number | null>
  concealed_accident: boolean
  note: string
}

export type PartField = `parts.${CreditPart}`
export type EvaluationField = 'enterprise_id' | 'year' | 'points' | 'maximum' | 'not_applicable' | PartField | 'note'

export function partField(part: CreditPart): PartField {
  return `parts.${part}`
}

export function emptyEvaluationForm(year: number, enterpriseId: number | null = null): EvaluationForm {
  return {
    enterprise_id: enterpriseId,
    year,
    points: null,
    maximum: 100,
    not_applicable: 0,
    parts: { safety_culture: null, participation: null, commitment: null, compliance: null },
    concealed_accident: false,
    note: '',
  }
}

export function formFromEvaluation(evaluation: Evaluation): EvaluationForm {
  return {
    enterprise_id: evaluation.enterprise_id,
    year: evaluation.year,
    points: evaluation.standardization.points,
    maximum: evaluation.standardization.maximum,
    not_applicable: evaluation.standardization.not_applicable,
    parts: { ...evaluation.parts },
    concealed_accident: evaluation.concealed_accident,
    note: evaluation.note,
  }
}

function inRange(value: number | null, least: number, most: number): value is number {
  return value !== null && Number.isFinite(value) && value >= least && value <= most
}

/** The server's checks of an evaluation: the enterprise, a year up to this one, figures that make a score, parts 0–100. */
export function validateEvaluationForm(form: EvaluationForm, currentYear: number): Partial<Record<EvaluationField, string>> {
  const errors: Partial<Record<EvaluationField, string>> = {}
  if (form.enterprise_id === null) errors.enterprise_id = 'validation.enterprisePick'
  if (form.year === null || !Number.isInteger(form.year) || form.year < FIRST_YEAR || form.year > currentYear) errors.year = 'validation.evaluationYear'
  const maximumOk = inRange(form.maximum, 0, MAX_STANDARDIZATION_POINTS) && form.maximum > 0
  if (!maximumOk) errors.maximum = 'validation.standardizationMaximum'
  const notApplicable = form.not_applicable ?? 0
  const notApplicableOk = inRange(notApplicable, 0, MAX_STANDARDIZATION_POINTS) && (!maximumOk || notApplicable < (form.maximum ?? 0))
  if (!notApplicableOk) errors.not_applicable = 'validation.standardizationNotApplicable'
  if (!inRange(form.points, 0, MAX_STANDARDIZATION_POINTS) || (maximumOk && notApplicableOk && form.points > (form.maximum ?? 0) - notApplicable)) {
    errors.points = 'validation.standardizationPoints'
  }
  for (const part of CREDIT_PARTS) if (!inRange(form.parts[part], 0, 100)) errors[partField(part)] = 'validation.creditPart'
  if (codePoints(form.note.trim()) > MAX_NOTE) errors.note = 'validation.textTooLong'
  return errors
}

/** The figures as the server takes them (missing ones as 0: the form's checks keep them from going out). */
function standardizationOf(form: EvaluationForm) {
  return { points: form.points ?? 0, maximum: form.maximum ?? 0, not_applicable: form.not_applicable ?? 0 }
}

function partsOf(form: EvaluationForm): Record<CreditPart, number> {
  return { safety_culture: form.parts.safety_culture ?? 0, participation: form.parts.participation ?? 0, commitment: form.parts.commitment ?? 0, compliance: form.parts.compliance ?? 0 }
}

export function newEvaluationFromForm(form: EvaluationForm): NewEvaluation {
  const evaluation: NewEvaluation = {
    enterprise_id: form.enterprise_id ?? 0,
    year: form.year ?? 0,
    standardization: standardizationOf(form),
    parts: partsOf(form),
    concealed_accident: form.concealed_accident,
  }
  const note = form.note.trim()
  if (note) evaluation.note = note
  return evaluation
}

/** The version seen and what changed: the three figures together, the four parts together. */
export function evaluationChanges(original: Evaluation, form: EvaluationForm): EvaluationChanges {
  const changes: EvaluationChanges = { version: original.version }
  const standardization = standardizationOf(form)
  const before = original.standardization
  if (standardization.points !== before.points || standardization.maximum !== before.maximum || standardization.not_applicable !== before.not_applicable) {
    changes.standardization = standardization
  }
  const parts = partsOf(form)
  if (CREDIT_PARTS.some((part) => parts[part] !== original.parts[part])) changes.parts = parts
  if (form.concealed_accident !== original.concealed_accident) changes.concealed_accident = form.concealed_accident
  const note = form.note.trim()
  if (note !== original.note) changes.note = note
  return changes
}

export function evaluationFormRules(form: EvaluationForm, currentYear: () => number, t: Translate): FormRules {
  return rulesOf<EvaluationField>(
    [
      ['enterprise_id', 'change'],
      ['year', 'change'],
      ['points', 'change'],
      ['maximum', 'change'],
      ['not_applicable', 'change'],
      ...CREDIT_PARTS.map((part): [EvaluationField, 'change'] => [partField(part), 'change']),
      ['note', 'blur'],
    ],
    () => validateEvaluationForm(form, currentYear()),
    { maximum: { max: MAX_STANDARDIZATION_POINTS }, note: { max: MAX_NOTE } },
    t,
  )
}

// ---- A reason (returning an evaluation, removing a listing early)

/** 1–500 characters. */
export function validateReason(text: string): string | null {
  const length = codePoints(text.trim())
  return length === 0 || length > MAX_REASON ? 'validation.creditReason' : null
}

// ---- The settings

export const WEIGHT_KEYS = ['standardization', ...CREDIT_PARTS] as const
export type WeightKey = (typeof WEIGHT_KEYS)[number]

type Cutoffs = [number | null, number | null, number | null]

export interface CreditSettingsForm {
  weights: Record<WeightKey, number | null>
  class_cutoffs: Cutoffs
  level_cutoffs: Cutoffs
  blacklist_years: number | null
  removal_after_months: number | null
}

export function creditSettingsForm(settings: CreditSettings): CreditSettingsForm {
  return {
    weights: { ...settings.weights },
    class_cutoffs: [...settings.class_cutoffs],
    level_cutoffs: [...settings.level_cutoffs],
    blacklist_years: settings.blacklist_years,
    removal_after_months: settings.removal_after_months,
  }
}

/** The weights' total, counting a missing one as 0. */
export function weightSum(weights: Record<WeightKey, number | null>): number {
  return WEIGHT_KEYS.reduce((sum, key) => sum + (weights[key] ?? 0), 0)
}

export interface WeightErrors {
  fields: Partial<Record<WeightKey, string>>
  /** About the weights together: they must come to 100. */
  total: string | null
}

/** credit::ValidateSettings on the weights: whole percent 0–100, standardization at least 50, 100 in all. */
export function validateWeights(weights: Record<WeightKey, number | null>): WeightErrors {
  const errors: WeightErrors = { fields: {}, total: null }
  for (const key of WEIGHT_KEYS) {
    const value = weights[key]
    if (value === null || !Number.isInteger(value) || value < 0 || value > 100) errors.fields[key] = 'validation.creditWeight'
    else if (key === 'standardization' && value < LEAST_STANDARDIZATION_WEIGHT) errors.fields[key] = 'validation.creditStandardizationWeight'
  }
  if (Object.keys(errors.fields).length === 0 && weightSum(weights) !== 100) errors.total = 'validation.creditWeightsSum'
  return errors
}

/** Each cut-off above 0 and at most 100, each below the one before; the i18n key per position, or null. */
export function validateCutoffs(cutoffs: Cutoffs): (string | null)[] {
  return cutoffs.map((value, i) => {
    if (value === null || !Number.isFinite(value) || value <= 0 || value > 100) return 'validation.creditCutoff'
    const before = i > 0 ? cutoffs[i - 1] : null
    return before !== null && value >= before ? 'validation.creditCutoffsOrder' : null
  })
}

/** Listing lasts 1–10 years; early removal opens after 1–120 months, before the listing's end. */
export function validateTerms(form: Pick<CreditSettingsForm, 'blacklist_years' | 'removal_after_months'>): { blacklist_years?: string; removal_after_months?: string } {
  const errors: { blacklist_years?: string; removal_after_months?: string } = {}
  const years = form.blacklist_years
  const yearsOk = years !== null && Number.isInteger(years) && years >= 1 && years <= MAX_BLACKLIST_YEARS
  if (!yearsOk) errors.blacklist_years = 'validation.blacklistYears'
  const months = form.removal_after_months
  if (months === null || !Number.isInteger(months) || months < 1 || months > MAX_REMOVAL_MONTHS || (yearsOk && months >= years * 12)) {
    errors.removal_after_months = 'validation.removalMonths'
  }
  return errors
}

/** The form item props of the settings and their messages (i18n keys). */
export function validateCreditSettings(form: CreditSettingsForm): Record<string, string> {
  const errors: Record<string, string> = {}
  const weights = validateWeights(form.weights)
  for (const [key, message] of Object.entries(weights.fields)) errors[`weights.${key}`] = message
  if (weights.total) errors.weights = weights.total
  for (const name of ['class_cutoffs', 'level_cutoffs'] as const) {
    validateCutoffs(form[name]).forEach((message, i) => {
      if (message) errors[`${name}.${i}`] = message
    })
  }
  Object.assign(errors, validateTerms(form))
  return errors
}

/** Where the server names a cut-off ("class_cutoffs[1]") as the form names it ("class_cutoffs.1"). */
export function settingsFieldOf(serverField: string): string {
  return serverField.replace(/\[(\d)\]/, '.$1')
}

/** The version seen and what changed, the cut-offs as the PATCH takes them; null when nothing did. */
export function creditSettingsChanges(settings: CreditSettings, form: CreditSettingsForm): CreditSettingsChanges | null {
  const changes: CreditSettingsChanges = { version: settings.version }
  if (WEIGHT_KEYS.some((key) => form.weights[key] !== settings.weights[key])) {
    changes.weights = {
      standardization: form.weights.standardization ?? 0,
      safety_culture: form.weights.safety_culture ?? 0,
      participation: form.weights.participation ?? 0,
      commitment: form.weights.commitment ?? 0,
      compliance: form.weights.compliance ?? 0,
    }
  }
  const [a, b, c] = form.class_cutoffs.map((value) => value ?? 0)
  if (form.class_cutoffs.some((value, i) => value !== settings.class_cutoffs[i])) changes.class_cutoffs = { A: a, B: b, C: c }
  const [one, two, three] = form.level_cutoffs.map((value) => value ?? 0)
  if (form.level_cutoffs.some((value, i) => value !== settings.level_cutoffs[i])) changes.level_cutoffs = { '1': one, '2': two, '3': three }
  if (form.blacklist_years !== settings.blacklist_years) changes.blacklist_years = form.blacklist_years ?? 0
  if (form.removal_after_months !== settings.removal_after_months) changes.removal_after_months = form.removal_after_months ?? 0
  return Object.keys(changes).length > 1 ? changes : null
}

export function creditSettingsRules(form: CreditSettingsForm, t: Translate): FormRules {
  const props = [
    ...WEIGHT_KEYS.map((key) => `weights.${key}`),
    'weights',
    ...[0, 1, 2].flatMap((i) => [`class_cutoffs.${i}`, `level_cutoffs.${i}`]),
    'blacklist_years',
    'removal_after_months',
  ]
  return rulesOf<string>(
    props.map((prop): [string, 'change'] => [prop, 'change']),
    () => validateCreditSettings(form),
    {
      weights: { sum: weightSum(form.weights) },
      'weights.standardization': { least: LEAST_STANDARDIZATION_WEIGHT },
      blacklist_years: { max: MAX_BLACKLIST_YEARS },
      removal_after_months: { max: MAX_REMOVAL_MONTHS },
    },
    t,
  )
}

// ---- The rules

export interface RuleRow {
  code: CreditRuleCode
  enabled: boolean
  max_class: CreditClass
  threshold: number | null
}

export function ruleRow(rule: CreditRule): RuleRow {
  return { code: rule.code, enabled: rule.enabled, max_class: rule.max_class, threshold: rule.threshold }
}

/** Only score_points has a threshold: 1–12 points (credit::ValidateRule). */
export function hasThreshold(code: CreditRuleCode): boolean {
  return code === 'score_points'
}

export function validateRuleRow(row: RuleRow): string | null {
  if (!hasThreshold(row.code)) return null
  const value = row.threshold
  return value === null || !Number.isInteger(value) || value < 1 || value > 12 ? 'validation.creditRuleThreshold' : null
}

/** The version seen and what changed; null when nothing did. */
export function ruleChanges(rule: CreditRule, row: RuleRow): CreditRuleChanges | null {
  const changes: CreditRuleChanges = { version: rule.version }
  if (row.enabled !== rule.enabled) changes.enabled = row.enabled
  if (row.max_class !== rule.max_class) changes.max_class = row.max_class
  if (hasThreshold(rule.code) && row.threshold !== rule.threshold) changes.threshold = row.threshold ?? 0
  return Object.keys(changes).length > 1 ? changes : null
}

// ---- The blacklist

/** listed, ended, removed as the server filters them; upcoming: decided, not begun yet. */
export type ListingState = 'listed' | 'ended' | 'removed' | 'upcoming'

export function listingState(listing: Pick<Listing, 'listed' | 'removed_on' | 'ends_on'>, today: string): ListingState {
  if (listing.removed_on) return 'removed'
  if (listing.listed) return 'listed'
  return listing.ends_on < today ? 'ended' : 'upcoming'
}

export function listingStateTag(state: ListingState): TagType {
  switch (state) {
    case 'listed':
      return 'danger'
    case 'upcoming':
      return 'warning'
    case 'ended':
      return 'info'
    case 'removed':
      return 'success'
  }
}

/** Whether the early removal button shows: bureaus and administrators, for a listing in force. */
export function canRemoveListing(listing: Pick<Listing, 'listed'>, role: Role | null | undefined): boolean {
  return canManageBlacklist(role) && listing.listed
}

/** Whether early removal may be applied for on `today` (422 removal_too_early before). */
export function removalOpen(listing: Pick<Listing, 'removal_opens_on'>, today: string): boolean {
  return listing.removal_opens_on <= today
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The day `months` after `day`, by the Civil Code: the corresponding day, or the month's last when it has none. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number)
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  const d = Math.min(date, daysInMonth(y, m))
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Where a listing ends when no end is given: the settings' years from its start (credit::ListingEnds). */
export function defaultListingEnd(startsOn: string, years: number): string {
  return addMonths(startsOn, years * 12)
}

export interface ListingForm {
  enterprise_id: number | null
  reason: string
  authority: string
  notified_on: string | null
  starts_on: string | null
  /** Empty: the settings' years. */
  ends_on: string | null
}

export type ListingField = keyof ListingForm

export function emptyListingForm(today: string, enterpriseId: number | null = null): ListingForm {
  return { enterprise_id: enterpriseId, reason: '', authority: '', notified_on: today, starts_on: today, ends_on: null }
}

/** credit::ValidateListing: a reason and an authority, the party notified first, an end after the start. */
export function validateListingForm(form: ListingForm): Partial<Record<ListingField, string>> {
  const errors: Partial<Record<ListingField, string>> = {}
  if (form.enterprise_id === null) errors.enterprise_id = 'validation.enterprisePick'
  const reason = codePoints(form.reason.trim())
  if (reason === 0 || reason > MAX_REASON) errors.reason = 'validation.creditReason'
  const authority = codePoints(form.authority.trim())
  if (authority === 0 || authority > MAX_AUTHORITY) errors.authority = 'validation.listingAuthority'
  if (!form.notified_on) errors.notified_on = 'validation.listingNotifiedOn'
  if (!form.starts_on) errors.starts_on = 'validation.listingStartsOn'
  if (form.notified_on && form.starts_on && form.notified_on > form.starts_on) errors.notified_on = 'validation.listingNotifiedFirst'
  if (form.ends_on && form.starts_on && form.ends_on <= form.starts_on) errors.ends_on = 'validation.listingEndsOn'
  return errors
}

export function listingRequest(form: ListingForm): NewListing {
  const listing: NewListing = {
    enterprise_id: form.enterprise_id ?? 0,
    reason: form.reason.trim(),
    authority: form.authority.trim(),
    notified_on: form.notified_on ?? '',
    starts_on: form.starts_on ?? '',
  }
  if (form.ends_on) listing.ends_on = form.ends_on
  return listing
}

export function listingFormRules(form: ListingForm, t: Translate): FormRules {
  return rulesOf<ListingField>(
    [
      ['enterprise_id', 'change'],
      ['reason', 'blur'],
      ['authority', 'blur'],
      ['notified_on', 'change'],
      ['starts_on', 'change'],
      ['ends_on', 'change'],
    ],
    () => validateListingForm(form),
    { reason: { max: MAX_REASON }, authority: { max: MAX_AUTHORITY } },
    t,
  )
}

// ---- The distribution

const CLASS_COLORS: Record<CreditClass, string> = {
  A: '#67c23a',
  B: '#409eff',
  C: '#e6a23c',
  D: '#f56c6c',
}

export function classColor(value: CreditClass): string {
  return CLASS_COLORS[value]
}

/** A class's share of the rated, in whole percent ("15%"); empty when none were rated. */
export function classShare(count: number, rated: number): string {
  return rated > 0 ? `${Math.round((count * 100) / rated)}%` : ''
}

/** The regions' classes as stacked horizontal bars, the most rated at the top. */
export function distributionChartOption(distribution: Pick<Distribution, 'regions'>, t: Translate): EChartsCoreOption {
  // A horizontal category axis draws its first entry at the bottom.
  const rows = [...distribution.regions].sort((a, b) => a.rated - b.rated || b.name.localeCompare(a.name))
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((row) => row.name || row.region_code) },
    series: CREDIT_CLASSES.map((value) => ({
      name: classLabel(value, t),
      type: 'bar',
      stack: 'classes',
      data: rows.map((row) => row.classes[value]),
      itemStyle: { color: CLASS_COLORS[value] },
    })),
  }
}

/** The height the bars need: a row per region, at least a chart's usual height. */
export function distributionChartHeight(regions: number): string {
  return `${Math.max(280, 60 + regions * 32)}px`
}

// ---- Links

export function evaluationLink(id: number): { name: 'credit-evaluation'; params: { id: string } } {
  return { name: 'credit-evaluation', params: { id: String(id) } }
}

/** The 信用 tab of an enterprise's page. */
export function creditTabLink(enterpriseId: number): { path: string; query: { tab: 'credit' } } {
  return { path: `/enterprises/${enterpriseId}`, query: { tab: 'credit' } }
}

// ---- Columns

export interface Column<K extends string> {
  kind: K
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
}

export type EvaluationCellKind = 'enterprise' | 'region' | 'year' | 'status' | 'standardization' | 'credit' | 'class' | 'prepared' | 'actions'

export const evaluationColumns: Column<EvaluationCellKind>[] = [
  { kind: 'enterprise', label: 'credit.enterprise', minWidth: 220 },
  { kind: 'region', label: 'credit.region', minWidth: 120 },
  { kind: 'year', label: 'credit.year', width: 110 },
  { kind: 'status', label: 'credit.status', width: 100 },
  { kind: 'standardization', label: 'credit.standardizationLevel', width: 110 },
  { kind: 'credit', label: 'credit.creditScore', width: 100 },
  { kind: 'class', label: 'credit.finalClass', width: 100 },
  { kind: 'prepared', label: 'credit.preparedBy', minWidth: 150 },
  { kind: 'actions', label: 'common.actions', width: 80 },
]

/** The columns a table shows: without the enterprise and its region on the enterprise's own page. */
export function evaluationColumnsFor(options: { enterprise: boolean }): Column<EvaluationCellKind>[] {
  return evaluationColumns.filter((column) => options.enterprise || (column.kind !== 'enterprise' && column.kind !== 'region'))
}

export type ListingCellKind = 'enterprise' | 'reason' | 'authority' | 'period' | 'state' | 'removal' | 'actions'

export const listingColumns: Column<ListingCellKind>[] = [
  { kind: 'enterprise', label: 'credit.enterprise', minWidth: 180 },
  { kind: 'reason', label: 'credit.blacklist.reason', minWidth: 200 },
  { kind: 'authority', label: 'credit.blacklist.authority', minWidth: 130 },
  { kind: 'period', label: 'credit.blacklist.period', width: 190 },
  { kind: 'state', label: 'credit.status', width: 100 },
  { kind: 'removal', label: 'credit.blacklist.removal', minWidth: 160 },
  { kind: 'actions', label: 'common.actions', width: 120 },
]

export function listingColumnsFor(options: { enterprise: boolean; actions: boolean }): Column<ListingCellKind>[] {
  return listingColumns.filter((column) => (options.enterprise || column.kind !== 'enterprise') && (options.actions || column.kind !== 'actions'))
}

// ---- The page's tabs

export type CreditTab = 'evaluations' | 'distribution' | 'blacklist' | 'repairs' | 'settings'

/**
 * Evaluations, the distribution, the blacklist and the repairs (decided by bureaus and
 * administrators, read by stations) for every role of the page; rules and settings for administrators.
 */
export function creditTabs(role: Role | null | undefined): CreditTab[] {
  const tabs: CreditTab[] = ['evaluations', 'distribution', 'blacklist', 'repairs']
  if (canManageCredit(role)) tabs.push('settings')
  return tabs
}

// ---- Credit repair (信用修复)

/** The most code points of a repair's statement and evidence (credit::ValidateRepair). */
export const MAX_STATEMENT = 1000
export const MAX_EVIDENCE = 2000

export function repairStatusTag(status: RepairStatus): TagType {
  switch (status) {
    case 'applied':
      return 'warning'
    case 'approved':
      return 'success'
    case 'rejected':
      return 'danger'
  }
}

/** The application waiting for a decision on a rating or a listing, if any (409 repair_open). */
export function openRepairOf(repairs: readonly Repair[], kind: RepairKind, targetId: number): Repair | null {
  return repairs.find((r) => r.status === 'applied' && r.kind === kind && (kind === 'rating' ? r.evaluation_id : r.listing_id) === targetId) ?? null
}

/** Whether the enterprise account may apply to repair its rating: its current D, not repaired, none pending. */
export function ratingRepairable(card: Pick<EnterpriseCredit, 'rating' | 'repairs'> | null, role: Role | null | undefined): boolean {
  const rating = card?.rating
  if (!rating || !canApplyRepairs(role)) return false
  return rating.final_class === 'D' && !rating.repaired_at && openRepairOf(card.repairs, 'rating', rating.id) === null
}

/**
 * The repair button of a listing for the enterprise account: hidden (not the enterprise, or not
 * listed), pending (an application waits), early (before removal opens: disabled, with the date), ready.
 */
export type ListingRepairState = 'hidden' | 'pending' | 'early' | 'ready'

export function listingRepairState(
  listing: Pick<Listing, 'id' | 'listed' | 'removal_opens_on'>,
  repairs: readonly Repair[],
  role: Role | null | undefined,
  today: string,
): ListingRepairState {
  if (!canApplyRepairs(role) || !listing.listed) return 'hidden'
  if (openRepairOf(repairs, 'blacklist', listing.id)) return 'pending'
  return removalOpen(listing, today) ? 'ready' : 'early'
}

/** Whether the decision buttons show: bureaus and administrators, on an application not yet decided. */
export function canDecideRepair(repair: Pick<Repair, 'status'>, role: Role | null | undefined): boolean {
  return canDecideRepairs(role) && repair.status === 'applied'
}

/** What a repair is for: the rating (D, with its year) or the blacklist. */
export type RepairTarget = { kind: 'rating'; id: number; year: number } | { kind: 'blacklist'; id: number; opensOn: string }

export interface RepairForm {
  statement: string
  evidence: string
}

export type RepairField = keyof RepairForm

export function emptyRepairForm(): RepairForm {
  return { statement: '', evidence: '' }
}

export function validateRepairForm(form: RepairForm): Partial<Record<RepairField, string>> {
  const errors: Partial<Record<RepairField, string>> = {}
  const statement = codePoints(form.statement.trim())
  if (statement === 0 || statement > MAX_STATEMENT) errors.statement = 'validation.repairStatement'
  const evidence = codePoints(form.evidence.trim())
  if (evidence === 0 || evidence > MAX_EVIDENCE) errors.evidence = 'validation.repairEvidence'
  return errors
}

export function repairRequest(target: RepairTarget, form: RepairForm, fileIds: readonly number[]): NewRepair {
  const common = { statement: form.statement.trim(), evidence: form.evidence.trim(), ...(fileIds.length > 0 ? { file_ids: [...fileIds] } : {}) }
  return target.kind === 'rating' ? { kind: 'rating', evaluation_id: target.id, ...common } : { kind: 'blacklist', listing_id: target.id, ...common }
}

export function repairFormRules(form: RepairForm, t: Translate): FormRules {
  return rulesOf<RepairField>(
    [
      ['statement', 'blur'],
      ['evidence', 'blur'],
    ],
    () => validateRepairForm(form),
    { statement: { max: MAX_STATEMENT }, evidence: { max: MAX_EVIDENCE } },
    t,
  )
}

/** A rejection needs a note (1–500); an approval's note is optional, at most 500. */
export function validateDecisionNote(approve: boolean, note: string): string | null {
  const length = codePoints(note.trim())
  if (length > MAX_REASON || (!approve && length === 0)) return 'validation.repairNote'
  return null
}

// ---- Measures (奖惩措施)

/** At most this many code points of a measure's text. */
export const MAX_MEASURE_TEXT = 200

/** "A 级" … "D 级", or "黑名单" for the blacklist's measures. */
export function measureClassLabel(value: MeasureClass, t: Translate): string {
  return value === 'blacklist' ? t('credit.measures.blacklistClass') : classLabel(value, t)
}

export function measureAreaLabel(area: MeasureArea, t: Translate): string {
  return t(`credit.measures.areas.${area}`)
}

export function measureClassTag(value: MeasureClass): TagType {
  return value === 'blacklist' ? 'danger' : classTag(value)
}

/** The measures by area, in the areas' order, leaving out an area without any. */
export function groupMeasures<M extends Pick<Measure, 'area'>>(measures: readonly M[]): { area: MeasureArea; items: M[] }[] {
  return MEASURE_AREAS.map((area) => ({ area, items: measures.filter((m) => m.area === area) })).filter((group) => group.items.length > 0)
}

export interface MeasureRow {
  text: string
  enabled: boolean
}

export function measureRow(measure: Measure): MeasureRow {
  return { text: measure.text, enabled: measure.enabled }
}

export function validateMeasureRow(row: MeasureRow): string | null {
  const length = codePoints(row.text.trim())
  return length === 0 || length > MAX_MEASURE_TEXT ? 'validation.measureText' : null
}

/** The version seen and what changed; null when nothing did. */
export function measureChanges(measure: Measure, row: MeasureRow): MeasureChanges | null {
  const changes: MeasureChanges = { version: measure.version }
  if (row.text.trim() !== measure.text) changes.text = row.text.trim()
  if (row.enabled !== measure.enabled) changes.enabled = row.enabled
  return Object.keys(changes).length > 1 ? changes : null
}
