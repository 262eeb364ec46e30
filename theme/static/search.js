// The search page: Pagefind's index, queried in the browser; results, excerpts and filters
// are built as DOM nodes (the page's CSP allows no inline script or style).
(function () {
  "use strict";

  // Without its box, its status line and its list, a form is left to the browser: it goes to
  // the search page. The box for the filters may be missing: then there are none to choose.
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) { return; }
  var filterBox = document.getElementById("search-filters");
  var FILTER_LABELS = { source: "Source", kind: "Kind of page" };
  var params = new URLSearchParams(window.location.search);
  var pagefind = null;

  // Pagefind gives addresses absolute to the host (the primary bundle's) or with the host (the
  // merged bundles'); the search page sits at the site's root, so an address made relative to
  // it works on any host and under any path.
  var siteRoot = new URL(".", document.baseURI).href;
  function local(url) {
    var absolute = new URL(url, window.location.origin).href;
    return absolute.indexOf(siteRoot) === 0 ? absolute.slice(siteRoot.length) : absolute;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // Excerpts come from Pagefind as escaped text with <mark> around the hits; rebuild them as
  // nodes. A textarea decodes character references without parsing markup or trimming spaces.
  var decoder = document.createElement("textarea");
  function decode(text) { decoder.innerHTML = text; return decoder.value; }

  function excerpt(html) {
    var p = el("p", "search-excerpt");
    var parts = html.split(/(<mark>|<\/mark>)/);
    var marked = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      var text = decode(part);
      p.appendChild(marked ? el("mark", "", text) : document.createTextNode(text));
    });
    return p;
  }

  function weight(sub) {
    return (sub.weighted_locations || []).reduce(function (best, hit) {
      return Math.max(best, hit.weight || 0);
    }, 0);
  }

  function checkedFilters() {
    return filterBox ? filterBox.querySelectorAll("input:checked") : [];
  }

  function selectedFilters() {
    var filters = {};
    checkedFilters().forEach(function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    Object.keys(filters).forEach(function (key) { filters[key] = { any: filters[key] }; });
    return filters;
  }

  function buildFilters(available) {
    if (!filterBox) { return; }
    Object.keys(FILTER_LABELS).forEach(function (key) {
      var values = available[key];
      if (!values) { return; }
      var set = el("fieldset", "search-filter");
      set.appendChild(el("legend", "", FILTER_LABELS[key]));
      Object.keys(values).sort().forEach(function (value, i) {
        var id = "filter-" + key + "-" + i;
        var box = el("input");
        box.type = "checkbox"; box.name = key; box.value = value; box.id = id;
        box.checked = params.getAll(key).indexOf(value) !== -1;
        box.addEventListener("change", run);
        var label = el("label", "", value + " (" + values[value] + ")");
        label.htmlFor = id;
        var item = el("span", "search-filter-option");
        item.appendChild(box); item.appendChild(label);
        set.appendChild(item);
      });
      filterBox.appendChild(set);
    });
    filterBox.hidden = false;
  }

  function render(results, data, query) {
    list.textContent = "";
    status.textContent = results.length === 0 ? "Nothing found for “" + query + "”."
      : results.length + (results.length === 1 ? " page" : " pages") + " found for “" + query + "”" +
        (data.length < results.length ? "; the first " + data.length + " are shown." : ".");
    data.forEach(function (page) {
      var item = el("li", "search-result");
      var heading = el("h2");
      var link = el("a", "", page.meta.title || page.url);
      link.href = local(page.url);
      heading.appendChild(link);
      item.appendChild(heading);
      if (page.filters && page.filters.kind) {
        item.appendChild(el("p", "search-kind", page.filters.kind.join(", ") +
          (page.filters.source ? " · " + page.filters.source.join(", ") : "")));
      }
      // The passages (index entries, sections) where the words weigh most come first.
      var subs = (page.sub_results || []).filter(function (sub) { return sub.url !== page.url; })
        .map(function (sub, order) { return { sub: sub, order: order, score: weight(sub) }; })
        .sort(function (a, b) { return b.score - a.score || a.order - b.order; })
        .slice(0, 3).map(function (ranked) { return ranked.sub; });
      if (subs.length) {
        var sublist = el("ul", "search-passages");
        subs.forEach(function (sub) {
          var subitem = el("li");
          var sublink = el("a", "", sub.title);
          sublink.href = local(sub.url);
          subitem.appendChild(sublink);
          subitem.appendChild(excerpt(sub.excerpt));
          sublist.appendChild(subitem);
        });
        item.appendChild(sublist);
      } else {
        item.appendChild(excerpt(page.excerpt));
      }
      list.appendChild(item);
    });
  }

  function run(event) {
    if (event && event.type === "submit") { event.preventDefault(); }
    var query = input.value.trim();
    var url = new URL(window.location.href);
    url.search = "";
    if (query) { url.searchParams.set("q", query); }
    checkedFilters().forEach(function (box) { url.searchParams.append(box.name, box.value); });
    window.history.replaceState(null, "", url);
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    status.textContent = "Searching…";
    pagefind.search(query, { filters: selectedFilters() }).then(function (search) {
      if (input.value.trim() !== query) { return; }
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (data) {
        render(search.results, data, query);
      });
    });
  }

  // Each text has a search bundle of its own, so that a build re-indexes only the text that
  // changed; the page merges them into the primary bundle, which carries Pagefind itself.
  var merged = (list.getAttribute("data-merge-bundles") || "").split(" ").filter(Boolean);
  import(new URL("pagefind/pagefind.js", document.baseURI).href).then(function (module) {
    pagefind = module;
    return Promise.all(merged.map(function (folder) {
      return pagefind.mergeIndex(new URL(folder, document.baseURI).href);
    }));
  }).then(function () {
    return pagefind.filters();
  }).then(function (available) {
    buildFilters(available);
    form.addEventListener("submit", run);
    input.value = params.get("q") || "";
    if (input.value) { run(); }
  }).catch(function () {
    status.textContent = "Search is not available here: it needs the site to be served over HTTP (for example with `python build.py serve`). The indices list every mention.";
  });
})();
