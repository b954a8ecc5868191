// Enterprise journeys: a district bureau finds and edits an enterprise, cannot find one of another
// district, and an enterprise account sees only its own record.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, apiAs, byTest, freshPage, login, openBrowser, screenshot } from './helpers.mjs'

let browser

before(async () => {
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
})

/** Waits for the enterprise list to answer after `action`, and returns the answer's body. */
async function listAnswer(page, action) {
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises' && r.request().method() === 'GET')
  await action()
  const response = await answer
  assert.equal(response.status(), 200)
  return response.json()
}

test('a district bureau finds an enterprise by name and edits its address', async () => {
  const page = await freshPage(browser.context)
  await login(page, 'district1')
  await page.waitForURL((url) => url.pathname === '/')
  const first = await listAnswer(page, () => page.locator(byTest('menu-enterprises')).click())
  await page.waitForURL((url) => url.pathname === '/enterprises')
  assert.ok(first.total > 0)
  assert.ok(first.items.every((item) => item.region_code.startsWith('990102')), 'only 清源区 enterprises')

  await page.locator(byTest('enterprises-filter-q')).fill('食品')
  const found = await listAnswer(page, () => page.locator(byTest('enterprises-search')).click())
  assert.ok(found.total > 0, 'some 食品 enterprises in 清源区')
  assert.ok(found.items.every((item) => item.name.includes('食品')))
  const rowName = page.locator(`${byTest('enterprises-table')} ${byTest('enterprise-row-name')}`).first()
  await page.waitForFunction(
    ([selector, name]) => document.querySelector(selector)?.textContent?.trim() === name,
    [`${byTest('enterprises-table')} ${byTest('enterprise-row-name')}`, found.items[0].name],
  )
  await screenshot(page, 'ent-a-list')
  await rowName.click()
  await page.waitForURL((url) => url.pathname === `/enterprises/${found.items[0].id}`)
  await page.locator(byTest('enterprise-field-name')).waitFor()
  assert.equal((await page.locator(byTest('enterprise-field-name')).innerText()).trim(), found.items[0].name)

  const address = `清源区测试路 ${Date.now() % 100000} 号`
  await page.locator(byTest('enterprise-edit')).click()
  const dialog = page.locator(byTest('enterprise-dialog'))
  await dialog.waitFor()
  await dialog.locator(byTest('enterprise-address')).fill(address)
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/enterprises/${found.items[0].id}`) && r.request().method() === 'PATCH')
  await dialog.locator(byTest('enterprise-submit')).click()
  const answer = await saved
  assert.equal(answer.status(), 200, await answer.text())
  const body = JSON.parse(answer.request().postData() ?? '{}')
  assert.deepEqual(Object.keys(body).sort(), ['address', 'version'], 'only the changed field is sent')
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForFunction(
    ([selector, text]) => document.querySelector(selector)?.textContent?.trim() === text,
    [byTest('enterprise-field-address'), address],
  )
  await screenshot(page, 'ent-a-saved')
  // The new address survives a reload.
  await page.reload()
  await page.locator(byTest('enterprise-field-address')).waitFor()
  assert.equal((await page.locator(byTest('enterprise-field-address')).innerText()).trim(), address)
})

test('a district bureau does not find an enterprise of another district by its code', async () => {
  const asDistrict2 = await apiAs('district2')
  const other = await asDistrict2('/enterprises?page=1&page_size=1')
  assert.equal(other.items.length, 1)
  const foreign = other.items[0]
  assert.ok(foreign.region_code.startsWith('990103'), 'an enterprise of 临江区')

  const page = await freshPage(browser.context)
  await login(page, 'district1')
  await page.waitForURL((url) => url.pathname === '/')
  await listAnswer(page, () => page.goto(`${BASE_URL}/enterprises`))
  await page.locator(byTest('enterprises-filter-uscc')).fill(foreign.uscc)
  const answer = await listAnswer(page, () => page.locator(byTest('enterprises-search')).click())
  assert.equal(answer.total, 0)
  await page.locator(`${byTest('enterprises-table')} .el-table__empty-block`).waitFor()
  assert.equal(await page.locator(`${byTest('enterprises-table')} ${byTest('enterprise-row-name')}`).count(), 0)
  await screenshot(page, 'ent-b-foreign-uscc')
  // Typing the address of the foreign record shows "not found".
  await page.goto(`${BASE_URL}/enterprises/${foreign.id}`)
  await page.locator(byTest('enterprise-not-found')).waitFor()
})

test('an enterprise account sees its own enterprise with the code locked, and no list', async () => {
  const page = await freshPage(browser.context)
  const answer = await login(page, 'ent1_1')
  const { user } = await answer.json()
  assert.ok(user.enterprise_id, 'ent1_1 belongs to an enterprise')
  await page.waitForURL((url) => url.pathname === '/')
  assert.equal(await page.locator(byTest('menu-enterprises')).count(), 0, 'no enterprise list in the menu')
  const mine = page.locator(byTest('menu-myEnterprise'))
  assert.match(await mine.innerText(), /本企业/)
  await mine.click()
  await page.waitForURL((url) => url.pathname === `/enterprises/${user.enterprise_id}`)
  await page.locator(byTest('enterprise-field-uscc')).waitFor()
  const asEnterprise = await apiAs('ent1_1')
  const own = await asEnterprise(`/enterprises/${user.enterprise_id}`)
  assert.equal((await page.locator(byTest('enterprise-field-uscc')).innerText()).trim(), own.uscc)
  assert.equal((await page.locator(byTest('enterprise-field-name')).innerText()).trim(), own.name)
  assert.equal(await page.locator(byTest('enterprise-back')).count(), 0)

  await page.locator(byTest('enterprise-edit')).click()
  const dialog = page.locator(byTest('enterprise-dialog'))
  await dialog.waitFor()
  assert.equal(await dialog.locator(byTest('enterprise-uscc')).isDisabled(), true, 'uscc locked')
  assert.equal(await dialog.locator(byTest('enterprise-name')).isDisabled(), false, 'name editable')
  assert.equal(await dialog.locator(byTest('enterprise-region-locked')).isDisabled(), true, 'region locked')
  assert.equal(await page.locator('.el-message--error').count(), 0, 'no error toast')
  await screenshot(page, 'ent-c-own-edit')
  await dialog.getByRole('button', { name: '取消' }).click()
  await dialog.waitFor({ state: 'hidden' })

  await page.goto(`${BASE_URL}/enterprises`)
  await page.locator(byTest('not-found')).waitFor()
})

test('a save on a stale version explains the conflict, reloads the record and saves on top of it', async () => {
  const page = await freshPage(browser.context)
  const answer = await login(page, 'ent1_2')
  const { user, token } = await answer.json()
  await page.goto(`${BASE_URL}/enterprises/${user.enterprise_id}`)
  await page.locator(byTest('enterprise-field-uscc')).waitFor()
  await page.locator(byTest('enterprise-edit')).click()
  const dialog = page.locator(byTest('enterprise-dialog'))
  await dialog.waitFor()

  // Someone else saves first, through the API.
  const url = `${BASE_URL}/api/v1/enterprises/${user.enterprise_id}`
  const current = await (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).json()
  const elsewhere = `他处修改 ${Date.now() % 100000} 号`
  const patched = await fetch(url, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ version: current.version, address: elsewhere }),
  })
  assert.equal(patched.status, 200, await patched.text())

  await dialog.locator(byTest('enterprise-name')).fill(`${current.name}（更名）`)
  const stale = page.waitForResponse((r) => r.url() === url && r.request().method() === 'PATCH')
  await dialog.locator(byTest('enterprise-submit')).click()
  assert.equal((await stale).status(), 409)
  const alert = page.locator('.el-message-box')
  await alert.waitFor()
  await alert.getByRole('button').last().click()
  // The form now holds the other save's address, and a second save lands on the new version.
  await page.waitForFunction(
    ([selector, text]) => document.querySelector(selector)?.value === text,
    [`${byTest('enterprise-dialog')} ${byTest('enterprise-address')}`, elsewhere],
  )
  await dialog.locator(byTest('enterprise-name')).fill(`${current.name}（更名）`)
  const saved = page.waitForResponse((r) => r.url() === url && r.request().method() === 'PATCH')
  await dialog.locator(byTest('enterprise-submit')).click()
  assert.equal((await saved).status(), 200)
  await dialog.waitFor({ state: 'hidden' })
})
