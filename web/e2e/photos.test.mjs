// Photo journeys: (a) on a phone the town station answers an inspection item with a finding and
// a photo, is told the server's reason when a file is not a picture, and finds the photo again
// after reloading; the finding's hazard shows it as a before-photo; (b) the enterprise submits
// its rectification with an after-photo, which the hazard's photos and its timeline then show;
// (c) the station enters a hazard directly with a before-photo. Every photo's address answers
// the PNG that was uploaded. Run against a fresh `anjian demo` database.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { BASE_URL, answerOf, apiAs, byTest, chinaDate, expectText, freshPage, login, openBrowser, screenshot } from './helpers.mjs'

const PHONE = { width: 375, height: 812 }
const DESKTOP = { width: 1366, height: 800 }
// A valid 2×2 PNG (red and blue pixels).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8DA0PCfAUIBACFyBP1TVaZ3AAAAAElFTkSuQmCC', 'base64')

let browser
/** What the journeys share: the enterprise of ent1_1, and the hazard the inspection found. */
const state = { enterpriseId: null, enterpriseName: '', hazardId: null, beforePhotoId: null }

before(async () => {
  browser = await openBrowser()
  const asEnterprise = await apiAs('ent1_1')
  const { user } = await asEnterprise('/me')
  const enterprise = await asEnterprise(`/enterprises/${user.enterprise_id}`)
  state.enterpriseId = enterprise.id
  state.enterpriseName = enterprise.name
})

after(async () => {
  await browser?.close()
})

/** Chooses a file on an uploader's input and returns the upload's answer. */
async function uploadPng(page, uploader, name = 'site.png') {
  const response = await answerOf(page, 'POST', /\/api\/v1\/files$/, () =>
    uploader.locator(byTest('photo-input')).setInputFiles({ name, mimeType: 'image/png', buffer: PNG }),
  )
  assert.equal(response.status(), 201, await response.text())
  const query = new URL(response.url()).searchParams
  assert.equal(query.get('enterprise_id'), String(state.enterpriseId))
  assert.equal(query.get('name'), name, 'a small PNG goes as it is, under its own name')
  assert.ok(response.request().headers()['x-csrf-token'], 'the upload carries the CSRF token')
  const file = await response.json()
  assert.equal(file.media_type, 'image/png')
  assert.equal(file.size, PNG.length)
  assert.equal(file.url, `/api/v1/files/${file.id}`)
  return file
}

/** The thumbnail of a photo shows the picture itself: loaded, 2 pixels wide. */
async function expectThumbnail(page, container, id) {
  const image = container.locator(`${byTest(`photo-${id}`)} img`)
  await image.waitFor()
  await page.waitForFunction((element) => element.complete && element.naturalWidth === 2, await image.elementHandle())
  assert.equal(await image.getAttribute('src'), `/api/v1/files/${id}`)
}

/** The photo's address answers the PNG with the session's cookie. */
async function expectServed(page, id) {
  const response = await page.request.get(`${BASE_URL}/api/v1/files/${id}`)
  assert.equal(response.status(), 200)
  assert.equal(response.headers()['content-type'], 'image/png')
  assert.deepEqual(Buffer.from(await response.body()), PNG)
}

