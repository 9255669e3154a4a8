// Watches a page for console errors, uncaught exceptions and requests that
// leave the site (anything not under `sitePrefix`, e.g. a CDN or a font host).
export function guard(page, sitePrefix) {
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push("console error: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(sitePrefix) && !url.startsWith("data:")) problems.push("request left the site: " + url);
  });
  page.on("requestfailed", (r) => problems.push("request failed: " + r.url() + " " + (r.failure()?.errorText || "")));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}

/** The folder part of a URL, with a trailing slash (what "inside the site" means). */
export function siteOf(url) {
  return url.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
}
