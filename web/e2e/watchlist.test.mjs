// Progressive management (渐进式管理): the district bureau puts an enterprise of its district on the
// list at 重点关注 from the 渐进式管理 page (the level preselected as the next step), records an
// interview (约谈), escalates it to 黄牌警告 (the next step preselected again, a skip needing its
// reason) and sees the ladder with two steps; then the town station reads the same ladder on the
// enterprise's page, without buttons, and the enterprise itself reads its own.
// Each run takes an enterprise of station1_1's town with no active entry, so reruns on the same
// `anjian demo` database pick a fresh one.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { answerOf, apiAs, BASE_URL, byTest, chinaDate, expectText, freshPage, login, openBrowser, screenshot } from './helpers.mjs'

const BUREAU = 'district1'
const STATION = 'station1_1'

let browser
/** The enterprise, its own account (when the demo made one) and its entry once escalated. */
const state = { enterprise: null, account: null, entry: null }

/** Whether the enterprise has no active entry (never listed, or lifted). */
async function unlisted(asBureau, enterpriseId) {
  const subject = await asBureau(`/watchlist/subject?subject_kind=enterprise&enterprise_id=${enterpriseId}`)
  return subject.entry === null || subject.entry.status !== 'active'
}

before(async () => {
  browser = await openBrowser()
  const asStation = await apiAs(STATION)
  const asBureau = await apiAs(BUREAU)
  const { user } = await asStation('/me')
  // Preferably an enterprise of the town with a demo account of its own (ent1_1, ent1_2, …).
  for (let n = 1; n <= 9 && !state.enterprise; n += 1) {
    const asEnterprise = await apiAs(`ent1_${n}`).catch(() => null)
    if (!asEnterprise) break
    const { user: account } = await asEnterprise('/me')
    const enterprise = await asBureau(`/enterprises/${account.enterprise_id}`)
    if (enterprise.region_code.startsWith(user.region_code.replace(/0+$/, '')) && (await unlisted(asBureau, enterprise.id))) {
      state.enterprise = enterprise
      state.account = account.username
    }
  }
  for (let page = 1; page <= 10 && !state.enterprise; page += 1) {
    const town = await asBureau(`/enterprises?region_code=${user.region_code}&page_size=50&page=${page}`)
    for (const enterprise of town.items) {
      if (await unlisted(asBureau, enterprise.id)) {
        state.enterprise = enterprise
        break
      }
    }
    if (town.items.length < 50) break
  }
  assert.ok(state.enterprise, 'an enterprise of the town with no active entry')
})

after(async () => {
  await browser?.close()
})

/** The level names as the pages show them. */
const LEVEL_NAMES = { attention: '重点关注', yellow_card: '黄牌警告', veto: '一票否决' }

/** The subject's active entry, listing it at 重点关注 first when it has none (reruns find it listed). */
async function activeEntry(asBureau, subject, reason) {
  const query = new URLSearchParams(subject)
  const { entry } = await asBureau(`/watchlist/subject?${query}`)
  if (entry !== null && entry.status === 'active') return entry
  return (await asBureau('/watchlist', { method: 'POST', body: { ...subject, level: 'attention', reason } })).entry
}

/** Picks the enterprise in the dialog's enterprise select by name. */
async function pickEnterprise(page, dialog, enterprise) {
  await dialog.locator(byTest('watch-entry-enterprise')).click()
  const searched = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/enterprises' && url.searchParams.get('q') === enterprise.name
  })
  await dialog.locator(`${byTest('watch-entry-enterprise')} input`).fill(enterprise.name)
  assert.equal((await searched).status(), 200)
  const checked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/watchlist/subject')
  await page.locator(`.watch-entry-enterprise-popper ${byTest(`enterprise-option-${enterprise.id}`)}`).click()
  assert.equal((await checked).status(), 200)
}

