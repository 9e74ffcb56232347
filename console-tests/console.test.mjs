// The operator console in a real browser: Debian's Chromium, driven by playwright-core.
// Run by dev/src/test/java/no/examhub/ops/console/ConsoleBrowserTest, which starts a hub with the
// simulators, makes Proview fail one command (its dead letter is DEAD_LETTER_INSTITUTION's) and
// passes what this script needs in the environment:
//   CONSOLE_URL, ADMIN_TOKEN, DEAD_LETTER_INSTITUTION, SCREENSHOTS (a directory), CHROMIUM (optional).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = need('CONSOLE_URL');
const token = need('ADMIN_TOKEN');
const institution = need('DEAD_LETTER_INSTITUTION');
const shots = need('SCREENSHOTS');
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const timings = [];
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.setDefaultTimeout(20_000);
  page.on('response', r => {
    const t = r.request().timing();
    if (r.url().includes('/console') && !r.url().includes('/assets/') && t.responseStart > 0) {
      timings.push({ url: new URL(r.url()).pathname, ms: Math.round(t.responseStart - t.requestStart) });
    }
  });

  await step('log in', async () => {
    await page.goto(base + '/console');
    assert.match(page.url(), /\/console\/login/);
    await page.screenshot({ path: join(shots, 'login.png') });
    await page.getByLabel('Operator token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Find a case' }).waitFor();
    assert.match(await page.locator('.who').innerText(), /demo-operator/);
  });

  await step('find the demo appeal and see its timeline', async () => {
    await page.getByLabel('Institution').fill('demo');
    await page.getByLabel('vurdId').fill('DEMO-INF1000-2026H');
    await page.getByLabel('Candidate number').fill('101');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'demo / DEMO-INF1000-2026H / 101' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    const timeline = await page.locator('.timeline').innerText();
    assert.match(timeline, /appeal \(klage\) received/);
    assert.match(timeline, /command register-appeal: carried out/);
    assert.match(timeline, /attempt 1: ok/);
    assert.doesNotMatch(await page.content(), /(?<!\d)\d{11}(?!\d)/, 'no personal number on the page');
    await page.screenshot({ path: join(shots, 'case.png'), fullPage: true });
  });

  await step('the case page on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, storageState: undefined });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(page.url());
    await phone.getByRole('heading', { name: 'Timeline' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than a phone`);
    await phone.screenshot({ path: join(shots, 'case-phone.png'), fullPage: true });
    await phone.close();
  });

  await step('see the failed partner call as a dead letter', async () => {
    await page.getByRole('link', { name: 'Dead letters' }).click();
    await page.getByLabel('Institution').fill(institution);
    await page.getByLabel('Partner').selectOption('proview');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByText('1 dead letter matches.').waitFor();
    await page.screenshot({ path: join(shots, 'dead-letters.png'), fullPage: true });
    await page.locator('tbody a').first().click();
    await page.getByRole('heading', { name: /^Dead letter/ }).waitFor();
    assert.match(await page.locator('.payload').innerText(), /sessionUuid/);
    await page.screenshot({ path: join(shots, 'dead-letter.png'), fullPage: true });
  });

  await step('replay it with a reason and see it carried out', async () => {
    await page.getByLabel('Reason (kept in the audit)').fill('Proview answered 503; it is back');
    await page.getByRole('button', { name: 'Replay this dead letter' }).click();
    await page.getByText(/1 sent back to its partner/).waitFor();
    await page.screenshot({ path: join(shots, 'replay.png'), fullPage: true });
    await page.locator('main li a').first().click();
    // htmx refreshes the attempts every 2 s until the partner carried the command out.
    await page.getByText('Carried out: the partner accepted the command after the replay.').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('#attempts').innerText(), /replay by demo-operator: replayed \(Proview answered 503; it is back\)/);
    await page.screenshot({ path: join(shots, 'dead-letter-carried-out.png'), fullPage: true });
  });

  await step('run the connection check', async () => {
    await page.getByRole('link', { name: 'Institutions' }).click();
    await page.getByRole('heading', { name: 'demo', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Check connection of demo', exact: true }).click();
    await page.getByText(/FS test: works/).waitFor();
    await page.getByText(/Inspera .*: works \(the token exchange gave a token\)/).waitFor();
    await page.screenshot({ path: join(shots, 'institutions.png'), fullPage: true });
  });

  await step('the health page', async () => {
    await page.getByRole('link', { name: 'Health' }).click();
    await page.getByRole('heading', { name: 'Readiness' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Kafka Streams: RUNNING/);
    await page.screenshot({ path: join(shots, 'health.png'), fullPage: true });
  });

  await step('keyboard: the skip link and the menu are reachable with Tab', async () => {
    await page.goto(base + '/console/cases');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cases');
  });
} finally {
  await browser.close();
}
const slowest = timings.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0 });
console.log(`console answers: ${timings.length} pages, slowest ${slowest.ms} ms (${slowest.url})`);
for (const t of timings) {
  console.log(`  ${t.ms} ms ${t.url}`);
}

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    console.log(`FAIL ${name}`);
    throw e;
  }
}

function need(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} is not set (see the header of this file)`);
  }
  return v;
}
