// When the interactive quiz cannot start, say so in words, and point to what still works: every question
// and its answer are already on the page as plain HTML. Loaded on quiz pages only, before PyScript, as a
// plain script so that it runs even where module scripts cannot (a page opened from disk).
//
// Its words come from the page's quiz settings (<script type="application/json" id="quiz-settings">, in
// the site's language), read when a message is shown, by which time the page has been parsed.
(function () {
  // The quiz's controls (progress, status, check buttons) show from the first paint, in their starting
  // state, only where scripts run: quiz.css keys them on this class. A failure takes it away again, and the
  // page reads as it does without JavaScript.
  document.documentElement.classList.add("quiz-js");
  var TIMEOUT = 20000;
  var shown = false;
  var runtime = null;
  var settings = null;

  function setting(name) {
    if (settings === null) {
      settings = {};
      var block = document.getElementById("quiz-settings");
      try {
        if (block) settings = JSON.parse(block.textContent) || {};
      } catch (error) {
        settings = {};
      }
    }
    return settings[name];
  }

  // A catalogue string with its {name} placeholders filled from `values`.
  function text(key, values) {
    var strings = setting("strings") || {};
    var template = typeof strings[key] === "string" ? strings[key] : "";
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && typeof values[name] === "string" ? values[name] : whole;
    });
  }

  function ready() {
    return document.documentElement.hasAttribute("data-quiz-ready");
  }

  function paragraph(content) {
    var node = document.createElement("p");
    node.textContent = content;
    return node;
  }

  function linkToCopy(href) {
    var node = document.createElement("p");
    var link = document.createElement("a");
    link.href = href;
    link.textContent = text("fallback.copy_link");
    node.appendChild(document.createTextNode(text("fallback.copy_before")));
    node.appendChild(link);
    node.appendChild(document.createTextNode(text("fallback.copy_after")));
    return node;
  }

  function show(reasonKey) {
    if (shown || ready()) return;
    var first = document.querySelector("form.quiz") || document.querySelector("fieldset.quiz-question");
    if (!first) return;
    shown = true;
    document.documentElement.classList.remove("quiz-js");
    var box = document.createElement("div");
    box.className = "admonition warning quiz-fallback";
    box.setAttribute("role", "alert");
    var title = paragraph(text("fallback.title"));
    title.className = "admonition-title";
    box.appendChild(title);
    box.appendChild(
      paragraph(text(reasonKey) + " " + text("fallback.still", { show_answer: text("question.show_answer") }))
    );
    if (location.protocol === "file:") {
      // The single-file copy, when the site has one, runs the quiz from disk; a served folder always does.
      var copy = setting("offline_copy");
      box.appendChild(copy ? linkToCopy(copy) : paragraph(text("fallback.serve")));
    }
    document.documentElement.setAttribute("data-quiz-failed", "");
    first.parentNode.insertBefore(box, first);
  }

  // From disk, every failure has the same cause, and the runtime's first failed request can reject before
  // start() runs: the reader is told why (fallback.file), not only that something failed.
  function onProblem(reasonKey) {
    if (!ready()) show(location.protocol === "file:" ? "fallback.file" : reasonKey);
  }

  var timer = null;

  // Once per page shown: on load, and after each of Material's instant navigations, which swap the content
  // under this script (the notice and flags of the page before go with it).
  function start() {
    clearTimeout(timer);
    shown = false;
    settings = null;
    document.documentElement.removeAttribute("data-quiz-failed");
    document.documentElement.classList.add("quiz-js");
    if (!document.querySelector("form.quiz")) return;
    if (location.protocol === "file:") {
      show("fallback.file");
    } else if (typeof WebAssembly !== "object") {
      show("fallback.no_wasm");
    }
    timer = setTimeout(function () {
      onProblem("fallback.timeout");
    }, TIMEOUT);
  }

  function follow() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
    else start();
  }

  // The runtime's own files, exactly: the addresses the build wrote on the loader's tag (quiz/page.py, from
  // quiz/runtime.py) and the loader itself, as absolute URLs. A failed image or script of the page's
  // content, wherever it lives, is not the quiz's failure.
  function isRuntime(url) {
    if (typeof url !== "string" || !url) return false;
    if (runtime === null) {
      var loader = document.querySelector("script[data-pyscript]");
      if (!loader) return false;
      runtime = {};
      var listed = [loader.getAttribute("src"), loader.getAttribute("data-pyscript")];
      ["data-modules", "data-files"].forEach(function (name) {
        listed = listed.concat((loader.getAttribute(name) || "").split(" "));
      });
      listed.forEach(function (href) {
        if (href) runtime[new URL(href, document.baseURI).href] = true;
      });
    }
    return runtime.hasOwnProperty(url.split("#")[0].split("?")[0]);
  }

  // A runtime file the server answered with an error status (a 404 on app.py, say): PyScript reports some
  // of these only in the console, so the notice would otherwise wait for the timeout.
  function watchResponses() {
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (!types || types.indexOf("resource") === -1) return;
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        if (entry.responseStatus >= 400 && isRuntime(entry.name)) onProblem("fallback.failed");
      });
    }).observe({ type: "resource", buffered: true });
  }

  // A failed download of the interpreter or of the quiz's Python shows up as one of these.
  window.addEventListener("unhandledrejection", function () {
    onProblem("fallback.failed");
  });
  // Errors in, or failed loads of, the runtime's own files; other scripts on the page are not the quiz's.
  window.addEventListener("error", function (event) {
    var target = event.target && (event.target.src || event.target.href);
    if (isRuntime(event.filename) || isRuntime(target)) onProblem("fallback.failed");
  }, true);

  watchResponses();
  // The theme's own script (which defines document$) runs at the end of the body: wait for the whole page.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow);
  else follow();
})();