test('(a) the district bureau lists an enterprise at 重点关注, interviews it, escalates it to 黄牌警告 and sees two steps', async () => {
  const { enterprise } = state
  const page = await freshPage(browser.context)
  await login(page, BUREAU)
  await page.waitForURL((url) => url.pathname === '/')
  const listed = await answerOf(page, 'GET', /\/api\/v1\/watchlist$/, () => page.locator(byTest('menu-watchlist')).click())
  assert.equal(listed.status(), 200, await listed.text())
  assert.equal(new URL(listed.url()).searchParams.get('status'), 'active')
  await page.waitForURL((url) => url.pathname === '/watchlist')

  // 列入: the form's checks stop an empty form.
  await page.locator(byTest('watchlist-add')).click()
  const dialog = page.locator(byTest('watch-entry-dialog'))
  await dialog.waitFor()
  await dialog.locator(byTest('watch-entry-submit')).click()
  await dialog.locator('.el-form-item__error', { hasText: '请选择企业' }).waitFor()

  // The enterprise, not listed: 重点关注 preselected, the levels above it skippable only with a reason.
  await pickEnterprise(page, dialog, enterprise)
  await expectText(page, byTest('watch-entry-current'), '未列入')
  await dialog.locator(`${byTest('watch-entry-level-attention')}.is-active`).waitFor()
  await dialog.locator(byTest('watch-entry-level-veto')).click()
  await dialog.locator(byTest('watch-entry-skip-reason')).waitFor()
  await dialog.locator(byTest('watch-entry-level-attention')).click()
  await dialog.locator(byTest('watch-entry-skip-reason')).waitFor({ state: 'detached' })
  await dialog.locator(byTest('watch-entry-reason')).fill('三个月内两次检查发现重大事故隐患')
  await screenshot(page, 'watchlist-a1-add')
  const added = await answerOf(page, 'POST', /\/api\/v1\/watchlist$/, () => dialog.locator(byTest('watch-entry-submit')).click())
  assert.equal(added.status(), 201, await added.text())
  assert.deepEqual(JSON.parse(added.request().postData()), {
    subject_kind: 'enterprise',
    enterprise_id: enterprise.id,
    level: 'attention',
    reason: '三个月内两次检查发现重大事故隐患',
  })
  const first = (await added.json()).entry

  // The drawer opens on the new entry: one step, 重点关注, current.
  const drawer = page.locator(byTest('watch-drawer'))
  await drawer.waitFor()
  await expectText(page, byTest('watch-drawer-subject'), enterprise.name)
  await expectText(page, byTest('watch-drawer-level'), '重点关注')
  assert.equal(await drawer.locator(byTest('watch-step-attention')).getAttribute('data-state'), 'current')
  assert.equal(await drawer.locator(byTest('watch-step-yellow_card')).getAttribute('data-state'), 'pending')
  await drawer.locator(byTest('watch-interviews-none')).waitFor()

  // 记录约谈.
  await drawer.locator(byTest('watch-interview')).click()
  const interview = page.locator(byTest('watch-interview-dialog'))
  await interview.waitFor()
  await interview.locator(byTest('watch-interview-attendees')).fill('企业法定代表人 王五；安全总监 赵六')
  await interview.locator(byTest('watch-interview-minutes')).fill('通报两次检查发现的重大事故隐患，要求立即停产整改')
  await interview.locator(byTest('watch-interview-followup')).fill('十五日内报送整改报告')
  const recorded = await answerOf(page, 'POST', new RegExp(`/api/v1/watchlist/${first.id}/interviews$`), () => interview.locator(byTest('watch-interview-submit')).click())
  assert.equal(recorded.status(), 201, await recorded.text())
  assert.deepEqual(JSON.parse(recorded.request().postData()), {
    held_on: chinaDate(),
    attendees: '企业法定代表人 王五；安全总监 赵六',
    minutes: '通报两次检查发现的重大事故隐患，要求立即停产整改',
    followup: '十五日内报送整改报告',
  })
  const { interviews } = await recorded.json()
  assert.equal(interviews.length, 1)
  await drawer.locator(byTest(`watch-interview-${interviews[0].id}`)).waitFor()

  // 升级: 黄牌警告 preselected as the next step.
  await drawer.locator(byTest('watch-escalate')).click()
  const escalate = page.locator(byTest('watch-entry-dialog'))
  await escalate.waitFor()
  await expectText(page, byTest('watch-entry-subject'), enterprise.name)
  await expectText(page, byTest('watch-entry-current'), '重点关注')
  await escalate.locator(`${byTest('watch-entry-level-yellow_card')}.is-active`).waitFor()
  assert.equal(await escalate.locator(`${byTest('watch-entry-level-attention')} input`).isDisabled(), true)
  await escalate.locator(byTest('watch-entry-reason')).fill('约谈后逾期未报送整改报告')
  const escalated = await answerOf(page, 'POST', /\/api\/v1\/watchlist$/, () => escalate.locator(byTest('watch-entry-submit')).click())
  assert.equal(escalated.status(), 201, await escalated.text())
  const detail = await escalated.json()
  assert.equal(detail.entry.level, 'yellow_card')
  assert.deepEqual(detail.ladder.map((entry) => [entry.level, entry.status]), [
    ['attention', 'escalated'],
    ['yellow_card', 'active'],
  ])

  // The ladder with two steps, the first passed, the second current; the interview kept.
  await expectText(page, byTest('watch-drawer-level'), '黄牌警告')
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-state') === 'done', byTest('watch-step-attention'))
  assert.equal(await drawer.locator(byTest('watch-step-yellow_card')).getAttribute('data-state'), 'current')
  assert.equal(await drawer.locator(byTest('watch-step-veto')).getAttribute('data-state'), 'pending')
  assert.equal(await drawer.locator('[data-test^="watch-history-status-"]').count(), 2)
  await drawer.locator(byTest(`watch-interview-${interviews[0].id}`)).waitFor()
  assert.match(page.url(), new RegExp(`entry=${detail.entry.id}`))
  await screenshot(page, 'watchlist-a2-ladder')
  state.entry = detail.entry
})

