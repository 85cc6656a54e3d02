/**
 * One case's whole life through the console in chromium: a citizen reports through the API, the city's
 * dispatcher sees it on the board and the map, the lead unit accepts it and reports the result in its inbox
 * (after the API's field error shows next to the empty field), the centre verifies, records the callback
 * and closes it on the case page, whose timeline then holds every step; the supervisor finds the unit in
 * the league table; the outbox lists the notices. axe checks each page; each is saved as a screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { screenshot, seriousViolations, startConsole, type ConsoleHarness } from './harness.js';

let h: ConsoleHarness;
let caseId: string;
const BUREAU = TINY_IDS.departments.urbanManagement;

beforeAll(async () => {
  h = await startConsole();
  const created = await h.call('citizen-zhang', 'POST', '/cases', {
    channel: 'app',
    categoryCode: TINY_IDS.categories.litterBin,
    description: 'The bin by the gate is broken <script>alert(1)</script>',
    location: { lon: 114.3025, lat: 34.7825 },
    reporter: { name: '张秀英', phone: '+8613800000001' },
  });
  expect(created.status).toBe(201);
  caseId = created.json.caseId;
  await h.settle();
}, 60_000);
afterAll(async () => h?.stop());

// A browser page and axe take seconds each on a shared two-core machine.
describe('the console through one case’s life', { timeout: 90_000 }, () => {
  it('lists the demo users of every role on the sign-in page', async () => {
    const { context, page } = await h.open('#/sign-in');
    await page.waitForSelector('button[data-user]');
    const roles = await page.locator('.user-groups h2').allTextContents();
    expect(roles).toEqual(expect.arrayContaining(['Dispatcher', 'Supervisor', 'Unit staff', 'Unit head', 'Grid worker', 'Citizen', 'Administrator']));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await context.close();
  });

  it('shows the new case on the dispatcher’s board and map', async () => {
    const { context, page } = await h.signedIn('dispatcher-sun');
    await page.waitForSelector('[data-count="total"]');
    expect(await page.textContent('[data-count="total"]')).toBe('1');
    expect(await page.textContent('[data-count="onTrack"]')).toBe('1');
    await page.waitForSelector('.map[data-points="1"]');
    await page.waitForSelector('.map[data-outlines="community district"]');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'board');
    // The case's dot, found by its colour on the cases' canvas: hovering names it, a click opens it.
    await page.locator('.map').scrollIntoViewIfNeeded();
    // (A string: the tests are type-checked without the DOM library.)
    const dot = await page.evaluate<{ x: number; y: number } | undefined>(`(() => {
      const canvas = document.querySelector('canvas.case-points');
      const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const box = canvas.getBoundingClientRect();
      let sumX = 0, sumY = 0, count = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if (data[(y * width + x) * 4 + 3] === 0) continue;
          sumX += x;
          sumY += y;
          count++;
        }
      }
      return count === 0 ? undefined : { x: box.left + ((sumX / count) * box.width) / width, y: box.top + ((sumY / count) * box.height) / height };
    })()`);
    expect(dot).toBeDefined();
    // On top: not under the outlines' own canvas.
    expect(await page.evaluate<string | undefined>(`document.elementFromPoint(${dot!.x}, ${dot!.y})?.className`)).toContain('case-points');
    await page.mouse.move(dot!.x, dot!.y);
    expect(await page.textContent('.leaflet-tooltip')).toBe(`${caseId} · On track`);
    await page.mouse.click(dot!.x, dot!.y);
    await page.waitForSelector(`h1:has-text("${caseId}")`);
    await page.goBack();
    await page.waitForSelector('[data-count="total"]');
    // Chinese, switched from the banner: the page and its language change together.
    await page.selectOption('.lang select', 'zh-CN');
    await page.waitForSelector('h1:text("指挥大屏")');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('[data-count="total"]')).toBe('1');
    await screenshot(page, 'board-zh-CN');
    await context.close();
  });

  it('lets the unit accept and report the result in its inbox, showing the API’s field error next to the field', async () => {
    const { context, page } = await h.signedIn('staff-chen');
    await page.waitForSelector(`li[data-case="${caseId}"]`);
    await page.click(`li[data-case="${caseId}"] button[aria-expanded]`);
    await page.click(`#form-${caseId}-accept button[type="submit"]`);
    await page.waitForSelector('.inbox-actions .done:text("Done: Accept.")');
    await h.settle();

    const report = `#form-${caseId}-reportResult`;
    await page.waitForSelector(report);
    await page.click(`${report} button[type="submit"]`);
    const error = page.locator(`${report}-text-error`);
    await error.waitFor();
    expect((await error.textContent())?.length).toBeGreaterThan(0);
    expect(await page.getAttribute(`${report}-text`, 'aria-invalid')).toBe('true');
    expect(await page.getAttribute(`${report}-text`, 'aria-describedby')).toBe(`form-${caseId}-reportResult-text-error`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'inbox-field-error');

    await page.fill(`${report}-text`, 'Replaced the bin; photos on file.');
    await page.click(`${report} button[type="submit"]`);
    await page.waitForSelector('.inbox-actions .done:text("Done: Report the result.")');
    await h.settle();
    expect((await h.platform.service.load(caseId)).state.stage).toBe('reported');
    await screenshot(page, 'inbox');
    await context.close();
  });

  it('verifies, records the callback and closes on the case page, whose timeline then holds every step', async () => {
    const { context, page } = await h.signedIn('dispatcher-sun');
    await page.goto(`${h.http.url}/console/#/case/${caseId}`);
    const act = async (action: string, title: string, event: string, fill: () => Promise<void>) => {
      const form = `#form-${caseId}-${action}`;
      await page.waitForSelector(form);
      await fill();
      await page.click(`${form} button[type="submit"]`);
      await page.waitForSelector(`p.done:text("Done: ${title}.")`);
      await h.settle();
      // The case and its menu are read again after an action: wait for both before the next form.
      await page.waitForSelector(`tr[data-event="${event}"]`);
      await page.waitForLoadState('networkidle');
    };
    await act('verify', 'Verify', 'verified', () => page.check(`#form-${caseId}-verify-passed`));
    await act('recordCallback', 'Record the callback', 'callbackRecorded', async () => {
      await page.selectOption(`#form-${caseId}-recordCallback-answer`, 'satisfied');
    });
    await act('close', 'Close', 'closed', () => page.fill(`#form-${caseId}-close-answer`, 'The bin was replaced on 2 December.'));
    await page.waitForSelector('tr[data-event="closed"]');
    const events = await Promise.all((await page.locator('table.timeline tbody tr').all()).map((row) => row.getAttribute('data-event')));
    expect(events).toEqual(expect.arrayContaining(['received', 'routed', 'dispatched', 'accepted', 'resultReported', 'verified', 'callbackRecorded', 'closed']));
    expect(events.length).toBe((await h.platform.service.load(caseId)).events.length);
    // Who and why: the return-less timeline still names each actor.
    expect(await page.locator('tr[data-event="accepted"] td').nth(3).textContent()).toContain('staff-chen');
    // The reporter's words are shown as text, never run.
    expect(await page.locator('.description').textContent()).toContain('<script>alert(1)</script>');
    expect(await page.textContent('[data-reporter]')).toContain('+8613800000001');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'case');
    await context.close();
  });

  it('shows the unit in the supervisor’s league table, with its trend chart', async () => {
    const { context, page } = await h.signedIn('supervisor-wu');
    await page.goto(`${h.http.url}/console/#/appraisal`);
    const row = page.locator(`tr[data-unit="${BUREAU}"]`);
    await row.waitFor();
    expect(await row.locator('th').textContent()).toBeTruthy();
    await row.locator('button').click();
    await page.waitForSelector('.chart canvas');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'appraisal');
    // Streets are ranked among streets: once the streets' table is in, the department is not in it.
    await page.selectOption('#appraisal-group', 'subdistrict');
    const streets = page.waitForResponse((response) => response.url().includes('/appraisal?') && response.url().includes('group=subdistrict'));
    await page.click('form.inline-form button[type="submit"]');
    expect((await streets).status()).toBe(200);
    // A locator, not a page expression: the console's CSP forbids evaluating strings.
    await page.locator('#league-title').filter({ hasText: /Subdistrict|街道/ }).waitFor();
    expect(page.url()).toMatch(/\/subdistrict$/);
    expect(await page.locator(`tr[data-unit="${BUREAU}"]`).count()).toBe(0);
    await context.close();
  });

  it('lists the notices the platform sent in the outbox', async () => {
    const { context, page } = await h.signedIn('dispatcher-sun');
    await page.goto(`${h.http.url}/console/#/outbox`);
    await page.waitForSelector('tr[data-topic="dispatched"]');
    expect(await page.locator('tr[data-topic="closed"]').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'outbox');
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });
});
