import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { signIn, startDemoInBrowser, stopDemoInBrowser } from '../support/demo-browser';
import type { LiveServer } from '../support/live-server';

describe.skipIf(!hasBrowser)('national targets on the overview in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    // The demo: a published 2565 and an open 2566 cycle, each with the national strategy's level-4 target.
    ({ server, browser } = await startDemoInBrowser());
  }, 300_000);
  afterAll(() => stopDemoInBrowser(server, browser));

  it('shows the level-4 target line against the actual share over the demo years, with the nearest agencies', async () => {
    for (const width of [1366, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page, server, 'analyst@dga.or.th', 'Analyst-2566-demo');
      await page.goto(`${server.baseUrl}/analytics`);
      const card = page.getByTestId('target-NS_DEPT_LEVEL4');
      await expect.poll(() => card.locator('canvas').count(), { timeout: 90_000 }).toBeGreaterThan(0);
      expect(await card.textContent()).toContain('ระดับ 4 ขึ้นไป');
      // One row per demo year (2565, 2566), each with the target and the actual share of the year.
      const rows = page.getByTestId('target-NS_DEPT_LEVEL4-table').locator('tbody tr');
      expect(await rows.count()).toBe(2);
      const text = await rows.allTextContents();
      expect(text[0]).toMatch(/^2565≥ 20\.00%\d+\.\d{2}%\d+\/\d+/);
      expect(text[1]).toMatch(/^2566≥ 20\.00%\d+\.\d{2}%\d+\/\d+/);
      await expect.poll(() => page.getByTestId('target-nearest-NS_DEPT_LEVEL4').count(), { timeout: 30_000 }).toBe(1);
      // Nothing spills sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await card.scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await screenshot(page, `national-targets-${width}`);
      if (process.env.SCREENSHOT_DIR) {
        await card.screenshot({ path: `${process.env.SCREENSHOT_DIR}/national-targets-card-${width}.png` });
      }
      if (width === 1366) expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();
    }
  }, 300_000);
});