test('(b) the town station reads the ladder on the enterprise\'s page, without buttons', async () => {
  const { enterprise } = state
  const page = await freshPage(browser.context)
  await login(page, STATION)
  await page.waitForURL((url) => url.pathname === '/')
  const asked = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/watchlist/subject' && url.searchParams.get('enterprise_id') === String(enterprise.id)
  })
  await page.goto(`${BASE_URL}/enterprises/${enterprise.id}?tab=credit`)
  assert.equal((await asked).status(), 200)
  const ladder = page.locator(byTest('subject-ladder'))
  await ladder.waitFor()
  await expectText(page, byTest('subject-ladder-level'), '黄牌警告')
  assert.equal(await ladder.locator(byTest('watch-step-attention')).getAttribute('data-state'), 'done')
  assert.equal(await ladder.locator(byTest('watch-step-yellow_card')).getAttribute('data-state'), 'current')
  assert.equal(await ladder.locator(byTest('subject-ladder-open')).count(), 0)
  await screenshot(page, 'watchlist-b1-enterprise')

  // The station's 渐进式管理 page: the entry listed, read-only.
  await page.goto(`${BASE_URL}/watchlist`)
  await page.locator(byTest(`watchlist-row-${state.entry.id}`)).waitFor()
  assert.equal(await page.locator(byTest('watchlist-add')).count(), 0)
  await page.locator(byTest(`watchlist-row-${state.entry.id}`)).click()
  await page.locator(byTest('watch-drawer')).waitFor()
  await expectText(page, byTest('watch-drawer-level'), '黄牌警告')
  assert.equal(await page.locator(byTest('watch-escalate')).count(), 0)
  assert.equal(await page.locator(byTest('watch-lift')).count(), 0)
})

test('(c) the enterprise reads its own ladder', async (t) => {
  if (!state.account) {
    t.skip('the demo made no account for this enterprise')
    return
  }
  const page = await freshPage(browser.context)
  await login(page, state.account)
  await page.waitForURL((url) => url.pathname === '/')
  await page.goto(`${BASE_URL}/enterprises/${state.enterprise.id}?tab=credit`)
  await expectText(page, byTest('subject-ladder-level'), '黄牌警告')
  assert.equal(await page.locator(byTest('menu-watchlist')).count(), 0)
})

