// 12-point scoring journeys (记分管理): (a) a town station records points by hand against an
// enterprise from its score card and sees the new total, the thresholds reached and the follow-ups
// they created; (b) the district bureau finds the warning interview among its follow-ups and closes
// it with the interview's day, attendees and minutes; (c) the enterprise account reads its own score
// card, without a way to change it and without the officers' scoring page; (d) the town station opens
// the 季度 tab, sees its town, generates the quarter's plans and finds them linked beside the
// enterprises it has not inspected yet; (e) the district bureau sees all its towns, without a way to
// generate a town's plans.
// The tests run in order and share the enterprise; run them against an `anjian demo` database.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, answerOf, apiAs, byTest, chinaDate, expectText, freshPage, login, openBrowser, pickOption, screenshot } from './helpers.mjs'

const STATION = 'station1_1'
const BUREAU = 'district1'
const ENTERPRISE = 'ent1_1'
const WARNING = 6

let browser
/** What the journeys share: the enterprise, its card before, the points recorded, the interview, the quarter planned. */
const state = { enterprise: null, before: null, points: 0, cycle: 0, interview: null, quarter: null, plans: [] }

/** Adds the enterprise to the state when its card has not reached the warning threshold in the cycle. */
async function suitable(asStation, enterprise) {
  const card = await asStation(`/scoring/enterprises/${enterprise.id}`)
  const warning = card.thresholds.find((threshold) => threshold.points === WARNING)
  if (!warning || warning.followup || card.total >= WARNING) return false
  Object.assign(state, { enterprise, before: card, points: WARNING - card.total, cycle: card.cycle })
  return true
}

before(async () => {
  browser = await openBrowser()
  // The enterprise account's own enterprise, the first of the station's town, unless an earlier
  // run already took it past the warning threshold: then another enterprise of the town.
  const asStation = await apiAs(STATION)
  const asEnterprise = await apiAs(ENTERPRISE)
  const { user } = await asEnterprise('/me')
  if (await suitable(asStation, await asStation(`/enterprises/${user.enterprise_id}`))) return
  const { user: station } = await asStation('/me')
  const town = await asStation(`/enterprises?region_code=${station.region_code}&status=operating&page_size=50`)
  for (const enterprise of town.items) if (await suitable(asStation, enterprise)) return
  assert.fail('an enterprise of the town below the warning threshold')
})

after(async () => {
  await browser?.close()
})

/** Opens the score card tab of the enterprise page the browser shows. */
async function openScoreCard(page) {
  const card = await answerOf(page, 'GET', /\/scoring\/enterprises\/\d+$/, () => page.locator('#tab-scoring').click())
  assert.equal(card.status(), 200, await card.text())
  await page.waitForURL((url) => url.searchParams.get('tab') === 'scoring')
  return card.json()
}

