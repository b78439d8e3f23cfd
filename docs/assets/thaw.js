/* The language switcher links to each language's home page (mkdocs.yml, extra.alternate).
   Point them at the same page in the other language instead. Runs on every page load,
   instant navigation included. English pages live at the site root, Korean ones under ko/. */
document$.subscribe(function () {
  var links = Array.prototype.slice.call(document.querySelectorAll("a.md-select__link[hreflang]"))
  links.forEach(function (a) { if (!a.dataset.root) a.dataset.root = a.href })
  var here = links.filter(function (a) { return a.hreflang === document.documentElement.lang })[0]
  if (!here) return
  var page = location.pathname.slice(new URL(here.dataset.root).pathname.length)
  links.forEach(function (a) { a.href = new URL(page, a.dataset.root).href })
})
