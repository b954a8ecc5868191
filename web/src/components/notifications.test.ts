import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { Notification } from '@/api/notifications'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'
import { badgeText, notificationTarget, notificationText, notificationTone, shorten } from './notifications'

function translator(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } })
  return (key: string, named?: Record<string, unknown>) => i18n.global.t(key, named ?? {})
}

function note(kind: Notification['kind'], params: Notification['params'] = {}): Pick<Notification, 'kind' | 'params'> {
  return {
    kind,
    params: { description: '配电箱未接地', enterprise_name: '江川市清源长昌餐饮有限公司', deadline: '2026-12-01', notice_number: '东安街道安监整改〔2026〕001号', ...params },
  }
}

describe('notificationText', () => {
  const zh = translator('zh-CN')
  const en = translator('en')

  it('words each kind from its parameters, in Chinese', () => {
    expect(notificationText(note('deadline_soon'), zh)).toBe('隐患「配电箱未接地」整改期限为 2026-12-01，还有不到 3 天')
    expect(notificationText(note('notice_issued'), zh)).toBe('收到整改通知书（东安街道安监整改〔2026〕001号）：隐患「配电箱未接地」须于 2026-12-01 前整改完毕')
    expect(notificationText(note('overdue'), zh)).toBe('隐患「配电箱未接地」（江川市清源长昌餐饮有限公司）已超过整改期限 2026-12-01')
    expect(notificationText(note('submitted'), zh)).toBe('江川市清源长昌餐饮有限公司 已提交隐患「配电箱未接地」的整改，待复查')
    expect(notificationText(note('major_listed'), zh)).toBe('重大隐患「配电箱未接地」（江川市清源长昌餐饮有限公司）已挂牌督办')
  })

  it('words them in English', () => {
    expect(notificationText(note('deadline_soon'), en)).toBe('The hazard “配电箱未接地” is due for rectification on 2026-12-01, less than 3 days away')
  })

  it('words the scoring kinds: points recorded for the enterprise, a threshold crossed for the unit', () => {
    const event = { enterprise_name: '江川市清源长昌餐饮有限公司', points: 3, reason: '安全警示标志缺失', total: 5, cycle: 2026 }
    expect(notificationText({ kind: 'score_event', params: event }, zh)).toBe('贵单位被记 3 分（安全警示标志缺失），2026 周期累计 5 分')
    expect(notificationText({ kind: 'score_event', params: event }, en)).toBe('Your enterprise was given 3 points (安全警示标志缺失); 5 points in cycle 2026 so far')
    const threshold = {
      enterprise_name: '江川市清源长昌餐饮有限公司',
      threshold_points: 6,
      action: 'warning_interview' as const,
      total: 6,
      due_on: '2026-12-10',
      followup_id: 41,
    }
    expect(notificationText({ kind: 'score_threshold', params: threshold }, zh)).toBe(
      '江川市清源长昌餐饮有限公司 累计记分 6 分，达到 6 分线（警示约谈），请于 2026-12-10 前完成',
    )
    expect(notificationText({ kind: 'score_threshold', params: { ...threshold, action: 'raise_frequency', total: 7, threshold_points: 4 } }, en)).toBe(
      '江川市清源长昌餐饮有限公司 has 7 points, reaching the 4-point threshold (Inspect more often): to be done by 2026-12-10',
    )
  })

  it('words credit repair: the application for the bureau, the decision for the enterprise', () => {
    const repair = { enterprise_name: '江川市清源长昌餐饮有限公司', repair_kind: 'rating' as const, repair_id: 9, status: 'applied' as const, note: '' }
    expect(notificationText({ kind: 'credit_repair_applied', params: repair }, zh)).toBe('江川市清源长昌餐饮有限公司 申请信用修复（D 级评定），待审核')
    expect(notificationText({ kind: 'credit_repair_applied', params: repair }, en)).toBe('江川市清源长昌餐饮有限公司 applied for credit repair (Class D rating), awaiting a decision')
    expect(notificationText({ kind: 'credit_repair_decided', params: { ...repair, status: 'approved', note: '同意' } }, zh)).toBe('信用修复申请（D 级评定）已通过')
    expect(notificationText({ kind: 'credit_repair_decided', params: { ...repair, repair_kind: 'blacklist', status: 'rejected', note: '罚款未缴清' } }, zh)).toBe(
      '信用修复申请（黑名单）未通过：罚款未缴清',
    )
  })

  it('reads points without a reason as a sentence, and shortens a long one', () => {
    expect(notificationText({ kind: 'score_event', params: { points: 2, reason: '', total: 2, cycle: 2026 } }, zh)).toBe('贵单位被记 2 分，2026 周期累计 2 分')
    expect(notificationText({ kind: 'score_event', params: { points: 2, reason: '因'.repeat(50), total: 2, cycle: 2026 } }, zh)).toContain(`（${'因'.repeat(40)}…）`)
  })

  it('reads as a sentence without a notice number', () => {
    expect(notificationText(note('notice_issued', { notice_number: null }), zh)).toBe('收到整改通知书：隐患「配电箱未接地」须于 2026-12-01 前整改完毕')
  })

  it('shortens a long description', () => {
    const long = '隐'.repeat(60)
    expect(notificationText(note('deadline_soon', { description: long }), zh)).toContain(`「${'隐'.repeat(40)}…」`)
  })
})

