// The portfolio page: filters for the study cards (client, year, tag) and a
// search across every study, from window.cxsitePortfolio (portfolio-search.js,
// loaded with a script tag so it works from file://). Results are grouped by
// study and link into that study's pages.
(function () {
  "use strict";
  var form = document.querySelector(".portfolio-search");
  var filters = document.querySelector(".portfolio-filters");
  var input = document.getElementById("portfolio-q");
  var status = document.getElementById("portfolio-status");
  var results = document.getElementById("portfolio-results");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".study-card"));
  if (!form || !filters || !input) return;
  form.hidden = false;
  filters.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var data = (window.cxsitePortfolio && window.cxsitePortfolio.studies) || [];
  var studies = data.map(function (s) {
    return {
      id: s.id, title: s.title, client: s.client,
      items: s.items.map(function (it) { return { k: it.k, t: it.t, h: it.h, n: fold(it.t), x: fold(it.x) }; })
    };
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

  function update() {
    var f = selected();
    var shown = {};
    cards.forEach(function (c) {
      var ok = visible(c, f);
      c.hidden = !ok;
      if (ok) shown[c.getAttribute("data-study")] = true;
    });
    results.textContent = "";
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    if (!words.length) { status.textContent = ""; return; }
    var total = 0;
    studies.forEach(function (s) {
      if (!shown[s.id]) return;
      var hits = s.items.filter(function (it) {
        return words.every(function (w) { return it.n.indexOf(w) >= 0 || it.x.indexOf(w) >= 0; });
      });
      if (!hits.length) return;
      hits.sort(function (a, b) {
        var ta = words.every(function (w) { return a.n.indexOf(w) >= 0; }) ? 0 : 1;
        var tb = words.every(function (w) { return b.n.indexOf(w) >= 0; }) ? 0 : 1;
        return ta - tb;
      });
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
  }

  input.addEventListener("input", update);
  filters.addEventListener("change", update);
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; }
  update();
})();
