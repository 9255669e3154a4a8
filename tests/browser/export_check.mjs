// The one-file export in a real browser, opened from file://: the cover shows
// first, internal links show the page they name (and only that page), the
// header search leads to the insights, nothing is requested but the file itself,
// and no script fails.
// Usage: node export_check.mjs FILE.html SCREENSHOT_DIR
import path from "node:path";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { launch } from "./chromium.mjs";

const [file, shots] = process.argv.slice(2);
const fileUrl = pathToFileURL(path.resolve(file)).href;
const problems = [];
const fail = (msg) => { console.error("FAIL: " + msg); process.exit(1); };
fs.mkdirSync(shots, { recursive: true });

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", (m) => { if (m.type() === "error") problems.push("console error: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e));
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("requestfailed", (r) => problems.push("request failed: " + r.url()));

  // The sections on show (there must be exactly one).
  const shown = () => page.evaluate(() =>
    [...document.querySelectorAll("section.export-page")].filter((s) => getComputedStyle(s).display !== "none").map((s) => s.id));
  const expectShown = async (id, step) => {
    const ids = await shown();
    if (ids.length !== 1 || ids[0] !== id) fail(`${step}: expected only #${id} on show, got ${JSON.stringify(ids)}`);
  };
  const steps = [];
  const click = async (selector, expected, step) => {
    const link = page.locator(selector).first();
    if ((await link.count()) === 0) fail(`${step}: no link ${selector}`);
    const href = await link.getAttribute("href");
    await link.click();
    await page.waitForFunction((h) => location.hash === h, href);
    await expectShown(expected, step);
    const title = await page.title();
    steps.push({ step, href, shown: expected, title });
    return href;
  };

  await page.goto(fileUrl);
  await expectShown("page-index", "cover");
  const logo = await page.evaluate(() => {
    const img = document.querySelector(".brand-logo");
    return img ? { src: img.src.slice(0, 30), ok: img.complete && img.naturalWidth > 0 } : null;
  });
  if (!logo || !logo.ok || !logo.src.startsWith("data:image/svg+xml")) fail("the logo is not an inlined image: " + JSON.stringify(logo));
  await page.screenshot({ path: path.join(shots, "export-cover.png") });

  // The header nav → the insights list; an insight card → its page.
  await click(".site-nav a[href='#page-insights']", "page-insights", "nav → insights");
  const current = await page.getAttribute(".site-nav a[href='#page-insights']", "aria-current");
  if (current !== "page") fail("the nav does not mark the insights as current: " + current);
  const card = await click("#page-insights a[href^='#page-insights-']", await page.evaluate(() =>
    document.querySelector("#page-insights a[href^='#page-insights-']").getAttribute("href").slice(1)), "insight card → insight");
  const top = await page.evaluate(() => window.scrollY);
  if (top !== 0) fail("an insight page should show from its top, scrollY = " + top);
  await page.screenshot({ path: path.join(shots, "export-insight.png") });

  // From the insight to a persona it names, and back with the browser's Back button.
  const cardSection = card.slice(1);
  const persona = page.locator(`#${cardSection} a[href^='#page-personas-']`).first();
  if (await persona.count()) {
    const target = (await persona.getAttribute("href")).slice(1);
    await click(`#${cardSection} a[href^='#page-personas-']`, target, "insight → persona");
    await page.goBack();
    await page.waitForFunction((h) => location.hash === h, card);
    await expectShown(cardSection, "back to the insight");
  }

  // The report: a chapter link in its table of contents → the chapter, inside the report.
  await click(".site-nav a[href='#page-report']", "page-report", "nav → report");
  const chapter = await click("#page-report a[href^='#page-report__']", "page-report", "report → chapter");
  const inView = await page.evaluate((h) => {
    const r = document.getElementById(decodeURIComponent(h.slice(1))).getBoundingClientRect();
    // Scrolling lands on whole pixels: a heading at 864.66 px shows at -0.34.
    return r.top > -1 && r.top < window.innerHeight;
  }, chapter);
  if (!inView) fail("the chapter heading is not scrolled into view: " + chapter);
  await page.screenshot({ path: path.join(shots, "export-report-chapter.png") });

  // A footnote inside a chapter page (ids renamed per page still match).
  const fn = page.locator("section.export-page a[href*='__fn-']").first();
  if (await fn.count()) {
    const href = await fn.getAttribute("href");
    const owner = await fn.evaluate((a) => a.closest("section.export-page").id);
    await page.goto(fileUrl + "#" + owner);
    await click(`#${owner} a[href='${href}']`, owner, "footnote reference → footnote");
  }

  // Journey page: the SVG <use> references resolve (the markers draw).
  const journey = await page.evaluate(() => {
    const j = document.querySelector("section.export-page[id^='page-journeys-']");
    return j ? j.id : null;
  });
  if (journey) {
    await page.goto(fileUrl + "#" + journey);
    await expectShown(journey, "journey");
    const broken = await page.evaluate((id) => [...document.querySelectorAll(`#${id} use`)]
      .map((u) => u.getAttribute("href") || u.getAttribute("xlink:href"))
      .filter((h) => h && h.startsWith("#") && !document.getElementById(decodeURIComponent(h.slice(1)))), journey);
    if (broken.length) fail("SVG <use> to missing ids: " + broken.join(" "));
    await page.screenshot({ path: path.join(shots, "export-journey.png") });
  }

  // The contract for theme scripts.
  const mapped = await page.evaluate(() => [
    window.cxsiteExport.href("insights.html"),
    window.cxsiteExport.href("no-such-page.html"),
  ]);
  if (mapped[0] !== "#page-insights" || mapped[1] !== "#") fail("cxsiteExport.href: " + JSON.stringify(mapped));

  // The header search: submitting shows the insights, searched for the words.
  await page.goto(fileUrl);
  const all = await page.$$eval("#page-insights [data-cxsite-results] .insight-card", (e) => e.length);
  await page.fill(".site-search input", "invoice");
  await page.press(".site-search input", "Enter");
  await page.waitForFunction(() => location.hash === "#page-insights");
  await expectShown("page-insights", "search");
  const query = await page.inputValue('#page-insights [data-cxsite-filter="q"]');
  if (query !== "invoice") fail("the search words did not arrive in the insights' search field: " + query);
  const cards = await page.$$eval("#page-insights [data-cxsite-results] .insight-card", (e) => e.length);
  if (!(cards > 0 && cards < all)) fail(`the search did not narrow the list: ${cards} of ${all}`);
  const found = await page.$$eval("#page-insights [data-cxsite-results] .insight-card a", (as) => as.map((a) => a.getAttribute("href")));
  // Cards drawn by the search link to sections of this file, and the filter state stays out of the hash.
  if (!found.every((h) => h.startsWith("#page-"))) fail("search results link outside the file: " + found.join(" "));
  await page.selectOption('#page-insights [data-cxsite-filter="impact"]', "high");
  if ((await page.evaluate(() => location.hash)) !== "#page-insights") fail("a filter changed the hash in the export");
  await click("#page-insights [data-cxsite-results] .insight-card a[href^='#page-insights-']", await page.evaluate(() =>
    document.querySelector("#page-insights [data-cxsite-results] .insight-card a[href^='#page-insights-']").getAttribute("href").slice(1)), "search result → insight");

  // Printing prints the page on show.
  await page.goto(fileUrl + card);
  await page.emulateMedia({ media: "print" });
  await expectShown(cardSection, "print");
  await page.emulateMedia({ media: "screen" });

  const outside = requests.filter((u) => u.replace(/[?#].*$/, "") !== fileUrl && !u.startsWith("data:"));
  if (outside.length) problems.push("requests other than the file: " + outside.join(" "));
  if (problems.length) fail(problems.join("\n"));
  console.log(JSON.stringify({ ok: true, steps, requests: requests.length }));
} finally {
  await browser.close();
}
