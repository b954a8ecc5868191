// Credit journeys (信用管理): (a) a town station prepares this year's evaluation of an enterprise of
// its town from the 信用管理 page, sees the provisional class on the evaluation's page and submits it
// (without a way to approve it); (b) the district bureau finds it on the enterprise's 信用 tab,
// approves it and sees the final class; (c) anyone, without signing in, finds the enterprise on the
// public red list (信用公示 · 红榜) and by its credit code in the lookup, with nothing unpublished
// on the card, the page calling only the public API; (d) an enterprise account reads its own 信用
// tab and evaluation without a way to change anything, and has no 信用管理 page.
// The tests run in order and share the enterprise; each run takes an enterprise of the town that
// has no evaluation this year yet, so reruns on the same `anjian demo` database pick a fresh one.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, answerOf, answerWith, apiAs, byTest, chinaDate, expectText, freshPage, login, openBrowser, pickOption, screenshot } from './helpers.mjs'

const STATION = 'station1_1'
const BUREAU = 'district1'
const ENTERPRISE = 'ent1_1'
const YEAR = Number(chinaDate().slice(0, 4))
// High enough for A whatever the cut-offs' defaults (90): 95 of 100, and 95 for every part.
const FIGURES = { points: 95, maximum: 100, parts: 95 }
const PARTS = ['safety_culture', 'participation', 'commitment', 'compliance']
const PUBLIC_KEYS = ['blacklist', 'credit_class', 'name', 'rated_on', 'region_code', 'uscc', 'year']

let browser
/** What the journeys share: the enterprise, its evaluation as created and as approved. */
const state = { enterprise: null, evaluation: null, approved: null }

/**
 * Whether an enterprise can be rated A this year: no evaluation of the year yet, not on the
 * blacklist, below the points threshold of the 12-point rule, no listed major hazard open.
 */
async function suitable(asStation, enterprise, pointsThreshold) {
  const evaluations = await asStation(`/credit/evaluations?enterprise_id=${enterprise.id}&year=${YEAR}&page_size=1`)
  if (evaluations.total > 0) return false
  const listings = await asStation(`/credit/blacklist?enterprise_id=${enterprise.id}&status=listed&page_size=1`)
  if (listings.total > 0) return false
  const card = await asStation(`/scoring/enterprises/${enterprise.id}`)
  if (card.total >= pointsThreshold) return false
  const hazards = await asStation(`/hazards?enterprise_id=${enterprise.id}&listed=true&page_size=1`)
  return hazards.total === 0
}

before(async () => {
  browser = await openBrowser()
  const asStation = await apiAs(STATION)
  const { user } = await asStation('/me')
  const rules = await asStation('/credit/rules')
  const points = rules.items.find((rule) => rule.code === 'score_points')
  const threshold = points?.enabled ? points.threshold : Number.POSITIVE_INFINITY
  for (let page = 1; page <= 10; page += 1) {
    const town = await asStation(`/enterprises?region_code=${user.region_code}&status=operating&page_size=50&page=${page}`)
    for (const enterprise of town.items) {
      if (await suitable(asStation, enterprise, threshold)) {
        state.enterprise = enterprise
        return
      }
    }
    if (town.items.length < 50) break
  }
  assert.fail('an operating enterprise of the town without an evaluation this year')
})

after(async () => {
  await browser?.close()
})

/** Confirms the open Element Plus message box with the button named `name`. */
async function confirmBox(page, name, expected) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  if (expected) assert.match(await box.innerText(), expected)
  return box.getByRole('button', { name })
}

