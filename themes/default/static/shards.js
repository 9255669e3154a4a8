// cxsite: what the pages with a sharded search index share (insights.html's
// search/ and the portfolio's portfolio-search/, docs/search.md): loading the
// index's files with script tags (no fetch, so it works from file://), and
// folding and cutting text into words as the index was made (src/render/shards.rs).
(function () {
  "use strict";
  if (window.cxsiteIndex) { return; }
  // Each file of an index hands its data to cxsiteShard(key, data).
  if (!window.cxsiteShard) {
    window.cxsiteShard = function (k, d) { (window.cxsiteShards = window.cxsiteShards || {})[k] = d; };
  }
  function shards() { return window.cxsiteShards || (window.cxsiteShards = {}); }
  var waiting = {};

  /** Calls `done` once every [key, file] of `files` has run (at once when all have). */
  function need(files, done) {
    var left = 0;
    function one() { if (--left === 0) { done(); } }
    files.forEach(function (f) {
      var key = f[0];
      if (shards()[key] !== undefined) { return; }
      left++;
      if (waiting[key]) { waiting[key].push(one); return; }
      waiting[key] = [one];
      var tag = document.createElement("script");
      tag.src = f[1];
      tag.onload = tag.onerror = function () {
        // A file that failed to load counts as empty: no results rather than none ever.
        if (shards()[key] === undefined) { shards()[key] = null; }
        var calls = waiting[key];
        delete waiting[key];
        calls.forEach(function (c) { c(); });
      };
      document.body.appendChild(tag);
    });
    if (left === 0) { done(); }
  }

  window.cxsiteIndex = {
    shards: shards,
    need: need,
    /** Lower case without accents; the index is folded the same way. */
    fold: function (s) { return String(s || "").toLowerCase().normalize("NFD").replace(/\p{M}/gu, ""); },
    /** Words: runs of letters and digits, as the index splits its text. */
    words: function (s) { return s.split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean); },
    /** The first two characters of a word: which words file holds it. */
    keyOf: function (w) { return Array.from(w).slice(0, 2).join(""); },
    /** A test for "a word of the text starts with `term`" (folded text and term). */
    startsWord: function (term) {
      return new RegExp("(?:^|[^\\p{Alphabetic}\\p{N}])" + term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u");
    }
  };
})();
