// Offline support: registers the service worker (sw.js, generated at build time) through Workbox's window
// library (assets/vendor/workbox/workbox-window.prod.umd.js, loaded just before this file), so that after
// one visit every page, the search and the quiz work with the network off, and tells the reader when a new
// version of the site is ready. The site works online without any of this, but a registration that fails
// is never hidden: it is logged as a warning and html[data-offline] says "failed" ("ready" once a worker
// is active).
(function () {
  "use strict";

  // The site's own words (the quiz's live in its string catalogue).
  var TEXT = {
    updateReady:
      "A new version of this site is ready. Your saved quiz answers are kept, except for questions that " +
      "changed: the quiz names those when it opens.",
    loadUpdate: "Load the new version",
  };
  // After the load event, a quiz page waits this long for the quiz to be ready before registering anyway:
  // a quiz that never starts (it shows its fallback) must not keep the rest of the site from going offline.
  var QUIZ_WAIT_MS = 10000;
  // Installing downloads the whole site once; a worker still not active after this is reported as stuck.
  var STUCK_AFTER_MS = 120000;

  var root = document.documentElement;
  // Opened from disk there is no service worker to have: nothing to do, and nothing failed.
  if (!/^https?:$/.test(location.protocol)) return;

  function setState(state) {
    root.setAttribute("data-offline", state);
  }

  function fail(reason, error) {
    console.warn("Offline support is off: " + reason, error || "");
    setState("failed");
  }

  if (!("serviceWorker" in navigator)) {
    // Browsers expose service workers only to secure contexts: https, or http on localhost.
    fail("this browser offers no service worker here (is the site served over https?)");
    return;
  }
  if (typeof workbox === "undefined" || typeof workbox.Workbox !== "function") {
    fail("workbox-window did not load");
    return;
  }

  var scope = typeof __md_scope !== "undefined" ? __md_scope : new URL(".", location);
  var wb = new workbox.Workbox(new URL("sw.js", scope).href, { scope: scope.pathname });
  var prompted = false;
  var reloading = false;

  function offerUpdate() {
    // Only a page an older version controls can switch; a page no worker controls just loads anew.
    if (!navigator.serviceWorker.controller || document.querySelector(".site-update")) return;
    prompted = true;
    var box = document.createElement("div");
    box.className = "site-update";
    box.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = TEXT.updateReady;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = TEXT.loadUpdate;
    button.addEventListener("click", function () {
      wb.messageSkipWaiting();
    });
    box.appendChild(text);
    box.appendChild(button);
    document.body.appendChild(box);
  }

  // A new build waits beside the old one until the reader chooses, so old HTML never meets new Python.
  wb.addEventListener("waiting", offerUpdate);
  wb.addEventListener("controlling", function () {
    // The new version took over (from this tab or another one where the reader chose): reload into it.
    if (!prompted || reloading) return;
    reloading = true;
    location.reload();
  });

  var controllerAtStart = navigator.serviceWorker.controller;
  var registration = null;
  var installed = [];
  wb.addEventListener("installed", function (event) {
    installed.push(event.sw);
  });
  wb.addEventListener("redundant", function (event) {
    // Replaced after a successful install is the normal end of a worker; redundant straight from
    // installing means its install failed, usually a file of the precache list that did not download.
    if (event.sw === controllerAtStart || installed.indexOf(event.sw) !== -1) return;
    if (registration && registration.active) {
      console.warn("A new version of the site could not be installed for offline use; the current one stays.");
    } else {
      fail("the service worker could not install (a file of its precache list failed to download?)");
    }
  });

  function register() {
    var settled = false;
    var stuck = setTimeout(function () {
      if (!settled) fail("the service worker is still not active after " + STUCK_AFTER_MS / 1000 + " s");
    }, STUCK_AFTER_MS);
    navigator.serviceWorker.ready.then(function () {
      settled = true;
      clearTimeout(stuck);
      setState("ready");
    });
    wb.register()
      .then(function (registered) {
        if (!registered) throw new Error("no registration returned");
        registration = registered;
      })
      .catch(function (error) {
        settled = true;
        clearTimeout(stuck);
        fail("the service worker could not be registered", error);
      });
  }

  // Register once the page, and on a quiz page the quiz, has finished loading, so the precache does not
  // compete with the first visit's own downloads. The quiz announces itself with a `quiz:ready` event,
  // and marks html[data-quiz-ready] for whoever arrives after it.
  function whenSettled(callback) {
    var loaded = document.readyState === "complete";
    var quizSettled = !document.querySelector("[data-quiz-question]") || root.hasAttribute("data-quiz-ready");
    var called = false;
    function check() {
      if (called || !loaded || !quizSettled) return;
      called = true;
      callback();
    }
    if (!quizSettled) {
      document.addEventListener("quiz:ready", function () {
        quizSettled = true;
        check();
      });
    }
    function onLoad() {
      loaded = true;
      if (!quizSettled) {
        setTimeout(function () {
          quizSettled = true;
          check();
        }, QUIZ_WAIT_MS);
      }
      check();
    }
    if (loaded) onLoad();
    else window.addEventListener("load", onLoad);
  }

  whenSettled(register);
})();