test('(a) a town station prepares this year\'s evaluation, sees the provisional class and submits it', async () => {
  const { enterprise } = state
  const page = await freshPage(browser.context)
  await login(page, STATION)
  await page.waitForURL((url) => url.pathname === '/')
  const listed = await answerOf(page, 'GET', /\/api\/v1\/credit\/evaluations$/, () => page.locator(byTest('menu-credit')).click())
  assert.equal(listed.status(), 200, await listed.text())
  await page.waitForURL((url) => url.pathname === '/credit')
  await page.locator(byTest('evaluations-table')).waitFor()
  // The station's tabs: no rules and settings (the repairs to read).
  assert.deepEqual(await page.locator('[data-test="credit-tabs"] .el-tabs__item').allInnerTexts(), ['考评', '分布', '黑名单', '信用修复'])

  // 新建考评: nothing filled in, the form's checks stop it.
  await page.locator(byTest('evaluations-create')).click()
  const dialog = page.locator(byTest('evaluation-dialog'))
  await dialog.waitFor()
  await dialog.locator(byTest('evaluation-save')).click()
  await dialog.locator('.el-form-item__error', { hasText: '请选择企业' }).waitFor()
  await dialog.locator('.el-form-item__error', { hasText: '自评得分须在 0 与（满分 − 不适用项分值）之间' }).waitFor()
  assert.match(await dialog.locator(byTest('evaluation-year')).innerText(), new RegExp(`${YEAR} 年度`))

  // The enterprise, picked by name from the station's area.
  await dialog.locator(byTest('evaluation-enterprise')).click()
  const searched = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/enterprises' && url.searchParams.get('q') === enterprise.name
  })
  await dialog.locator(`${byTest('evaluation-enterprise')} input`).fill(enterprise.name)
  assert.equal((await searched).status(), 200)
  await page.locator(`.evaluation-enterprise-popper ${byTest(`enterprise-option-${enterprise.id}`)}`).click()

  // The figures, and what they come to before saving: 95.0 (level 1), credit 95.0, A by the score.
  await dialog.locator(`${byTest('evaluation-points')} input`).fill(String(FIGURES.points))
  for (const part of PARTS) await dialog.locator(`${byTest(`evaluation-part-${part}`)} input`).fill(String(FIGURES.parts))
  await dialog.locator(`${byTest('evaluation-part-compliance')} input`).press('Tab')
  await expectText(page, byTest('evaluation-preview-standardization'), '95.0')
  await expectText(page, byTest('evaluation-preview-level'), '一级')
  await expectText(page, byTest('evaluation-preview-credit'), '95.0')
  await expectText(page, byTest('evaluation-preview-class'), 'A 级')
  await screenshot(page, 'credit-a1-new')

  const created = await answerOf(page, 'POST', /\/api\/v1\/credit\/evaluations$/, () => dialog.locator(byTest('evaluation-save')).click())
  assert.equal(created.status(), 201, await created.text())
  assert.deepEqual(JSON.parse(created.request().postData()), {
    enterprise_id: enterprise.id,
    year: YEAR,
    standardization: { points: FIGURES.points, maximum: FIGURES.maximum, not_applicable: 0 },
    parts: Object.fromEntries(PARTS.map((part) => [part, FIGURES.parts])),
    concealed_accident: false,
  })
  const evaluation = await created.json()
  assert.equal(evaluation.status, 'draft')
  assert.equal(evaluation.result.provisional, true)
  assert.equal(evaluation.result.final_class, 'A', `the enterprise's facts keep it from A: ${JSON.stringify(evaluation.result)}`)
  state.evaluation = evaluation

  // Its page: the provisional result, both results, decided by the score, no rule applied.
  await page.waitForURL((url) => url.pathname === `/credit/evaluations/${evaluation.id}`)
  await page.locator(byTest('evaluation-provisional')).waitFor()
  await expectText(page, byTest('evaluation-status'), '草稿')
  await expectText(page, byTest('evaluation-standardization-score'), '95.0')
  await expectText(page, byTest('evaluation-standardization-level'), '一级')
  await expectText(page, byTest('evaluation-credit-score'), '95.0')
  await expectText(page, byTest('evaluation-final-class'), 'A 级')
  await expectText(page, byTest('evaluation-decided-by'), '按信用得分评定')
  await page.locator(byTest('evaluation-applied-none')).waitFor()
  assert.equal((await page.locator(byTest('evaluation-enterprise')).innerText()).trim(), enterprise.name)
  await screenshot(page, 'credit-a2-provisional')

  // Submitted, after confirming: it waits for the bureau; the station neither edits nor approves it.
  await page.locator(byTest('evaluation-submit')).click()
  const submit = await confirmBox(page, '提交审核', new RegExp(`${YEAR} 年度考评`))
  const submitted = await answerOf(page, 'POST', new RegExp(`/api/v1/credit/evaluations/${evaluation.id}/submit$`), () => submit.click())
  assert.equal(submitted.status(), 200, await submitted.text())
  assert.deepEqual(JSON.parse(submitted.request().postData()), { version: evaluation.version })
  await page.locator('.el-message--success', { hasText: '已提交审核' }).waitFor()
  await expectText(page, byTest('evaluation-status'), '待审核')
  for (const action of ['edit', 'submit', 'approve', 'return', 'revise']) {
    assert.equal(await page.locator(byTest(`evaluation-${action}`)).count(), 0, `no ${action} for the station on a submitted evaluation`)
  }
  state.evaluation = await submitted.json()
  await screenshot(page, 'credit-a3-submitted')
})

