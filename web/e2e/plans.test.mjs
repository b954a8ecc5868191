// Inspection plan journeys (检查计划): (a) a town station draws up a grid-patrol plan for one of its
// villages by filter and finds it in its list with nothing done; (b) on a phone, the grid worker
// the plan gave one of the enterprises to finds it under My tasks, starts the inspection from
// there, answers every item conforming and finishes; (c) back at the station, the plan counts one
// done, the target links the inspection that counts, and the plan's name and note are changed.
// The tests run in order and share the plan; run them against an `anjian demo` database.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, answerOf, apiAs, byTest, chinaDate, expectText, freshPage, login, openBrowser, pickRegion, screenshot } from './helpers.mjs'

const PHONE = { width: 375, height: 812 }
const DESKTOP = { width: 1366, height: 800 }
const POSITION = { latitude: 28.4263, longitude: 118.2324 }
const STATION = 'station1_1'

let browser
/** What the journeys share: the village, the plan, the target the grid worker inspects. */
const state = { village: null, matching: 0, plan: null, target: null, worker: null, inspectionId: null, name: '' }

/** The last day of the quarter `day` (YYYY-MM-DD) falls in. */
function endOfQuarter(day) {
  const [year, month] = day.split('-').map(Number)
  return new Date(Date.UTC(year, Math.ceil(month / 3) * 3, 0)).toISOString().slice(0, 10)
}

before(async () => {
  browser = await openBrowser()
  // A village of the station's town whose enterprises no grid patrol has finished at today, so
  // that the new plan starts with nothing done (the demo's own plans take the first village).
  const asStation = await apiAs(STATION)
  const { user } = await asStation('/me')
  const villages = await asStation(`/regions/${user.region_code}/children`)
  const today = chinaDate()
  for (const village of villages.items.filter((item) => !item.code.endsWith('001'))) {
    const enterprises = await asStation(`/enterprises?region_code=${village.code}&status=operating&page_size=1`)
    if (enterprises.total === 0 || enterprises.total > 50) continue
    const finished = await asStation(`/inspections?region_code=${village.code}&kind=grid_patrol&status=finished&from=${today}&page_size=1`)
    if (finished.total > 0) continue
    state.village = village
    state.matching = enterprises.total
    break
  }
  assert.ok(state.village, 'a village of the town with enterprises and no patrol finished today')
})

after(async () => {
  await browser?.close()
})

/** Opens a menu entry; on a phone the menu sits in a drawer behind the header's button. */
async function openMenu(page, feature) {
  const toggle = page.locator(byTest('menu-toggle'))
  if (await toggle.isVisible()) await toggle.click()
  await page.locator(`${byTest(`menu-${feature}`)}:visible`).click()
}

