// insights.html loads the files of its search index only when needed: the
// first file after the first paint, then for a query word only the words
// file of its first two letters, and the cards files of the cards on show
// (but for the cards the page opened with).
// Filtering without words loads no words file.
// Usage: node shards.mjs SITE_URL WORD WORDS_FILE FILTER_JSON
//   WORD: a query word; WORDS_FILE: the one words file it may load (e.g. search/words-2.js)
//   FILTER_JSON: { "persona": "…" }, a filter to set without words
import { launch } from "./chromium.mjs";
import { guard } from "./guard.mjs";

const [site, word, wordsFile, filterJson] = process.argv.slice(2);
const failures = [];
const check = (ok, msg) => { if (!ok) failures.push(msg); };
const browser = await launch();
try {
  const page = await browser.newPage();
  const problems = guard(page, site);
  const ready = () => page.waitForFunction(() => performance.getEntriesByName("cxsite:search-ready").length > 0);
  const settled = () => page.waitForFunction(() => !document.querySelector("[data-cxsite-results]").hasAttribute("aria-busy"));
  // The index files the page has loaded: script elements (file:// has no resource entries), path and version.
  const loaded = () => page.$$eval("script[src]", (els) => els.map((e) => e.getAttribute("src")).filter((s) => s.startsWith("search/")));
  const files = (srcs, kind) => srcs.filter((s) => s.startsWith("search/" + kind)).map((s) => s.split("?")[0]);
  await page.goto(site + "insights.html");
  await ready();
  const start = await loaded();
  check(start.length === 1 && /^search\/index\.js\?v=[0-9a-f]{16}$/.test(start[0]), `on opening: ${JSON.stringify(start)}`);

  // Filters only: no words file.
  for (const [name, value] of Object.entries(JSON.parse(filterJson))) {
    await page.selectOption(`[data-cxsite-filter="${name}"]`, value);
  }
  await settled();
  check(files(await loaded(), "words").length === 0, `a filter without words loaded ${JSON.stringify(await loaded())}`);
  check((await page.$$eval("[data-cxsite-results] .insight-card", (e) => e.length)) > 0, "the filter shows no cards");

  // One word, typed letter by letter on a fresh page: one words file, loaded once, with a version.
  await page.goto(site + "insights.html?fresh");
  await ready();
  await page.focus('[data-cxsite-filter="q"]');
  await page.keyboard.type(word, { delay: 30 });
  await settled();
  const after = await loaded();
  const words = files(after, "words");
  check(JSON.stringify(words) === JSON.stringify([wordsFile]), `"${word}" loaded the words files ${JSON.stringify(words)}, not only ${wordsFile}`);
  check(after.filter((s) => s.startsWith("search/words")).every((s) => /\?v=[0-9a-f]{10}$/.test(s)), `unversioned: ${JSON.stringify(after)}`);
  // Only the cards files of the cards on show (each of them once).
  const cards = files(after, "cards");
  check(new Set(cards).size === cards.length, `a cards file loaded twice: ${JSON.stringify(cards)}`);
  const shown = await page.$$eval("[data-cxsite-results] .insight-card", (e) => e.length);
  check(shown > 0, `"${word}" shows no cards`);
  const needed = await page.evaluate(() => {
    // The cards file each shown card is in.
    const files = new Set();
    for (const c of document.querySelectorAll("[data-cxsite-results] .insight-card")) {
      for (const [k, list] of Object.entries(window.cxsiteShards)) {
        // A cards file: whole cards (those the page opened with) or cards in pieces.
        if (!k.startsWith("c")) continue;
        const cards = !list ? [] : Array.isArray(list) ? list : list.c.map((parts) => parts.map((p) => (typeof p === "number" ? list.t[p] : p)).join(""));
        if (cards.some((h) => h.includes(`data-id="${c.dataset.id}"`))) files.add(`search/cards-${k.slice(1)}.js`);
      }
    }
    // …but for those the page opened with (the first `page` cards): their files are not loaded.
    return [...files].filter((f) => (+f.match(/\d+/)[0] + 1) * window.cxsiteSearch.per > window.cxsiteSearch.page);
  });
  check(JSON.stringify([...cards].sort()) === JSON.stringify([...needed].sort()), `cards files ${JSON.stringify(cards)}, needed ${JSON.stringify(needed)}`);
  failures.push(...problems);
  if (failures.length) { console.error("FAIL:\n  " + failures.join("\n  ")); process.exit(1); }
  console.log(JSON.stringify({ ok: true, words, cards: cards.length, shown }));
} finally {
  await browser.close();
}