test('(b) the district bureau approves it from the enterprise\'s 信用 tab and sees the final class', async () => {
  assert.ok(state.evaluation, 'the evaluation of (a)')
  const { enterprise, evaluation } = state
  const page = await freshPage(browser.context)
  await login(page, BUREAU)
  await page.waitForURL((url) => url.pathname === '/')

  // The bureau's list narrows to the evaluations waiting for it.
  await page.locator(byTest('menu-credit')).click()
  await page.locator(byTest('evaluations-table')).waitFor()
  const waiting = await answerWith(page, 'GET', '/api/v1/credit/evaluations', { status: 'submitted' }, () =>
    pickOption(page, page.locator(byTest('evaluations-status')), 'evaluations-status-popper', 'evaluations-status-submitted'),
  )
  assert.equal(new URL(waiting.url()).searchParams.get('status'), 'submitted')
  assert.ok((await waiting.json()).items.every((item) => item.status === 'submitted'))

  // The enterprise's 信用 tab lists the evaluation, not yet current.
  const tab = await answerWith(page, 'GET', '/api/v1/credit/evaluations', { enterprise_id: String(enterprise.id) }, () =>
    page.goto(`${BASE_URL}/enterprises/${enterprise.id}?tab=credit`),
  )
  assert.equal(new URL(tab.url()).searchParams.get('enterprise_id'), String(enterprise.id))
  const row = page.locator(`${byTest('enterprise-credit')} tr`, { has: page.locator(byTest(`evaluation-row-${evaluation.id}`)) })
  await row.waitFor()
  assert.match(await row.locator(byTest('evaluation-row-status')).innerText(), /待审核/)
  await row.locator(byTest(`evaluation-row-${evaluation.id}`)).click()
  await page.waitForURL((url) => url.pathname === `/credit/evaluations/${evaluation.id}`)
  await expectText(page, byTest('evaluation-status'), '待审核')
  await page.locator(byTest('evaluation-return')).waitFor()
  assert.equal(await page.locator(byTest('evaluation-edit')).count(), 0, 'a submitted evaluation is not edited')

  await page.locator(byTest('evaluation-approve')).click()
  const approve = await confirmBox(page, '审核通过', /锁定信用等级/)
  const approved = await answerOf(page, 'POST', new RegExp(`/api/v1/credit/evaluations/${evaluation.id}/approve$`), () => approve.click())
  assert.equal(approved.status(), 200, await approved.text())
  assert.deepEqual(JSON.parse(approved.request().postData()), { version: evaluation.version })
  const result = await approved.json()
  assert.equal(result.status, 'approved')
  assert.equal(result.current, true)
  assert.equal(result.result.provisional, false)
  assert.equal(result.final_class, 'A')
  state.approved = result

  // The final class, fixed: no longer provisional, approved by the bureau, current; only a new revision now.
  await page.locator('.el-message--success', { hasText: '已审核通过' }).waitFor()
  await expectText(page, byTest('evaluation-status'), '已审核')
  await page.locator(byTest('evaluation-current')).waitFor()
  await expectText(page, byTest('evaluation-final-class'), 'A 级')
  await expectText(page, byTest('evaluation-decided-by'), '按信用得分评定')
  assert.equal(await page.locator(byTest('evaluation-provisional')).count(), 0)
  assert.match(await page.locator(byTest('evaluation-approved')).innerText(), new RegExp(`${result.approved_on} 由 .* 审核通过`))
  for (const action of ['edit', 'submit', 'approve', 'return']) assert.equal(await page.locator(byTest(`evaluation-${action}`)).count(), 0)
  await page.locator(byTest('evaluation-revise')).waitFor()
  assert.equal(await page.locator('.el-message--error').count(), 0, 'no error toast')
  await screenshot(page, 'credit-b1-approved')

  // Back on the enterprise's tab: its class now, and the evaluation marked current.
  await page.locator(byTest('evaluation-enterprise')).click()
  await page.waitForURL((url) => url.pathname === `/enterprises/${enterprise.id}` && url.searchParams.get('tab') === 'credit')
  await expectText(page, byTest('enterprise-credit-class'), 'A 级')
  const current = page.locator(`${byTest('enterprise-credit')} tr`, { has: page.locator(byTest(`evaluation-row-${evaluation.id}`)) })
  await current.locator(byTest('evaluation-row-current')).waitFor()
})

