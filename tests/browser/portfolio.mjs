// The portfolio page (cxsite portfolio): the search across studies groups its
// results by study and links into the study; the filters hide cards and narrow
// the search; a result leads to the study's page, whose own search still works.
// The index is loaded in parts (docs/search.md): a case with "loads" checks
// that the page, opened fresh, loaded only portfolio-search/index.js and
// those words files (each with its ?v= version) to answer.
// Usage: node portfolio.mjs PORTFOLIO_URL CASES_JSON SCREENSHOT
//   PORTFOLIO_URL: the output folder's URL (file:///…/ or http://…/sub/path/)
//   CASES_JSON: [{ "q": "…", "filters": { "client": "…" }, "expect": { "STUDY": ["href", …] }, "cards": ["STUDY", …],
//                  "loads": ["portfolio-search/words-N.js", …] }, …]
import { launch, reviewShot } from "./chromium.mjs";
import { guard } from "./guard.mjs";

const [site, casesJson, screenshot] = process.argv.slice(2);
const cases = JSON.parse(casesJson);
const failures = [];
const check = (ok, msg) => { if (!ok) failures.push(msg); };
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = guard(page, site);
  const results = () => page.$$eval(".portfolio-group", (groups) => Object.fromEntries(groups.map((g) => [
    g.dataset.study, [...g.querySelectorAll(".portfolio-hit a")].map((a) => a.getAttribute("href")),
  ])));
  const cards = () => page.$$eval(".study-card", (els) => els.filter((e) => !e.hidden).map((e) => e.dataset.study));
  // The results are on the page once the words files of the query have run.
  const settled = () => page.waitForFunction(() => !document.getElementById("portfolio-results").hasAttribute("aria-busy"));
  // The index files the page has loaded (script elements: file:// has no resource entries).
  const loaded = () => page.$$eval("script[src]", (els) => els.map((e) => e.getAttribute("src")).filter((s) => s.startsWith("portfolio-search")));

  for (const c of cases) {
    const label = JSON.stringify({ q: c.q, filters: c.filters });
    await page.goto(site + "index.html");
    for (const [name, value] of Object.entries(c.filters || {})) {
      await page.selectOption(`[data-filter="${name}"]`, value);
    }
    await page.fill("#portfolio-q", c.q);
    await settled();
    const got = await results();
    check(same(got, c.expect), `${label}: found ${JSON.stringify(got)}, expected ${JSON.stringify(c.expect)}`);
    if (c.cards) {
      const shown = await cards();
      check(same(shown, c.cards), `${label}: cards ${JSON.stringify(shown)}, expected ${JSON.stringify(c.cards)}`);
    }
    if (c.loads) {
      const files = await loaded();
      const want = ["portfolio-search/index.js", ...c.loads];
      check(same(files.map((f) => f.split("?")[0]), want), `${label}: loaded ${JSON.stringify(files)}, expected only ${JSON.stringify(want)}`);
      check(files.every((f) => /\?v=[0-9a-f]{10,16}$/.test(f)), `${label}: an index file without its version: ${JSON.stringify(files)}`);
    }
    if (c.q && Object.keys(c.expect).length === 0) {
      const status = (await page.textContent("#portfolio-status")).trim();
      check(status.length > 0, `${label}: no message when nothing matches`);
    }
  }

  // Follow a result into its study.
  await page.goto(site + "index.html");
  await page.fill("#portfolio-q", cases[0].q);
  await settled();
  await reviewShot(page, screenshot);
  const first = Object.entries(cases[0].expect)[0];
  await Promise.all([page.waitForEvent("load"), page.click(`.portfolio-group[data-study="${first[0]}"] .portfolio-hit a`)]);
  const want = site + first[1][0];
  check(page.url() === want, `the first result led to ${page.url()}, not ${want}`);
  const h1 = (await page.textContent("h1")).trim();
  check(h1.length > 0, "the study's page has no heading");

  // The study's own search keeps working inside its folder.
  await page.goto(site + first[0] + "/insights.html");
  await page.waitForFunction(() => performance.getEntriesByName("cxsite:search-ready").length > 0);
  await page.fill('[data-cxsite-filter="q"]', cases[0].q);
  await page.waitForFunction(() => !document.querySelector("[data-cxsite-results]").hasAttribute("aria-busy"));
  const own = await page.$$eval("[data-cxsite-results] .insight-card", (els) => els.map((e) => e.dataset.id));
  check(own.length > 0, `the study's own search finds nothing for ${cases[0].q}`);
  failures.push(...problems);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ ok: failures.length === 0, failures }));
process.exit(failures.length === 0 ? 0 : 1);
