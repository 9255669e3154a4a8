// Journey diagrams on a phone, a laptop and paper: the smallest rendered
// text, the labelled scroll regions (both ends reachable), the sticky lane
// column (at most a quarter of the region), legends inside the page, the
// title lined up with the header, and print pieces that fit the page with
// the lane column at the same place and scale.
// Usage: node journey_layout.mjs SITE_URL PAGES_JSON SHOTS_DIR
//   PAGES_JSON: { "journeys": ["journeys/x.html", …], "insights": ["insights/y.html", …] }
import { launch, reviewShot } from "./chromium.mjs";

const [site, pagesJson, shots] = process.argv.slice(2);
const pages = JSON.parse(pagesJson);
const failures = [];
const check = (ok, msg) => { if (!ok) failures.push(msg); };
const PHONE_MIN = 11; // CSS px
const PRINT_MIN = 8 * 96 / 72; // 8 pt in CSS px
const A4_LANDSCAPE = Math.floor((297 - 28) / 25.4 * 96); // content width of `@page wide`
const A4_PORTRAIT = Math.floor((210 - 32) / 25.4 * 96); // content width of the default page

// Rendered size of every journey chart text: font-size × the SVG's scale.
// Print pieces show groups of the map through <use>: their text is measured
// at the piece's scale, counting only text inside the piece's windows
// (boxes taken on screen, in `data-bb`).
const textSizes = (page) => page.evaluate(() => {
  const out = [];
  for (const t of document.querySelectorAll("svg[class^='journey-'] text")) {
    if (t.closest("title,desc") || t.getClientRects().length === 0) continue;
    const m = t.getScreenCTM();
    if (!m) continue;
    const svg = t.ownerSVGElement.closest("svg[class^='journey-']");
    out.push({ size: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b), text: t.textContent, svg: svg.getAttribute("class") });
  }
  for (const p of document.querySelectorAll("svg.journey-map-print, svg.journey-timeline-print")) {
    if (p.getClientRects().length === 0) continue;
    const scale = p.getScreenCTM().a;
    for (const w of p.querySelectorAll("svg")) {
      const vb = w.viewBox.baseVal;
      for (const use of w.querySelectorAll("use")) {
        for (const t of document.querySelector(use.getAttribute("href")).querySelectorAll("text")) {
          const bb = JSON.parse(t.getAttribute("data-bb") || "null");
          if (!bb || bb.x + bb.w <= vb.x || bb.x >= vb.x + vb.width || bb.y + bb.h <= vb.y || bb.y >= vb.y + vb.height) continue;
          out.push({ size: bb.fs * scale, text: t.textContent, svg: p.getAttribute("class") });
        }
      }
    }
  }
  return out;
});
const boxes = (page) => page.evaluate(() => {
  for (const t of document.querySelectorAll("svg[class^='journey-'] text")) {
    const b = t.getBBox();
    t.setAttribute("data-bb", JSON.stringify({ x: b.x, y: b.y, w: b.width, h: b.height, fs: parseFloat(getComputedStyle(t).fontSize) }));
  }
});
const smallest = (label, sizes, min) => {
  const bad = sizes.filter((s) => s.size < min - 0.01);
  check(sizes.length > 0, `${label}: no chart text measured`);
  for (const b of bad.slice(0, 5)) failures.push(`${label}: "${b.text}" in svg.${b.svg} renders at ${b.size.toFixed(2)} px (< ${min.toFixed(2)})`);
  return sizes.length ? Math.min(...sizes.map((s) => s.size)) : 0;
};
const report = {};

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  for (const rel of [...pages.journeys, ...pages.insights]) {
    const journey = pages.journeys.includes(rel);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ media: "screen" });
    await page.goto(site + rel);
    report[rel] = { phone: smallest(`${rel} @390`, await textSizes(page), PHONE_MIN) };
    // Scroll regions: labelled, focusable, both ends reachable.
    const regions = await page.evaluate(() => [...document.querySelectorAll(".diagram-scroll")].filter((d) => d.querySelector("svg[class^='journey-']")).map((d) => {
      const r = d.getBoundingClientRect();
      const svg = d.querySelector("svg[class^='journey-']:not(.journey-map-heads)");
      const left0 = svg.getBoundingClientRect().left;
      d.scrollLeft = d.scrollWidth;
      const right1 = svg.getBoundingClientRect().right;
      d.scrollLeft = 0;
      const heads = d.querySelector(".map-heads");
      const sticky = heads && getComputedStyle(heads).position === "sticky" && getComputedStyle(heads).visibility !== "hidden";
      return {
        label: d.getAttribute("aria-label"), role: d.getAttribute("role"), tabindex: d.getAttribute("tabindex"),
        left: r.left, right: r.left + d.clientWidth, width: d.clientWidth, left0, right1,
        heads: sticky ? heads.querySelector("svg").getBoundingClientRect().width : null,
      };
    }));
    check(regions.length > 0, `${rel}: no scroll region around a journey diagram`);
    for (const g of regions) {
      check(g.role === "region" && g.tabindex === "0" && (g.label || "").length > 3, `${rel}: scroll region not labelled: ${JSON.stringify(g)}`);
      check(g.left0 >= g.left - 1 && g.right1 <= g.right + 1, `${rel}: an end of "${g.label}" is out of reach: ${JSON.stringify(g)}`);
      if (g.heads !== null) check(g.heads <= g.width / 4, `${rel}: sticky lane column ${g.heads} px of ${g.width}`);
    }
    // Legends are inside the page (never cut off at its edge).
    const legend = await page.evaluate(() => [...document.querySelectorAll(".diagram-legend li")].map((li) => li.getBoundingClientRect()).filter((r) => r.right > document.documentElement.clientWidth + 0.5 || r.left < 0).length);
    check(legend === 0, `${rel}: ${legend} legend entries run off a 390 px page`);
    if (journey) {
      await reviewShot(page, `${shots}/${rel.replace(/\W+/g, "-")}-390.png`);
      // A laptop: the title and the diagrams line up with the header.
      await page.setViewportSize({ width: 1280, height: 900 });
      const x = await page.evaluate(() => ({
        brand: document.querySelector(".brand").getBoundingClientRect().left,
        h1: document.querySelector("main h1").getBoundingClientRect().left,
        map: document.querySelector(".map-screen").getBoundingClientRect().left,
      }));
      check(Math.abs(x.h1 - x.brand) <= 1 && Math.abs(x.map - x.brand) <= 1, `${rel}: title/map not lined up with the header: ${JSON.stringify(x)}`);
    }
    // Paper: journey pages print on landscape pages, insight pages on portrait.
    await page.setViewportSize({ width: 1280, height: 900 });
    await boxes(page);
    const width = journey ? A4_LANDSCAPE : A4_PORTRAIT;
    await page.setViewportSize({ width, height: 1000 });
    await page.emulateMedia({ media: "print" });
    report[rel].print = smallest(`${rel} print`, await textSizes(page), PRINT_MIN);
    const print = await page.evaluate(() => ({
      off: [...document.querySelectorAll("main svg")].filter((s) => s.getClientRects().length && !s.parentElement.closest("svg") && s.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((s) => s.getAttribute("class")),
      scales: [...document.querySelectorAll("svg.journey-map-print")].map((p) => p.getScreenCTM().a),
      // The lane column: the first window of each piece, its place and width on the page.
      lanes: [...document.querySelectorAll("svg.journey-map-print")].map((p) => {
        const w = p.querySelector("use[href^='#jmh-']").parentElement, a = p.getScreenCTM().a;
        return `${(w.x.baseVal.value * a).toFixed(2)}+${(w.width.baseVal.value * a).toFixed(2)}`;
      }),
      screenOnly: [...document.querySelectorAll(".diagram-legend .screen-only")].filter((e) => e.getClientRects().length).length,
      legendPx: Math.min(...[...document.querySelectorAll(".diagram-legend li")].map((li) => parseFloat(getComputedStyle(li).fontSize))),
    }));
    check(print.off.length === 0, `${rel} print: runs off the page: ${print.off}`);
    check(print.screenOnly === 0, `${rel} print: the legend still says what only makes sense on screen`);
    if (journey) {
      check(print.scales.length > 0 && print.scales.every((s) => Math.abs(s - print.scales[0]) < 1e-3), `${rel} print: pieces at different scales ${print.scales}`);
      check(print.lanes.every((l) => l === print.lanes[0] && l.startsWith("0.00+")), `${rel} print: the lane column moves: ${print.lanes}`);
      check(print.legendPx >= PRINT_MIN, `${rel} print: legend text ${print.legendPx} px`);
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ ok: failures.length === 0, report, failures }));
process.exit(failures.length === 0 ? 0 : 1);