test('(a) on a phone, an inspection finding carries a photo that stays after a reload and goes to its hazard', async () => {
  const asStation = await apiAs('station1_1')
  const offered = await asStation(`/checklists?page=1&page_size=100&enterprise_id=${state.enterpriseId}`)
  const checklist = offered.items.find((item) => item.purpose === 'patrol') ?? offered.items[0]
  assert.ok(checklist, 'a checklist applies to the enterprise')
  const inspection = await asStation('/inspections', {
    method: 'POST',
    body: { enterprise_id: state.enterpriseId, kind: 'town_routine', checklist_id: checklist.id },
  })
  const items = [...inspection.items].sort((a, b) => a.position - b.position)
  const finding = items[0]

  const page = await freshPage(browser.context)
  await page.setViewportSize(PHONE)
  await login(page, 'station1_1')
  await page.waitForURL((url) => url.pathname === '/')
  await page.goto(`${BASE_URL}/inspections/${inspection.id}`)
  await page.locator(byTest('inspection-progress')).waitFor()

  // A finding asks for photos at once; the phone also offers its rear camera.
  const answered = await answerOf(page, 'PATCH', new RegExp(`/api/v1/inspections/${inspection.id}$`), () =>
    page.locator(byTest(`item-${finding.id}-finding`)).click(),
  )
  assert.equal(answered.status(), 200)
  const uploader = page.locator(byTest(`item-${finding.id}-photos`))
  await uploader.locator(byTest('photo-add')).waitFor()
  assert.equal(await uploader.locator(byTest('photo-camera')).isVisible(), true, 'a phone can take the photo')
  const cameraInput = uploader.locator(byTest('photo-camera-input'))
  assert.equal(await cameraInput.getAttribute('capture'), 'environment')
  assert.equal(await cameraInput.getAttribute('accept'), 'image/*')
  assert.equal(await uploader.locator(byTest('photo-input')).getAttribute('accept'), 'image/*,application/pdf')

  // The photo is uploaded, then saved with the answer through the autosave.
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/inspections/${inspection.id}`) && r.request().postData()?.includes('photo_ids'),
  )
  const file = await uploadPng(page, uploader)
  const save = await saved
  assert.equal(save.status(), 200, await save.text())
  const sent = JSON.parse(save.request().postData()).results
  assert.deepEqual(sent, [{ item_id: finding.id, result: 'finding', note: '', hazard_level: finding.major_hazard ? 'major' : 'general', photo_ids: [file.id] }])
  await expectThumbnail(page, uploader, file.id)
  await expectText(page, byTest('inspection-save-state'), '已自动保存')

  // A file that only calls itself a PNG: the server refuses it, and its reason is shown.
  const refused = await answerOf(page, 'POST', /\/api\/v1\/files$/, () =>
    uploader.locator(byTest('photo-input')).setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') }),
  )
  assert.equal(refused.status(), 422)
  assert.equal((await refused.json()).error.code, 'unsupported_file_type')
  const failure = uploader.locator(byTest('photo-error'))
  await failure.waitFor()
  assert.match(await failure.innerText(), /只接受 JPEG、PNG 图片或 PDF 文件/)
  await screenshot(page, 'photos-a1-item-phone')
  await uploader.locator(byTest('photo-dismiss')).click()
  await failure.waitFor({ state: 'detached' })

  // Reloaded, the answer still has its photo, and its address answers the picture.
  await page.reload()
  await page.locator(byTest('inspection-progress')).waitFor()
  await expectThumbnail(page, page.locator(byTest(`item-${finding.id}-photos`)), file.id)
  await expectServed(page, file.id)
  const stored = await asStation(`/inspections/${inspection.id}`)
  assert.deepEqual(
    stored.results.find((result) => result.item_id === finding.id).photos.map((photo) => photo.id),
    [file.id],
  )

  // Finished (the other items conforming), the finding's hazard shows the photo as before-photo.
  await asStation(`/inspections/${inspection.id}`, {
    method: 'PATCH',
    body: {
      version: stored.version,
      results: items.slice(1).map((item) => ({ item_id: item.id, result: 'conforming', note: '', hazard_level: null })),
    },
  })
  const current = await asStation(`/inspections/${inspection.id}`)
  const done = await asStation(`/inspections/${inspection.id}/finish`, { method: 'POST', status: 200, body: { version: current.version } })
  state.hazardId = done.results.find((result) => result.item_id === finding.id).hazard_id
  state.beforePhotoId = file.id
  assert.ok(state.hazardId)
  await page.goto(`${BASE_URL}/hazards/${state.hazardId}`)
  const photos = page.locator(byTest('hazard-photos'))
  await expectThumbnail(page, photos.locator(byTest('photo-group-before')), file.id)
  assert.equal(await photos.locator(byTest('photo-group-after')).count(), 0)
  await expectThumbnail(page, page.locator(`${byTest('timeline-report')} ${byTest('timeline-photos')}`), file.id)
  await screenshot(page, 'photos-a2-hazard-phone')
})

test('(b) the enterprise submits its rectification with an after-photo', async () => {
  assert.ok(state.hazardId, 'journey (a) found a hazard')
  const asStation = await apiAs('station1_1')
  await asStation('/notices', {
    method: 'POST',
    body: { hazard_ids: [state.hazardId], deadline: chinaDate(10), responsible_person: '赵勇', measures: '清理并拍照留证' },
  })
  const asEnterprise = await apiAs('ent1_1')
  const notified = await asEnterprise(`/hazards/${state.hazardId}`)
  await asEnterprise(`/hazards/${state.hazardId}/transitions`, { method: 'POST', status: 200, body: { action: 'start', version: notified.version } })

  const page = await freshPage(browser.context)
  await page.setViewportSize(DESKTOP)
  await login(page, 'ent1_1')
  await page.waitForURL((url) => url.pathname === '/')
  await page.goto(`${BASE_URL}/hazards/${state.hazardId}`)
  await expectText(page, byTest('hazard-state'), '整改中')

  await page.locator(byTest('hazard-action-submit')).click()
  const dialog = page.locator(byTest('hazard-action-dialog'))
  await dialog.waitFor()
  await dialog.locator(byTest('hazard-action-field-method')).fill('已清理，附整改后照片')
  const uploader = dialog.locator(byTest('hazard-action-photos'))
  assert.equal(await uploader.locator(byTest('photo-camera')).isVisible(), false, 'no camera button at desktop width')
  const file = await uploadPng(page, uploader, '整改后.png')
  await expectThumbnail(page, uploader, file.id)
  await screenshot(page, 'photos-b1-submit-dialog')

  const response = await answerOf(page, 'POST', /\/api\/v1\/hazards\/\d+\/transitions$/, () => dialog.locator(byTest('hazard-action-send')).click())
  assert.equal(response.status(), 200, await response.text())
  const body = JSON.parse(response.request().postData())
  assert.equal(body.action, 'submit')
  assert.deepEqual(body.photo_ids, [file.id])
  await dialog.waitFor({ state: 'hidden' })
  await expectText(page, byTest('hazard-state'), '待复查')

  // Before and after, each under its stage; the submission in the timeline shows what it brought.
  const photos = page.locator(byTest('hazard-photos'))
  await expectThumbnail(page, photos.locator(byTest('photo-group-before')), state.beforePhotoId)
  await expectThumbnail(page, photos.locator(byTest('photo-group-after')), file.id)
  assert.match(await photos.innerText(), /整改前 · 1[\s\S]*整改后 · 1/)
  const submitted = page.locator(byTest('timeline-submit'))
  await expectThumbnail(page, submitted.locator(byTest('timeline-photos')), file.id)
  assert.equal(await submitted.locator(byTest(`photo-${state.beforePhotoId}`)).count(), 0)
  await expectServed(page, file.id)

  // The preview opens on the photo clicked.
  await photos.locator(`${byTest(`photo-${file.id}`)} img`).click()
  const viewer = page.locator('.el-image-viewer__wrapper')
  await viewer.waitFor()
  assert.equal(await viewer.locator('.el-image-viewer__canvas img').getAttribute('src'), `/api/v1/files/${file.id}`)
  await screenshot(page, 'photos-b2-hazard')
  await page.keyboard.press('Escape')
  await viewer.waitFor({ state: 'detached' })

  const saved = await asEnterprise(`/hazards/${state.hazardId}`)
  const after = saved.photos.find((photo) => photo.id === file.id)
  assert.equal(after.stage, 'after')
  const event = saved.timeline.find((item) => item.action === 'submit')
  assert.equal(after.event_id, event.id)
  assert.deepEqual(event.details.photo_ids, [file.id])
})

test('(c) the station enters a hazard directly with a before-photo', async () => {
  const page = await freshPage(browser.context)
  await page.setViewportSize(DESKTOP)
  await login(page, 'station1_1')
  await page.waitForURL((url) => url.pathname === '/')
  await page.goto(`${BASE_URL}/hazards`)
  await page.locator(byTest('hazards-create')).click()
  const dialog = page.locator(byTest('hazard-dialog'))
  await dialog.waitFor()

  // No photo before the enterprise is known: it is uploaded for that enterprise.
  const uploader = dialog.locator(byTest('hazard-photos'))
  assert.equal(await uploader.locator(byTest('photo-add')).count(), 0)
  assert.match(await uploader.innerText(), /请先选择企业/)
  await dialog.locator(byTest('hazard-enterprise')).click()
  const search = answerOf(page, 'GET', /\/api\/v1\/enterprises$/, () => dialog.locator(`${byTest('hazard-enterprise')} input`).fill(state.enterpriseName))
  assert.equal((await search).status(), 200)
  await page.locator(`.hazard-enterprise-popper ${byTest(`enterprise-option-${state.enterpriseId}`)}`).click()
  await uploader.locator(byTest('photo-add')).waitFor()

  const description = `配电箱箱门缺失，测试${Date.now() % 100000}`
  await dialog.locator(byTest('hazard-description')).fill(description)
  const file = await uploadPng(page, uploader, '配电箱.png')
  await expectThumbnail(page, uploader, file.id)
  const created = await answerOf(page, 'POST', /\/api\/v1\/hazards$/, () => dialog.locator(byTest('hazard-submit')).click())
  assert.equal(created.status(), 201, await created.text())
  assert.deepEqual(JSON.parse(created.request().postData()).photo_ids, [file.id])
  const hazard = await created.json()
  await page.waitForURL((url) => url.pathname === `/hazards/${hazard.id}`)
  await expectThumbnail(page, page.locator(`${byTest('hazard-photos')} ${byTest('photo-group-before')}`), file.id)
  await expectThumbnail(page, page.locator(`${byTest('timeline-report')} ${byTest('timeline-photos')}`), file.id)
  await expectServed(page, file.id)
  await screenshot(page, 'photos-c-direct-entry')
})