test('(a) a town station records points by hand and sees the total and the follow-ups', async () => {
  const page = await freshPage(browser.context)
  await login(page, STATION)
  await page.waitForURL((url) => url.pathname === '/')
  await page.goto(`${BASE_URL}/enterprises/${state.enterprise.id}`)
  await page.locator(byTest('enterprise-title')).waitFor()
  const card = await openScoreCard(page)
  assert.equal(card.total, state.before.total)
  await expectText(page, byTest('score-card-total'), String(state.before.total))
  await expectText(page, byTest('score-card-days'), `${card.first_day} 至 ${card.last_day}`)
  assert.match(await page.locator(byTest('score-card-cycle')).innerText(), new RegExp(`${state.cycle} 周期`))

  // 手工记分: the enterprise is the card's; nothing filled in, the form's checks stop it.
  await page.locator(byTest('score-record')).click()
  const dialog = page.locator(byTest('score-record-dialog'))
  await dialog.waitFor()
  assert.equal(await dialog.locator(byTest('score-record-enterprise-name')).inputValue(), state.enterprise.name)
  assert.equal(await dialog.locator(`${byTest('score-record-occurred-on')} input`).inputValue(), chinaDate())
  await dialog.locator(byTest('score-record-submit')).click()
  await dialog.locator('.el-form-item__error', { hasText: '记分须为 1–12 的整数' }).waitFor()
  await dialog.locator('.el-form-item__error', { hasText: '请填写 1–500 个字符的原因' }).waitFor()

  const points = dialog.locator(`${byTest('score-record-points')} input`)
  await points.fill(String(state.points))
  await points.press('Tab')
  const reason = `复查时发现安全警示标志缺失（测试${Date.now() % 100000}）`
  await dialog.locator(byTest('score-record-reason')).fill(reason)
  await screenshot(page, 'scoring-a1-record')
  const cardAfter = page.waitForResponse((r) => r.request().method() === 'GET' && /\/scoring\/enterprises\/\d+$/.test(new URL(r.url()).pathname))
  const recorded = await answerOf(page, 'POST', /\/api\/v1\/scoring\/events$/, () => dialog.locator(byTest('score-record-submit')).click())
  assert.equal(recorded.status(), 201, await recorded.text())
  assert.deepEqual(JSON.parse(recorded.request().postData()), { enterprise_id: state.enterprise.id, points: state.points, reason })
  const event = await recorded.json()
  await dialog.waitFor({ state: 'hidden' })
  await cardAfter

  // The new total, the warning threshold reached and its follow-up for the district bureau, due in
  // 15 days; the station sees it but does not close a bureau's work.
  const total = state.before.total + state.points
  await expectText(page, byTest('score-card-total'), String(total))
  await page.locator('.el-message', { hasText: `累计 ${total} 分，已达到 ${WARNING} 分线：警示约谈` }).waitFor()
  await expectText(page, byTest(`score-threshold-${WARNING}-crossed`), '已达到')
  const followup = page.locator(byTest(`score-threshold-${WARNING}-followup`))
  await followup.waitFor()
  assert.match(await followup.innerText(), /待办/)
  assert.match(await followup.innerText(), new RegExp(`期限 ${chinaDate(15)}`))
  assert.equal(await page.locator(byTest(`score-threshold-${WARNING}-close`)).count(), 0, 'a district follow-up is not the station\'s to close')
  await expectText(page, byTest('score-threshold-10-crossed'), '未达到')

  // The event heads the list: by hand, with its reason, and without a hazard it carries into the
  // next cycle unless a re-inspection is recorded; the station may revoke it or record one.
  const row = page.locator(`${byTest('score-events')} tr`, { has: page.locator(byTest(`score-event-${event.id}`)) })
  await row.waitFor()
  assert.match(await row.locator(byTest('score-event-source')).innerText(), /手工记分/)
  assert.equal((await row.locator(byTest('score-event-content')).innerText()).trim(), reason)
  assert.match(await row.locator(byTest('score-event-rollover')).innerText(), /带入下一周期/)
  assert.match(await row.locator(byTest('score-event-rollover-reason')).innerText(), /未录入复查/)
  await row.locator(byTest(`score-event-revoke-${event.id}`)).waitFor()
  await row.locator(byTest(`score-event-reinspect-${event.id}`)).waitFor()
  await screenshot(page, 'scoring-a2-card')

  const asStation = await apiAs(STATION)
  const interviews = await asStation(`/scoring/followups?enterprise_id=${state.enterprise.id}&cycle=${state.cycle}&action=warning_interview`)
  assert.equal(interviews.total, 1, 'one warning interview for the enterprise in the cycle')
  state.interview = interviews.items[0]
  assert.equal(state.interview.status, 'open')
  assert.equal(state.interview.total_at_crossing, total)
})

