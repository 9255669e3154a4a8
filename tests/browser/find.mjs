// Search and filters on insights.html: each narrows the list, the hash holds
// the state and restores it on a fresh load, the header box leads there.
// Usage: node find.mjs SITE_URL CASES_JSON SCREENSHOT
//   SITE_URL: the site's folder URL (file:///…/ or http://…/sub/path/)
//   CASES_JSON: [{ "set": { "q": "…", "persona": "…" }, "expect": ["id", …] }, …]
import { launch, reviewShot } from "./chromium.mjs";
import { guard } from "./guard.mjs";

const [site, casesJson, screenshot] = process.argv.slice(2);
const cases = JSON.parse(casesJson);
const failures = [];
const check = (ok, msg) => { if (!ok) failures.push(msg); };
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = guard(page, site);
  const shownIds = () => page.$$eval("[data-cxsite-results] .insight-card", (els) => els.map((e) => e.dataset.id));
  // Search answers once the index, loaded after the first paint, has run.
  const answers = () => performance.getEntriesByName("cxsite:search-ready").length > 0;
  const ready = () => page.waitForFunction(answers);
  // Words and cards come from files of the index loaded on demand: the list is aria-busy until they are shown.
  const settled = () => page.waitForFunction(() => !document.querySelector("[data-cxsite-results]").hasAttribute("aria-busy"));

  await page.goto(site + "insights.html");
  await ready();
  const total = (await shownIds()).length;
  check(total > 0, "insights.html shows no cards");

  for (const c of cases) {
    const label = JSON.stringify(c.set);
    // Set the controls the way a reader does: type and pick.
    await page.goto(site + "insights.html");
    await ready();
    for (const [name, value] of Object.entries(c.set)) {
      const sel = `[data-cxsite-filter="${name}"]`;
      if (name === "q") await page.fill(sel, value);
      else await page.selectOption(sel, value);
    }
    await settled();
    const got = await shownIds();
    check(same(got, c.expect), `${label}: shows ${JSON.stringify(got)}, expected ${JSON.stringify(c.expect)}`);
    check(got.length < total || c.expect.length === total, `${label}: did not narrow the list`);
    const hash = await page.evaluate(() => location.hash);
    const params = new URLSearchParams(hash.slice(1));
    for (const [name, value] of Object.entries(c.set)) {
      check(params.get(name) === value, `${label}: hash ${hash} lacks ${name}=${value}`);
    }
    if (c.expect.length === 0) {
      const status = await page.textContent("[data-cxsite-status]");
      check(status.trim().length > 0, `${label}: no message when nothing matches`);
    }
    // A fresh load of the shared link restores list and controls.
    const link = await page.evaluate(() => location.href);
    const fresh = await browser.newPage();
    const freshProblems = guard(fresh, site);
    await fresh.goto(link);
    await fresh.waitForFunction(answers);
    const again = await fresh.$$eval("[data-cxsite-results] .insight-card", (els) => els.map((e) => e.dataset.id));
    check(same(again, c.expect), `${label}: the link ${link} restores ${JSON.stringify(again)}`);
    for (const [name, value] of Object.entries(c.set)) {
      const v = await fresh.inputValue(`[data-cxsite-filter="${name}"]`);
      check(v === value, `${label}: the link does not restore the ${name} control (${v})`);
    }
    problems.push(...freshProblems);
    await fresh.close();
  }

  // Clear brings every insight back and empties the hash.
  await page.click("[data-cxsite-clear]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-cxsite-results] .insight-card").length === n, total);
  check((await page.evaluate(() => location.hash)) === "", "Clear leaves a hash behind");

  // An in-page anchor (the skip link's #main) keeps the filters.
  await page.evaluate((set) => { location.hash = new URLSearchParams(set).toString(); }, cases[0].set);
  await page.waitForFunction((n) => document.querySelectorAll("[data-cxsite-results] .insight-card").length === n, cases[0].expect.length);
  await page.focus(".skip-link");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash === "#main");
  check(same(await shownIds(), cases[0].expect), "the skip link (#main) dropped the filters");
  check((await page.inputValue('[data-cxsite-filter="q"]')) === (cases[0].set.q || ""), "the skip link emptied the search field");
  await page.click("[data-cxsite-clear]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-cxsite-results] .insight-card").length === n, total);

  // A shared link with a value the page no longer offers: the address says what is applied.
  await page.goto(site + "insights.html#persona=nobody-here");
  await ready();
  check((await shownIds()).length === total, "an unknown persona in the link hid insights");
  check((await page.evaluate(() => location.hash)) === "", "the address still names a filter that is not applied");

  // Back/forward or an edited address: a new hash applies without a reload.
  const first = cases[0];
  await page.evaluate((set) => { location.hash = new URLSearchParams(set).toString(); }, first.set);
  await page.waitForFunction((n) => document.querySelectorAll("[data-cxsite-results] .insight-card").length === n, first.expect.length);

  // The header's search box on another page leads to insights.html with the words.
  const q = cases.find((c) => c.set.q && Object.keys(c.set).length === 1);
  if (q) {
    await page.goto(site + "index.html");
    await page.fill(".site-search input[name=q]", q.set.q);
    await page.press(".site-search input[name=q]", "Enter");
    await page.waitForURL(/insights\.html#q=/);
    await ready();
    const got = await shownIds();
    check(same(got, q.expect), `header search "${q.set.q}" shows ${JSON.stringify(got)}`);
    check((await page.inputValue('[data-cxsite-filter="q"]')) === q.set.q, "header search did not fill the search field");
    // Without JavaScript on the page it came from, ?q= arrives instead.
    await page.goto(site + "insights.html?q=" + encodeURIComponent(q.set.q));
    await ready();
    check(same(await shownIds(), q.expect), "insights.html?q= is not applied");
    await reviewShot(page, screenshot);
  }

  failures.push(...problems);
  if (failures.length) {
    console.error("FAIL:\n  " + failures.join("\n  "));
    process.exit(1);
  }
  console.log(JSON.stringify({ ok: true, cases: cases.length, total }));
} finally {
  await browser.close();
}