test('(c) without signing in, the enterprise is on the red list and found by its credit code', async () => {
  assert.ok(state.approved, 'the approval of (b)')
  const { enterprise } = state
  // A browser of its own: no cookie, no session, nothing stored.
  const anonymous = await openBrowser()
  try {
    const page = anonymous.page
    const calls = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname.startsWith('/api/')) calls.push(url.pathname)
    })

    // Where the enterprise stands on the red list (ordered by region and enterprise), as anyone can ask.
    let index = -1
    for (let number = 1; index < 0; number += 1) {
      const answer = await fetch(`${BASE_URL}/api/v1/public/credit?list=commended&page=${number}&page_size=200`)
      assert.equal(answer.status, 200)
      const { items, total } = await answer.json()
      const at = items.findIndex((item) => item.uscc === enterprise.uscc)
      if (at >= 0) index = (number - 1) * 200 + at
      else if (number * 200 >= total) assert.fail('the enterprise is on the red list')
    }
    const listPage = Math.floor(index / 20) + 1

    const opened = await answerOf(page, 'GET', /\/api\/v1\/public\/credit$/, () => page.goto(`${BASE_URL}/public/credit`))
    assert.equal(opened.status(), 200)
    assert.equal(new URL(opened.url()).searchParams.get('list'), 'commended')
    await page.locator(byTest('public-credit-commended')).waitFor()
    assert.equal(new URL(page.url()).pathname, '/public/credit', 'no detour through the login page')
    if (listPage > 1) {
      const jumped = page.waitForResponse((r) => {
        const url = new URL(r.url())
        return url.pathname === '/api/v1/public/credit' && url.searchParams.get('page') === String(listPage)
      })
      const jumper = page.locator(`${byTest('public-credit-commended-pager')} .el-pagination__jump input`)
      await jumper.fill(String(listPage))
      await jumper.press('Enter')
      await jumped
    }
    const row = page.locator(`${byTest('public-credit-commended')} tr`, { has: page.locator(byTest(`public-credit-row-${enterprise.uscc}`)) })
    await row.waitFor()
    assert.equal((await row.locator(byTest('public-credit-row-class')).innerText()).trim(), 'A 级')
    assert.match(await row.innerText(), new RegExp(`${YEAR} 年度，${state.approved.approved_on} 评定`))
    await screenshot(page, 'credit-c1-red-list')

    // The lookup by credit code: class A, and only what is published.
    const looked = await answerOf(page, 'GET', /\/api\/v1\/public\/credit\/lookup$/, async () => {
      await page.locator(byTest('public-credit-lookup')).fill(enterprise.uscc)
      await page.locator(byTest('public-credit-lookup-submit')).click()
    })
    assert.equal(looked.status(), 200)
    assert.equal(new URL(looked.url()).searchParams.get('q'), enterprise.uscc)
    const { items } = await looked.json()
    assert.equal(items.length, 1)
    assert.deepEqual(Object.keys(items[0]).sort(), PUBLIC_KEYS, 'the public answer carries the public fields only')
    const card = page.locator(byTest(`public-credit-result-${enterprise.uscc}`))
    await card.waitFor()
    assert.equal((await card.locator(byTest('public-credit-result-class')).innerText()).trim(), 'A 级')
    const text = await card.innerText()
    assert.match(text, new RegExp(enterprise.name))
    assert.match(text, new RegExp(enterprise.uscc))
    if (enterprise.address) assert.ok(!text.includes(enterprise.address), 'no address on the card')
    const people = await (await apiAs(STATION))(`/enterprises/${enterprise.id}/people`)
    for (const person of people.items) {
      assert.ok(!text.includes(person.name), 'no contact person on the card')
      if (person.phone) assert.ok(!text.includes(person.phone), 'no telephone number on the card')
    }
    assert.equal(await card.locator(byTest('public-credit-result-listed')).count(), 0)
    await screenshot(page, 'credit-c2-lookup')

    // The black list loads on its tab, with each listing's days and reason.
    const exposed = await answerWith(page, 'GET', '/api/v1/public/credit', { list: 'exposed' }, () => page.locator('#tab-exposed').click())
    assert.equal(new URL(exposed.url()).searchParams.get('list'), 'exposed')
    const black = await exposed.json()
    assert.ok(black.items.every((item) => item.credit_class === 'D' || item.blacklist), 'only D and the blacklisted')
    const listed = black.items.find((item) => item.blacklist)
    if (listed) {
      const listedRow = page.locator(`${byTest('public-credit-exposed')} tr`, { has: page.locator(byTest(`public-credit-row-${listed.uscc}`)) })
      const listing = await listedRow.locator(byTest('public-credit-row-listing')).innerText()
      assert.match(listing, new RegExp(`${listed.blacklist.starts_on} 至 ${listed.blacklist.ends_on}`))
      assert.ok(listing.includes(listed.blacklist.reason))
    }

    assert.ok(calls.length >= 3)
    assert.deepEqual(calls.filter((path) => !path.startsWith('/api/v1/public/')), [], 'only the public API')

    // The login page links to it.
    await page.goto(`${BASE_URL}/login`)
    await page.locator(byTest('login-public-credit')).click()
    await page.waitForURL((url) => url.pathname === '/public/credit')
    await page.locator(byTest('public-credit-commended')).waitFor()
  } finally {
    await anonymous.close()
  }
})