test('(b) the district bureau closes the warning interview from its follow-ups', async () => {
  assert.ok(state.interview, 'the interview of (a)')
  const page = await freshPage(browser.context)
  await login(page, BUREAU)
  await page.waitForURL((url) => url.pathname === '/')
  const rankings = await answerOf(page, 'GET', /\/api\/v1\/scoring\/rankings$/, () => page.locator(byTest('menu-scoring')).click())
  assert.equal(rankings.status(), 200)
  await page.waitForURL((url) => url.pathname === '/scoring')
  const ranked = (await rankings.json()).items.find((item) => item.enterprise_id === state.enterprise.id)
  if (ranked) assert.equal(ranked.points, state.before.total + state.points)

  // 跟进事项, open ones, narrowed to warning interviews.
  const opened = await answerOf(page, 'GET', /\/api\/v1\/scoring\/followups$/, () => page.locator('#tab-followups').click())
  assert.equal(new URL(opened.url()).searchParams.get('status'), 'open')
  const filtered = await answerOf(page, 'GET', /\/api\/v1\/scoring\/followups$/, () =>
    pickOption(page, page.locator(byTest('followups-action')), 'followups-action-popper', 'followups-action-warning_interview'),
  )
  assert.equal(new URL(filtered.url()).searchParams.get('action'), 'warning_interview')
  const listed = (await filtered.json()).items
  assert.ok(listed.some((item) => item.id === state.interview.id), 'the interview is on the first page')
  const row = page.locator(`${byTest('followups-table')} tr`, { has: page.locator(byTest(`followup-row-${state.interview.id}`)) })
  assert.match(await row.locator(byTest('followup-row-action')).innerText(), /警示约谈/)
  assert.match(await row.locator(byTest('followup-row-status')).innerText(), /待办/)

  // Closing an interview asks for its day (today unless changed), the attendees and the minutes.
  await row.locator(byTest(`followup-close-${state.interview.id}`)).click()
  const dialog = page.locator(byTest('followup-close-dialog'))
  await dialog.waitFor()
  assert.equal(await dialog.locator(`${byTest('followup-held-on')} input`).inputValue(), chinaDate())
  await dialog.locator(byTest('followup-close-submit')).click()
  await dialog.locator('.el-form-item__error', { hasText: '请填写参加人员' }).waitFor()
  await dialog.locator('.el-form-item__error', { hasText: '请填写约谈纪要' }).waitFor()
  const attendees = '区应急管理局 王敏；企业主要负责人 赵勇；安全管理员 陈军'
  const minutes = '通报本周期累计记分情况，企业承诺 15 日内补齐安全警示标志并报送整改报告。'
  await dialog.locator(byTest('followup-attendees')).fill(attendees)
  await dialog.locator(byTest('followup-minutes')).fill(minutes)
  await screenshot(page, 'scoring-b1-close')
  const closed = await answerOf(page, 'POST', new RegExp(`/api/v1/scoring/followups/${state.interview.id}/close$`), () =>
    dialog.locator(byTest('followup-close-submit')).click(),
  )
  assert.equal(closed.status(), 200, await closed.text())
  assert.deepEqual(JSON.parse(closed.request().postData()), { version: state.interview.version, held_on: chinaDate(), attendees, minutes })
  await dialog.waitFor({ state: 'hidden' })
  await page.locator('.el-message', { hasText: '跟进事项已办结' }).waitFor()

  // Among the closed ones, with what was said.
  const done = await answerOf(page, 'GET', /\/api\/v1\/scoring\/followups$/, () => page.locator(byTest('followups-status-done')).click())
  assert.equal(new URL(done.url()).searchParams.get('status'), 'done')
  const closedRow = page.locator(`${byTest('followups-table')} tr`, { has: page.locator(byTest(`followup-row-${state.interview.id}`)) })
  await closedRow.waitFor()
  assert.match(await closedRow.locator(byTest('followup-row-status')).innerText(), /已办结/)
  const closing = await closedRow.locator(byTest('followup-row-closing')).innerText()
  assert.match(closing, new RegExp(chinaDate()))
  assert.match(closing, /企业承诺 15 日内补齐安全警示标志/)
  await screenshot(page, 'scoring-b2-closed')
})

