// Opens pages of a built site, as a reader would, and checks each one:
// no console errors, no request outside the site, and axe-core (injected by
// this test only, never part of the site) finds no serious or critical
// accessibility violation; printed, it shows no navigation chrome. Writes a
// screenshot of each page for review.
// Usage: node audit.mjs SITE_URL PAGES_JSON OUT_DIR
//   PAGES_JSON: [["name", "path/in/site.html"], …]
import fs from "node:fs";
import { createRequire } from "node:module";
import { launch, reviewShot } from "./chromium.mjs";
import { guard } from "./guard.mjs";
import { pageOverflow } from "./layout.mjs";

const [site, pagesJson, outDir] = process.argv.slice(2);
const pages = JSON.parse(pagesJson);
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
fs.mkdirSync(outDir, { recursive: true });

/** Runs axe in the page, put in as a script element's text: no request is made. */
async function axeRun(page) {
  await page.evaluate((src) => { const s = document.createElement("script"); s.textContent = src; document.head.appendChild(s); }, axeSource);
  return page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"], preload: false }));
}
const serious = (v) => v.impact === "serious" || v.impact === "critical";
function describe(v) {
  const nodes = v.nodes.slice(0, 3).map((n) => n.target.join(" ") + (n.failureSummary ? ` (${n.failureSummary.split("\n").slice(1, 2).join("").trim()})` : ""));
  return `axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} node(s): ${nodes.join("; ")}`;
}
/** Serious or critical axe violations of the page, described. */
async function axeSerious(page) {
  return (await axeRun(page)).violations.filter(serious).map(describe);
}

const failures = [];
const summary = {};
const browser = await launch();
try {
  for (const [name, path] of pages) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = guard(page, site);
    await page.goto(site + path, { waitUntil: "load" });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    await reviewShot(page, `${outDir}/${name}.png`);
    const result = await axeRun(page);
    const bad = result.violations.filter(serious);
    failures.push(...bad.map((v) => `${path}: ${describe(v)}`));
    // On paper: no navigation chrome, nothing wider than the page (A4's text width, 210 − 2 × 16 mm).
    await page.setViewportSize({ width: Math.floor(((210 - 32) * 96) / 25.4), height: 900 });
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => {
      const chrome = [".site-header", ".site-footer", ".skip-link", ".insight-filters", ".more-button"]
        .flatMap((sel) => [...document.querySelectorAll(sel)])
        .filter((el) => getComputedStyle(el).display !== "none")
        .map((el) => el.className);
      return { chrome };
    });
    const paper = await pageOverflow(page);
    printed.overflow = paper.overflow;
    printed.culprit = paper.culprit;
    await page.emulateMedia({ media: "screen" });
    if (printed.chrome.length) failures.push(`${path}: prints navigation chrome: ${printed.chrome.join(", ")}`);
    if (printed.overflow > 1) failures.push(`${path}: printed wider than the page by ${printed.overflow}px, first: ${printed.culprit}`);
    summary[path] = { violations: result.violations.length, seriousOrCritical: bad.length, minor: result.violations.filter((v) => !bad.includes(v)).map((v) => `${v.impact} ${v.id}`) };
    failures.push(...problems.map((p) => `${path}: ${p}`));
    await page.close();
  }
  // Every page at phone width too: the layout must not break, and only a
  // region of its own (a wide table, a diagram) may scroll sideways, never
  // the page. The first element that sticks out is named.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  for (const [name, path] of pages) {
    await phone.goto(site + path, { waitUntil: "load" });
    const wide = await pageOverflow(phone);
    if (wide.overflow > 1) failures.push(`${path}: wider than a phone screen by ${wide.overflow}px, first: ${wide.culprit}`);
    // What scrolls sideways on a phone (tables, diagrams) must be reachable by keyboard: axe again.
    for (const v of await axeSerious(phone)) failures.push(`${path} at 390 px: ${v}`);
    if (path === pages[0][1] || path === pages[1]?.[1]) {
      await phone.screenshot({ path: `${outDir}/${name}-phone.png`, fullPage: false });
    }
  }
  // On a desktop or tablet the menu is one row of its own under the title,
  // never wrapped onto a second one, and the search box sits on the title's
  // row (not alone on a row of its own), at any width.
  for (const width of [1920, 1280, 1024, 800]) {
    const wide = await browser.newPage({ viewport: { width, height: 800 } });
    await wide.goto(site + pages[0][1], { waitUntil: "load" });
    const menu = await wide.evaluate(() => ({
      rows: new Set([...document.querySelectorAll(".site-nav a")].map((a) => Math.round(a.getBoundingClientRect().top))).size,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      rowsOf: (() => {
        const box = (s) => { const e = document.querySelector(s); return e && e.getBoundingClientRect(); };
        const [brand, search, nav] = [box(".brand"), box(".site-search"), box(".site-nav")];
        if (!brand || !search || !nav) return null;
        const middle = (b) => b.top + b.height / 2;
        return { searchBesideTitle: middle(search) > brand.top && middle(search) < brand.bottom, menuBelow: nav.top >= Math.max(brand.bottom, search.bottom) - 1 };
      })(),
    }));
    if (menu.rows > 1) failures.push(`${pages[0][1]}: the menu takes ${menu.rows} rows at ${width}px`);
    if (menu.rowsOf && !menu.rowsOf.searchBesideTitle) failures.push(`${pages[0][1]}: the search box is not on the title's row at ${width}px`);
    if (menu.rowsOf && !menu.rowsOf.menuBelow) failures.push(`${pages[0][1]}: the menu is not on a row of its own under the title at ${width}px`);
    if (menu.overflow > 1) failures.push(`${pages[0][1]}: wider than a ${width}px screen by ${menu.overflow}px`);
    await wide.close();
  }
  if (failures.length) {
    console.error("FAIL:\n  " + failures.join("\n  "));
    console.error(JSON.stringify(summary, null, 1));
    process.exit(1);
  }
  console.log(JSON.stringify({ ok: true, pages: summary }));
} finally {
  await browser.close();
}
