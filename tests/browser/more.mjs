// A long list: insights.html starts with the first cards, "Show more" adds
// the next ones until all are there, and a search shows its matches the same way.
// Usage: node more.mjs SITE_URL TOTAL STEP
import { launch } from "./chromium.mjs";
import { guard } from "./guard.mjs";

const [site, totalArg, stepArg] = process.argv.slice(2);
const [total, step] = [+totalArg, +stepArg];
const failures = [];
const check = (ok, msg) => { if (!ok) failures.push(msg); };
const browser = await launch();
try {
  const page = await browser.newPage();
  const problems = guard(page, site);
  const cards = () => page.$$eval("[data-cxsite-results] .insight-card", (e) => e.length);
  const more = "[data-cxsite-more]";
  // Cards come from files of the index loaded on demand: the list is aria-busy until they are shown.
  const settled = () => page.waitForFunction(() => !document.querySelector("[data-cxsite-results]").hasAttribute("aria-busy"));
  await page.goto(site + "insights.html");
  await page.waitForFunction(() => performance.getEntriesByName("cxsite:search-ready").length > 0);
  check((await cards()) === step, `starts with ${await cards()} cards, not ${step}`);
  let clicks = 0;
  while (await page.isVisible(more)) {
    await page.click(more);
    await settled();
    clicks += 1;
    if (clicks > total) break;
  }
  check((await cards()) === total, `after ${clicks} clicks: ${await cards()} of ${total} cards`);
  check(clicks === Math.ceil(total / step) - 1, `${clicks} clicks of "Show more"`);
  const ids = await page.$$eval("[data-cxsite-results] .insight-card", (e) => e.map((c) => c.dataset.id));
  check(new Set(ids).size === total, "a card shown twice");
  // A search that matches more than a step: the first step, a count, "Show more" again.
  await page.fill('[data-cxsite-filter="q"]', "generated");
  await settled();
  check((await cards()) === step, `a broad search shows ${await cards()} cards first`);
  check(await page.isVisible(more), "no Show more for a broad search");
  const status = await page.textContent("[data-cxsite-status]");
  check(status.includes("120 of 123 insights match"), `status: ${status}`);
  failures.push(...problems);
  if (failures.length) { console.error("FAIL:\n  " + failures.join("\n  ")); process.exit(1); }
  console.log(JSON.stringify({ ok: true, clicks }));
} finally {
  await browser.close();
}
