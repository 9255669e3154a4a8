// A page open in the browser reloads by itself after a save, shows the error
// overlay after a broken save, and recovers after the fix.
// Usage: node live_reload.mjs URL FILE   (FILE: the insight YAML the page shows)
import fs from "node:fs";
import { launch } from "./chromium.mjs";

const [url, file] = process.argv.slice(2);
const saveAtomically = (path, text) => {
  fs.writeFileSync(path + ".tmp~", text);
  fs.renameSync(path + ".tmp~", path);
};
const fail = (msg) => { console.error("FAIL: " + msg); process.exit(1); };

const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  const original = fs.readFileSync(file, "utf8");
  const before = await page.textContent("h1");
  await page.evaluate(() => { window.__notReloaded = true; });
  await page.waitForTimeout(300); // let the event stream connect

  // 1. A good save: the page reloads by itself and shows the new title.
  const started = Date.now();
  saveAtomically(file, original.replace(/^title: .*$/m, "title: Reloaded by the browser test"));
  await page.waitForFunction(() => !window.__notReloaded && document.querySelector("h1")?.textContent === "Reloaded by the browser test", null, { timeout: 15000 });
  const reloadMs = Date.now() - started;

  // 2. A broken save: the overlay lists the diagnostic with file and line.
  saveAtomically(file, original.replace(/^title: /m, "titel: "));
  await page.waitForSelector("#cxsite-overlay .cxsite-diagnostic", { timeout: 15000 });
  const overlay = await page.textContent("#cxsite-overlay");
  if (!/first-invoice-worry\.yaml:\d+:\d+/.test(overlay)) fail("overlay lacks file:line: " + overlay);
  if (!overlay.includes("did you mean `title`")) fail("overlay lacks the help line: " + overlay);
  if ((await page.textContent("h1")) !== "Reloaded by the browser test") fail("the last good page should stay");

  // 3. The fix: the overlay goes away and the page shows the restored title.
  await page.evaluate(() => { window.__notReloaded = true; });
  saveAtomically(file, original);
  await page.waitForFunction((t) => !window.__notReloaded && !document.getElementById("cxsite-overlay") && document.querySelector("h1")?.textContent === t, before, { timeout: 15000 });
  if (errors.length) fail("page errors: " + errors.join("; "));
  console.log(JSON.stringify({ ok: true, reloadMs }));
} finally {
  await browser.close();
}
