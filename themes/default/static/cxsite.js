// cxsite: small progressive enhancements; every page works without it.
(function () {
  "use strict";
  // Carry a search from the header box into the insights page's field, when present.
  var params = new URLSearchParams(window.location.search);
  var q = params.get("q");
  var box = document.querySelector(".site-search input");
  if (q && box) { box.value = q; }
})();
