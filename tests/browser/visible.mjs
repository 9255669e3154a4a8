// How many elements matching a selector a reader sees on a page at a given
// viewport width (visible and with a size). Usage:
//   node visible.mjs URL WIDTH SELECTOR
// Prints {"ok":true,"visible":N,"total":M}.
import { launch } from "./chromium.mjs";

const [url, width, selector] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: +width, height: 900 } });
  await page.goto(url, { waitUntil: "load" });
  const counts = await page.$$eval(selector, (els) => ({
    total: els.length,
    visible: els.filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 0).length,
  }));
  console.log(JSON.stringify({ ok: true, ...counts }));
} finally {
  await browser.close();
}
