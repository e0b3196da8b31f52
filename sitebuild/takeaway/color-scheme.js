// Follow the reader's light or dark setting, as the site does: body[data-takeaway-dark] holds the site's
// dark palette ({"scheme", "primary", "accent"}, from mkdocs.yml), if it has one.
(function () {
  var dark = document.body.getAttribute("data-takeaway-dark");
  if (!dark || !window.matchMedia || !matchMedia("(prefers-color-scheme: dark)").matches) return;
  dark = JSON.parse(dark);
  ["scheme", "primary", "accent"].forEach(function (name) {
    if (dark[name]) document.body.setAttribute("data-md-color-" + name, dark[name]);
  });
})();
