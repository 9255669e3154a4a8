// cxsite export: the whole site in one file, each page a <section id="page-…">.
// Sections are shown with CSS (:target); this script defines the contract for
// the theme's own scripts and adds small conveniences. It runs first.
(function () {
  "use strict";
  var SEP = "__";

  function decode(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }

  // The same characters the Rust side percent-encodes in fragments.
  function encodeFragment(id) {
    return id.replace(/[\u0000-\u001f\u007f "<>`%]/g, function (c) {
      var h = c.charCodeAt(0).toString(16).toUpperCase();
      return "%" + (h.length < 2 ? "0" + h : h);
    });
  }

  // "insights/../report.html" → "report.html"; null when it climbs out of the site.
  function normalise(path) {
    var out = [];
    var parts = path.split("/");
    for (var i = 0; i < parts.length; i++) {
      var seg = parts[i];
      if (seg === "" || seg === ".") continue;
      if (seg === "..") {
        if (!out.length) return null;
        out.pop();
        continue;
      }
      out.push(seg);
    }
    return out.join("/");
  }

  function pageAnchor(path) {
    return "page-" + path.replace(/\.html$/, "").replace(/\//g, "-");
  }

  // Site-root-relative path ("insights/foo.html", "biases.html#anchoring")
  // → in-document anchor ("#page-insights-foo", "#page-biases__anchoring").
  // A fragment that names no element gives the page; anything that is not a
  // page of the export (a file, an external URL, a missing page) gives "#".
  function href(sitePath) {
    var s = String(sitePath == null ? "" : sitePath).trim();
    if (/^[a-zA-Z][a-zA-Z0-9+.\-]*:/.test(s) || s.slice(0, 2) === "//") return "#";
    var fragment = "";
    var hash = s.indexOf("#");
    if (hash >= 0) { fragment = decode(s.slice(hash + 1)); s = s.slice(0, hash); }
    var query = s.indexOf("?");
    if (query >= 0) s = s.slice(0, query);
    var path = normalise(decode(s));
    if (path === null) return "#";
    if (path === "") path = "index.html";
    var anchor = pageAnchor(path);
    if (!/\.html$/.test(path) || !document.getElementById(anchor)) return "#";
    if (fragment && document.getElementById(anchor + SEP + fragment)) {
      return "#" + anchor + SEP + encodeFragment(fragment);
    }
    return "#" + anchor;
  }

  window.cxsiteExport = { href: href };

  if (typeof document.querySelector !== "function") return;

  // The section on show: the one targeted, or holding the target, else the cover.
  function current() {
    var id = decode(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    while (el && !(el.classList && el.classList.contains("export-page"))) el = el.parentElement;
    return el || document.getElementById("page-index");
  }

  function update() {
    var section = current();
    if (!section) return;
    var title = section.getAttribute("data-title");
    if (title) document.title = title;
    var links = document.querySelectorAll(".site-nav a[href^='#page-']");
    for (var i = 0; i < links.length; i++) {
      var target = links[i].getAttribute("href").slice(1);
      var here = section.id === target || section.id.indexOf(target + "-") === 0;
      if (here) links[i].setAttribute("aria-current", "page");
      else links[i].removeAttribute("aria-current");
    }
  }

  // "Skip to content" moves focus into the page on show without changing the address.
  var skip = document.querySelector(".skip-link");
  if (skip) {
    skip.addEventListener("click", function (event) {
      var section = current();
      var main = section && (section.querySelector("main") || section);
      if (!main) return;
      event.preventDefault();
      if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
      main.focus();
    });
  }

  window.addEventListener("hashchange", update);
  update();
})();
