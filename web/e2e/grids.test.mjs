// Grid journeys: a town station draws a level-2 cell and moves an enterprise into it, the district
// bureau names a new grid worker as its responsible person, and that grid worker then sees exactly
// this cell and its enterprise.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, apiAs, byTest, freshPage, login, logout, openBrowser, pickOption, screenshot } from './helpers.mjs'

// 清源区东安街道 and its community 幸福社区 in the demo city.
const TOWN = '990102001000'
const VILLAGE = '990102001001'

let browser

before(async () => {
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
})

/** Opens a level-1 node of the grid tree (a click on its name only selects it). */
async function expandNode(page, cellId) {
  const label = page.locator(byTest(`grid-node-${cellId}`))
  await label.waitFor()
  const node = label.locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' el-tree-node ')][1]`)
  if ((await node.getAttribute('aria-expanded')) !== 'true') await node.locator('.el-tree-node__expand-icon').first().click()
}

/** Waits for the enterprise list of the right-hand side to answer after `action`. */
async function cellEnterprises(page, gridId, action) {
  const answer = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/enterprises' && url.searchParams.get('grid_id') === String(gridId)
  })
  await action()
  const response = await answer
  assert.equal(response.status(), 200)
  return response.json()
}

/** Waits until the enterprise table of the cell shows exactly these names. */
async function expectTableNames(page, names) {
  await page.waitForFunction(
    ([selector, expected]) => {
      const shown = [...document.querySelectorAll(selector)].map((cell) => cell.textContent.trim())
      return JSON.stringify(shown) === JSON.stringify(expected)
    },
    [`${byTest('grid-enterprise-table')} ${byTest('grid-enterprise-name')}`, names],
  )
}

test('a station draws a cell and moves an enterprise in; its grid worker sees exactly that cell', async () => {
  const stamp = Date.now() % 1_000_000
  const cellName = `幸福社区二网格${stamp}`
  const workerName = `测试网格员${stamp}`
  const workerPassword = 'Grid2026x'
  const asDistrict = await apiAs('district1')
  const worker = await asDistrict('/users', {
    method: 'POST',
    body: { username: `e2egrid${stamp}`, name: workerName, password: workerPassword, role: 'grid', region_code: TOWN, enterprise_id: null },
  })
  const asStation = await apiAs('station1_1')
  const townCell = (await asStation(`/grids?level=1&region_code=${TOWN}`)).items[0]
  const source = (await asStation(`/grids?level=2&region_code=${VILLAGE}&page_size=100`)).items.find((cell) => cell.enterprises > 0)
  assert.ok(townCell && source, 'the demo has a town cell and a village cell with enterprises')

  // The station draws a level-2 cell for 幸福社区 under its town's cell.
  const page = await freshPage(browser.context)
  await login(page, 'station1_1')
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator(byTest('menu-grids')).click()
  await page.waitForURL((url) => url.pathname === '/grids')
  await page.locator(byTest(`grid-node-${townCell.id}`)).click()
  await page.locator(byTest('grid-field-name')).waitFor()
  assert.equal((await page.locator(byTest('grid-field-name')).innerText()).trim(), townCell.name)
  await page.locator(byTest('grid-create-level2')).click()
  const dialog = page.locator(byTest('grid-dialog'))
  await dialog.waitFor()
  await pickOption(page, dialog.locator(byTest('grid-village')), 'grid-village-popper', `village-option-${VILLAGE}`)
  // The name follows the village until the user types one.
  await page.waitForFunction((selector) => document.querySelector(selector)?.value?.includes('幸福社区'), byTest('grid-name'))
  await dialog.locator(byTest('grid-name')).fill(cellName)
  await dialog.locator(byTest('grid-phone')).fill('138 0000 9999')
  const createdAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/grids' && r.request().method() === 'POST')
  await dialog.locator(byTest('grid-submit')).click()
  const createdResponse = await createdAnswer
  assert.equal(createdResponse.status(), 201, await createdResponse.text())
  const cell = await createdResponse.json()
  assert.deepEqual([cell.level, cell.parent_id, cell.region_code, cell.name], [2, townCell.id, VILLAGE, cellName])
  await dialog.waitFor({ state: 'hidden' })
  await page.locator(byTest(`grid-node-${cell.id}`)).waitFor()
  assert.equal((await page.locator(byTest('grid-detail-name')).innerText()).trim(), cellName)

  // The first enterprise of the village's old cell moves into the new cell.
  const before = await cellEnterprises(page, source.id, () => page.locator(byTest(`grid-node-${source.id}`)).click())
  assert.ok(before.total > 0)
  await page.waitForFunction(
    ([selector, name]) => document.querySelector(selector)?.textContent?.trim() === name,
    [`${byTest('grid-enterprise-table')} ${byTest('grid-enterprise-name')}`, before.items[0].name],
  )
  const movedName = before.items[0].name
  await page.locator(`${byTest('grid-enterprise-table')} .el-table__body tr`).first().locator('.el-checkbox').click()
  await page.locator(byTest('grid-move')).click()
  const move = page.locator(byTest('grid-move-dialog'))
  await move.waitFor()
  assert.match(await move.locator(byTest('grid-move-count')).innerText(), /1/)
  await pickOption(page, move.locator(byTest('grid-move-target')), 'grid-move-popper', `move-option-${cell.id}`)
  const movedAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/grids/${cell.id}/enterprises`)
  await move.locator(byTest('grid-move-submit')).click()
  const movedResponse = await movedAnswer
  assert.equal(movedResponse.status(), 200, await movedResponse.text())
  assert.deepEqual(await movedResponse.json(), { moved: 1 })
  assert.deepEqual(JSON.parse(movedResponse.request().postData()), { enterprise_ids: [before.items[0].id] })
  await move.waitFor({ state: 'hidden' })
  const inCell = await cellEnterprises(page, cell.id, () => page.locator(byTest(`grid-node-${cell.id}`)).click())
  assert.deepEqual(inCell.items.map((item) => item.name), [movedName])
  await expectTableNames(page, [movedName])
  await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.trim() === '1', byTest('grid-field-enterprises'))
  await screenshot(page, 'grid-a-moved')
  await logout(page)

  // The district bureau names the new grid worker as the cell's responsible person.
  await login(page, 'district1')
  await page.waitForURL((url) => url.pathname === '/')
  await page.goto(`${BASE_URL}/grids`)
  await expandNode(page, townCell.id)
  await page.locator(byTest(`grid-node-${cell.id}`)).click()
  await page.locator(byTest('grid-edit')).click()
  await dialog.waitFor()
  await dialog.locator(byTest('grid-responsible')).click()
  await dialog.locator(`${byTest('grid-responsible')} input`).fill(workerName)
  const option = page.locator(`.grid-responsible-popper ${byTest(`responsible-option-${worker.id}`)}`)
  await option.click()
  const patched = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/grids/${cell.id}` && r.request().method() === 'PATCH')
  await dialog.locator(byTest('grid-submit')).click()
  const patchedResponse = await patched
  assert.equal(patchedResponse.status(), 200, await patchedResponse.text())
  assert.deepEqual(JSON.parse(patchedResponse.request().postData()), { version: cell.version, responsible_user_id: worker.id })
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForFunction(
    ([selector, name]) => document.querySelector(selector)?.textContent?.trim() === name,
    [byTest('grid-field-responsible'), workerName],
  )
  await screenshot(page, 'grid-b-responsible')
  await logout(page)

  // The grid worker sees its one cell, read-only, and the one enterprise in it.
  await login(page, `e2egrid${stamp}`, workerPassword)
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator(byTest('menu-grids')).click()
  await page.locator(byTest(`grid-node-${cell.id}`)).waitFor()
  assert.equal(await page.locator('[data-test^="grid-node-"]').count(), 1, 'exactly one cell in the tree')
  const own = await cellEnterprises(page, cell.id, () => page.locator(byTest(`grid-node-${cell.id}`)).click())
  assert.deepEqual(own.items.map((item) => item.name), [movedName])
  await expectTableNames(page, [movedName])
  assert.equal((await page.locator(byTest('grid-field-responsible')).innerText()).trim(), workerName)
  assert.equal(await page.locator(byTest('grid-edit')).count(), 0, 'no editing for a grid worker')
  assert.equal(await page.locator(byTest('grids-create-level1')).count(), 0)
  assert.equal(await page.locator(byTest('grid-move')).count(), 0)
  await screenshot(page, 'grid-c-worker')

  // The enterprise list of the grid worker holds the same single enterprise.
  const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises')
  await page.locator(byTest('menu-enterprises')).click()
  const list = await (await listed).json()
  assert.equal(list.total, 1)
  assert.equal(list.items[0].name, movedName)
})
