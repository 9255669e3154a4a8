// The smallest rendered chart text, on a phone and in print.
//
// Opens every page it is given at 390×844 (screen) and with print media
// emulation at the width of an A4 page's text area, and for every visible
// `<text>`/`<tspan>` of the selected inline SVGs computes the size a reader
// sees: the computed font-size × the element's current scale on screen
// (getScreenCTM, which includes the viewBox scaling; a chart in a scroll
// region at natural size has scale 1). Text inside <title>/<desc> is not
// drawn and is never measured. Fails, listing page, mode, chart, text and
// size, when text is smaller than 11 CSS px (phone) or 8 pt = 10.67 CSS px
// (print); when a text box lies outside its SVG's box (a clipped legend or
// label); when a chart runs off the page edge in print; and when a chart
// wider than the phone is not in a labelled, horizontally scrollable region.
//
// Usage: node chart_text.mjs PAGES_JSON SELECTOR SHOT_DIR
//   PAGES_JSON: [{ "site": "own-study", "url": "file:///…/kano/x.html" }, …]
//   SELECTOR:   which SVGs count as charts, e.g. "main svg" or
//               "svg.chart-kano, svg.chart-nps"
//   SHOT_DIR:   full-page PNGs at 390 px are written to SHOT_DIR/phone/
import { mkdirSync } from "node:fs";
import { launch, reviewShot } from "./chromium.mjs";

const [pagesJson, selector, shotDir] = process.argv.slice(2);
const pages = JSON.parse(pagesJson);
const PHONE = { width: 390, height: 844 };
const PHONE_MIN = 11;
const PRINT_MIN = (8 * 96) / 72; // 8 pt in CSS px
const MM = 96 / 25.4;
// The text area of the theme's pages: A4 portrait with 16 mm side margins
// (`@page`), and A4 landscape with 14 mm side margins (`@page wide`).
const PRINT_WIDTHS = { auto: Math.floor((210 - 32) * MM), wide: Math.floor((297 - 28) * MM) };

const failures = [];
const report = [];
mkdirSync(`${shotDir}/phone`, { recursive: true });

/** Runs in the page: measures every selected chart whose named page is `only` (print) or any (screen). */
function measure({ selector, mode, only, limit }) {
  const out = { charts: 0, texts: 0, min: null, small: [], clipped: [], offPage: [], unscrollable: [] };
  const namedPage = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const p = getComputedStyle(e).page;
      if (p && p !== "auto") return p;
    }
    return "auto";
  };
  const nameOf = (svg) => {
    const t = svg.querySelector(":scope > title");
    return (svg.id || svg.getAttribute("class") || "svg") + (t ? ` «${t.textContent.trim()}»` : "");
  };
  const scroller = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflowX === "auto" || s.overflowX === "scroll") return e;
    }
    return null;
  };
  const vw = document.documentElement.clientWidth;
  for (const svg of document.querySelectorAll(selector)) {
    if (svg.parentElement && svg.parentElement.closest("svg")) continue; // nested: measured with its root
    if (!svg.checkVisibility({ visibilityProperty: true })) continue;
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const page = namedPage(svg);
    if (mode === "print" && (page === "wide") !== (only === "wide")) continue;
    out.charts += 1;
    const chart = nameOf(svg);
    if (mode === "print" && (box.left < -0.5 || box.right > vw + 0.5)) {
      out.offPage.push(`${chart}: spans x ${box.left.toFixed(0)}…${box.right.toFixed(0)} px of a ${vw} px page`);
    }
    if (mode === "phone" && (box.left < -0.5 || box.right > vw + 0.5)) {
      const s = scroller(svg);
      const r = s && s.getBoundingClientRect();
      const label = s && (s.getAttribute("aria-label") || s.getAttribute("aria-labelledby"));
      if (!s || r.left < -0.5 || r.right > vw + 0.5 || !label || s.getAttribute("role") !== "region") {
        out.unscrollable.push(
          `${chart}: ${box.width.toFixed(0)} px wide on a ${vw} px screen, ` +
            (s ? "its scroll box is not a labelled region inside the screen" : "not in a scroll region"),
        );
      }
    }
    for (const el of svg.querySelectorAll("text, tspan")) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
      if (!own || el.closest("title, desc")) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const m = el.getScreenCTM();
      if (!m) continue;
      const size = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
      out.texts += 1;
      if (out.min === null || size < out.min.size) out.min = { size, text: own, chart };
      if (size < limit - 0.005) out.small.push({ chart, text: own, size });
      const t = el.getBoundingClientRect();
      if (t.width > 0 && (t.left < box.left - 1 || t.right > box.right + 1 || t.top < box.top - 1 || t.bottom > box.bottom + 1)) {
        const legend = el.closest(".chart-legend, [class*=legend]") ? "legend " : "";
        out.clipped.push(`${chart}: ${legend}text «${own}» lies outside the chart's box`);
      }
    }
  }
  return out;
}

