// Journeys (a), (b) and (c): signing in, a wrong password, signing out.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, byTest, freshPage, login, logout, openBrowser, screenshot } from './helpers.mjs'

let browser

before(async () => {
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
})

test('admin signs in and sees the dashboard', async () => {
  const page = await freshPage(browser.context)
  const answer = await login(page, 'admin')
  assert.equal(answer.status(), 200)
  const { user } = await answer.json()
  await page.waitForURL((url) => url.pathname === '/')
  const welcome = page.locator(byTest('dashboard-welcome'))
  await welcome.waitFor()
  assert.match(await welcome.innerText(), new RegExp(user.name))
  assert.equal((await page.locator(byTest('dashboard-role')).innerText()).trim(), '系统管理员')
  assert.equal((await page.locator(byTest('current-user')).innerText()).includes(user.name), true)
  for (const feature of ['dashboard', 'users', 'regions', 'audit']) {
    assert.equal(await page.locator(byTest(`menu-${feature}`)).count(), 1, `menu-${feature}`)
  }
  // A reload keeps the session (GET /me restores it from the cookie).
  await page.reload()
  await page.locator(byTest('dashboard-welcome')).waitFor()
  await screenshot(page, 'a-dashboard')
})

test('a wrong password shows the server message and stays on the login page', async () => {
  const page = await freshPage(browser.context)
  const answer = await login(page, 'city', 'Wrong-password-1')
  assert.equal(answer.status(), 401)
  const { error } = await answer.json()
  assert.ok(error.message, 'the server explains the failure')
  const alert = page.locator(byTest('login-error'))
  await alert.waitFor()
  assert.equal((await alert.innerText()).trim(), error.message)
  assert.equal(new URL(page.url()).pathname, '/login')
  await screenshot(page, 'b-wrong-password')
})

test('logging out returns to the login page and the home page then asks to sign in', async () => {
  const page = await freshPage(browser.context)
  await login(page, 'city')
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator(byTest('dashboard-welcome')).waitFor()
  await logout(page)
  await page.locator(byTest('login-submit')).waitFor()
  await page.goto(`${BASE_URL}/`)
  await page.waitForURL((url) => url.pathname === '/login')
  await page.locator(byTest('login-submit')).waitFor()
  // A deep link survives the detour through the login page.
  await page.goto(`${BASE_URL}/regions`)
  await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/regions')
  await screenshot(page, 'c-logged-out')
  await login(page, 'city', undefined, { goto: false })
  await page.waitForURL((url) => url.pathname === '/regions')
})
