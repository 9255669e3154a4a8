// cxsite serve: reload the page after a rebuild, show errors as an overlay.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = me ? me.getAttribute("data-version") : null;
  var OVERLAY = "cxsite-overlay";

  function clear() {
    var o = document.getElementById(OVERLAY);
    if (o) { o.parentNode.removeChild(o); }
  }

  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) { e.setAttribute("style", style); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function show(errors) {
    clear();
    var box = el("div", "position:fixed;inset:0;z-index:2147483647;background:rgba(20,24,33,.92);color:#f5f5f5;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow:auto;padding:2rem;");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    var n = errors.filter(function (d) { return d.severity === "error"; }).length;
    box.appendChild(el("h2", "margin:0 0 1rem;font:600 18px system-ui,sans-serif;color:#ff8a80",
      "cxsite: " + n + " error" + (n === 1 ? "" : "s") + " \u2014 showing the last good version until the next good save"));
    errors.forEach(function (d) {
      var item = el("div", "margin:0 0 1rem;padding:.6rem .8rem;border-left:4px solid " +
        (d.severity === "error" ? "#ff5252" : "#ffb74d") + ";background:rgba(255,255,255,.05)");
      item.className = "cxsite-diagnostic";
      if (d.file) { item.appendChild(el("div", "color:#90caf9", d.file + ":" + d.line + ":" + d.col)); }
      item.appendChild(el("div", "", d.severity + ": " + d.message));
      if (d.help) { item.appendChild(el("div", "color:#b9f6ca", "help: " + d.help)); }
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }

  function onState(e) {
    var state = JSON.parse(e.data);
    if (state.errors && state.errors.length) { show(state.errors); return; }
    clear();
    if (version !== null && state.version !== version) { window.location.reload(); }
    version = state.version;
  }

  if (!window.EventSource) { return; }
  // The page's path, so the server renders this page first after a change.
  var source = new EventSource("/__cxsite/events?page=" + encodeURIComponent(window.location.pathname));
  source.addEventListener("hello", onState);
  source.addEventListener("update", onState);
  // EventSource reconnects by itself (retry: 500 ms) when the server restarts.
})();