test('(a) a town station draws up a grid patrol of one village by filter', async () => {
  const page = await freshPage(browser.context)
  await page.setViewportSize(DESKTOP)
  await login(page, STATION)
  await page.waitForURL((url) => url.pathname === '/')
  const listed = await answerOf(page, 'GET', /\/api\/v1\/inspection-plans$/, () => openMenu(page, 'plans'))
  assert.equal(listed.status(), 200)
  assert.equal(new URL(listed.url()).searchParams.get('status'), 'open', 'the list opens on the plans not yet due')
  await page.waitForURL((url) => url.pathname === '/plans')

  // 制定计划: a grid patrol from today to the end of the quarter by default.
  await page.locator(byTest('plans-create')).click()
  const dialog = page.locator(byTest('plan-dialog'))
  await dialog.waitFor()
  const today = chinaDate()
  assert.equal(await dialog.locator(`${byTest('plan-starts-on')} input`).inputValue(), today)
  assert.equal(await dialog.locator(`${byTest('plan-due-on')} input`).inputValue(), endOfQuarter(today))
  assert.match(await dialog.locator(byTest('plan-kind')).innerText(), /网格巡查/)

  // Nothing named: the checks of the form stop it before the server.
  await dialog.locator(byTest('plan-submit')).click()
  await dialog.locator('.el-form-item__error', { hasText: '计划名称须为 1–100 个字符' }).waitFor()

  state.name = `网格巡查计划测试${Date.now() % 100000}`
  await dialog.locator(byTest('plan-name')).fill(state.name)
  // The village from the region tree; the count of what the filter takes follows it.
  await dialog.locator(`${byTest('plan-filter-region')} .el-select__wrapper`).click()
  const popper = page.locator('.el-popper.plan-region-popper')
  await popper.waitFor()
  const counted = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/enterprises' && url.searchParams.get('region_code') === state.village.code
  })
  await pickRegion(page, popper, state.village.code)
  const count = await counted
  assert.equal(new URL(count.url()).searchParams.get('status'), 'operating')
  await expectText(page, byTest('plan-matching'), `符合条件的在营企业：${state.matching} 家`)
  await dialog.locator(byTest('plan-note')).fill('重点检查消防通道和电气线路')
  await screenshot(page, 'plans-a1-create')

  const created = await answerOf(page, 'POST', /\/api\/v1\/inspection-plans$/, () => dialog.locator(byTest('plan-submit')).click())
  assert.equal(created.status(), 201, await created.text())
  assert.deepEqual(JSON.parse(created.request().postData()), {
    name: state.name,
    kind: 'grid_patrol',
    starts_on: today,
    due_on: endOfQuarter(today),
    note: '重点检查消防通道和电气线路',
    filter: { region_code: state.village.code },
  })
  const plan = await created.json()
  state.plan = plan
  assert.equal(plan.target_count, state.matching)
  assert.equal(plan.done_count, 0)

  // Its page: nothing done, every enterprise pending with its grid worker.
  await page.waitForURL((url) => url.pathname === `/plans/${plan.id}`)
  await expectText(page, byTest('plan-count'), `已完成 0/${state.matching} 家`)
  await expectText(page, byTest('plan-name'), state.name)
  assert.equal(await page.locator(`${byTest('plan-targets')} ${byTest('target-status')}`).count(), state.matching)
  state.target = plan.targets.find((target) => target.assignee_user_id !== null)
  assert.ok(state.target, 'a grid patrol target goes to the grid worker of its cell')
  const row = page.locator(`${byTest('plan-targets')} tr`, { has: page.locator(byTest(`target-row-${state.target.enterprise_id}`)) })
  assert.equal((await row.locator(byTest('target-assignee')).innerText()).trim(), state.target.assignee_name)
  assert.equal((await row.locator(byTest('target-status')).innerText()).trim(), '待检查')
  await screenshot(page, 'plans-a2-detail')

  // The list: the plan with 0 of N done.
  await answerOf(page, 'GET', /\/api\/v1\/inspection-plans$/, () => openMenu(page, 'plans'))
  const listRow = page.locator(`${byTest('plans-table')} tr`, { has: page.locator(byTest(`plan-row-${plan.id}`)) })
  await listRow.waitFor()
  assert.equal((await listRow.locator(byTest('plan-row-count')).innerText()).trim(), `0/${state.matching}`)
  assert.equal((await listRow.locator(byTest('plan-row-state')).innerText()).trim(), '进行中')

  // Who the target went to, to sign in as them.
  const asAdmin = await apiAs('admin')
  state.worker = await asAdmin(`/users/${state.target.assignee_user_id}`)
  assert.equal(state.worker.role, 'grid')
})

test('(b) on a phone, the grid worker starts the inspection from My tasks and finishes it', async () => {
  assert.ok(state.worker, 'journey (a) found the grid worker')
  const { plan, target, worker } = state
  const page = await freshPage(browser.context)
  await page.setViewportSize(PHONE)
  await browser.context.grantPermissions(['geolocation'], { origin: BASE_URL })
  await browser.context.setGeolocation(POSITION)

  await login(page, worker.username)
  await page.waitForURL((url) => url.pathname === '/')
  await answerOf(page, 'GET', /\/api\/v1\/inspection-plans\/tasks$/, () => openMenu(page, 'inspections'))
  await page.waitForURL((url) => url.pathname === '/inspections')
  const tasks = page.locator(byTest('my-tasks'))
  await tasks.waitFor()

  // Soonest due first: the month's patrol of the demo may come before; page on until it shows.
  const card = tasks.locator(byTest(`task-${plan.id}-${target.enterprise_id}`))
  for (let step = 0; step < 20 && !(await card.isVisible()); step += 1) {
    const next = tasks.locator(`${byTest('my-tasks-pager')} .btn-next`)
    assert.equal(await next.isEnabled(), true, 'the task shows on some page of My tasks')
    await answerOf(page, 'GET', /\/api\/v1\/inspection-plans\/tasks$/, () => next.click())
  }
  assert.equal((await card.locator(byTest('task-enterprise')).innerText()).trim(), target.enterprise_name)
  assert.match(await card.innerText(), new RegExp(state.name))
  await screenshot(page, 'plans-b1-tasks-phone')

  // 开始检查 from the task: the enterprise and the kind are fixed, the patrol checklist chosen.
  const checklists = answerOf(page, 'GET', /\/api\/v1\/checklists$/, () => card.locator(byTest('task-start')).click())
  const dialog = page.locator(byTest('start-dialog'))
  await dialog.waitFor()
  const offered = await (await checklists).json()
  assert.equal(new URL((await checklists).url()).searchParams.get('enterprise_id'), String(target.enterprise_id))
  const patrol = offered.items.find((checklist) => checklist.purpose === 'patrol')
  assert.ok(patrol, 'a patrol checklist applies to every enterprise')
  await page.waitForFunction(([selector, name]) => document.querySelector(selector)?.textContent?.includes(name), [byTest('start-checklist'), patrol.name])
  assert.match(await dialog.locator(byTest('start-enterprise')).innerText(), new RegExp(target.enterprise_name))
  assert.match(await dialog.locator(byTest('start-kind')).innerText(), /网格巡查/)
  assert.equal(await dialog.locator(`${byTest('start-kind')} .is-disabled`).count() > 0, true, 'the kind is the plan\'s')
  await screenshot(page, 'plans-b2-start-phone')
  const started = await answerOf(page, 'POST', /\/api\/v1\/inspections$/, () => dialog.locator(byTest('start-submit')).click())
  assert.equal(started.status(), 201, await started.text())
  assert.deepEqual(JSON.parse(started.request().postData()), { enterprise_id: target.enterprise_id, kind: 'grid_patrol', checklist_id: patrol.id })
  const inspection = await started.json()
  state.inspectionId = inspection.id
  await page.waitForURL((url) => url.pathname === `/inspections/${inspection.id}`)
  await page.locator(byTest('inspection-progress')).waitFor()

  // Every item conforming, each answer saved as it is given.
  const items = [...inspection.items].sort((a, b) => a.position - b.position)
  for (const item of items) {
    const saved = await answerOf(page, 'PATCH', new RegExp(`/api/v1/inspections/${inspection.id}$`), () => page.locator(byTest(`item-${item.id}-conforming`)).click())
    assert.equal(saved.status(), 200, await saved.text())
  }
  await expectText(page, byTest('inspection-progress'), `已查 ${items.length}/${items.length} 项`)
  await page.locator(byTest('inspection-finish')).click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  assert.match(await box.innerText(), /本次检查没有发现问题/)
  const finished = await answerOf(page, 'POST', /\/finish$/, () => box.locator('.el-button--primary').click())
  assert.equal(finished.status(), 200, await finished.text())
  await expectText(page, byTest('inspection-status'), '已完成')
  await screenshot(page, 'plans-b3-finished-phone')

  // The task is done: it is gone from My tasks.
  const asWorker = await apiAs(worker.username)
  const left = await asWorker('/inspection-plans/tasks?page_size=100')
  assert.equal(left.items.some((item) => item.plan_id === plan.id && item.enterprise_id === target.enterprise_id), false)
  assert.equal(left.items.filter((item) => item.plan_id === plan.id).length, plan.targets.filter((item) => item.assignee_user_id === worker.id).length - 1)
})

