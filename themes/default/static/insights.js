// cxsite: search and filters on insights.html.
// The index is in search/ (docs/search.md), in scripts loaded by script tags
// (so it works from file://, by static/shards.js) only when needed: search/index.js holds every
// insight's facets and folded title; search/words-N.js the words by their
// first two letters; search/cards-N.js the cards (in pieces). The filter state lives in
// the URL hash (#q=doubt&persona=sophie), so a filtered view can be shared.
(function () {
  "use strict";
  var form = document.querySelector("[data-cxsite-filters]");
  var list = document.querySelector("[data-cxsite-results]");
  if (!form || !list) { return; }
  var src = list.getAttribute("data-cxsite-script") || "";
  // The folder of the index, relative to this page ("search/").
  var dir = src.split("?")[0].replace(/[^\/]*$/, "");

  // Loading the index's files, folding and words: static/shards.js.
  var X = window.cxsiteIndex;
  if (!X) { return; }
  var shards = X.shards, need = X.need, fold = X.fold, words = X.words, keyOf = X.keyOf;

  if (window.cxsiteSearch) {
    start(window.cxsiteSearch);
  } else {
    // The index loads after the first paint, so the page shows at once.
    requestAnimationFrame(function () {
      setTimeout(function () {
        var tag = document.createElement("script");
        tag.src = src;
        tag.onload = function () { if (window.cxsiteSearch) { start(window.cxsiteSearch); } };
        document.body.appendChild(tag);
      }, 0);
    });
  }

  function start(data) {
    var status = document.querySelector("[data-cxsite-status]");
    var more = document.querySelector("[data-cxsite-more]");

    // Each insight is a row: its facet values as numbers into data.tables
    // (-1 for none), in the order of FACETS, then its folded title.
    var T = data.tables;
    var entries = data.insights;
    var FACETS = ["persona", "journey", "stage", "bias", "tag", "confidence", "impact", "status", "source", "method", "change"];
    var step = data.page || 50;
    var per = data.per || 25;
    // The cards the page opened with are the index's first ones (one element
    // each): the cards files they fill need not load.
    var opened = list.children;
    if (!window.cxsiteExport && opened.length === Math.min(step, entries.length)) {
      for (var f = 0; (f + 1) * per <= opened.length || (f * per < opened.length && opened.length === entries.length); f++) {
        var cards = [];
        for (var n = f * per; n < Math.min((f + 1) * per, opened.length); n++) { cards.push(opened[n].outerHTML); }
        if (shards()["c" + f] === undefined) { shards()["c" + f] = cards; }
      }
    }
    // In the one-file export every page shares one hash: keep the state in memory.
    var exported = window.cxsiteExport;
    var KEYS = ["q", "persona", "journey", "stage", "bias", "tag", "confidence", "impact", "status", "source", "method", "change"];
    var controls = {};
    KEYS.forEach(function (k) { controls[k] = form.querySelector('[data-cxsite-filter="' + k + '"]'); });

    var state = {};
    var matches = entries.map(function (r, n) { return n; });
    var shown = Math.min(step, entries.length);
    // Each search or "show more" gets a number: an answer that comes late is dropped.
    var generation = 0;

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

    /** The words file of a query word of two letters or more (undefined: no word starts so). */
    function wordsFile(term) {
      var n = data.keys[keyOf(term)];
      return n === undefined ? undefined : ["w" + n, dir + "words-" + n + ".js?v=" + data.w[n]];
    }

    var hitCache = {};
    /** For a word of two letters or more: a flag per insight, set when one of its words starts with it. */
    function hits(term) {
      if (hitCache[term]) { return hitCache[term]; }
      var flags = new Uint8Array(entries.length);
      var n = data.keys[keyOf(term)];
      var group = n === undefined ? null : (shards()["w" + n] || {})[keyOf(term)];
      for (var w in group || {}) {
        if (w.lastIndexOf(term, 0) !== 0) { continue; }
        var id = 0, gaps = group[w];
        for (var g = 0; g < gaps.length; g++) { id += gaps[g]; flags[id] = 1; }
      }
      hitCache[term] = flags;
      return flags;
    }

    var startsCache = {};
    /** Whether a word of insight n's title starts with `term`. */
    function inTitleWord(n, term) {
      var re = startsCache[term] || (startsCache[term] = X.startsWord(term));
      return re.test(entries[n][11]);
    }

    /** The chosen filters as [field, number] (number -2 for a value no insight has). */
    function chosen() {
      var out = [];
      FACETS.forEach(function (f, k) {
        if (state[f]) { var n = T[k].indexOf(state[f]); out.push([k, n < 0 ? -2 : n]); }
      });
      return out;
    }

    function keep(n, filters, terms, flags) {
      var r = entries[n];
      for (var f = 0; f < filters.length; f++) {
        var v = r[filters[f][0]], want = filters[f][1];
        if (typeof v === "number" ? v !== want : v.indexOf(want) < 0) { return false; }
      }
      for (var k = 0; k < terms.length; k++) {
        // A one-letter word looks at the title's words only.
        if (flags[k] ? !flags[k][n] : !inTitleWord(n, terms[k])) { return false; }
      }
      return true;
    }

    function inTitle(n, terms) {
      for (var k = 0; k < terms.length; k++) { if (!inTitleWord(n, terms[k])) { return false; } }
      return true;
    }

    /** Filters the index; insights with every word in their title come first. */
    function apply(then) {
      var mine = ++generation;
      list.setAttribute("aria-busy", "true");
      var terms = words(fold(state.q || ""));
      var long = terms.filter(function (t) { return Array.from(t).length > 1; });
      var files = long.map(wordsFile).filter(Boolean);
      need(files, function () {
        if (mine !== generation) { return; }
        var flags = terms.map(function (t) { return Array.from(t).length > 1 ? hits(t) : null; });
        var filters = chosen();
        var first = [], rest = [];
        for (var n = 0; n < entries.length; n++) {
          if (keep(n, filters, terms, flags)) { (terms.length && inTitle(n, terms) ? first : rest).push(n); }
        }
        matches = first.length ? first.concat(rest) : rest;
        shown = 0;
        showMore(true, then);
      });
    }

    /** Insight n's card: undefined while its cards file has not run. A cards
     * file holds each card in parts, a number standing for a piece of its
     * table (docs/search.md); the cards the page opened with are whole. */
    function cardOf(n) {
      var file = shards()["c" + Math.floor(n / per)];
      if (file === undefined) { return undefined; }
      if (!file) { return ""; }
      if (Array.isArray(file)) { return file[n % per] || ""; }
      var parts = file.c[n % per] || [], html = "";
      for (var k = 0; k < parts.length; k++) { html += typeof parts[k] === "number" ? file.t[parts[k]] : parts[k]; }
      return html;
    }

    /** Shows the next cards (in place of the list with `fresh`) as their
     * files run, in order; then calls `then`. The list is aria-busy meanwhile. */
    function showMore(fresh, then) {
      var mine = fresh === true ? generation : ++generation;
      list.setAttribute("aria-busy", "true");
      var next = matches.slice(shown, shown + step);
      var done = 0;
      var files = {};
      next.forEach(function (n) {
        var f = Math.floor(n / per);
        files[f] = ["c" + f, dir + "cards-" + f + ".js?v=" + data.c[f]];
      });
      // Shows the cards whose files have run, up to the first that has not.
      function flush() {
        if (mine !== generation) { return; }
        var html = [], card;
        while (done < next.length && (card = cardOf(next[done])) !== undefined) { html.push(card); done++; }
        if (!html.length && done < next.length) { return; }
        var box = document.createElement("template");
        box.innerHTML = html.join("");
        if (exported) {
          box.content.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", exported.href(a.getAttribute("href"))); });
        }
        if (fresh === true) { list.textContent = ""; fresh = false; }
        list.appendChild(box.content);
        shown += html.length;
        if (done < next.length) { return; }
        report();
        list.removeAttribute("aria-busy");
        // For the benchmark (bench/search_latency.mjs): when results are on the page.
        performance.mark("cxsite:results");
        if (then) { then(); }
      }
      var keys = Object.keys(files);
      keys.forEach(function (f) { need([files[f]], flush); });
      if (!keys.length) { flush(); }
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
    // filter it carries (coverage.html's cells) comes in data-cxsite-filter-state,
    // which the export adds to such links (src/export/rewrite.rs).
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
    // For the tests and the benchmark (bench/search_latency.mjs): when search
    // answers, with the list of a linked search on show.
    var ready = function () { performance.mark("cxsite:search-ready"); };
    if (active()) {
      apply(ready);
    } else {
      report();
      ready();
    }
  }
})();
