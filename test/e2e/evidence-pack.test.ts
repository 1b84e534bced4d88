/**
 * The evidence pack in a real browser (headless Chromium driven by playwright-core): with every
 * network request blocked it loads with no console error and no request attempted, has every
 * section, draws one chart point per month with subjects as the JSON report counts them, and
 * prints to an A4 PDF. A screenshot of each pack is kept under test-artifacts/evidence-pack/.
 * Where no browser can be had, the test says so and is skipped.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { listedFindings } from '../../src/report/html.js';
import { ROOT } from './helpers.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p));
const executable = CANDIDATES.find((path) => existsSync(path));
const ARTEFACTS = join(ROOT, 'test-artifacts', 'evidence-pack');
const SECTIONS = ['headline', 'trends', 'teams', 'exceptions', 'data-issues', 'readings', 'not-checkable', 'inputs'];

if (!executable) console.warn(`evidence pack browser test skipped: no Chromium found (looked at ${CANDIDATES.join(', ')}; set CHROMIUM_PATH)`);

describe.skipIf(!executable)('the evidence pack in a browser', () => {
  const tmp = tempFolder();
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: executable!,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    mkdirSync(ARTEFACTS, { recursive: true });
    console.log(`evidence pack screenshots: ${ARTEFACTS}`);
  });
  afterAll(async () => browser?.close());

  it.each(['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall'])('%s: loads offline, whole, with its charts true to the report, and prints', async (id) => {
    const args = ['audit', `samples/${id}`, '--policy', id, '--as-of', '2026-10-31', '--fail-on', 'none'];
    const file = join(tmp.dir, `${id}.html`);
    const written = await runMain(...args, '--format', 'html', '--output', file);
    expect(written.stderr).toBe('');
    const report = JSON.parse((await runMain(...args, '--format', 'json')).stdout) as Report;

    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const own = pathToFileURL(file).href;
    await page.route('**/*', async (route) => {
      if (route.request().url() === own) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    await page.goto(own, { waitUntil: 'load' });

    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    for (const section of SECTIONS) expect(await page.locator(`section#${section}`).count(), section).toBe(1);

    const ran = report.summary.rules.filter((r) => r.status === 'run' && r.byMonth.length > 0);
    const drawn = await page.$$eval('figure[data-rule]', (figures) =>
      figures.map((f) => ({ rule: f.getAttribute('data-rule'), points: f.querySelectorAll('g.mark-symbol path').length, label: f.querySelector('svg')?.getAttribute('aria-label') ?? '' })),
    );
    expect(drawn.map((d) => [d.rule, d.points])).toEqual(ran.map((r) => [`${r.requirement} ${r.check}`, r.byMonth.filter((m) => m.compliance !== null).length]));
    expect(drawn.every((d) => d.label.startsWith('Compliance with '))).toBe(true);
    // At most --limit (100 by default) exceptions of each rule are listed, the rest counted and sent to the workbook.
    const { listed, left } = listedFindings(report.findings, 100);
    expect(await page.locator('section#exceptions tbody tr').count()).toBe(listed.length);
    expect(await page.locator('section#exceptions p.more').count()).toBe(left.size > 0 ? 1 : 0);

    await page.screenshot({ path: join(ARTEFACTS, `${id}.png`), fullPage: false });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(ARTEFACTS, `${id}.pdf`), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(SECTIONS.length - 1);
    await page.close();
    expect(readFileSync(file, 'utf8')).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
