// cxsite: search and filters on insights.html.
// The index (search-index.js, loaded by a script tag so it works from file://)
// holds every insight's facets, folded text and card. The filter state lives
// in the URL hash (#q=doubt&persona=sophie), so a filtered view can be shared.
(function () {
  "use strict";
  var form = document.querySelector("[data-cxsite-filters]");
  var list = document.querySelector("[data-cxsite-results]");
  if (!form || !list) { return; }
  if (window.cxsiteSearch) {
    start(window.cxsiteSearch);
  } else {
    // The index (megabytes with 10,000 insights) loads after the first paint,
    // so the page shows at once; a script element of its own works from file://.
    requestAnimationFrame(function () {
      setTimeout(function () {
        var tag = document.createElement("script");
        tag.src = list.getAttribute("data-cxsite-script");
        tag.onload = function () { if (window.cxsiteSearch) { start(window.cxsiteSearch); } };
        document.body.appendChild(tag);
      }, 0);
    });
  }

  function start(data) {
    var status = document.querySelector("[data-cxsite-status]");
    var more = document.querySelector("[data-cxsite-more]");

    var entries = data.insights;
    var step = data.page || 100;
    // In the one-file export every page shares one hash: keep the state in memory.
    var exported = window.cxsiteExport;
    var KEYS = ["q", "persona", "journey", "stage", "bias", "tag", "confidence", "impact", "status", "source", "method", "change"];
    var controls = {};
    KEYS.forEach(function (k) { controls[k] = form.querySelector('[data-cxsite-filter="' + k + '"]'); });

    var state = {};
    var matches = entries;
    var shown = Math.min(step, entries.length);

    /** Lower case without accents; search-index.js is folded the same way. */
    function fold(s) { return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, ""); }

    function active() { return KEYS.some(function (k) { return state[k]; }); }

    function fromControls() {
      var s = {};
      KEYS.forEach(function (k) { if (controls[k] && controls[k].value.trim()) { s[k] = controls[k].value.trim(); } });
      return s;
    }

    function toControls() {
      KEYS.forEach(function (k) { if (controls[k]) { controls[k].value = state[k] || ""; } });
      // A value the page no longer offers (a removed persona) is dropped.
      state = fromControls();
    }

    function fromHash() {
      var s = {};
      new URLSearchParams(location.hash.slice(1)).forEach(function (v, k) { if (KEYS.indexOf(k) >= 0 && v) { s[k] = v; } });
      return s;
    }

    function isFilterHash() {
      var h = location.hash.slice(1);
      return h === "" || KEYS.some(function (k) { return new URLSearchParams(h).has(k); });
    }

    function toHash() {
      if (exported) { return; }
      var p = new URLSearchParams();
      KEYS.forEach(function (k) { if (state[k]) { p.set(k, state[k]); } });
      var h = p.toString();
      var base = location.href.split("#")[0].split("?")[0];
      history.replaceState(null, "", h ? base + "#" + h : base);
    }

    function keep(e, terms) {
      var s = state;
      if (s.persona && e.p.indexOf(s.persona) < 0) { return false; }
      if (s.journey && e.j !== s.journey) { return false; }
      if (s.stage && e.s !== s.stage) { return false; }
      if (s.bias && e.b.indexOf(s.bias) < 0) { return false; }
      if (s.tag && e.t.indexOf(s.tag) < 0) { return false; }
      if (s.confidence && e.c !== s.confidence) { return false; }
      if (s.impact && e.i !== s.impact) { return false; }
      if (s.status && e.st !== s.status) { return false; }
      if (s.source && (e.so || []).indexOf(s.source) < 0) { return false; }
      if (s.method && (e.m || []).indexOf(s.method) < 0) { return false; }
      if (s.change && e.ch !== s.change) { return false; }
      for (var k = 0; k < terms.length; k++) { if (e.x.indexOf(terms[k]) < 0) { return false; } }
      return true;
    }

    function inTitle(e, terms) {
      for (var k = 0; k < terms.length; k++) { if (e.n.indexOf(terms[k]) < 0) { return false; } }
      return true;
    }

    /** Filters the index; insights with every word in their title come first. */
    function apply() {
      var terms = fold(state.q || "").split(/\s+/).filter(Boolean);
      var first = [], rest = [];
      for (var n = 0; n < entries.length; n++) {
        var e = entries[n];
        if (keep(e, terms)) { (terms.length && inTitle(e, terms) ? first : rest).push(e); }
      }
      matches = first.length ? first.concat(rest) : rest;
      shown = 0;
      list.textContent = "";
      showMore();
    }

    function showMore() {
      var next = matches.slice(shown, shown + step);
      var box = document.createElement("template");
      box.innerHTML = next.map(function (e) { return e.h; }).join("");
      if (exported) {
        box.content.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", exported.href(a.getAttribute("href"))); });
      }
      list.appendChild(box.content);
      shown += next.length;
      report();
    }

    // Numbers as the site's language writes them (not the browser's).
    var lang = document.documentElement.lang || undefined;
    function fill(text, values) {
      return text.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k].toLocaleString(lang) : m; });
    }

    function report() {
      if (status) {
        var total = entries.length;
        var text = "";
        if (active()) {
          text = matches.length ? fill(status.getAttribute("data-matches"), { matches: matches.length, total: total }) : status.getAttribute("data-none");
        } else if (shown < total) {
          text = fill(status.getAttribute("data-showing"), { shown: shown, total: total });
        }
        status.textContent = text;
      }
      if (more) { more.hidden = shown >= matches.length; }
    }

    function changed() {
      state = fromControls();
      toHash();
      apply();
    }

    form.addEventListener("input", changed);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); changed(); });
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    if (more) { more.addEventListener("click", showMore); }
    window.addEventListener("hashchange", function () {
      // An in-page anchor (the skip link's #main) is not a filter: keep the state.
      if (exported || !isFilterHash()) { return; }
      state = fromHash();
      toControls();
      toHash();
      apply();
    });

    // In the one-file export a link leads to the list by its page anchor; a
    // filter it carries (coverage.html's cells) comes in data-cxsite-filter-state.
    // (Asked at the click: export.js may define cxsiteExport after this ran.)
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest ? ev.target.closest("a[data-cxsite-filter-state]") : null;
      if (!a || !window.cxsiteExport) { return; }
      var s = {};
      new URLSearchParams(a.getAttribute("data-cxsite-filter-state")).forEach(function (v, k) { if (KEYS.indexOf(k) >= 0 && v) { s[k] = v; } });
      state = s;
      toControls();
      apply();
    });

    // Start: the hash, or ?q= from another page's search box (without JavaScript there).
    state = exported ? {} : fromHash();
    var q = new URLSearchParams(location.search).get("q");
    if (q && !state.q) { state.q = q; }
    // Words typed (or restored by the browser) before this script ran are kept.
    if (!active()) { state = fromControls(); }
    var asked = JSON.stringify(state);
    toControls();
    // The address says what is applied (a value the page no longer offers is dropped from it).
    if (active() || JSON.stringify(state) !== asked) { toHash(); }
    if (active()) {
      apply();
    } else {
      report();
    }
    // For the benchmark (bench/search_latency.mjs): when search answers.
    performance.mark("cxsite:search-ready");
  }
})();
