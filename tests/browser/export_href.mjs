// Unit test of window.cxsiteExport.href (src/export/export.js) against the
// table the Rust rewrite is tested against (tests/fixtures/export-href-cases.json).
// Needs only node. Usage: node export_href.mjs
import fs from "node:fs";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const code = fs.readFileSync(here("../../src/export/export.js"), "utf8");
const table = JSON.parse(fs.readFileSync(here("../fixtures/export-href-cases.json"), "utf8"));

// The document of an export holding the table's pages: one section per page,
// and each kept id renamed to page-…__id.
const ids = new Set();
for (const [path, pageIds] of Object.entries(table.pages)) {
  const anchor = "page-" + path.replace(/\.html$/, "").replace(/\//g, "-");
  ids.add(anchor);
  for (const id of pageIds) ids.add(anchor + "__" + id);
}
const window = {};
const document = { getElementById: (id) => (ids.has(id) ? { id } : null) };
vm.runInNewContext(code, { window, document, location: { hash: "" } });

const failures = [];
for (const [input, want] of table.cases) {
  const got = window.cxsiteExport.href(input);
  if (got !== want) failures.push(`href(${JSON.stringify(input)}) = ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}
for (const odd of [null, undefined, 42]) {
  if (typeof window.cxsiteExport.href(odd) !== "string") failures.push(`href(${odd}) is not a string`);
}
if (failures.length) {
  console.error("FAIL:\n" + failures.join("\n"));
  process.exit(1);
}
console.log(JSON.stringify({ ok: true, cases: table.cases.length }));
