// Enterprise import and export: a town station checks a CSV with one bad row, imports the valid rows
// and finds them in the list; the list's filters go into the Excel export, which a grid worker may
// take too (but not import); a large file shows its upload progress and then the server's
// processing; a file too large or unreadable is explained.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { byTest, freshPage, login, openBrowser, screenshot } from './helpers.mjs'

// Two communities of 清源区东安街道 (990102001000), the town station1_1 looks after.
const VILLAGES = ['990102001201', '990102001202']
const HEADER = '统一社会信用代码,企业名称,所在村（社区）代码,行业代码,从业人员,地址'

// GB 32100 check characters, as web/src/utils/uscc.ts computes them.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

function orgCheck(org8) {
  const value = (c) => (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55)
  const check = 11 - ([...org8].reduce((sum, c, i) => sum + value(c) * ORG_WEIGHTS[i], 0) % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/** A valid credit code whose organisation part is the 8 digits given. */
function uscc(org8) {
  const first17 = `91350100${org8}${orgCheck(org8)}`
  const sum = [...first17].reduce((acc, c, i) => acc + ALPHABET.indexOf(c) * WEIGHTS[i], 0)
  return first17 + ALPHABET[(31 - (sum % 31)) % 31]
}

/** The same code with a wrong last (check) character. */
function withWrongCheck(code) {
  const last = code[17]
  return code.slice(0, 17) + (last === '1' ? '2' : '1')
}

let browser
let folder

before(async () => {
  browser = await openBrowser()
  folder = await mkdtemp(join(tmpdir(), 'anjian-import-'))
})

after(async () => {
  await browser?.close()
  if (folder) await rm(folder, { recursive: true, force: true })
})

async function openList(page, username) {
  await login(page, username)
  await page.waitForURL((url) => url.pathname === '/')
  const first = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises')
  await page.locator(byTest('menu-enterprises')).click()
  await page.waitForURL((url) => url.pathname === '/enterprises')
  await first
}

/**
 * Waits for the import call with `dry_run` after `action`, and returns its URL. (Chromium keeps no
 * response body of a request that sent a file from disk, so the report is read from the page.)
 */
async function importCall(page, dryRun, action, status = 200) {
  const answer = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/enterprises/import' && url.searchParams.get('dry_run') === String(dryRun)
  })
  await action()
  const response = await answer
  assert.equal(response.status(), status)
  assert.equal(response.request().headers()['content-type'], 'application/octet-stream')
  return new URL(response.url())
}

async function text(locator) {
  return (await locator.innerText()).trim()
}

