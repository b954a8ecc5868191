// Hazard journeys, the closed loop end to end: (a) on a phone a grid worker patrols an enterprise
// of its cells, answers every item with one finding and finishes, and sees the hazard it became;
// (b) at desktop width the town station notifies it, the enterprise starts and submits, the
// station rejects, the enterprise resumes and resubmits, the station verifies, and the timeline
// holds every step; (c) another district's bureau does not see the hazard at all.
// The tests run in order and share the hazard; run them against a fresh `anjian demo` database.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, answerOf, apiAs, byTest, chinaDate, expectText, freshPage, login, logout, openBrowser, screenshot } from './helpers.mjs'

const PHONE = { width: 375, height: 812 }
const DESKTOP = { width: 1366, height: 800 }
// Where the grid worker stands, somewhere in the demo city.
const POSITION = { latitude: 28.4263, longitude: 118.2324 }

let browser
/** What the journeys share: the enterprise and the hazard its patrol found. */
const state = { enterprise: null, inspectionId: null, hazardId: null, note: '' }

before(async () => {
  browser = await openBrowser()
  // ent1_1 is the account of the first enterprise of town 1 of district 1; the grid worker of
  // that town patrols it when it lies in a cell the worker leads. The grid journey (grids.test.mjs)
  // moves that enterprise into a new cell: if so, the station puts it back into the worker's cell.
  const asEnterprise = await apiAs('ent1_1')
  const { user } = await asEnterprise('/me')
  const asGrid = await apiAs('grid1_1_1')
  const worker = (await asGrid('/me')).user
  const asStation = await apiAs('station1_1')
  const enterprise = await asStation(`/enterprises/${user.enterprise_id}`)
  const seen = await asGrid(`/enterprises?page_size=1&q=${encodeURIComponent(enterprise.name)}`)
  if (!seen.items.some((item) => item.id === enterprise.id)) {
    const cells = await asStation(`/grids?level=2&region_code=${enterprise.region_code}&page_size=100`)
    const cell = cells.items.find((item) => item.responsible_user_id === worker.id)
    assert.ok(cell, 'the worker leads a cell of the enterprise\'s village')
    await asStation(`/enterprises/${enterprise.id}`, { method: 'PATCH', body: { version: enterprise.version, grid_cell_id: cell.id } })
  }
  state.enterprise = await asGrid(`/enterprises/${enterprise.id}`)
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

/** Takes one action on the hazard page: opens its dialog, fills the fields, sends it. */
async function act(page, action, fields = {}) {
  await page.locator(byTest(`hazard-action-${action}`)).click()
  const dialog = page.locator(byTest('hazard-action-dialog'))
  await dialog.waitFor()
  for (const [name, value] of Object.entries(fields)) {
    const field = dialog.locator(byTest(`hazard-action-field-${name}`))
    if (name === 'deadline' || name === 'completed_on') {
      const input = field.locator('input')
      await input.fill(value)
      await input.press('Enter')
    } else {
      await field.fill(value)
    }
  }
  const response = await answerOf(page, 'POST', /\/api\/v1\/hazards\/\d+\/transitions$/, () => dialog.locator(byTest('hazard-action-send')).click())
  return { response, dialog }
}

/** Acts and expects it to go through: the dialog closes and the state tag shows `stateLabel`. */
async function actOk(page, action, fields, stateLabel) {
  const { response, dialog } = await act(page, action, fields)
  assert.equal(response.status(), 200, await response.text())
  const body = JSON.parse(response.request().postData())
  assert.equal(body.action, action)
  assert.equal(typeof body.version, 'number', 'every action carries the version it saw')
  await dialog.waitFor({ state: 'hidden' })
  await expectText(page, byTest('hazard-state'), stateLabel)
  return response.json()
}

async function openHazard(page, username) {
  await login(page, username)
  await page.waitForURL((url) => url.pathname === '/')
  await page.goto(`${BASE_URL}/hazards/${state.hazardId}`)
  await page.locator(byTest('hazard-description')).waitFor()
}

test('(a) on a phone, a grid worker patrols an enterprise, records one finding and sees the hazard', async () => {
  const enterprise = state.enterprise
  assert.ok(enterprise, 'grid1_1_1 sees the enterprise of ent1_1')
  const page = await freshPage(browser.context)
  await page.setViewportSize(PHONE)
  await browser.context.grantPermissions(['geolocation'], { origin: BASE_URL })
  await browser.context.setGeolocation(POSITION)

  await login(page, 'grid1_1_1')
  await page.waitForURL((url) => url.pathname === '/')
  assert.equal(await page.locator('.layout-aside').count(), 0, 'no side menu on a phone')
  await openMenu(page, 'inspections')
  await page.waitForURL((url) => url.pathname === '/inspections')

  // 开始检查: the enterprise by name, the grid patrol and its checklist chosen for it.
  await page.locator(byTest('inspections-start')).click()
  const dialog = page.locator(byTest('start-dialog'))
  await dialog.waitFor()
  await dialog.locator(byTest('start-enterprise')).click()
  const search = answerOf(page, 'GET', /\/api\/v1\/enterprises$/, () => dialog.locator(`${byTest('start-enterprise')} input`).fill(enterprise.name))
  assert.equal((await search).status(), 200)
  const checklists = answerOf(page, 'GET', /\/api\/v1\/checklists$/, () =>
    page.locator(`.start-enterprise-popper ${byTest(`enterprise-option-${enterprise.id}`)}`).click(),
  )
  const offered = await (await checklists).json()
  const patrol = offered.items.find((checklist) => checklist.purpose === 'patrol')
  assert.ok(patrol, 'a patrol checklist applies to every enterprise')
  await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('网格员日常巡查表'), byTest('start-checklist'))
  await screenshot(page, 'hazards-a1-start-phone')
  const started = await answerOf(page, 'POST', /\/api\/v1\/inspections$/, () => dialog.locator(byTest('start-submit')).click())
  assert.equal(started.status(), 201, await started.text())
  assert.deepEqual(JSON.parse(started.request().postData()), { enterprise_id: enterprise.id, kind: 'grid_patrol', checklist_id: patrol.id })
  const inspection = await started.json()
  state.inspectionId = inspection.id
  await page.waitForURL((url) => url.pathname === `/inspections/${inspection.id}`)
  await page.locator(byTest('inspection-progress')).waitFor()
  assert.equal((await page.locator(byTest('inspection-enterprise')).innerText()).trim(), enterprise.name)

  // The position is taken once the page opens, and saved with the inspection.
  await page.waitForFunction(
    ([selector, text]) => document.querySelector(selector)?.textContent?.includes(text),
    [byTest('inspection-gps'), `已定位 ${POSITION.longitude.toFixed(5)}, ${POSITION.latitude.toFixed(5)}`],
  )

  // Every item answered, each answer saved as it is given; the first item is the finding.
  const items = [...inspection.items].sort((a, b) => a.position - b.position)
  const finding = items[0]
  state.note = `东侧安全出口堆放纸箱，测试${Date.now() % 100000}`
  for (const item of items) {
    const choice = item.id === finding.id ? 'finding' : 'conforming'
    const saved = answerOf(page, 'PATCH', new RegExp(`/api/v1/inspections/${inspection.id}$`), () => page.locator(byTest(`item-${item.id}-${choice}`)).click())
    const response = await saved
    assert.equal(response.status(), 200, await response.text())
  }
  // A finding starts at its item's level; its description is typed and saved after a pause.
  const levelDefault = finding.major_hazard ? 'major' : 'general'
  assert.equal(await page.locator(`${byTest(`item-${finding.id}-level-${levelDefault}`)} input`).isChecked(), true)
  const noteSaved = answerOf(page, 'PATCH', new RegExp(`/api/v1/inspections/${inspection.id}$`), () =>
    page.locator(byTest(`item-${finding.id}-note`)).fill(state.note),
  )
  const noteResponse = await noteSaved
  assert.equal(noteResponse.status(), 200)
  assert.deepEqual(JSON.parse(noteResponse.request().postData()).results, [
    { item_id: finding.id, result: 'finding', note: state.note, hazard_level: levelDefault },
  ])
  await expectText(page, byTest('inspection-progress'), `已查 ${items.length}/${items.length} 项`)
  await expectText(page, byTest('inspection-save-state'), '已自动保存')
  await screenshot(page, 'hazards-a2-answered-phone')

  const asGrid = await apiAs('grid1_1_1')
  const saved = await asGrid(`/inspections/${inspection.id}`)
  assert.equal(saved.results.length, items.length)
  assert.deepEqual([saved.longitude, saved.latitude], [POSITION.longitude, POSITION.latitude])

  // 完成检查: confirmed, and the finding becomes a hazard linked from the page.
  await page.locator(byTest('inspection-finish')).click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  assert.match(await box.innerText(), /1 项将登记为隐患/)
  const finished = await answerOf(page, 'POST', /\/finish$/, () => box.locator('.el-button--primary').click())
  assert.equal(finished.status(), 200, await finished.text())
  const done = await finished.json()
  const hazardId = done.results.find((result) => result.item_id === finding.id).hazard_id
  assert.ok(hazardId, 'the finding became a hazard')
  state.hazardId = hazardId
  await expectText(page, byTest('inspection-status'), '已完成')
  await page.locator(byTest(`created-hazard-${hazardId}`)).waitFor()
  assert.equal(await page.locator(byTest('inspection-finish')).count(), 0)
  await screenshot(page, 'hazards-a3-finished-phone')

  // The hazard list of this inspection holds exactly that hazard; its page shows it reported.
  const listed = await answerOf(page, 'GET', /\/api\/v1\/hazards$/, () => page.locator(byTest('inspection-view-hazards')).click())
  const list = await listed.json()
  assert.equal(new URL(listed.url()).searchParams.get('inspection_id'), String(inspection.id))
  assert.deepEqual(list.items.map((item) => item.id), [hazardId])
  await page.locator(byTest(`hazard-row-${hazardId}`)).waitFor()
  await screenshot(page, 'hazards-a4-list-phone')
  await page.locator(byTest(`hazard-row-${hazardId}`)).click()
  await page.waitForURL((url) => url.pathname === `/hazards/${hazardId}`)
  await expectText(page, byTest('hazard-state'), '已上报')
  assert.match(await page.locator(byTest('hazard-description')).innerText(), new RegExp(state.note))
  assert.equal((await page.locator(byTest('hazard-enterprise')).innerText()).trim(), enterprise.name)
  // The grid worker found it: fixing it on the spot is its one possible step.
  assert.deepEqual(await page.locator(`${byTest('hazard-actions')} button`).allInnerTexts(), ['即查即改'])
  await screenshot(page, 'hazards-a5-hazard-phone')
  await page.setViewportSize(DESKTOP)
})

test('(b) the station notifies, the enterprise rectifies, is rejected, resubmits, and the station verifies', async () => {
  assert.ok(state.hazardId, 'journey (a) found a hazard')
  const enterprise = state.enterprise
  const page = await freshPage(browser.context)
  await page.setViewportSize(DESKTOP)

  // The station ticks the reported hazard in its list and issues one rectification notice.
  await login(page, 'station1_1')
  await page.waitForURL((url) => url.pathname === '/')
  const opened = await answerOf(page, 'GET', /\/api\/v1\/hazards$/, () => page.locator(byTest('menu-hazards')).click())
  assert.equal(new URL(opened.url()).searchParams.get('state'), 'open', 'the list starts with the open hazards')
  const row = page.locator(byTest(`hazard-row-${state.hazardId}`))
  await row.waitFor()
  assert.equal(await page.locator(byTest('hazards-notice')).isDisabled(), true)
  await row.locator('xpath=ancestor::tr[1]').locator('.el-checkbox').click()
  await expectText(page, byTest('hazards-notice-hint'), '已选 1 项隐患')
  await page.locator(byTest('hazards-notice')).click()
  const noticeDialog = page.locator(byTest('notice-dialog'))
  await noticeDialog.waitFor()
  assert.equal((await noticeDialog.locator(byTest('notice-enterprise')).innerText()).trim(), enterprise.name)
  const deadline = chinaDate(14)
  const deadlineInput = noticeDialog.locator(`${byTest('notice-deadline')} input`)
  await deadlineInput.fill(deadline)
  await deadlineInput.press('Enter')
  await noticeDialog.locator(byTest('notice-responsible')).fill('赵勇')
  await noticeDialog.locator(byTest('notice-measures')).fill('清理安全出口堆放物，保持疏散通道畅通')
  await screenshot(page, 'hazards-b1-notice')
  const issued = await answerOf(page, 'POST', /\/api\/v1\/notices$/, () => noticeDialog.locator(byTest('notice-submit')).click())
  assert.equal(issued.status(), 201, await issued.text())
  assert.deepEqual(JSON.parse(issued.request().postData()), {
    hazard_ids: [state.hazardId],
    deadline,
    responsible_person: '赵勇',
    measures: '清理安全出口堆放物，保持疏散通道畅通',
  })
  const notice = await issued.json()
  assert.match(notice.number, /安监整改〔\d{4}〕\d{3}号$/)
  await page.waitForURL((url) => url.searchParams.get('notice_id') === String(notice.id))
  await page.locator(byTest(`hazard-row-${state.hazardId}`)).click()
  await page.waitForURL((url) => url.pathname === `/hazards/${state.hazardId}`)
  await expectText(page, byTest('hazard-state'), '已下发通知')
  await expectText(page, byTest('hazard-notice-number'), notice.number)
  await expectText(page, byTest('hazard-days-left'), '剩余 14 天')
  await logout(page)

  // The enterprise opens it from its own list. Meanwhile the station extends the deadline: the
  // enterprise's start meets a stale version, is told so, sees the new deadline and starts again.
  await login(page, 'ent1_1')
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator(byTest('menu-hazards')).click()
  await page.locator(byTest(`hazard-row-${state.hazardId}`)).click()
  await page.waitForURL((url) => url.pathname === `/hazards/${state.hazardId}`)
  await expectText(page, byTest('hazard-state'), '已下发通知')
  assert.deepEqual(await page.locator(`${byTest('hazard-actions')} button`).allInnerTexts(), ['开始整改'])
  const asStation = await apiAs('station1_1')
  const current = await asStation(`/hazards/${state.hazardId}`)
  const extended = chinaDate(21)
  await asStation(`/hazards/${state.hazardId}/transitions`, {
    method: 'POST',
    status: 200,
    body: { action: 'extend', version: current.version, deadline: extended, reason: '企业申请，需采购防火门' },
  })
  const { response: stale, dialog } = await act(page, 'start')
  assert.equal(stale.status(), 409)
  const alert = page.locator('.el-message-box')
  await alert.waitFor()
  assert.match(await alert.innerText(), /已被他人处理/)
  const reloaded = await answerOf(page, 'GET', new RegExp(`/api/v1/hazards/${state.hazardId}$`), () => alert.locator('.el-button--primary').click())
  assert.equal(reloaded.status(), 200)
  await expectText(page, byTest('hazard-days-left'), '剩余 21 天')
  // Starting still applies: the dialog stayed open on the fresh record.
  await dialog.waitFor()
  const startedAnswer = await answerOf(page, 'POST', /\/transitions$/, () => dialog.locator(byTest('hazard-action-send')).click())
  assert.equal(startedAnswer.status(), 200, await startedAnswer.text())
  await expectText(page, byTest('hazard-state'), '整改中')
  await actOk(page, 'submit', { method: '已清理堆放纸箱，张贴禁止占用标识' }, '待复查')
  await logout(page)

  // The station's re-inspection fails.
  await openHazard(page, 'station1_1')
  assert.deepEqual(await page.locator(`${byTest('hazard-actions')} button`).allInnerTexts(), ['复查通过', '复查不通过'])
  await actOk(page, 'reject', { reason: '疏散通道仍有杂物，未设置应急照明' }, '复查未通过')
  await logout(page)

  // The enterprise goes back to work and reports again.
  await openHazard(page, 'ent1_1')
  await actOk(page, 'resume', {}, '整改中')
  await actOk(page, 'submit', { method: '清除全部杂物，加装应急照明灯两盏', completed_on: chinaDate(0) }, '待复查')
  await logout(page)

  // The station passes it: the hazard is closed, on time.
  await openHazard(page, 'station1_1')
  const verified = await actOk(page, 'verify', { result: '现场复查，通道畅通，应急照明完好' }, '已销号')
  assert.equal(verified.on_time, true)
  assert.equal(await page.locator(byTest('hazard-no-actions')).isVisible(), true)

  // The timeline holds every step, in order, with who did it and what they recorded.
  const steps = await page.locator(`${byTest('hazard-timeline')} [data-test^="timeline-"][class*="el-timeline-item"]`).evaluateAll((items) =>
    items.map((item) => item.getAttribute('data-test')),
  )
  assert.deepEqual(steps, [
    'timeline-report',
    'timeline-notify',
    'timeline-extend',
    'timeline-start',
    'timeline-submit',
    'timeline-reject',
    'timeline-resume',
    'timeline-submit',
    'timeline-verify',
  ])
  const actors = await page.locator(`${byTest('hazard-timeline')} ${byTest('timeline-actor')}`).allInnerTexts()
  assert.equal(actors.length, 9)
  assert.match(actors[0], /网格员/)
  assert.match(actors[1], /安监站/)
  assert.match(actors[3], /企业/)
  assert.equal((await page.locator(`${byTest('timeline-notify')} ${byTest('timeline-notice_number')}`).innerText()).trim(), notice.number)
  assert.equal((await page.locator(`${byTest('timeline-extend')} ${byTest('timeline-deadline')}`).innerText()).trim(), extended)
  assert.match(await page.locator(`${byTest('timeline-reject')} ${byTest('timeline-reason')}`).innerText(), /应急照明/)
  assert.match(await page.locator(`${byTest('timeline-verify')} ${byTest('timeline-result')}`).innerText(), /通道畅通/)
  await screenshot(page, 'hazards-b2-verified')
  await logout(page)
})

test('(c) another district does not see the hazard', async () => {
  assert.ok(state.hazardId, 'journey (a) found a hazard')
  const page = await freshPage(browser.context)
  await page.setViewportSize(DESKTOP)
  await login(page, 'district2')
  await page.waitForURL((url) => url.pathname === '/')
  const answer = await answerOf(page, 'GET', /\/api\/v1\/hazards$/, () => page.locator(byTest('menu-hazards')).click())
  // Every state, not only the open ones: the hazard is closed by now.
  const all = await answerOf(page, 'GET', /\/api\/v1\/hazards$/, async () => {
    await page.locator(byTest('hazards-filter-state')).hover()
    await page.locator(`${byTest('hazards-filter-state')} .el-select__clear`).click()
  })
  assert.equal((await answer).status(), 200)
  const list = await all.json()
  assert.equal(new URL(all.url()).searchParams.get('state'), null)
  assert.ok(list.items.every((item) => item.id !== state.hazardId && !item.region_code.startsWith('990102')))
  assert.equal(await page.locator(byTest(`hazard-row-${state.hazardId}`)).count(), 0)

  // Its address answers as if it did not exist.
  await page.goto(`${BASE_URL}/hazards/${state.hazardId}`)
  await page.locator(byTest('hazard-not-found')).waitFor()
  await page.goto(`${BASE_URL}/inspections/${state.inspectionId}`)
  await page.locator(byTest('inspection-not-found')).waitFor()
  const asOther = await apiAs('district2')
  await asOther(`/hazards/${state.hazardId}`, { status: 404 })
  await screenshot(page, 'hazards-c-other-district')
})
