// Material reads its saved settings (palette, tabs) with a bare JSON.parse: one corrupt value in
// localStorage would throw on every page and stop the palette toggle and search. This wraps Material's
// reader so that a value that does not parse, or a palette of the wrong shape, is removed and ignored.
// Loaded in <head>, after Material defines __md_get and before anything calls it.
(function () {
  var read = window.__md_get;
  if (typeof read !== "function") return;

  function isPalette(value) {
    if (typeof value !== "object" || Array.isArray(value)) return false;
    if (typeof value.index !== "number" || value.index % 1 !== 0 || value.index < 0) return false;
    var inputs = document.querySelectorAll("[name=__palette]");
    if (inputs.length && value.index >= inputs.length) return false;
    var color = value.color;
    if (typeof color !== "object" || color === null || Array.isArray(color)) return false;
    for (var name in color) if (typeof color[name] !== "string") return false;
    return true;
  }

  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || __md_scope;
    try {
      var value = read(key, storage, scope);
      if (value === null || key !== "__palette" || isPalette(value)) return value;
    } catch (error) {
      // Not JSON: fall through and forget it.
    }
    try {
      storage.removeItem(scope.pathname + "." + key);
    } catch (error) {
      // Storage refused (private mode): nothing to clean.
    }
    return null;
  };
})();
