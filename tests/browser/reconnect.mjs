// After the server restarts, an open page reconnects by itself and reloads.
// Usage: node reconnect.mjs URL   (the caller restarts the server meanwhile)
import { launch } from "./chromium.mjs";

const [url] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.evaluate(() => { window.__beforeRestart = true; });
  console.log("READY");
  await page.waitForFunction(() => !window.__beforeRestart && document.querySelector("h1"), null, { timeout: 30000 });
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  console.error("FAIL: " + e);
  process.exit(1);
} finally {
  await browser.close();
}