test('(d) the enterprise reads its own 信用 tab and cannot change anything', async () => {
  const page = await freshPage(browser.context)
  const answer = await login(page, ENTERPRISE)
  const { user } = await answer.json()
  await page.waitForURL((url) => url.pathname === '/')
  assert.equal(await page.locator(byTest('menu-credit')).count(), 0, 'no credit page in the menu')
  await page.locator(byTest('menu-myEnterprise')).click()
  await page.waitForURL((url) => url.pathname === `/enterprises/${user.enterprise_id}`)
  const opened = await answerOf(page, 'GET', /\/api\/v1\/credit\/evaluations$/, () => page.locator('#tab-credit').click())
  assert.equal(opened.status(), 200, await opened.text())
  await page.waitForURL((url) => url.searchParams.get('tab') === 'credit')
  const { items } = await opened.json()
  assert.ok(items.every((item) => item.status === 'approved'), 'an enterprise reads approved evaluations only')
  await page.locator(byTest('enterprise-credit')).waitFor()
  assert.equal(await page.locator('[data-test^="evaluation-row-status"]').count(), items.length)
  for (const button of ['enterprise-credit-create', 'enterprise-credit-list']) assert.equal(await page.locator(byTest(button)).count(), 0, button)
  assert.equal(await page.locator('[data-test^="listing-remove-"]').count(), 0, 'no early removal')
  const standing = items.filter((item) => item.current).sort((a, b) => b.year - a.year)[0]
  await expectText(page, byTest('enterprise-credit-class'), standing ? `${standing.final_class} 级` : '尚未评定')
  assert.equal(await page.locator('.el-message--error').count(), 0, 'no error toast')
  await screenshot(page, 'credit-d1-own-tab')

  if (standing) {
    // Its evaluation's page: the results, without a button.
    await page.locator(byTest(`evaluation-row-${standing.id}`)).click()
    await page.waitForURL((url) => url.pathname === `/credit/evaluations/${standing.id}`)
    await expectText(page, byTest('evaluation-final-class'), `${standing.final_class} 级`)
    for (const action of ['edit', 'submit', 'approve', 'return', 'revise']) assert.equal(await page.locator(byTest(`evaluation-${action}`)).count(), 0, action)
    assert.equal(await page.locator(byTest('evaluation-back')).count(), 0, 'no way to the officers\' list')
  }

  // The officers' page is not the enterprise's.
  await page.goto(`${BASE_URL}/credit`)
  await page.locator(byTest('not-found')).waitFor()
})

