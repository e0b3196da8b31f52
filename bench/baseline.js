// Benchmark baseline: the same quiz markup enhanced by plain JavaScript, no Python. It does the work
// quiz/browser/app.py does at start (read the answer keys, hide the answers, add the form and its buttons), so the
// difference in time to ready is the cost of starting Python.
(function () {
  const fieldsets = Array.from(document.querySelectorAll("fieldset.quiz-question"));
  if (!fieldsets.length) return;
  const form = document.createElement("form");
  form.className = "quiz";
  form.noValidate = true;
  fieldsets[0].before(form);
  const keys = fieldsets.map((fieldset) => {
    form.append(fieldset);
    fieldset.querySelector("details.quiz-answer").hidden = true;
    return JSON.parse(fieldset.dataset.quizKey);
  });
  const submit = document.createElement("button");
  submit.type = "submit";
  submit.className = "md-button md-button--primary";
  submit.textContent = "Check my answers";
  const result = document.createElement("p");
  result.setAttribute("aria-live", "polite");
  form.append(submit, result);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    let earned = 0;
    keys.forEach((key, index) => {
      const chosen = Array.from(fieldsets[index].querySelectorAll("input:checked"), (input) => input.value);
      const right = chosen.filter((value) => key.correct.includes(value)).length;
      const share = Math.max(0, right - (chosen.length - right)) / key.correct.length;
      earned += key.type === "single" ? (chosen.length === 1 && right === 1 ? 1 : 0) : share;
    });
    result.textContent = "You scored " + Math.round(earned * 100) / 100 + " of " + keys.length + ".";
  });
  form.setAttribute("data-quiz-state", "ready");
  performance.mark("quiz-ready");
})();