describe('helpers', () => {
  it('cuts at code points', () => {
    expect(shorten('abc', 5)).toBe('abc')
    expect(shorten('  abcdef ', 3)).toBe('abc…')
    expect(shorten('𠀀𠀁𠀂', 2)).toBe('𠀀𠀁…')
  })

  it('colours late things red and close ones orange', () => {
    expect(notificationTone({ kind: 'overdue' })).toBe('danger')
    expect(notificationTone({ kind: 'major_listed' })).toBe('danger')
    expect(notificationTone({ kind: 'deadline_soon' })).toBe('warning')
    expect(notificationTone({ kind: 'submitted' })).toBe('primary')
    expect(notificationTone({ kind: 'score_threshold' })).toBe('danger')
    expect(notificationTone({ kind: 'score_event' })).toBe('warning')
    expect(notificationTone({ kind: 'credit_repair_applied' })).toBe('primary')
    expect(notificationTone({ kind: 'credit_repair_decided' })).toBe('primary')
  })

  it('opens the hazard', () => {
    expect(notificationTarget({ kind: 'overdue', hazard_id: 12, enterprise_id: null })).toBe('/hazards/12')
    expect(notificationTarget({ kind: 'deadline_soon', hazard_id: 12, enterprise_id: 7 })).toBe('/hazards/12')
    expect(notificationTarget({ kind: 'submitted', hazard_id: null, enterprise_id: null })).toBeNull()
  })

  it('opens the score card of points recorded, and the follow-ups of a threshold crossed', () => {
    expect(notificationTarget({ kind: 'score_event', hazard_id: null, enterprise_id: 7 })).toBe('/enterprises/7?tab=scoring')
    expect(notificationTarget({ kind: 'score_event', hazard_id: null, enterprise_id: null })).toBeNull()
    expect(notificationTarget({ kind: 'score_threshold', hazard_id: null, enterprise_id: null })).toBe('/scoring?tab=followups')
  })

  it('opens the bureau\'s repairs for an application, and the enterprise\'s credit tab for a decision', () => {
    expect(notificationTarget({ kind: 'credit_repair_applied', hazard_id: null, enterprise_id: 7 })).toBe('/credit?tab=repairs')
    expect(notificationTarget({ kind: 'credit_repair_decided', hazard_id: null, enterprise_id: 7 })).toBe('/enterprises/7?tab=credit')
  })

  it('shows no badge when all is read, and caps it', () => {
    expect(badgeText(0)).toBe('')
    expect(badgeText(7)).toBe('7')
    expect(badgeText(120)).toBe('99+')
  })
})