test('(e) an enterprise with a D rating applies for credit repair; the district bureau approves it', async () => {
  // Set-up through the API: a D rating of its own, prepared by its town's station (ent1_2 is an
  // enterprise of station1_2's town), approved by the bureau (a new revision when the year already
  // has an approved one), so that reruns start from an unrepaired D.
  const REPAIRER = 'ent1_2'
  const asEnterprise = await apiAs(REPAIRER)
  const { user: account } = await asEnterprise('/me')
  const asStation = await apiAs('station1_2')
  const asBureau = await apiAs(BUREAU)
  const low = { standardization: { points: 30, maximum: 100, not_applicable: 0 }, parts: Object.fromEntries(PARTS.map((part) => [part, 30])) }
  const open = await asStation(`/credit/evaluations?enterprise_id=${account.enterprise_id}&year=${YEAR}&page_size=50`)
  let rating = open.items.find((item) => item.status !== 'approved')
  if (rating) rating = await asStation(`/credit/evaluations/${rating.id}`, { method: 'PATCH', body: { version: rating.version, ...low } })
  else rating = await asStation('/credit/evaluations', { method: 'POST', body: { enterprise_id: account.enterprise_id, year: YEAR, ...low } })
  if (rating.status !== 'submitted') rating = await asStation(`/credit/evaluations/${rating.id}/submit`, { method: 'POST', body: { version: rating.version }, status: 200 })
  rating = await asBureau(`/credit/evaluations/${rating.id}/approve`, { method: 'POST', body: { version: rating.version }, status: 200 })
  assert.equal(rating.final_class, 'D')

  // The enterprise: its D rating, the measures it carries, the repair button.
  const page = await freshPage(browser.context)
  await login(page, REPAIRER)
  await page.waitForURL((url) => url.pathname === '/')
  const card = await answerOf(page, 'GET', new RegExp(`/api/v1/credit/enterprises/${account.enterprise_id}$`), () =>
    page.goto(`${BASE_URL}/enterprises/${account.enterprise_id}?tab=credit`),
  )
  assert.equal(card.status(), 200, await card.text())
  await page.locator(byTest('credit-measures')).waitFor()
  await page.locator(byTest('enterprise-credit-repair-rating')).click()
  const dialog = page.locator(byTest('repair-dialog'))
  await dialog.waitFor()
  await expectText(page, `${byTest('repair-target')} strong`, `${YEAR} 年度 D 级信用评定`)
  await dialog.locator(byTest('repair-submit')).click()
  await dialog.locator('.el-form-item__error', { hasText: '修复申请说明' }).waitFor()
  await dialog.locator(byTest('repair-statement')).fill('已完成全部隐患整改并作出信用承诺')
  await dialog.locator(byTest('repair-evidence')).fill('第三方检测报告、全员培训记录')
  const applied = await answerOf(page, 'POST', /\/api\/v1\/credit\/repairs$/, () => dialog.locator(byTest('repair-submit')).click())
  assert.equal(applied.status(), 201, await applied.text())
  assert.deepEqual(JSON.parse(applied.request().postData()), {
    kind: 'rating',
    evaluation_id: rating.id,
    statement: '已完成全部隐患整改并作出信用承诺',
    evidence: '第三方检测报告、全员培训记录',
  })
  const repair = await applied.json()
  await expectText(page, byTest(`repair-status-${repair.id}`), '待审核')
  await page.locator(byTest('enterprise-credit-repair-pending')).waitFor()
  assert.equal(await page.locator(byTest('enterprise-credit-repair-rating')).count(), 0)
  await screenshot(page, 'credit-e1-applied')

  // The district bureau decides it on the 信用修复 tab: a rejection needs a note; it approves.
  const bureau = await freshPage(browser.context)
  await login(bureau, BUREAU)
  await bureau.waitForURL((url) => url.pathname === '/')
  await bureau.goto(`${BASE_URL}/credit?tab=repairs`)
  await bureau.locator(byTest(`repair-decide-${repair.id}`)).click()
  const decision = bureau.locator(byTest('repair-decision-dialog'))
  await decision.waitFor()
  await decision.locator(byTest('repair-decision-reject')).click()
  await decision.locator(byTest('repair-decision-submit')).click()
  await decision.locator('.el-form-item__error', { hasText: '不通过须填写审核意见' }).waitFor()
  await decision.locator(byTest('repair-decision-approve')).click()
  await decision.locator(byTest('repair-decision-note')).fill('整改到位，同意修复')
  const decided = await answerOf(bureau, 'POST', new RegExp(`/api/v1/credit/repairs/${repair.id}/decision$`), () => decision.locator(byTest('repair-decision-submit')).click())
  assert.ok(decided.ok(), await decided.text())
  assert.deepEqual(JSON.parse(decided.request().postData()), { version: repair.version, approve: true, note: '整改到位，同意修复' })
  await bureau.locator(byTest('repairs-status-approved')).click()
  await expectText(bureau, byTest(`repair-status-${repair.id}`), '已通过')
  await screenshot(bureau, 'credit-e2-approved')

  // The rating is repaired: no longer published, and no button for it.
  const after = await asEnterprise(`/credit/enterprises/${account.enterprise_id}`)
  assert.equal(after.rating.id, rating.id)
  assert.ok(after.rating.repaired_at, 'repaired')
  const again = await freshPage(browser.context)
  await login(again, REPAIRER)
  await again.waitForURL((url) => url.pathname === '/')
  await again.goto(`${BASE_URL}/enterprises/${account.enterprise_id}?tab=credit`)
  await expectText(again, byTest(`repair-status-${repair.id}`), '已通过')
  assert.equal(await again.locator(byTest('enterprise-credit-repair-rating')).count(), 0)
  assert.equal(await again.locator(byTest('enterprise-credit-repair-pending')).count(), 0)
})
