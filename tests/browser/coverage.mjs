// coverage.html: clicking a cell lands on insights.html showing exactly that
// cell's insights, the filters set to the cell's persona and stage. Also keeps
// screenshots of the page (desktop, 390 px, print) for review.
// With EXPORT_URL (the one-file export of the same project), the same cell
// there shows the same insights.
// Usage: node coverage.mjs SITE_URL CELL_HREF EXPECT_JSON PERSONA STAGE SHOT_PREFIX [EXPORT_URL]
//   CELL_HREF: the cell link's href as written, e.g. insights.html#persona=anna&stage=move/orient
//   EXPECT_JSON: ["insight-id", …]; PERSONA, STAGE: the filter values it must set
import { launch, reviewShot } from "./chromium.mjs";
import { guard } from "./guard.mjs";

const [site, href, expectJson, persona, stage, shots, exported] = process.argv.slice(2);
const expect = JSON.parse(expectJson);
const failures = [];
const check = (ok, msg) => { if (!ok) failures.push(msg); };
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = guard(page, site);
  await page.goto(site + "coverage.html");
  await reviewShot(page, shots + "-desktop.png");
  // An empty cell says "no insights" after a dash the stylesheet draws (not read out).
  const dash = await page.$eval("td.coverage-empty", (td) => getComputedStyle(td, "::before").content);
  check(dash.startsWith('"\u2013'), `an empty cell has no dash before its words: ${dash}`);
  const cell = page.locator(`td.coverage-cell a[href="${href}"]`);
  check((await cell.count()) === 1, `no single cell links to ${href}`);
  await cell.click();
  await page.waitForURL(/insights\.html#/);
  await page.waitForFunction(() => performance.getEntriesByName("cxsite:search-ready").length > 0);
  const shown = await page.$$eval("[data-cxsite-results] .insight-card", (els) => els.map((e) => e.dataset.id));
  check(same(shown, expect), `the cell shows ${JSON.stringify(shown)}, expected ${JSON.stringify(expect)}`);
  check((await page.inputValue('[data-cxsite-filter="persona"]')) === persona, "the persona filter is not set");
  check((await page.inputValue('[data-cxsite-filter="stage"]')) === stage, "the stage filter is not set");

  // 390 px: the page itself does not scroll sideways (the matrix scrolls in its region).
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  problems.push(...guard(phone, site));
  await phone.goto(site + "coverage.html");
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 390, `coverage.html is ${wide} px wide at 390 px`);
  await reviewShot(phone, shots + "-390.png");
  await phone.emulateMedia({ media: "print" });
  await phone.setViewportSize({ width: 794, height: 1123 });
  await reviewShot(phone, shots + "-print.png");

  if (exported) {
    const one = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    one.on("pageerror", (e) => errors.push("export page error: " + e));
    await one.goto(exported + "#page-coverage");
    await one.waitForFunction(() => performance.getEntriesByName("cxsite:search-ready").length > 0);
    const filters = href.split("#")[1];
    const link = one.locator(`#page-coverage a[data-cxsite-filter-state="${filters}"]`);
    check((await link.count()) === 1, `the export has no single cell carrying ${filters}`);
    await link.click();
    await one.waitForFunction(() => location.hash === "#page-insights");
    const got = await one.$$eval("[data-cxsite-results] .insight-card", (els) => els.filter((e) => !e.hidden && e.offsetParent !== null).map((e) => e.dataset.id));
    check(same(got, expect), `in the export the cell shows ${JSON.stringify(got)}, expected ${JSON.stringify(expect)}`);
    failures.push(...errors);
  }
  failures.push(...problems);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ ok: failures.length === 0, failures }));
process.exit(failures.length === 0 ? 0 : 1);
