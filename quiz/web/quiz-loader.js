// Starts the quiz's Python without holding up the page. Loaded on quiz pages only; the build writes the
// runtime's addresses, relative to the page, into this tag's data attributes (quiz/page.py).
//
// Why not <link rel=preload> tags and a module script in <head>: those ask for PyScript, the
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

  function link(rel, href) {
    var node = document.createElement("link");
    node.rel = rel;
    node.href = href;
    document.head.appendChild(node);
  }

  // The interpreter and the quiz's Python are fetched here and each response handed, once, to PyScript's
  // own fetch() of the same address. Not <link rel=preload as=fetch>: WebKit never gives a preloaded
  // response to a later fetch(), so Safari readers downloaded those files twice.
  var early = {};
  var networkFetch = window.fetch;

  function absolute(input) {
    return new URL(input, document.baseURI).href;
  }

  function fetchEarly(href) {
    var url = absolute(href);
    early[url] = networkFetch.call(window, url);
    // A failure is PyScript's to see when it asks for the file; until then it is not unhandled.
    early[url].catch(function () {});
  }

  window.fetch = function (input, init) {
    var plain = (typeof input === "string" || input instanceof URL) && !(init && init.method && init.method !== "GET");
    var url = plain && absolute(input);
    if (plain && early[url]) {
      var response = early[url];
      delete early[url];
      return response;
    }
    return networkFetch.apply(this, arguments);
  };

  function request() {
    if (requested) return;
    requested = true;
    list("data-modules").forEach(function (href) { link("modulepreload", href); });
    list("data-files").forEach(fetchEarly);
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
