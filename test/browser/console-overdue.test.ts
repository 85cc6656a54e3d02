/**
 * Time on the board: a case the unit leaves alone stays green while its deadlines are ahead, and turns red
 * on the dispatcher's open board — tile, list and map — once the platform's clock passes its deadline,
 * without a reload (the board polls). Its case page then shows the time overdue on the working calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { screenshot, seriousViolations, startConsole, type ConsoleHarness } from './harness.js';

let h: ConsoleHarness;
let caseId: string;

beforeAll(async () => {
  h = await startConsole();
  const created = await h.call('citizen-zhang', 'POST', '/cases', {
    channel: 'app',
    categoryCode: TINY_IDS.categories.litterBin,
    description: 'Overflowing bin',
    location: { lon: 114.3325, lat: 34.7825 },
  });
  caseId = created.json.caseId;
  await h.settle();
}, 60_000);
afterAll(async () => h?.stop());

describe('an overdue case on the board', { timeout: 90_000 }, () => {
  it('turns red once the clock passes its deadline', async () => {
    const { context, page } = await h.signedIn('dispatcher-sun');
    await page.waitForSelector('[data-count="onTrack"]:text("1")');
    expect(await page.textContent('[data-count="overdue"]')).toBe('0');
    expect(await page.locator('[data-list="overdue"] tr[data-case]').count()).toBe(0);

    const due = Date.parse((await h.platform.service.load(caseId)).state.handleDueAt!);
    await h.clock.advanceTo(due + 3_600_000, () => h.platform.workflow.idle());

    // No reload: the next poll paints it red.
    await page.waitForSelector('[data-count="overdue"]:text("1")');
    const row = page.locator(`[data-list="overdue"] tr[data-case="${caseId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('class')).toContain('row-overdue');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('overdue');
    expect(await row.locator('td').nth(2).textContent()).toMatch(/^overdue by /);
    await page.waitForSelector(`.feed-item[data-case="${caseId}"]`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'board-overdue');

    await page.click(`[data-list="overdue"] a:text("${caseId}")`);
    await page.waitForSelector('[data-deadline]');
    expect(await page.getAttribute('li[data-deadline="accept"]', 'class')).toBe('row-overdue');
    expect(await page.textContent('li[data-deadline="accept"]')).toContain('overdue by');
    await screenshot(page, 'case-overdue');
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });
});