test('(c) the enterprise reads its own score card and cannot change it', async () => {
  const page = await freshPage(browser.context)
  const answer = await login(page, ENTERPRISE)
  const { user } = await answer.json()
  await page.waitForURL((url) => url.pathname === '/')
  assert.equal(await page.locator(byTest('menu-scoring')).count(), 0, 'no scoring page in the menu')
  await page.locator(byTest('menu-myEnterprise')).click()
  await page.waitForURL((url) => url.pathname === `/enterprises/${user.enterprise_id}`)
  const card = await openScoreCard(page)
  const asEnterprise = await apiAs(ENTERPRISE)
  const own = await asEnterprise(`/scoring/enterprises/${user.enterprise_id}`)
  assert.equal(card.total, own.total)
  await expectText(page, byTest('score-card-total'), String(own.total))
  assert.equal(await page.locator(byTest('score-record')).count(), 0, 'no recording by hand')
  assert.equal(await page.locator('[data-test^="score-event-revoke-"]').count(), 0, 'no revoking')
  assert.equal(await page.locator('[data-test^="score-event-reinspect-"]').count(), 0, 'no re-inspection')
  assert.equal(await page.locator('[data-test$="-close"]').count(), 0, 'no closing of follow-ups')
  if (user.enterprise_id === state.enterprise.id) {
    // The journey's own enterprise: the points of (a) and the interview the bureau held in (b).
    assert.equal(own.total, state.before.total + state.points)
    const interview = page.locator(byTest(`score-threshold-${WARNING}-followup`))
    assert.match(await interview.innerText(), /已办结/)
    assert.match(await interview.innerText(), /企业承诺 15 日内补齐安全警示标志/)
  }
  assert.equal(await page.locator('.el-message--error').count(), 0, 'no error toast')
  await screenshot(page, 'scoring-c1-own-card')

  // The officers' page is not the enterprise's.
  await page.goto(`${BASE_URL}/scoring`)
  await page.locator(byTest('not-found')).waitFor()
})

/** The quarter after "YYYYQn". */
function nextQuarter(label) {
  const year = Number(label.slice(0, 4))
  const number = Number(label.slice(5))
  return number === 4 ? `${year + 1}Q1` : `${year}Q${number + 1}`
}

test('(d) a town station generates its quarter plans from the 季度 tab', async (t) => {
  const asStation = await apiAs(STATION)
  const { user } = await asStation('/me')
  const town = user.region_code
  // This quarter, unless an earlier run planned it already: then the next one.
  const current = await asStation('/scoring/quarter')
  const ahead = await asStation(`/scoring/quarter?quarter=${nextQuarter(current.quarter)}`)
  const unplanned = [current, ahead].find((summary) => summary.towns.some((row) => row.region_code === town && row.plans.length === 0))

  const page = await freshPage(browser.context)
  await login(page, STATION)
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator(byTest('menu-scoring')).click()
  await page.waitForURL((url) => url.pathname === '/scoring')
  const opened = await answerOf(page, 'GET', /\/api\/v1\/scoring\/quarter$/, () => page.locator('#tab-quarter').click())
  assert.equal(opened.status(), 200, await opened.text())
  await page.waitForURL((url) => url.searchParams.get('tab') === 'quarter')
  const summary = await opened.json()
  assert.equal(summary.quarter, current.quarter)
  assert.deepEqual(summary.towns.map((row) => row.region_code), [town], 'a station sees its own town only')
  await page.locator(byTest(`quarter-town-${town}`)).waitFor()

  if (!unplanned) {
    t.diagnostic('this quarter and the next were planned by earlier runs: only the links are checked')
    const planned = summary.towns[0].plans
    for (const plan of planned) assert.equal(await page.locator(byTest(`quarter-plan-${plan.id}`)).getAttribute('href'), `/plans/${plan.id}`)
    assert.equal(await page.locator(byTest(`quarter-generate-${town}`)).count(), 0)
    return
  }
  if (unplanned.quarter !== current.quarter) {
    const picked = await answerOf(page, 'GET', /\/api\/v1\/scoring\/quarter$/, () =>
      pickOption(page, page.locator(byTest('quarter-select')), 'quarter-select-popper', `quarter-option-${unplanned.quarter}`),
    )
    assert.equal(new URL(picked.url()).searchParams.get('quarter'), unplanned.quarter)
  }

  // 生成季度检查计划, confirmed: the plans of the quarter, and the message counting them.
  await page.locator(byTest(`quarter-generate-${town}`)).click()
  const confirm = page.locator('.el-message-box')
  await confirm.waitFor()
  assert.match(await confirm.innerText(), /每月检查一次/)
  await screenshot(page, 'scoring-d1-confirm')
  const reloaded = page.waitForResponse((r) => r.request().method() === 'GET' && /\/api\/v1\/scoring\/quarter$/.test(new URL(r.url()).pathname))
  const generated = await answerOf(page, 'POST', /\/api\/v1\/scoring\/quarter\/plans$/, () =>
    confirm.getByRole('button', { name: '生成季度检查计划' }).click(),
  )
  assert.equal(generated.status(), 201, await generated.text())
  assert.deepEqual(JSON.parse(generated.request().postData()), { region_code: town, quarter: unplanned.quarter })
  const answer = await generated.json()
  assert.ok(answer.plans.length > 0, 'at least the whole quarter\'s plan')
  await page.locator('.el-message--success', { hasText: `已生成 ${answer.plans.length} 项检查计划` }).waitFor()
  await reloaded
  state.quarter = unplanned.quarter
  state.plans = answer.plans

  // The plans are linked in the town's row, the button gone; the whole quarter's opens its plan.
  const plans = page.locator(byTest(`quarter-plans-${town}`))
  for (const plan of answer.plans) assert.equal(await plans.locator(byTest(`quarter-plan-${plan.id}`)).getAttribute('href'), `/plans/${plan.id}`)
  assert.equal(await page.locator(byTest(`quarter-generate-${town}`)).count(), 0)
  const whole = answer.plans.find((plan) => plan.slot === 'all')
  if (whole) assert.equal((await plans.locator(byTest(`quarter-plan-${whole.id}`)).innerText()).trim(), '全季度')

  // The enterprises not inspected yet, narrowed to the town by its "missing" figure.
  const row = unplanned.towns.find((item) => item.region_code === town)
  const missingTable = page.locator(byTest('quarter-missing'))
  await missingTable.waitFor()
  if (row.missing > 0) {
    // The list reloaded after generating may still be on its way: wait for the town's.
    const narrowed = page.waitForResponse((r) => {
      const url = new URL(r.url())
      return url.pathname === '/api/v1/scoring/quarter/missing' && url.searchParams.get('region_code') === town
    })
    await page.locator(byTest(`quarter-town-missing-${town}`)).click()
    const listed = await (await narrowed).json()
    assert.equal(listed.quarter, unplanned.quarter)
    assert.ok(listed.total > 0)
    await page.locator(byTest('quarter-missing-town')).waitFor()
    await missingTable.locator(byTest(`quarter-missing-${listed.items[0].id}`)).waitFor()
    assert.equal(await missingTable.locator(byTest(`quarter-missing-${listed.items[0].id}`)).getAttribute('href'), `/enterprises/${listed.items[0].id}`)
  }
  assert.equal(await page.locator('.el-message--error').count(), 0, 'no error toast')
  await screenshot(page, 'scoring-d2-quarter')

  if (whole) {
    await plans.locator(byTest(`quarter-plan-${whole.id}`)).click()
    await page.waitForURL((url) => url.pathname === `/plans/${whole.id}`)
    await expectText(page, byTest('plan-name'), whole.name)
  }
})

