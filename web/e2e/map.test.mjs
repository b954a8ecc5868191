// Map and certificate journeys: the enterprise map draws its points on a canvas and opens an
// enterprise on a click; the expiring-certificate list shows rows and links to the enterprise.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { byTest, freshPage, login, openBrowser, screenshot } from './helpers.mjs'

let browser

before(async () => {
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
})

/**
 * The page coordinates of a pixel drawn in `rgb` inside the plot of the chart (below the legend,
 * which shows the same colour), or null.
 */
function findColouredPixel([selector, [red, green, blue], top]) {
  for (const canvas of document.querySelectorAll(`${selector} canvas`)) {
    const context = canvas.getContext('2d')
    if (!context || canvas.width === 0) continue
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    const box = canvas.getBoundingClientRect()
    const from = Math.ceil((top * canvas.height) / box.height) * canvas.width * 4
    for (let i = from; i < data.length; i += 4) {
      if (Math.abs(data[i] - red) < 8 && Math.abs(data[i + 1] - green) < 8 && Math.abs(data[i + 2] - blue) < 8 && data[i + 3] > 150) {
        // The first pixel found is the top of a point (5 pixels across): aim at its middle.
        const x = (i / 4) % canvas.width
        const y = Math.floor(i / 4 / canvas.width) + 2
        return { x: box.left + (x * box.width) / canvas.width, y: box.top + (y * box.height) / canvas.height }
      }
    }
  }
  return null
}

test('the map draws the enterprises as points and a click opens one', async () => {
  const page = await freshPage(browser.context)
  await login(page, 'district1')
  await page.waitForURL((url) => url.pathname === '/')
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises/map')
  await page.locator(byTest('menu-enterpriseMap')).click()
  const response = await answer
  assert.equal(response.status(), 200)
  const map = await response.json()
  assert.ok(map.items.length > 0, 'the district has located enterprises')
  assert.ok(map.items.every(([, longitude, latitude]) => typeof longitude === 'number' && typeof latitude === 'number'))
  await page.locator(`${byTest('map-chart')} canvas`).first().waitFor()
  assert.match(await page.locator(byTest('map-summary')).innerText(), new RegExp(String(map.total)))

  // Operating enterprises are drawn in the success green (#67c23a).
  const handle = await page.waitForFunction(findColouredPixel, [byTest('map-chart'), [0x67, 0xc2, 0x3a], 45])
  const point = await handle.jsonValue()
  await screenshot(page, 'map-points')
  const ids = new Set(map.items.map(([id]) => id))
  await page.mouse.move(point.x, point.y)
  await page.mouse.click(point.x, point.y)
  await page.waitForURL((url) => /^\/enterprises\/\d+$/.test(url.pathname))
  const id = Number(new URL(page.url()).pathname.split('/').pop())
  assert.ok(ids.has(id), `enterprise ${id} is one of the map's points`)
  await page.locator(byTest('enterprise-title')).waitFor()
})

test('the expiring list shows certificates of the district and links to their enterprise', async () => {
  const page = await freshPage(browser.context)
  await login(page, 'district1')
  await page.waitForURL((url) => url.pathname === '/')
  const expiring = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/certificates/expiring')
  await page.locator(byTest('menu-certificates')).click()
  const first = await (await expiring).json()
  assert.ok(first.total > 0, 'the demo has certificates expiring within 30 days')
  assert.ok(first.items.every((item) => item.enterprise.region_code.startsWith('990102')))
  const rows = page.locator(`${byTest('certificates-table')} .el-table__body tr`)
  await rows.first().waitFor()
  assert.equal(await rows.count(), first.items.length)
  assert.match(await rows.first().locator(byTest('certificate-state')).innerText(), /即将到期/)

  const expired = page.waitForResponse((r) => new URL(r.url()).searchParams.get('state') === 'expired')
  await page.locator(byTest('certificates-state-expired')).click()
  const second = await (await expired).json()
  assert.ok(second.total > 0, 'the demo has expired certificates')
  assert.ok(second.items.every((item) => item.certificate_state === 'expired'))
  await page.waitForFunction(
    ([selector, name]) => document.querySelector(selector)?.textContent?.trim() === name,
    [`${byTest('certificates-table')} ${byTest('certificate-enterprise')}`, second.items[0].enterprise.name],
  )
  assert.match(await rows.first().locator(byTest('certificate-state')).innerText(), /已过期/)
  await screenshot(page, 'certificates-expired')
  await page.locator(byTest('certificate-enterprise')).first().click()
  await page.waitForURL((url) => url.pathname === `/enterprises/${second.items[0].enterprise.id}`)
  await page.locator(byTest('enterprise-title')).waitFor()
})