const browser = await launch();
try {
  const ctx = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  for (const { site, url } of pages) {
    const rel = url.replace(/^.*?\/(?=(kano|nps|journeys|insights|personas|narratives)\/|[^/]+\.html$)/, "");
    const where = `${site}/${rel}`;
    await page.setViewportSize(PHONE);
    await page.emulateMedia({ media: "screen" });
    await page.goto(url);
    const runs = [
      { mode: "phone", width: PHONE.width, only: null },
      { mode: "print", width: PRINT_WIDTHS.auto, only: "auto" },
      { mode: "print", width: PRINT_WIDTHS.wide, only: "wide" },
    ];
    for (const run of runs) {
      if (run.mode === "print") {
        await page.emulateMedia({ media: "print" });
        await page.setViewportSize({ width: run.width, height: PHONE.height });
      }
      const limit = run.mode === "phone" ? PHONE_MIN : PRINT_MIN;
      const r = await page.evaluate(measure, { selector, mode: run.mode, only: run.only, limit });
      const label = run.mode === "phone" ? "phone 390 px" : `print ${run.only === "wide" ? "A4 landscape" : "A4"} ${run.width} px`;
      if (r.charts > 0) {
        report.push({
          page: where, mode: label, charts: r.charts, texts: r.texts,
          min: r.min && { size: +r.min.size.toFixed(2), text: r.min.text, chart: r.min.chart },
        });
      }
      // One line per chart: how many texts are too small, the smallest first.
      const byChart = new Map();
      for (const s of r.small) byChart.set(s.chart, [...(byChart.get(s.chart) || []), s]);
      for (const [chart, small] of byChart) {
        small.sort((a, b) => a.size - b.size);
        const shown = small.slice(0, 6).map((s) => `«${s.text}» ${s.size.toFixed(2)} px`).join(", ");
        const more = small.length > 6 ? `, … ${small.length - 6} more` : "";
        failures.push(`${where} [${label}] ${chart}: ${small.length} text(s) below ${limit.toFixed(2)} px: ${shown}${more}`);
      }
      for (const c of r.clipped) failures.push(`${where} [${label}] ${c}`);
      for (const o of r.offPage) failures.push(`${where} [${label}] runs off the page: ${o}`);
      for (const u of r.unscrollable) failures.push(`${where} [${label}] ${u}`);
      if (run.mode === "phone") {
        const file = `${shotDir}/phone/${site}-${rel.replace(/[/]/g, "-")}.png`;
        await reviewShot(page, file);
      }
    }
  }
} finally {
  await browser.close();
}
for (const r of report) {
  const min = r.min ? `${r.min.size} px «${r.min.text}» in ${r.min.chart}` : "no text";
  console.log(`${r.page} [${r.mode}]: ${r.charts} chart(s), ${r.texts} texts, smallest ${min}`);
}
if (failures.length) console.log(`${failures.length} problem(s):\n` + failures.join("\n"));
console.log(JSON.stringify({ ok: failures.length === 0 && report.length > 0, pages: pages.length, measured: report.length, failures: failures.length }));
