// insights.html in headless Chromium: first paint, time until search is
// ready, and the latency of each search keystroke (keydown → the next frame
// painted with the new results). A benchmark, not a test.
//
// Usage: node bench/search_latency.mjs SITE_DIR [LOADS] [WORDS]
//   SITE_DIR: a built site, e.g. bench/out/site-10000
// Needs `npm ci` in tests/browser (playwright-core) and Debian's chromium.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "../tests/browser/chromium.mjs";

const [dir, loadsArg, wordsArg] = process.argv.slice(2);
if (!dir) { console.error("usage: node bench/search_latency.mjs SITE_DIR [LOADS] [WORDS]"); process.exit(2); }
const url = pathToFileURL(path.resolve(dir, "insights.html")).href;
const loads = +(loadsArg || 15);
const words = (wordsArg || "invoice,meter reading,refund,zzz,welcome call").split(",");

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor((s.length - 1) / 2)]; };
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const ms = (x) => x.toFixed(1);

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // First paint: same-tab navigations from the site's cover page (as a reader
  // who clicks "Insights" in the header), after one warm-up.
  const fcp = [], ready = [];
  const cover = url.replace(/insights\.html$/, "index.html");
  for (let i = 0; i <= loads; i++) {
    await page.goto(cover, { waitUntil: "load" });
    await page.waitForTimeout(100);
    await page.goto(url + "?load=" + i, { waitUntil: "load" });
    await page.waitForFunction(() => performance.getEntriesByName("cxsite:search-ready").length > 0);
    const m = await page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
      ready: performance.getEntriesByName("cxsite:search-ready")[0]?.startTime,
    }));
    if (i === 0) continue; // warm-up
    fcp.push(m.fcp);
    ready.push(m.ready);
  }
  const cards = await page.$$eval("[data-cxsite-results] .insight-card", (e) => e.length);
  const total = await page.evaluate(() => window.cxsiteSearch.insights.length);

  // Keystrokes: each character of each word, one at a time.
  await page.evaluate(() => {
    window.__lat = [];
    const input = document.querySelector('[data-cxsite-filter="q"]');
    input.addEventListener("keydown", (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - t0), 0));
    }, true);
  });
  const box = '[data-cxsite-filter="q"]';
  const counts = [];
  for (const w of words) {
    await page.fill(box, "");
    await page.focus(box);
    for (const ch of w) {
      await page.keyboard.press(ch === " " ? "Space" : ch);
      await page.waitForTimeout(120);
    }
    counts.push(`${w}: ${await page.textContent("[data-cxsite-status]")}`);
  }
  const lat = await page.evaluate(() => window.__lat);
  console.log(`insights.html with ${total} insights (${cards} cards in the first view), ${url}`);
  console.log(`first contentful paint: median ${ms(median(fcp))} ms (min ${ms(Math.min(...fcp))}, max ${ms(Math.max(...fcp))}, ${fcp.length} loads)`);
  console.log(`search ready (index loaded after the first paint): median ${ms(median(ready))} ms`);
  console.log(`keystroke → painted results: median ${ms(median(lat))} ms, p95 ${ms(pct(lat, 0.95))} ms, max ${ms(Math.max(...lat))} ms (${lat.length} keystrokes)`);
  for (const c of counts) console.log("  " + c);
} finally {
  await browser.close();
}
