// Shared set-up for the browser journeys: Debian's chromium driven by playwright-core.
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const BASE_URL = (process.env.ANJIAN_URL ?? 'http://127.0.0.1:18080').replace(/\/$/, '')
export const DEMO_PASSWORD = 'Demo@2026'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

let screenshotDir = process.env.ANJIAN_SCREENSHOTS ?? null

/** A fresh browser profile per test file, so no cookie or stored language leaks between files. */
export async function openBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'anjian-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 800 },
  })
  context.setDefaultTimeout(15_000)
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

export async function freshPage(context) {
  for (const old of context.pages()) await old.close()
  await context.clearCookies()
  return context.newPage()
}

export const byTest = (name) => `[data-test="${name}"]`

/**
 * Signs in through the API (bearer token), for test set-up that needs data the page must not see.
 * The answer calls a path: `call(path)` GETs and expects 200; `call(path, { method, body, status })`.
 */
export async function apiAs(username, password = DEMO_PASSWORD) {
  const answer = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  assert.equal(answer.status, 200, await answer.clone().text())
  const { token } = await answer.json()
  return async (path, { method = 'GET', body, status = method === 'POST' ? 201 : 200 } = {}) => {
    const headers = { Authorization: `Bearer ${token}` }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const response = await fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    assert.equal(response.status, status, `${method} ${path}: ${await response.clone().text()}`)
    return response.status === 204 ? null : response.json()
  }
}

/** Waits for the first answer of `method` on a path matching `pattern` after `action`. */
export async function answerOf(page, method, pattern, action) {
  const answer = page.waitForResponse((r) => r.request().method() === method && pattern.test(new URL(r.url()).pathname))
  await action()
  return answer
}

/**
 * The answer to the `method` request of `path` whose query holds every one of `params`, with
 * `action` run after the wait began: a list asked with its filter, not an earlier load of the same
 * list still arriving.
 */
export async function answerWith(page, method, path, params, action) {
  const answer = page.waitForResponse((r) => {
    const url = new URL(r.url())
    return r.request().method() === method && url.pathname === path &&
      Object.entries(params).every(([name, value]) => url.searchParams.get(name) === value)
  })
  await action()
  return answer
}

/** Waits until the element of `selector` reads exactly `expected` (trimmed). */
export async function expectText(page, selector, expected) {
  await page.waitForFunction(
    ([s, text]) => document.querySelector(s)?.textContent?.trim() === text,
    [selector, expected],
  )
}

/** Picks an option of an Element Plus select whose dropdown carries `popperClass`. */
export async function pickOption(page, select, popperClass, option) {
  await select.click()
  const item = page.locator(`.${popperClass} ${byTest(option)}`)
  await item.click()
  await page.locator(`.el-popper.${popperClass}`).waitFor({ state: 'hidden' })
}

/** Today plus `days`, as YYYY-MM-DD in China Standard Time (the server's calendar). */
export function chinaDate(days = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000))
}

/** Signs in through the form; `goto: false` uses the login page already open (and its ?redirect). */
export async function login(page, username, password = DEMO_PASSWORD, { goto = true } = {}) {
  if (goto) await page.goto(`${BASE_URL}/login`)
  await page.locator(byTest('login-username')).fill(username)
  await page.locator(byTest('login-password')).fill(password)
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
  await page.locator(byTest('login-submit')).click()
  return answer
}

export async function logout(page) {
  await page.locator(byTest('logout')).click()
  await page.waitForURL((url) => url.pathname === '/login')
}

/** Saves a screenshot into a temporary folder (or ANJIAN_SCREENSHOTS) and says where. */
export async function screenshot(page, name) {
  if (!screenshotDir) screenshotDir = await mkdtemp(join(tmpdir(), 'anjian-screens-'))
  await mkdir(screenshotDir, { recursive: true })
  const path = join(screenshotDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  console.log(`screenshot: ${path}`)
  return path
}

/** Whether `code` lies under `ancestor` in the 12-digit region code scheme. */
function isAncestor(ancestor, code) {
  const prefix = ancestor.replace(/0+$/, '')
  return ancestor !== code && prefix.length > 0 && code.startsWith(prefix)
}

/** Opens branches of a lazy region tree until the node for `code` shows, then clicks it. */
export async function pickRegion(page, container, code) {
  for (let step = 0; step < 8; step += 1) {
    const target = container.locator(byTest(`region-option-${code}`))
    if (await target.isVisible()) {
      await target.click()
      return
    }
    const labels = container.locator('[data-test^="region-option-"]')
    const count = await labels.count()
    let expanded = false
    for (let i = 0; i < count; i += 1) {
      const label = labels.nth(i)
      const nodeCode = (await label.getAttribute('data-test')).replace('region-option-', '')
      if (!isAncestor(nodeCode, code) || !(await label.isVisible())) continue
      const node = label.locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' el-tree-node ')][1]`)
      if ((await node.getAttribute('aria-expanded')) === 'true') continue
      await node.locator('.el-tree-node__expand-icon').first().click()
      expanded = true
      break
    }
    if (!expanded) await page.waitForTimeout(300)
  }
  throw new Error(`region ${code} never showed in the tree`)
}
