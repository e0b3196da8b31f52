// Starts the quiz's Python without holding up the page. The build writes the runtime's addresses, relative to
// the page, into this tag's data attributes (quiz/page.py). On a site with Material's instant navigation the
// tag is on every page, and this script runs once, on the page the reader lands on: it starts the quiz on
// that page and on every quiz page reached afterwards (see `follow`).
//
// Why not <link rel=preload> tags and a module script in <head>: those ask for PyScript, the
// interpreter and the quiz's Python (about 270 KB compressed) at the same high priority as the stylesheet,
// so on a slow connection the article text waited for the quiz. Here they are requested right after the
// first paint, all at once (PyScript alone would find them one after another), and PyScript itself is
// added once the page is parsed, when the <mpy-script> and <py-config> it reads at start exist.
(function () {
  // A second copy of the tag (Material moves the next page's head into this one) never runs, but a page may
  // still carry two: one loader per document.
  if (window.__quizLoader) return;
  window.__quizLoader = true;

  var tag = document.currentScript;
  var requested = false;
  var pyscriptAdded = false;

  function absolute(input) {
    return new URL(input, document.baseURI).href;
  }

  // Resolved now, against the page this tag came with: instant navigation changes the page's address later.
  function list(name) {
    return (tag.getAttribute(name) || "").split(" ").filter(Boolean).map(absolute);
  }

  var modules = list("data-modules");
  var files = list("data-files");
  var pyscript = absolute(tag.getAttribute("data-pyscript"));
  var app = absolute(tag.getAttribute("data-app"));
  var config = JSON.parse(tag.getAttribute("data-config") || "{}");
  if (config.interpreter) config.interpreter = absolute(config.interpreter);
  var configFiles = {};
  Object.keys(config.files || {}).forEach(function (url) {
    configFiles[absolute(url)] = config.files[url];
  });
  config.files = configFiles;

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

  function fetchEarly(url) {
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

  function hasQuiz() {
    return document.querySelector("form.quiz") !== null;
  }

  function request() {
    if (requested || !hasQuiz()) return;
    requested = true;
    modules.forEach(function (href) { link("modulepreload", href); });
    files.forEach(fetchEarly);
  }

  // What PyScript reads when it starts: the build writes both at the end of a quiz page's body, and a quiz page
  // reached by instant navigation from a page without a quiz gets them here, with absolute addresses.
  function pyscriptTags() {
    if (document.querySelector("mpy-script")) return;
    var pyConfig = document.createElement("py-config");
    pyConfig.textContent = JSON.stringify({ plugins: config.plugins || [] });
    var script = document.createElement("mpy-script");
    script.setAttribute("src", app);
    script.setAttribute("config", JSON.stringify(config));
    document.body.appendChild(pyConfig);
    document.body.appendChild(script);
  }

  function start() {
    if (!hasQuiz()) {
      // A page without a quiz, reached from one: the flag said the quiz of the page before was ready.
      document.documentElement.removeAttribute("data-quiz-ready");
      return;
    }
    request();
    if (pyscriptAdded) {
      // PyScript runs once per document: the quiz's Python, already running, enhances the new page's quizzes.
      document.documentElement.removeAttribute("data-quiz-ready");
      document.dispatchEvent(new CustomEvent("quiz:mount"));
      return;
    }
    pyscriptAdded = true;
    pyscriptTags();
    var core = document.createElement("script");
    core.type = "module";
    core.src = pyscript;
    document.head.appendChild(core);
  }

  // Material's documented hook for scripts under instant navigation: `document$` emits the document on the
  // first load and after each navigation, which swaps the page's content without loading a new document.
  function follow() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(start);
    } else {
      start();
    }
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
  // The theme's own script (which defines document$) runs at the end of the body: wait for the whole page.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow);
  else follow();
})();
