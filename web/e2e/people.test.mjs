// Key people journey: a district bureau replaces an enterprise's principal with one holding a
// certificate that expires soon, and sees the certificate's state in the table.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, apiAs, byTest, chinaDate, freshPage, login, openBrowser, pickOption, screenshot } from './helpers.mjs'

let browser

before(async () => {
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
})

test('an officer adds a principal with a certificate on the people tab', async () => {
  const asDistrict = await apiAs('district1')
  // An enterprise of 东和街道, away from the ones the other journeys edit.
  const enterprise = (await asDistrict('/enterprises?region_code=990102002000&page_size=1')).items[0]
  assert.ok(enterprise)
  const page = await freshPage(browser.context)
  await login(page, 'district1')
  await page.waitForURL((url) => url.pathname === '/')
  const peopleAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/enterprises/${enterprise.id}/people`)
  await page.goto(`${BASE_URL}/enterprises/${enterprise.id}`)
  await page.locator('#tab-people').click()
  const people = await (await peopleAnswer).json()
  await page.locator(byTest('people-table')).waitFor()

  // An enterprise has one principal: the old one goes first, through the table.
  const old = people.items.find((person) => person.role === 'principal')
  if (old) {
    await page.locator(byTest(`person-delete-${old.id}`)).click()
    const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE')
    await page.locator('.el-message-box').getByRole('button').last().click()
    const response = await deleted
    assert.equal(response.status(), 204)
    assert.equal(new URL(response.url()).searchParams.get('version'), String(old.version))
    await page.locator(byTest(`person-delete-${old.id}`)).waitFor({ state: 'detached' })
  }

  await page.locator(byTest('people-add')).click()
  const dialog = page.locator(byTest('person-dialog'))
  await dialog.waitFor()
  await pickOption(page, dialog.locator(byTest('person-role')), 'person-role-popper', 'person-role-principal')
  await dialog.locator(byTest('person-name')).fill('赵测试')
  await dialog.locator(byTest('person-position')).fill('董事长')
  // The form refuses what the server would refuse, before any call.
  await dialog.locator(byTest('person-phone')).fill('call-me')
  await dialog.locator(byTest('person-certificate-number')).fill('JC-E2E-0001')
  await dialog.locator(byTest('person-submit')).click()
  await dialog.locator('.el-form-item__error').first().waitFor()
  const errors = await dialog.locator('.el-form-item__error').allInnerTexts()
  assert.ok(errors.some((text) => text.includes('联系电话')), `phone error in ${errors}`)
  assert.ok(errors.some((text) => text.includes('证书类别')), `kind error in ${errors}`)
  assert.ok(errors.some((text) => text.includes('有效期')), `expiry error in ${errors}`)

  const expiry = chinaDate(20)
  await dialog.locator(byTest('person-phone')).fill('+86 138-0000-1234')
  await pickOption(page, dialog.locator(byTest('person-certificate-kind')), 'person-kind-popper', 'person-kind-principal_training')
  await dialog.locator(`${byTest('person-certificate-issued')} input`).fill(chinaDate(-1000))
  await dialog.locator(`${byTest('person-certificate-issued')} input`).press('Enter')
  await dialog.locator(`${byTest('person-certificate-expiry')} input`).fill(expiry)
  await dialog.locator(`${byTest('person-certificate-expiry')} input`).press('Enter')
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/enterprises/${enterprise.id}/people` && r.request().method() === 'POST')
  await dialog.locator(byTest('person-submit')).click()
  const response = await created
  assert.equal(response.status(), 201, await response.text())
  const person = await response.json()
  assert.deepEqual(
    [person.role, person.name, person.phone, person.certificate_kind, person.certificate_expiry, person.certificate_state],
    ['principal', '赵测试', '+86 138-0000-1234', 'principal_training', expiry, 'expiring'],
  )
  await dialog.waitFor({ state: 'hidden' })

  // The new row shows its role, and an orange "expiring" tag beside the expiry date.
  const expiryCell = page.locator(byTest(`person-expiry-${person.id}`))
  await expiryCell.waitFor()
  assert.match(await expiryCell.innerText(), new RegExp(expiry))
  assert.match(await expiryCell.locator(byTest('person-state')).innerText(), /即将到期/)
  assert.match((await expiryCell.locator(byTest('person-state')).getAttribute('class')) ?? '', /el-tag--warning/)
  assert.equal(await expiryCell.locator(byTest('person-lacks-certificate')).count(), 0)
  assert.equal((await page.locator(byTest(`person-row-role-${person.id}`)).innerText()).trim(), '主要负责人')
  // The principal role is now taken: the form offers it disabled.
  await page.locator(byTest('people-add')).click()
  await dialog.waitFor()
  await dialog.locator(byTest('person-role')).click()
  const principalOption = page.locator(`.person-role-popper ${byTest('person-role-principal')}`)
  await principalOption.waitFor()
  assert.match((await principalOption.getAttribute('class')) ?? '', /is-disabled/)
  await screenshot(page, 'people-added')
})
