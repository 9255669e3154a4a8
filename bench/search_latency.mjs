// insights.html in headless Chromium: first paint, time until search is
// ready, the first results after the first keystroke on a cold page, the
// latency of each search keystroke (keydown → the frame painted after the
// results list changed) and how many bytes of index each one-word query
// loads. A benchmark, not a test.
//
// Usage: node bench/search_latency.mjs SITE_DIR [LOADS] [WORDS]
//   SITE_DIR: a built site, e.g. bench/out/site-10000
//        node bench/search_latency.mjs --portfolio PORTFOLIO_OUT [LOADS] [WORDS]
//   the cross-study search of a `cxsite portfolio` output (its index.html):
//   see portfolio() below.
// Needs `npm ci` in tests/browser (playwright-core) and Debian's chromium.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { launch } from "../tests/browser/chromium.mjs";

if (process.argv[2] === "--portfolio") {
  await portfolio(...process.argv.slice(3));
  process.exit(0);
}
const [dir, loadsArg, wordsArg] = process.argv.slice(2);
if (!dir) { console.error("usage: node bench/search_latency.mjs [--portfolio] SITE_DIR [LOADS] [WORDS]"); process.exit(2); }
const url = pathToFileURL(path.resolve(dir, "insights.html")).href;
const loads = +(loadsArg || 15);
const words = (wordsArg || "invoice,meter reading,refund,zzz,welcome call").split(",");

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor((s.length - 1) / 2)]; };
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const ms = (x) => x.toFixed(1);
const mb = (b) => (b / 1e6).toFixed(2) + " MB";

// The index files (not the cards): search-index.js before the split, search/index.js and search/words-N.js after.
const isIndex = (f) => /(^|\/)search-index\.js$/.test(f) || /(^|\/)search\/(index|words-\d+)\.js$/.test(f);
const isCards = (f) => /(^|\/)search\/cards-\d+\.js$/.test(f);
const size = (f) => { try { return fs.statSync(f).size; } catch { return 0; } };
const siteFiles = (d, out = []) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) siteFiles(p, out); else out.push(p);
  }
  return out;
};
const all = siteFiles(path.resolve(dir));
const indexTotal = all.filter((f) => isIndex(f.split(path.sep).join("/"))).reduce((a, f) => a + size(f), 0);
const cardsTotal = all.filter((f) => isCards(f.split(path.sep).join("/"))).reduce((a, f) => a + size(f), 0);

// Watches the results list: each keydown's time to the frame painted after the list next changes.
const watch = () => {
  window.__lat = [];
  const input = document.querySelector('[data-cxsite-filter="q"]');
  const list = document.querySelector("[data-cxsite-results]");
  let t0 = null;
  input.addEventListener("keydown", (e) => { t0 = e.timeStamp; }, true);
  new MutationObserver(() => {
    if (t0 === null) return;
    const start = t0;
    t0 = null;
    requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - start), 0));
  }).observe(list, { childList: true });
};

// Bytes of the site's files this page has loaded so far, by kind.
const loaded = async (page) => {
  // Resource timing entries, and the script elements (Chromium records no entries for file:// URLs).
  const names = new Set(await page.evaluate(() => [
    ...performance.getEntriesByType("resource").map((e) => e.name),
    ...[...document.querySelectorAll("script[src]")].map((e) => e.src),
  ]));
  let index = 0, cards = 0, files = 0;
  for (const n of names) {
    if (!n.startsWith("file:")) continue;
    const f = fileURLToPath(n.split("?")[0]);
    const rel = path.relative(path.resolve(dir), f).split(path.sep).join("/");
    if (isIndex(rel)) { index += size(f); files++; }
    if (isCards(rel)) cards += size(f);
  }
  return { index, cards, files };
};

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // First paint: same-tab navigations from the site's cover page (as a reader
  // who clicks "Insights" in the header), after one warm-up.
  const fcp = [], ready = [], cold = [];
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
  // Cold page: the first keystroke right after the load event (the index may still be loading).
  for (let i = 0; i <= loads; i++) {
    await page.goto(cover, { waitUntil: "load" });
    await page.goto(url + "?cold=" + i, { waitUntil: "load" });
    await page.evaluate(watch);
    await page.focus('[data-cxsite-filter="q"]');
    await page.keyboard.press(words[i % words.length][0]);
    await page.waitForFunction(() => window.__lat.length > 0, null, { timeout: 30000 });
    if (i > 0) cold.push(await page.evaluate(() => window.__lat[0]));
  }
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => performance.getEntriesByName("cxsite:search-ready").length > 0);
  const cards = await page.$$eval("[data-cxsite-results] .insight-card", (e) => e.length);
  const total = await page.evaluate(() => window.cxsiteSearch.insights.length);

  // Keystrokes: each character of each word, one at a time.
  await page.evaluate(watch);
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

  // Bytes loaded by each query on a fresh page (typed, then settled).
  const bytes = [];
  for (const w of words) {
    await page.goto(url + "?bytes=" + encodeURIComponent(w), { waitUntil: "load" });
    await page.waitForFunction(() => performance.getEntriesByName("cxsite:search-ready").length > 0);
    await page.fill(box, w);
    await page.waitForFunction(() => !document.querySelector("[data-cxsite-results]").hasAttribute("aria-busy"));
    await page.waitForTimeout(50);
    bytes.push({ w, ...(await loaded(page)) });
  }

  console.log(`insights.html with ${total} insights (${cards} cards in the first view), ${url}`);
  console.log(`index files: ${mb(indexTotal)} in all (cards apart: ${mb(cardsTotal)})`);
  console.log(`first contentful paint: median ${ms(median(fcp))} ms (min ${ms(Math.min(...fcp))}, max ${ms(Math.max(...fcp))}, ${fcp.length} loads)`);
  console.log(`search ready (index loaded after the first paint): median ${ms(median(ready))} ms`);
  console.log(`cold page, first keystroke → painted results: median ${ms(median(cold))} ms, max ${ms(Math.max(...cold))} ms (${cold.length} loads)`);
  console.log(`keystroke → painted results: median ${ms(median(lat))} ms, p95 ${ms(pct(lat, 0.95))} ms, max ${ms(Math.max(...lat))} ms (${lat.length} keystrokes)`);
  for (const c of counts) console.log("  " + c);
  console.log("index loaded per query (fresh page, typed whole):");
  for (const b of bytes) console.log(`  ${b.w}: ${mb(b.index)} of index in ${b.files} files, ${mb(b.cards)} of cards`);
} finally {
  await browser.close();
}

