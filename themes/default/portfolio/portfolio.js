// The portfolio page: filters for the study cards (client, year, tag) and a
// search across every study. The index is in portfolio-search/ (docs/search.md):
// index.js (loaded by the page with a script tag, so it works from file://)
// holds the studies and each entry's kind, title and page; a query word loads
// the one words-N.js of its first two letters (static/shards.js), and the
// results show as soon as the files of the query's words have run. Results
// are grouped by study and link into that study's pages.
(function () {
  "use strict";
  var form = document.querySelector(".portfolio-search");
  var filters = document.querySelector(".portfolio-filters");
  var input = document.getElementById("portfolio-q");
  var status = document.getElementById("portfolio-status");
  var results = document.getElementById("portfolio-results");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".study-card"));
  var X = window.cxsiteIndex;
  var data = window.cxsitePortfolio;
  if (!form || !filters || !input || !X) return;
  form.hidden = false;
  filters.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  // The index's folder, as the page names it (a sub-path or file:// alike).
  var base = document.querySelector("script[data-portfolio-index]");
  var dir = base ? base.getAttribute("src").split("?")[0].replace(/[^\/]*$/, "") : "portfolio-search/";

  // Entries are numbered across the studies in the index's order (the words files' numbers).
  var studies = [];
  var entries = [];
  ((data && data.studies) || []).forEach(function (s, k) {
    studies.push({ id: s.id, title: s.title, client: s.client });
    s.items.forEach(function (it) { entries.push({ s: k, k: it[0], t: it[1], h: it[2], n: X.fold(it[1]) }); });
  });

  function selected() {
    var f = {};
    filters.querySelectorAll("select").forEach(function (s) { f[s.getAttribute("data-filter")] = s.value; });
    return f;
  }
  function visible(card, f) {
    if (f.client && card.getAttribute("data-client") !== f.client) return false;
    if (f.year && card.getAttribute("data-year") !== f.year) return false;
    if (f.tag && card.getAttribute("data-tags").split("|").indexOf(f.tag) < 0) return false;
    return true;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** The words file of a query word of two letters or more (undefined: no word starts so). */
  function wordsFile(term) {
    var n = data && data.keys[X.keyOf(term)];
    return n === undefined ? undefined : ["w" + n, dir + "words-" + n + ".js?v=" + data.w[n]];
  }
  /** For a word of two letters or more: a flag per entry, set when one of its words starts with it. */
  function hits(term) {
    var flags = new Uint8Array(entries.length);
    var n = data.keys[X.keyOf(term)];
    var group = n === undefined ? null : (X.shards()["w" + n] || {})[X.keyOf(term)];
    for (var w in group || {}) {
      if (w.lastIndexOf(term, 0) !== 0) continue;
      var id = 0, gaps = group[w];
      for (var g = 0; g < gaps.length; g++) { id += gaps[g]; flags[id] = 1; }
    }
    return flags;
  }

  // Each search gets a number: an answer that comes late is dropped.
  var generation = 0;
  function update() {
    var mine = ++generation;
    var f = selected();
    var shown = {};
    cards.forEach(function (c) {
      var ok = visible(c, f);
      c.hidden = !ok;
      if (ok) shown[c.getAttribute("data-study")] = true;
    });
    var terms = X.words(X.fold(input.value));
    if (!terms.length) { results.textContent = ""; status.textContent = ""; return; }
    var long = terms.filter(function (t) { return Array.from(t).length > 1; });
    results.setAttribute("aria-busy", "true");
    X.need(long.map(wordsFile).filter(Boolean), function () {
      if (mine === generation) paint(terms, shown);
    });
  }

  function paint(terms, shown) {
    var res = terms.map(function (t) { return X.startsWord(t); });
    // A one-letter word looks at the title's words only.
    var flags = terms.map(function (t) { return Array.from(t).length > 1 ? hits(t) : null; });
    var groups = studies.map(function () { return [[], []]; });
    entries.forEach(function (e, n) {
      if (!shown[studies[e.s].id]) return;
      var inTitle = true;
      for (var k = 0; k < terms.length; k++) {
        var t = res[k].test(e.n);
        if (flags[k] ? !flags[k][n] : !t) return;
        inTitle = inTitle && t;
      }
      // Entries with every word in their title come first.
      groups[e.s][inTitle ? 0 : 1].push(e);
    });
    results.textContent = "";
    var total = 0;
    groups.forEach(function (g, k) {
      var hits = g[0].concat(g[1]);
      if (!hits.length) return;
      var s = studies[k];
      total += hits.length;
      var group = el("section", "portfolio-group");
      group.setAttribute("data-study", s.id);
      var h = el("h3", "portfolio-group-title");
      var a = el("a", "", s.title);
      a.href = s.id + "/index.html";
      h.appendChild(a);
      if (s.client) h.appendChild(el("span", "study-client", " · " + s.client));
      group.appendChild(h);
      var list = el("ul", "portfolio-hits");
      hits.slice(0, 20).forEach(function (it) {
        var li = el("li", "portfolio-hit");
        li.appendChild(el("span", "badge", form.getAttribute("data-kind-" + it.k) || it.k));
        li.appendChild(document.createTextNode(" "));
        var link = el("a", "", it.k === "q" ? "“" + it.t + "”" : it.t);
        link.href = s.id + "/" + it.h;
        li.appendChild(link);
        list.appendChild(li);
      });
      group.appendChild(list);
      results.appendChild(group);
    });
    status.textContent = total ? total + " " + form.getAttribute("data-results") : form.getAttribute("data-none");
    results.removeAttribute("aria-busy");
    // For the tests and the benchmark (bench/search_latency.mjs): when results are on the page.
    performance.mark("cxsite:results");
  }

  input.addEventListener("input", update);
  filters.addEventListener("change", update);
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; }
  update();
})();
