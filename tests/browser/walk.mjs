// Walks pages of a built site as a reader on a phone would and reports, per
// page, what the brand test asserts on: elements painted in the default
// green (computed colour, background, border, outline, SVG fill or stroke),
// images that did not load, and task-list items that show a bullet besides
// their check box (on screen or printed), and how far the page is wider
// than the phone's screen (`wider`, see layout.mjs). Writes a 390 px wide full-page
// screenshot of each page for review.
// Usage: node walk.mjs SITE_URL PAGES_JSON OUT_DIR
//   PAGES_JSON: [["name", "path/in/site.html"], …]
import fs from "node:fs";
import { launch, reviewShot } from "./chromium.mjs";
import { guard } from "./guard.mjs";
import { pageOverflow } from "./layout.mjs";

const [site, pagesJson, outDir] = process.argv.slice(2);
const pages = JSON.parse(pagesJson);
fs.mkdirSync(outDir, { recursive: true });

// The default accent #0b6e4f, its hover shade #08503a and its tint #cfe5dc.
const GREENS = ["rgb(11, 110, 79)", "rgb(8, 80, 58)", "rgb(207, 229, 220)"];

const report = {};
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  for (const [name, path] of pages) {
    const problems = guard(page, site);
    await page.goto(site + path, { waitUntil: "load" });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    await reviewShot(page, `${outDir}/${name}.png`);
    const found = await page.evaluate((greens) => {
      const props = ["color", "background-color", "border-top-color", "border-right-color", "border-bottom-color",
        "border-left-color", "outline-color", "fill", "stroke", "background-image"];
      const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "");
      const green = [];
      for (const el of document.querySelectorAll("*")) {
        const cs = getComputedStyle(el);
        for (const p of props) {
          const v = cs.getPropertyValue(p);
          if (greens.some((g) => v.includes(g))) green.push(`${describe(el)} ${p}: ${v}`);
        }
      }
      const brokenImages = [...document.images]
        .filter((img) => !(img.complete && img.naturalWidth > 0))
        .map((img) => img.getAttribute("src"));
      const taskItems = [...document.querySelectorAll("li")].filter((li) => li.querySelector(":scope > input[type=checkbox], :scope > p:first-child > input[type=checkbox]"));
      const bulleted = taskItems.filter((li) => getComputedStyle(li).listStyleType !== "none").length;
      return { green, brokenImages, taskItems: taskItems.length, bulletedOnScreen: bulleted };
    }, GREENS);
    await page.emulateMedia({ media: "print" });
    found.bulletedInPrint = await page.evaluate(() =>
      [...document.querySelectorAll("li")]
        .filter((li) => li.querySelector(":scope > input[type=checkbox], :scope > p:first-child > input[type=checkbox]"))
        .filter((li) => getComputedStyle(li).listStyleType !== "none").length);
    await page.emulateMedia({ media: "screen" });
    found.wider = await pageOverflow(page);
    found.problems = problems.slice();
    problems.length = 0;
    page.removeAllListeners();
    report[path] = found;
  }
  console.log(JSON.stringify({ ok: true, pages: report }));
} finally {
  await browser.close();
}