// The portfolio's index.html: for each one-word query, opened cold as
// index.html?q=WORD (the page searches at once), the time from navigation
// start to the first results in the DOM (median over LOADS) and the bytes of
// the cross-study index the page loaded: portfolio-search.js (one file,
// before the split) or portfolio-search/index.js and the words files.
async function portfolio(dir, loadsArg, wordsArg) {
  if (!dir) { console.error("usage: node bench/search_latency.mjs --portfolio PORTFOLIO_OUT [LOADS] [WORDS]"); process.exit(2); }
  const root = path.resolve(dir);
  const url = pathToFileURL(path.join(root, "index.html")).href;
  const loads = +(loadsArg || 7);
  const words = (wordsArg || "invoice,refund,meter,zzz").split(",");
  const isIndex = (rel) => rel === "portfolio-search.js" || /^portfolio-search\/(index|words-\d+)\.js$/.test(rel);
  const size = (f) => { try { return fs.statSync(f).size; } catch { return 0; } };
  const all = fs.existsSync(path.join(root, "portfolio-search"))
    ? fs.readdirSync(path.join(root, "portfolio-search")).map((f) => path.join(root, "portfolio-search", f))
    : [path.join(root, "portfolio-search.js")];
  const total = all.reduce((a, f) => a + size(f), 0);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The first time the results box holds something, from navigation start.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        const box = document.getElementById("portfolio-results");
        new MutationObserver((_, o) => {
          if (box.children.length) { window.__first = performance.now(); o.disconnect(); }
        }).observe(box, { childList: true });
      });
    });
    console.log(`portfolio search, ${url}: index files ${(total / 1e6).toFixed(2)} MB in all (${all.length} files)`);
    for (const w of words) {
      const times = [];
      let bytes = 0, files = 0, hits = "";
      for (let i = 0; i <= loads; i++) {
        await page.goto("about:blank");
        await page.goto(url + "?q=" + encodeURIComponent(w) + "&n=" + i, { waitUntil: "commit" });
        await page.waitForFunction(() => window.__first !== undefined || (document.getElementById("portfolio-status")?.textContent || "").trim() !== "", null, { timeout: 60000 });
        await page.waitForTimeout(50);
        const t = await page.evaluate(() => window.__first ?? performance.now());
        if (i === 0) continue; // warm-up
        times.push(t);
        const names = await page.evaluate(() => [...document.querySelectorAll("script[src]")].map((e) => e.src));
        bytes = 0; files = 0;
        for (const n of names) {
          if (!n.startsWith("file:")) continue;
          const f = fileURLToPath(n.split("?")[0]);
          const rel = path.relative(root, f).split(path.sep).join("/");
          if (isIndex(rel)) { bytes += size(f); files++; }
        }
        hits = (await page.textContent("#portfolio-status")).trim();
      }
      const sorted = [...times].sort((a, b) => a - b);
      const med = sorted[Math.floor((sorted.length - 1) / 2)];
      console.log(`  ${w}: first results ${med.toFixed(1)} ms after navigation start (median of ${times.length}; min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)}), index loaded ${(bytes / 1e6).toFixed(2)} MB in ${files} files; ${hits}`);
    }
  } finally {
    await browser.close();
  }
}
