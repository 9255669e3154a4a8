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
    // On insights.html (or in the one-file export, where it is a section) the
    // words go into its search field, which searches as the reader types.
    var field = document.querySelector('[data-cxsite-filter="q"]');
    if (window.cxsiteExport) { location.hash = window.cxsiteExport.href("insights.html"); }
    if (field) {
      field.value = q;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    } else {
      location.href = form.getAttribute("action") + (q ? "#" + new URLSearchParams({ q: q }).toString() : "");
    }
  });
})();