test('(d) a watched town shows its ladder on its region page: read-only to its station, with a way to the entry for the bureau', async () => {
  const asBureau = await apiAs(BUREAU)
  const { user } = await (await apiAs(STATION))('/me')
  const town = user.region_code
  const entry = await activeEntry(asBureau, { subject_kind: 'region', region_code: town }, '辖区本季度隐患整改率低于全区平均水平')
  const level = LEVEL_NAMES[entry.level]

  // The station on its own town: the level and the ladder, nothing to act with.
  const station = await freshPage(browser.context)
  await login(station, STATION)
  await station.waitForURL((url) => url.pathname === '/')
  const asked = station.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/watchlist/subject' && url.searchParams.get('region_code') === town
  })
  await station.goto(`${BASE_URL}/regions/${town}`)
  assert.equal((await asked).status(), 200)
  await expectText(station, byTest('subject-ladder-level'), level)
  assert.equal(await station.locator(`${byTest('subject-ladder')} ${byTest(`watch-step-${entry.level}`)}`).getAttribute('data-state'), 'current')
  assert.equal(await station.locator(byTest('subject-ladder-open')).count(), 0)
  await screenshot(station, 'watchlist-d1-region')

  // The bureau on the same town follows the link to the entry on the 渐进式管理 page.
  const bureau = await freshPage(browser.context)
  await login(bureau, BUREAU)
  await bureau.waitForURL((url) => url.pathname === '/')
  await bureau.goto(`${BASE_URL}/regions/${town}`)
  await expectText(bureau, byTest('subject-ladder-level'), level)
  await bureau.locator(byTest('subject-ladder-open')).click()
  await bureau.waitForURL((url) => url.pathname === '/watchlist' && url.searchParams.get('entry') === String(entry.id))
  await expectText(bureau, byTest('watch-drawer-level'), level)

  // A town of the district that has never been listed reads 未列入, with no link.
  const towns = await asBureau(`/regions/${town.slice(0, 6)}000000/children`)
  for (const other of towns.items) {
    if (other.code === town) continue
    const { entry: theirs } = await asBureau(`/watchlist/subject?subject_kind=region&region_code=${other.code}`)
    if (theirs !== null) continue
    await bureau.goto(`${BASE_URL}/regions/${other.code}`)
    await expectText(bureau, byTest('subject-ladder-level'), '未列入')
    assert.equal(await bureau.locator(byTest('subject-ladder-open')).count(), 0)
    break
  }
})

test('(e) a department of the district, which has no page of its own, shows its ladder on the district\'s page', async () => {
  const asBureau = await apiAs(BUREAU)
  const { user } = await asBureau('/me')
  const district = user.region_code
  const department = '交通运输局'
  const entry = await activeEntry(asBureau, { subject_kind: 'department', region_code: district, department }, '道路运输领域隐患排查治理不到位')
  const level = LEVEL_NAMES[entry.level]

  const page = await freshPage(browser.context)
  await login(page, BUREAU)
  await page.waitForURL((url) => url.pathname === '/')
  const listed = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/watchlist' && url.searchParams.get('subject_kind') === 'department'
  })
  await page.goto(`${BASE_URL}/regions/${district}`)
  assert.equal((await listed).status(), 200)
  const row = page.locator(byTest(`region-department-${entry.id}`))
  await row.waitFor()
  await expectText(page, byTest(`region-department-name-${entry.id}`), department)
  await expectText(page, byTest(`region-department-level-${entry.id}`), level)
  const asked = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/watchlist/subject' && url.searchParams.get('department') === department
  })
  await row.locator('.el-collapse-item__header').click()
  assert.equal((await asked).status(), 200)
  await expectText(page, `${byTest(`region-department-${entry.id}`)} ${byTest('subject-ladder-level')}`, level)
  assert.equal(await row.locator(byTest(`watch-step-${entry.level}`)).getAttribute('data-state'), 'current')
  await screenshot(page, 'watchlist-e1-department')
})
