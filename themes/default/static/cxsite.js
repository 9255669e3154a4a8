// cxsite: small progressive enhancements; every page works without it.
(function () {
  "use strict";
  // The header's search box leads to insights.html with the words in the hash
  // (#q=…), which the insights page reads; there it searches in place.
  var form = document.querySelector("form.site-search");
  if (!form) { return; }
  var box = form.querySelector("input[name=q]");
  form.addEventListener("submit", function (ev) {
    var q = box ? box.value.trim() : "";
    ev.preventDefault();
    var search = function () { document.dispatchEvent(new CustomEvent("cxsite:search", { detail: { q: q } })); };
    if (window.cxsiteExport) {
      location.hash = window.cxsiteExport.href("insights.html");
      search();
    } else if (document.querySelector("[data-cxsite-filters]")) {
      search();
    } else {
      location.href = form.getAttribute("action") + (q ? "#" + new URLSearchParams({ q: q }).toString() : "");
    }
  });
})();
