import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { runSeeds } from '../../seeds/seed';
import { launchBrowser } from './browser';
import { type LiveServer, startLiveServer } from './live-server';

/**
 * The set-up the browser tests of published results share: the live app seeded with the demo
 * (registry, both frameworks, a published 2565 and an open 2566 cycle with synthetic answers) and
 * Chromium. Call from a beforeAll sized for seeding (300_000 ms).
 */
export async function startDemoInBrowser(): Promise<{ server: LiveServer; browser: Browser }> {
  const server = await startLiveServer();
  try {
    await runSeeds(server.db, { demo: true });
    return { server, browser: await launchBrowser() };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** Closes what startDemoInBrowser started (either may be missing when the set-up failed). */
export async function stopDemoInBrowser(server: LiveServer | undefined, browser: Browser | undefined) {
  await browser?.close();
  await server?.close();
}

/** Signs in through the Thai login form and waits until the app shows the signed-in user. */
export async function signIn(page: Page, server: LiveServer, email: string, password: string) {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.locator('form button[type="submit"]').click();
  await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 20_000 }).toBe(1);
}
