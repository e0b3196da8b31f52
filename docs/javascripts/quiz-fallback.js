// When the interactive quiz cannot start, say so in words, and point to what still works: every question
// and its answer are already on the page as plain HTML. Loaded on quiz pages only, before PyScript, as a
// plain script so that it runs even where module scripts cannot (a page opened from disk).
(function () {
  var TIMEOUT = 20000;
  var shown = false;

  function ready() {
    return document.documentElement.hasAttribute("data-quiz-ready");
  }

  function show(reason) {
    if (shown || ready()) return;
    var first = document.querySelector("fieldset.quiz-question");
    if (!first) return;
    shown = true;
    var box = document.createElement("div");
    box.className = "admonition warning quiz-fallback";
    box.setAttribute("role", "alert");
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "The interactive quiz could not start";
    var text = document.createElement("p");
    text.textContent = reason + " You can still answer each question below and open \u201cShow the answer\u201d to check it.";
    box.appendChild(title);
    box.appendChild(text);
    if (location.protocol === "file:") {
      var more = document.createElement("p");
      var link = document.createElement("a");
      link.href = "ankle-mobility-offline.html";
      link.textContent = "the single-file copy of the article and quiz";
      more.appendChild(document.createTextNode("For the full quiz without a network, open "));
      more.appendChild(link);
      more.appendChild(document.createTextNode(", or serve this folder (for example with python3 -m http.server) and open it in your browser."));
      box.appendChild(more);
    }
    document.documentElement.setAttribute("data-quiz-failed", "");
    first.parentNode.insertBefore(box, first);
  }

  function onProblem(message) {
    if (!ready()) show(message);
  }

  function start() {
    if (location.protocol === "file:") {
      show("Browsers do not run it from a page opened straight from your disk.");
    } else if (typeof WebAssembly !== "object") {
      show("This browser does not allow WebAssembly, which the quiz needs.");
    }
    setTimeout(function () {
      onProblem("It did not finish loading.");
    }, TIMEOUT);
  }

  // A failed download of the interpreter or of the quiz's Python shows up as one of these.
  window.addEventListener("unhandledrejection", function () {
    onProblem("Part of it failed to load.");
  });
  window.addEventListener("error", function (event) {
    var target = event.target && (event.target.src || event.target.href);
    var source = (event.filename || "") + " " + (event.message || "") + " " + (target || "");
    if (/vendor|quiz|wasm|WebAssembly|micropython|pyscript/i.test(source)) onProblem("Part of it failed to load.");
  }, true);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
