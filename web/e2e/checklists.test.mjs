// Checklist journeys: the city bureau writes a template with two items and revises it into a
// second version, whose first version stays readable; a town station reads templates only.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, byTest, freshPage, login, logout, openBrowser, pickOption, screenshot } from './helpers.mjs'

let browser

before(async () => {
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
})

async function submitEditor(page, dialog, pattern) {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && pattern.test(new URL(r.url()).pathname))
  await dialog.locator(byTest('checklist-submit')).click()
  const response = await answer
  assert.equal(response.status(), 201, await response.text())
  return response
}

test('the city writes a checklist and revises it; the first version stays as it was', async () => {
  const stamp = Date.now() % 1_000_000
  const code = `dust_e2e_${stamp}`
  const page = await freshPage(browser.context)
  await login(page, 'city')
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator(byTest('menu-checklists')).click()
  await page.waitForURL((url) => url.pathname === '/checklists')
  await page.locator(byTest('checklist-row-grid_patrol')).waitFor()

  await page.locator(byTest('checklists-create')).click()
  const dialog = page.locator(byTest('checklist-editor'))
  await dialog.waitFor()
  await dialog.locator(byTest('checklist-code')).fill(code)
  await dialog.locator(byTest('checklist-name')).fill(`粉尘涉爆专项检查表${stamp}`)
  await pickOption(page, dialog.locator(byTest('checklist-purpose')), 'checklist-purpose-popper', 'checklist-purpose-campaign')
  await dialog.locator(byTest('checklist-item-text-0')).fill('除尘系统按规定设置锁气卸灰装置')
  await dialog.locator(byTest('checklist-item-add')).click()
  // An empty item is caught before anything is sent.
  await dialog.locator(byTest('checklist-submit')).click()
  await dialog.locator('.el-form-item__error').first().waitFor()
  assert.match(await dialog.locator('.el-form-item__error').first().innerText(), /检查内容/)
  await dialog.locator(byTest('checklist-item-text-1')).fill('粉尘清扫制度落实，作业现场无积尘')
  const created = await submitEditor(page, dialog, /\/api\/v1\/checklists$/)
  const body = JSON.parse(created.request().postData())
  assert.equal(body.code, code)
  assert.deepEqual(body.items.map((item) => [item.text, item.category, item.points, item.major_hazard]), [
    ['除尘系统按规定设置锁气卸灰装置', 'management', null, false],
    ['粉尘清扫制度落实，作业现场无积尘', 'management', null, false],
  ])
  const checklist = await created.json()
  await page.waitForURL((url) => url.pathname === `/checklists/${checklist.id}`)
  await page.locator(byTest('checklist-items-table')).waitFor()
  assert.equal(await page.locator(byTest('checklist-item-text')).count(), 2)

  // The revision adds a third item and publishes version 2.
  await page.locator(byTest('checklist-revise')).click()
  await dialog.waitFor()
  assert.match(await dialog.locator('.el-dialog__title').innerText(), /第 2 版/)
  await dialog.locator(byTest('checklist-item-add')).click()
  await dialog.locator(byTest('checklist-item-text-2')).fill('作业人员穿戴防静电工作服')
  await dialog.locator(byTest('checklist-note')).fill('增加个体防护要求')
  const revised = await submitEditor(page, dialog, new RegExp(`/api/v1/checklists/${checklist.id}/versions$`))
  const revision = JSON.parse(revised.request().postData())
  assert.equal(revision.version, checklist.version)
  assert.equal(revision.items.length, 3)
  assert.equal(revision.name, undefined, 'unchanged fields stay out of the revision')
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 3, byTest('checklist-item-text'))
  assert.match(await page.locator(byTest('checklist-shown-version')).innerText(), /第 2 版/)
  await screenshot(page, 'checklists-a-revised')

  // Version 1 still holds its two items.
  const first = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/checklists/${checklist.id}` && new URL(r.url()).searchParams.get('version') === '1')
  await page.locator(byTest('checklist-version')).click()
  await page.locator('.el-select-dropdown__item', { hasText: '第 1 版' }).click()
  assert.equal((await first).status(), 200)
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 2, byTest('checklist-item-text'))
  await logout(page)

  // A station reads the template but writes none.
  await login(page, 'station1_1')
  await page.waitForURL((url) => url.pathname === '/')
  await page.goto(`${BASE_URL}/checklists/${checklist.id}`)
  await page.locator(byTest('checklist-items-table')).waitFor()
  assert.equal(await page.locator(byTest('checklist-revise')).count(), 0)
  await page.goto(`${BASE_URL}/checklists`)
  await page.locator(byTest(`checklist-row-${code}`)).waitFor()
  assert.equal(await page.locator(byTest('checklists-create')).count(), 0)
})
