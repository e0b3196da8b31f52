// Loaded on quiz pages before the quiz's Python starts (quiz/page.py; the take-away copy inlines it).
(function () {
  // localStorage for the quiz's Python. MicroPython cannot catch an exception thrown by a JavaScript function
  // it calls: a full quota or storage the browser refuses would stop the quiz mid-action. Each call here
  // returns instead: get gives the value or null, set and remove give "" when done, else the error's name.
  function failure(error) {
    return String((error && error.name) || "Error");
  }

  window.quizStorage = {
    get: function (key) {
      try {
        return window.localStorage.getItem(key);
      } catch (error) {
        return null;
      }
    },
    set: function (key, value) {
      try {
        window.localStorage.setItem(key, value);
        return "";
      } catch (error) {
        return failure(error);
      }
    },
    remove: function (key) {
      try {
        window.localStorage.removeItem(key);
        return "";
      } catch (error) {
        return failure(error);
      }
    },
  };

  // Another tab or window of this site saved something: the quiz's Python hears it on document, as a
  // "quiz:storage" event with {key, value} (value null when removed). It cannot listen on window itself:
  // PyScript's own wrapper of addEventListener refuses the window as MicroPython hands it over.
  window.addEventListener("storage", function (event) {
    if (event.storageArea !== window.localStorage) return;
    var detail = { key: event.key, value: event.newValue };
    document.dispatchEvent(new CustomEvent("quiz:storage", { detail: detail }));
  });
})();