test('(c) back at the station, the plan counts one done and its name and note change', async () => {
  assert.ok(state.inspectionId, 'journey (b) finished the inspection')
  const { plan, target } = state
  const page = await freshPage(browser.context)
  await page.setViewportSize(DESKTOP)
  await login(page, STATION)
  await page.waitForURL((url) => url.pathname === '/')
  await answerOf(page, 'GET', /\/api\/v1\/inspection-plans$/, () => openMenu(page, 'plans'))
  const listRow = page.locator(`${byTest('plans-table')} tr`, { has: page.locator(byTest(`plan-row-${plan.id}`)) })
  await listRow.waitFor()
  assert.equal((await listRow.locator(byTest('plan-row-count')).innerText()).trim(), `1/${state.matching}`)
  await screenshot(page, 'plans-c1-list')

  await listRow.click()
  await page.waitForURL((url) => url.pathname === `/plans/${plan.id}`)
  await expectText(page, byTest('plan-count'), `已完成 1/${state.matching} 家`)
  // Only the done target, which links the inspection that counts.
  await page.locator(byTest('plan-targets-done')).click()
  const rows = page.locator(`${byTest('plan-targets')} ${byTest('target-status')}`)
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 1, `${byTest('plan-targets')} ${byTest('target-status')}`)
  assert.equal((await rows.first().innerText()).trim(), '已完成')
  const link = page.locator(`${byTest('plan-targets')} ${byTest('target-inspection')}`)
  assert.match(await link.innerText(), new RegExp(`#${state.inspectionId}`))
  await screenshot(page, 'plans-c2-detail-done')
  await link.click()
  await page.waitForURL((url) => url.pathname === `/inspections/${state.inspectionId}`)
  assert.equal((await page.locator(byTest('inspection-enterprise')).innerText()).trim(), target.enterprise_name)
  await page.goBack()
  await page.waitForURL((url) => url.pathname === `/plans/${plan.id}`)

  // 修改计划: the version seen and only what changed.
  await page.locator(byTest('plan-edit')).click()
  const dialog = page.locator(byTest('plan-edit-dialog'))
  await dialog.waitFor()
  const renamed = `${state.name}（已调整）`
  await dialog.locator(byTest('plan-edit-name')).fill(renamed)
  await dialog.locator(byTest('plan-edit-note')).fill('重点检查消防通道')
  const saved = await answerOf(page, 'PATCH', new RegExp(`/api/v1/inspection-plans/${plan.id}$`), () => dialog.locator(byTest('plan-edit-submit')).click())
  assert.equal(saved.status(), 200, await saved.text())
  assert.deepEqual(JSON.parse(saved.request().postData()), { version: plan.version, name: renamed, note: '重点检查消防通道' })
  await dialog.waitFor({ state: 'hidden' })
  await expectText(page, byTest('plan-name'), renamed)
  await expectText(page, byTest('plan-note'), '重点检查消防通道')
  await expectText(page, byTest('plan-count'), `已完成 1/${state.matching} 家`)
})
