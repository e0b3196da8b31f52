// Offline support: registers the service worker (sw.js, generated at build time) so that after one visit
// every page, the search and the quiz work with the network off, and tells the reader when a new version
// of the site is ready. A plain script: no framework, and nothing here is needed for the site to work.
(function () {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var scope = typeof __md_scope !== "undefined" ? __md_scope : new URL(".", location);

  function announceUpdate(worker) {
    if (document.querySelector(".site-update")) return;
    var box = document.createElement("div");
    box.className = "site-update";
    box.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = "A new version of this site is ready. Your saved quiz answers are kept.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Load the new version";
    button.addEventListener("click", function () {
      worker.postMessage({ type: "SKIP_WAITING" });
    });
    box.appendChild(text);
    box.appendChild(button);
    document.body.appendChild(box);
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) announceUpdate(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        // "installed" with a controller means an older version still runs this page.
        if (worker.state === "installed" && navigator.serviceWorker.controller) announceUpdate(worker);
      });
    });
  }

  var reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (reloading || !document.querySelector(".site-update")) return;
    reloading = true;
    location.reload();
  });

  function register() {
    navigator.serviceWorker
      .register(new URL("sw.js", scope).href, { scope: scope.pathname })
      .then(watch)
      .catch(function () {
        // No service worker (a preview server, or a browser that refuses): the site still works online.
      });
  }

  // Register once the page, and on a quiz page Python, has finished loading, so the precache does not
  // compete with the first visit's own downloads.
  function whenSettled(callback) {
    var quiz = document.querySelector("fieldset.quiz-question");
    var waited = 0;
    (function check() {
      if (!quiz || document.documentElement.hasAttribute("data-quiz-ready") || waited >= 10000) return callback();
      waited += 250;
      setTimeout(check, 250);
    })();
  }

  if (document.readyState === "complete") whenSettled(register);
  else window.addEventListener("load", function () { whenSettled(register); });
})();
