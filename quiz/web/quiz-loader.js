// Starts the quiz's Python without holding up the page. Loaded on quiz pages only; the build writes the
// runtime's addresses, relative to the page, into this tag's data attributes (quiz/page.py).
//
// Why not plain <link rel=preload> tags and a module script in <head>: those ask for PyScript, the
// interpreter and the quiz's Python (about 270 KB compressed) at the same high priority as the stylesheet,
// so on a slow connection the article text waited for the quiz. Here they are requested right after the
// first paint, all at once (PyScript alone would find them one after another), and PyScript itself is
// added once the page is parsed, when the <mpy-script> and <py-config> it reads at start exist.
(function () {
  var tag = document.currentScript;
  var requested = false;

  function list(name) {
    return (tag.getAttribute(name) || "").split(" ").filter(Boolean);
  }

  function link(rel, href, asFetch) {
    var node = document.createElement("link");
    node.rel = rel;
    node.href = href;
    if (asFetch) {
      // Matches PyScript's own fetch() calls, so the browser reuses these responses.
      node.as = "fetch";
      node.crossOrigin = "anonymous";
    }
    document.head.appendChild(node);
  }

  function request() {
    if (requested) return;
    requested = true;
    list("data-modules").forEach(function (href) { link("modulepreload", href, false); });
    list("data-files").forEach(function (href) { link("preload", href, true); });
  }

  function start() {
    request();
    var core = document.createElement("script");
    core.type = "module";
    core.src = tag.getAttribute("data-pyscript");
    document.head.appendChild(core);
  }

  // After the first contentful paint: the browser reports it once the text is on screen. Where paint
  // timing is missing, the first animation frame's callback runs before that frame paints and a timeout
  // set there runs after. A hidden tab never paints: start() then requests everything itself.
  function afterFirstPaint(callback) {
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (types && types.indexOf("paint") !== -1) {
      var observer = new PerformanceObserver(function (entries) {
        entries.getEntriesByName("first-contentful-paint").forEach(function () {
          observer.disconnect();
          callback();
        });
      });
      observer.observe({ type: "paint", buffered: true });
    } else if (window.requestAnimationFrame) {
      requestAnimationFrame(function () { setTimeout(callback, 0); });
    }
  }

  afterFirstPaint(request);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
