// Journey (d): an administrator creates a district bureau account, which then sees only its district.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, byTest, freshPage, login, logout, openBrowser, pickRegion, screenshot } from './helpers.mjs'

const OWN_DISTRICT = '990103000000'
const OTHER_DISTRICT = '990102000000'

let browser

before(async () => {
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
})

test('a new district bureau user sees only its own district', async () => {
  const page = await freshPage(browser.context)
  const username = `e2e${Date.now()}`
  const password = 'Scope2026x'

  await login(page, 'admin')
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator(byTest('menu-users')).click()
  await page.waitForURL((url) => url.pathname === '/users')
  await page.locator(byTest('users-create')).click()
  const dialog = page.locator(byTest('user-dialog'))
  await dialog.waitFor()
  await dialog.locator(byTest('user-username')).fill(username)
  await dialog.locator(byTest('user-name')).fill('临江区测试员')
  await dialog.locator(byTest('user-password')).fill(password)
  await dialog.locator(byTest('user-role')).click()
  await page.locator(`.user-role-popper ${byTest('role-option-bureau')}`).click()
  await page.locator('.el-popper.user-role-popper').waitFor({ state: 'hidden' })
  await dialog.locator(byTest('user-region')).locator('.el-select__wrapper').click()
  const popper = page.locator('.el-popper.user-region-popper')
  await popper.waitFor()
  await pickRegion(page, popper, OWN_DISTRICT)
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST')
  await dialog.locator(byTest('user-submit')).click()
  const answer = await created
  assert.equal(answer.status(), 201, await answer.text())
  const user = await answer.json()
  assert.equal(user.role, 'bureau')
  assert.equal(user.region_code, OWN_DISTRICT)
  await dialog.waitFor({ state: 'hidden' })
  // The new account is found through the list's filter.
  await page.locator(byTest('users-filter-q')).fill(username)
  await page.locator(byTest('users-search')).click()
  await page.locator(byTest(`user-edit-${username}`)).waitFor()
  await screenshot(page, 'd-user-created')
  await logout(page)

  await login(page, username, password)
  await page.waitForURL((url) => url.pathname === '/')
  assert.equal(await page.locator(byTest('menu-audit')).count(), 0, 'no audit entry for a bureau')
  assert.equal(await page.locator(byTest('menu-users')).count(), 1)
  await page.locator(byTest('menu-regions')).click()
  await page.waitForURL((url) => url.pathname === '/regions')
  await page.locator(byTest(`region-node-${OWN_DISTRICT}`)).waitFor()
  assert.equal(await page.locator(byTest(`region-node-${OTHER_DISTRICT}`)).count(), 0)
  await page.locator(byTest(`region-node-${OWN_DISTRICT}`)).click()
  await page.waitForURL((url) => url.pathname === `/regions/${OWN_DISTRICT}`)
  await page.locator(byTest('region-detail-code')).waitFor()
  assert.equal((await page.locator(byTest('region-detail-code')).innerText()).trim(), OWN_DISTRICT)
  await screenshot(page, 'd-own-district')

  await page.goto(`${BASE_URL}/regions/${OTHER_DISTRICT}`)
  await page.locator(byTest('region-not-found')).waitFor()
  assert.match(await page.locator(byTest('region-not-found')).innerText(), /未找到/)
  await screenshot(page, 'd-other-district')
  // The audit page is not in the menu, and typing its address shows the 404 page.
  await page.goto(`${BASE_URL}/audit`)
  await page.locator(byTest('not-found')).waitFor()
})