test('a station checks a file, imports its valid rows and finds them in the list', async () => {
  const stamp = String(Date.now()).slice(-7)
  const good = [uscc(`1${stamp}`), uscc(`2${stamp}`)]
  const bad = withWrongCheck(uscc(`3${stamp}`))
  const names = [`导入测试甲${stamp}有限公司`, `导入测试乙${stamp}有限公司`]
  const csv = [
    HEADER,
    `${good[0]},${names[0]},${VILLAGES[0]},C33,12,东安街道导入路 1 号`,
    `${good[1]},${names[1]},${VILLAGES[1]},C33,8,东安街道导入路 2 号`,
    `${bad},导入测试丙${stamp}有限公司,${VILLAGES[0]},C33,5,东安街道导入路 3 号`,
  ].join('\n')
  const path = join(folder, `enterprises-${stamp}.csv`)
  await writeFile(path, `${csv}\n`)

  const page = await freshPage(browser.context)
  await openList(page, 'station1_1')
  await page.locator(byTest('enterprises-import')).click()
  const dialog = page.locator(byTest('enterprise-import-dialog'))
  await dialog.waitFor()
  const check = dialog.locator(byTest('enterprise-import-check'))
  assert.equal(await check.isDisabled(), true, 'nothing to check before a file is chosen')

  await dialog.locator(`${byTest('enterprise-import-file')} input[type=file]`).setInputFiles(path)
  await dialog.locator('.el-upload-list__item').filter({ hasText: `enterprises-${stamp}.csv` }).waitFor()
  const preview = await importCall(page, true, () => check.click())
  assert.equal(preview.searchParams.get('mode'), 'all')

  // The preview: the counts, and exactly the bad row with its column and the server's reason.
  await dialog.locator(`${byTest('enterprise-import-report')}[data-kind="preview"]`).waitFor()
  assert.equal(await text(dialog.locator(byTest('enterprise-import-rows'))), '3')
  assert.equal(await text(dialog.locator(byTest('enterprise-import-created'))), '2')
  assert.equal(await text(dialog.locator(byTest('enterprise-import-updated'))), '0')
  assert.equal(await text(dialog.locator(byTest('enterprise-import-rejected'))), '1')
  const table = dialog.locator(byTest('enterprise-import-rejections'))
  assert.deepEqual(await table.locator(byTest('rejection-row')).allInnerTexts(), ['4'])
  assert.equal(await table.locator(byTest('rejection-column')).getAttribute('data-field'), 'uscc')
  assert.equal(await text(table.locator(byTest('rejection-column'))), '统一社会信用代码')
  assert.match(await text(table.locator(byTest('rejection-reason'))), /校验位/)

  // "All rows or nothing" cannot go on with a bad row, and says why.
  const commit = dialog.locator(byTest('enterprise-import-commit'))
  assert.equal(await commit.isDisabled(), true)
  const blocked = dialog.locator(byTest('enterprise-import-blocked'))
  assert.equal(await blocked.getAttribute('data-block'), 'rejected')
  assert.match(await blocked.innerText(), /仅导入有效行/)
  await screenshot(page, 'import-a-preview')

  await dialog.locator(byTest('enterprise-import-mode-valid')).click()
  await blocked.waitFor({ state: 'detached' })
  assert.equal(await commit.isDisabled(), false)
  const reload = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises' && r.request().method() === 'GET')
  const result = await importCall(page, false, () => commit.click())
  assert.equal(result.searchParams.get('mode'), 'valid')
  await reload
  const outcome = dialog.locator(byTest('enterprise-import-outcome'))
  await outcome.waitFor()
  assert.equal(await outcome.getAttribute('data-outcome'), 'committed')
  assert.match(await outcome.innerText(), /新增 2 家/)
  assert.equal(await text(dialog.locator(byTest('enterprise-import-created'))), '2')
  await screenshot(page, 'import-b-result')
  await dialog.locator(byTest('enterprise-import-close')).click()
  await dialog.waitFor({ state: 'hidden' })

  // Both new enterprises are in the list; the bad row's is not.
  for (const [index, name] of names.entries()) {
    await page.locator(byTest('enterprises-filter-q')).fill(name)
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises' && new URL(r.url()).searchParams.get('q') === name)
    await page.locator(byTest('enterprises-search')).click()
    const found = await (await answer).json()
    assert.equal(found.total, 1, name)
    assert.equal(found.items[0].uscc, good[index])
    assert.equal(found.items[0].region_code, VILLAGES[index])
    await page.waitForFunction(
      ([selector, expected]) => [...document.querySelectorAll(selector)].map((e) => e.textContent.trim()).join('|') === expected,
      [`${byTest('enterprises-table')} ${byTest('enterprise-row-name')}`, name],
    )
  }
  await page.locator(byTest('enterprises-filter-q')).fill(`导入测试丙${stamp}`)
  const none = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises' && r.request().method() === 'GET')
  await page.locator(byTest('enterprises-search')).click()
  assert.equal((await (await none).json()).total, 0, 'the rejected row was not written')

  // Checking the same rows again finds nothing left to do but the bad row. (A copy under another
  // name: the file input still holds the first file, and choosing it again would change nothing.)
  const copy = join(folder, `enterprises-${stamp}-again.csv`)
  await writeFile(copy, `${csv}\n`)
  await page.locator(byTest('enterprises-import')).click()
  await dialog.waitFor()
  assert.equal(await dialog.locator(byTest('enterprise-import-report')).count(), 0, 'the dialog starts afresh')
  assert.equal(await dialog.locator('.el-upload-list__item').count(), 0, 'with no file chosen')
  await dialog.locator(`${byTest('enterprise-import-file')} input[type=file]`).setInputFiles(copy)
  await dialog.locator(byTest('enterprise-import-mode-valid')).click()
  await importCall(page, true, () => dialog.locator(byTest('enterprise-import-check')).click())
  assert.equal(await text(dialog.locator(byTest('enterprise-import-created'))), '0')
  assert.equal(await text(dialog.locator(byTest('enterprise-import-unchanged'))), '2')
  assert.equal(await dialog.locator(byTest('enterprise-import-blocked')).getAttribute('data-block'), 'nothing')
  assert.equal(await dialog.locator(byTest('enterprise-import-commit')).isDisabled(), true)
  await dialog.locator(byTest('enterprise-import-cancel')).click()
  await dialog.waitFor({ state: 'hidden' })
})

test('the Excel export carries the list filters, and the template downloads from the dialog', async () => {
  const page = await freshPage(browser.context)
  await openList(page, 'district1')
  await page.locator(byTest('enterprises-filter-q')).fill('食品')
  const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises' && new URL(r.url()).searchParams.get('q') === '食品')
  await page.locator(byTest('enterprises-search')).click()
  await listed

  const exported = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/enterprises/export.xlsx')
  const download = page.waitForEvent('download')
  await page.locator(byTest('enterprises-export')).click()
  const response = await exported
  assert.equal(response.status(), 200)
  const url = new URL(response.url())
  assert.equal(url.searchParams.get('q'), '食品')
  assert.equal(url.searchParams.has('page'), false, 'the whole filtered list, not one page')
  assert.equal(response.request().headers()['accept-language'], 'zh-CN')
  const file = await download
  assert.equal(file.suggestedFilename(), 'enterprises.xlsx')
  const saved = join(folder, 'export.xlsx')
  await file.saveAs(saved)
  const bytes = await readFile(saved)
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) file')

  await page.locator(byTest('enterprises-import')).click()
  const dialog = page.locator(byTest('enterprise-import-dialog'))
  await dialog.waitFor()
  const template = page.waitForEvent('download')
  await dialog.locator(byTest('enterprise-import-template')).click()
  assert.match((await template).suggestedFilename(), /\.xlsx$/)
})