test('(e) the district bureau sees every town of its district in the quarter', async () => {
  const page = await freshPage(browser.context)
  await login(page, BUREAU)
  await page.waitForURL((url) => url.pathname === '/')
  const opened = await answerOf(page, 'GET', /\/api\/v1\/scoring\/quarter$/, () => page.goto(`${BASE_URL}/scoring?tab=quarter`))
  assert.equal(opened.status(), 200, await opened.text())
  const summary = await opened.json()
  assert.ok(summary.towns.length > 1, 'several towns')
  const table = page.locator(byTest('quarter-towns'))
  await table.locator(byTest(`quarter-town-${summary.towns[0].region_code}`)).waitFor()
  assert.equal(await table.locator('.el-table__body tr').count(), summary.towns.length)
  assert.equal(await page.locator('[data-test^="quarter-generate-"]').count(), 0, 'a bureau does not generate a town\'s plans')
  if (state.quarter === summary.quarter) {
    // The plans the station generated in (d) show in its town's row.
    const { user } = await (await apiAs(STATION))('/me')
    for (const plan of state.plans) await page.locator(`${byTest(`quarter-plans-${user.region_code}`)} ${byTest(`quarter-plan-${plan.id}`)}`).waitFor()
  }
  await page.locator(byTest('quarter-spot-checks')).waitFor()
  assert.equal(await page.locator('.el-message--error').count(), 0, 'no error toast')
  await screenshot(page, 'scoring-e1-bureau-quarter')
})
