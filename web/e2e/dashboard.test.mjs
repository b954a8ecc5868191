// Dashboard and notification journeys: (a) a district bureau opens the home page and sees cards
// equal to GET /stats/overview for its account, charts and the enterprises not inspected this
// quarter, and a card opens the filtered hazard list; (b) on a phone the same page stacks;
// (c) the town station issues a rectification notice for a hazard of an enterprise, the
// enterprise signs in, sees the bell's count, opens the notification, lands on the hazard and the
// count goes down. Run against a fresh `anjian demo` database.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, apiAs, byTest, chinaDate, freshPage, login, openBrowser, screenshot } from './helpers.mjs'

const PHONE = { width: 375, height: 812 }
const DESKTOP = { width: 1366, height: 800 }

let browser

before(async () => {
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
})

async function cardValue(page, key) {
  return (await page.locator(byTest(`dashboard-card-${key}-value`)).innerText()).trim()
}

const rate = (value) => (value === null ? '—' : `${value.toFixed(1)}%`)

test('a district bureau sees its figures, charts and the enterprises not inspected this quarter', async () => {
  const page = await freshPage(browser.context)
  await page.setViewportSize(DESKTOP)
  const figures = await (await apiAs('district1'))('/stats/overview')
  const missing = await (await apiAs('district1'))('/stats/coverage/missing?page_size=10')
  const overview = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/stats/overview')
  await login(page, 'district1')
  await page.waitForURL((url) => url.pathname === '/')
  assert.equal((await overview).status(), 200)
  await page.locator(byTest('dashboard-card-coverage')).waitFor()
  assert.equal(await cardValue(page, 'inspections'), String(figures.inspections))
  assert.equal(await cardValue(page, 'found'), String(figures.hazards.found))
  assert.equal(await cardValue(page, 'onTime'), rate(figures.hazards.on_time_rate))
  assert.equal(await cardValue(page, 'open'), String(figures.hazards.open))
  assert.equal(await cardValue(page, 'overdue'), String(figures.hazards.overdue))
  assert.equal(await cardValue(page, 'listed'), String(figures.hazards.major_listed))
  assert.equal(await cardValue(page, 'coverage'), rate(figures.coverage.rate))
  // Three charts drawn on canvases (the region bars because a district has towns).
  for (const chart of ['month', 'state', 'region']) {
    await page.locator(`${byTest(`dashboard-chart-${chart}`)} canvas`).first().waitFor()
  }
  const table = page.locator(byTest('dashboard-missing-table'))
  await table.locator('.el-table__row').first().waitFor()
  assert.equal(await table.locator('.el-table__row').count(), Math.min(10, missing.items.length))
  assert.match(await table.innerText(), new RegExp(missing.items[0].name))
  assert.match(await page.locator(byTest('dashboard-missing-pager')).innerText(), new RegExp(String(missing.total)))
  await screenshot(page, 'dashboard-a-district-desktop')

  // The overdue card opens the hazard list filtered to overdue ones: as many as the card says.
  const list = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/hazards')
  await page.locator(byTest('dashboard-card-overdue')).click()
  await page.waitForURL((url) => url.pathname === '/hazards' && url.searchParams.get('overdue') === 'true')
  const answer = await (await list).json()
  assert.equal(answer.total, figures.hazards.overdue)
  assert.equal(await page.locator(byTest('hazards-filter-overdue')).locator('input').isChecked(), true)
})

test('on a phone the dashboard stacks and the figures stay', async () => {
  const page = await freshPage(browser.context)
  await page.setViewportSize(PHONE)
  const figures = await (await apiAs('station1_1'))('/stats/overview')
  await login(page, 'station1_1')
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator(byTest('dashboard-card-open')).waitFor()
  assert.equal(await cardValue(page, 'open'), String(figures.hazards.open))
  await page.locator(byTest('dashboard-from')).waitFor()
  await page.locator(`${byTest('dashboard-chart-month')} canvas`).first().waitFor()
  // Nothing sticks out sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`)
  await screenshot(page, 'dashboard-b-station-phone')
})

test('an enterprise hears of its notice through the bell and opens the hazard', async () => {
  // ent1_1 is the account of the first enterprise of town 1 of district 1; its station notifies.
  const asEnterprise = await apiAs('ent1_1')
  const { user } = await asEnterprise('/me')
  const asStation = await apiAs('station1_1')
  const description = `配电箱未可靠接地（通知测试 ${Date.now()}）`
  const hazard = await asStation('/hazards', {
    method: 'POST',
    body: { enterprise_id: user.enterprise_id, description, location: '配电房', level: 'general', source: 'daily', hazard_type: 'electrical', classification: 'unsafe_state', handling: 'by_deadline' },
  })
  assert.equal(hazard.state, 'reported')
  const deadline = chinaDate(10)
  const notice = await asStation('/notices', { method: 'POST', body: { hazard_ids: [hazard.id], deadline, responsible_person: '张三', measures: '重新接地并检测' } })
  const before = await asEnterprise('/notifications?page_size=5')
  assert.ok(before.unread >= 1, 'the notice made a notification')
  const mine = before.items.find((item) => item.hazard_id === hazard.id)
  assert.ok(mine, 'the newest notifications hold the notice')
  assert.equal(mine.kind, 'notice_issued')

  const page = await freshPage(browser.context)
  await page.setViewportSize(DESKTOP)
  await login(page, 'ent1_1')
  await page.waitForURL((url) => url.pathname === '/')
  const bell = page.locator(byTest('notification-bell'))
  await page.waitForFunction((n) => document.querySelector('[data-test="notification-bell"]')?.getAttribute('data-unread') === String(n), before.unread)
  assert.equal((await bell.locator('.el-badge__content').innerText()).trim(), before.unread > 99 ? '99+' : String(before.unread))
  // The enterprise's home page has its own figures, without the officers' coverage.
  await page.locator(byTest('dashboard-card-open')).waitFor()
  assert.equal(await page.locator(byTest('dashboard-card-coverage')).count(), 0)
  assert.equal(await page.locator(byTest('dashboard-missing')).count(), 0)

  await bell.click()
  const item = page.locator(byTest(`notification-${mine.id}`))
  await item.waitFor()
  const text = await item.innerText()
  assert.match(text, new RegExp(`整改通知书（${notice.number.replace(/[()〔〕]/g, '.')}）`))
  assert.match(text, new RegExp(deadline))
  await screenshot(page, 'dashboard-c-enterprise-bell')
  const marked = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/notifications/${mine.id}/read`)
  await item.click()
  assert.equal((await marked).status(), 200)
  await page.waitForURL((url) => url.pathname === `/hazards/${hazard.id}`)
  await page.locator(byTest('hazard-action-start')).waitFor()
  await page.waitForFunction((n) => document.querySelector('[data-test="notification-bell"]')?.getAttribute('data-unread') === String(n), before.unread - 1)
  const after = await asEnterprise('/notifications?page_size=1')
  assert.equal(after.unread, before.unread - 1)
  await screenshot(page, 'dashboard-d-enterprise-hazard')

  // 全部已读 clears the badge.
  if (after.unread > 0) {
    await bell.click()
    await page.locator(byTest('notification-read-all')).click()
    await page.waitForFunction(() => document.querySelector('[data-test="notification-bell"]')?.getAttribute('data-unread') === '0')
    assert.equal((await asEnterprise('/notifications?page_size=1')).unread, 0)
  }
  assert.equal(new URL(page.url()).origin, BASE_URL)
})
