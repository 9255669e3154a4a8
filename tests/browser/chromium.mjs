// Starts Debian's headless Chromium through playwright-core (no browser download).
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** Tallest review screenshot, in CSS px; Chromium cannot capture much taller pages reliably. */
const SHOT_MAX_HEIGHT = 12000;

/**
 * Saves a screenshot for a human to review. It is not an assertion: a page
 * taller than SHOT_MAX_HEIGHT is cut at that height, and a capture Chromium
 * refuses is reported on stderr instead of failing the check that took it.
 */
export async function reviewShot(page, path, { fullPage = true } = {}) {
  try {
    if (!fullPage) return void (await page.screenshot({ path }));
    const { width, height } = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    }));
    if (height <= SHOT_MAX_HEIGHT) return void (await page.screenshot({ path, fullPage: true }));
    await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height: SHOT_MAX_HEIGHT } });
  } catch (e) {
    console.error(`note: no review screenshot ${path}: ${String(e.message || e).split("\n")[0]}`);
  }
}