test('a grid worker may export the list but has no import', async () => {
  const page = await freshPage(browser.context)
  await openList(page, 'grid1_1_1')
  await page.locator(byTest('enterprises-export')).waitFor()
  assert.equal(await page.locator(byTest('enterprises-import')).count(), 0)
  assert.equal(await page.locator(byTest('enterprises-create')).count(), 0)
  const download = page.waitForEvent('download')
  await page.locator(byTest('enterprises-export')).click()
  assert.equal((await download).suggestedFilename(), 'enterprises.xlsx')
})

test('a large file shows its upload progress, then the server at work', async () => {
  // One valid row and 1 MiB of empty rows, which the server skips.
  const stamp = String(Date.now()).slice(-7)
  const padding = ',,,\n'.repeat((1 << 20) / 4)
  const path = join(folder, `large-${stamp}.csv`)
  await writeFile(path, `${HEADER}\n${uscc(`4${stamp}`)},导入测试丁${stamp}有限公司,${VILLAGES[0]},C33,3,\n${padding}`)

  const page = await freshPage(browser.context)
  await openList(page, 'district1')
  await page.locator(byTest('enterprises-import')).click()
  const dialog = page.locator(byTest('enterprise-import-dialog'))
  await dialog.waitFor()
  await dialog.locator(`${byTest('enterprise-import-file')} input[type=file]`).setInputFiles(path)

  // Record every stage the progress area goes through, however briefly it shows.
  await page.evaluate(() => {
    window.importStages = []
    new MutationObserver(() => {
      const progress = document.querySelector('[data-test="enterprise-import-progress"]')
      const stage = progress?.getAttribute('data-stage')
      if (stage && window.importStages.at(-1) !== stage) window.importStages.push(stage)
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] })
  })
  // A slow uplink, so that the upload takes a few seconds.
  const cdp = await browser.context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 384 << 10 })
  const preview = importCall(page, true, () => dialog.locator(byTest('enterprise-import-check')).click())
  const progress = dialog.locator(`${byTest('enterprise-import-progress')}[data-stage="uploading"]`)
  await progress.waitFor()
  assert.match(await progress.innerText(), /正在上传 \d+%/)
  await screenshot(page, 'import-c-uploading')
  await preview
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
  await dialog.locator(byTest('enterprise-import-report')).waitFor()
  assert.equal(await text(dialog.locator(byTest('enterprise-import-rows'))), '1', 'the empty rows are skipped')
  assert.equal(await text(dialog.locator(byTest('enterprise-import-created'))), '1')
  assert.equal(await text(dialog.locator(byTest('enterprise-import-rejected'))), '0')
  assert.equal(await dialog.locator(byTest('enterprise-import-progress')).count(), 0)
  assert.deepEqual(await page.evaluate(() => window.importStages), ['uploading', 'processing'])
  assert.equal(await dialog.locator(byTest('enterprise-import-commit')).isDisabled(), false)
})

test('a file over 16 MiB is refused before it is sent, an unreadable one with the server message', async () => {
  const path = join(folder, 'huge.csv')
  await writeFile(path, `${HEADER}\n${',,,\n'.repeat((16 << 20) / 4 + 1)}`)
  const page = await freshPage(browser.context)
  await openList(page, 'station1_1')
  let sent = false
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/enterprises/import') sent = true
  })
  await page.locator(byTest('enterprises-import')).click()
  const dialog = page.locator(byTest('enterprise-import-dialog'))
  await dialog.waitFor()
  await dialog.locator(`${byTest('enterprise-import-file')} input[type=file]`).setInputFiles(path)
  const error = dialog.locator(byTest('enterprise-import-file-error'))
  await error.waitFor()
  assert.match(await error.innerText(), /16 MiB/)
  assert.equal(await dialog.locator(byTest('enterprise-import-check')).isDisabled(), true)
  assert.equal(sent, false)

  // A file the server cannot read is explained in the server's words.
  const legacy = join(folder, 'legacy.csv')
  // “统一信用,企业” in GB 18030, as Excel saves a CSV on a Chinese Windows.
  await writeFile(legacy, Buffer.from('cdb3d2bbd0c5d3c32cc6f3d2b50a312c320a', 'hex'))
  await dialog.locator(`${byTest('enterprise-import-file')} input[type=file]`).setInputFiles(legacy)
  assert.equal(await error.count(), 0, 'a new file clears the old complaint')
  await importCall(page, true, () => dialog.locator(byTest('enterprise-import-check')).click(), 422)
  const shown = dialog.locator(byTest('enterprise-import-error'))
  await shown.waitFor()
  assert.match(await shown.innerText(), /UTF-8/, "the server's file_not_utf8 message")
  assert.equal(await dialog.locator(byTest('enterprise-import-commit')).count(), 0, 'no preview, no commit')
})
