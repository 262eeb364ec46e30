// The search page: Pagefind's index, queried in the browser as the reader types; from a folder
// (file://), where Pagefind cannot load, the offline index that the build writes beside each bundle
// (ria/publish/search_passages.py). Results, excerpts and filters are built as DOM nodes (the page's CSP
// allows no inline script or style).
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
  var DELAY_MS = 250;        // typing pauses this long before the search runs
  var PAGES_SHOWN = 20;      // pages listed per search
  var PASSAGES_SHOWN = 5;    // passages listed per text
  var EXCERPT_WORDS = 30;    // words of context round a hit
  var params = new URLSearchParams(window.location.search);
  // What the reader typed before this script ran (or the index loaded) is kept; the address
  // fills the box only when it is empty.
  if (!input.value) { input.value = params.get("q") || ""; }

  var bundles = ["pagefind/"].concat((list.getAttribute("data-merge-bundles") || "").split(" ").filter(Boolean));
  var engine = null;         // {search(query, filters) → Promise of pages, filters: available values}
  var variants = {};         // a copy-text word → the readings that corrected it
  var locations = {};        // page → paragraph id → its location ("ch. 2, ¶ 14")
  var timer = null;
  var generation = 0;        // a search's answer is shown only if no later search has started

  // Pagefind gives addresses absolute to the host (the primary bundle's) or with the host (the
  // merged bundles'); the search page sits at the site's root, so an address made relative to
  // it works on any host and under any path.
  var siteRoot = new URL(".", document.baseURI).href;
  function local(url) {
    var absolute = new URL(url, siteRoot).href;
    return absolute.indexOf(siteRoot) === 0 ? absolute.slice(siteRoot.length) : absolute;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // ------------------------------------------------------------------ the query
  function normal(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  // Words and "quoted phrases"; an unclosed quote runs to the end.
  function parse(query) {
    var parts = [];
    var pattern = /"([^"]*)"?|(\S+)/g;
    var match;
    while ((match = pattern.exec(query))) {
      var phrase = match[1] !== undefined;
      var words = (phrase ? match[1] : match[2]).split(/\s+/).map(normal).filter(Boolean);
      if (words.length) { parts.push({ phrase: phrase && words.length > 1, words: words }); }
    }
    return parts;
  }

  // The query with each copy-text word that the edition corrected put as its correction: the
  // reading text is indexed once, and the copy-text's words find it through this.
  function corrected(query) {
    var notes = [];
    var text = query.replace(/[^\s"]+/g, function (word) {
      var readings = variants[normal(word)];
      if (!readings) { return word; }
      notes.push({ printed: word, reading: readings[0] });
      return readings[0].indexOf(" ") === -1 || /"/.test(query) ? readings[0] : "\"" + readings[0] + "\"";
    });
    return { text: text, notes: notes };
  }

  // ------------------------------------------------------------------ results as the page shows them
  // A result: {url, title, kind, source, isText, more, passages: [{href, label, parts, note}]},
  // an excerpt's parts being [{text, marked}].
  function markedParts(html) {
    var decoder = document.createElement("textarea");
    var parts = [];
    var marked = false;
    html.split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      decoder.innerHTML = part;  // decodes character references without parsing markup
      if (decoder.value) { parts.push({ text: decoder.value, marked: marked }); }
    });
    return parts;
  }

  // Words (with the spaces after them) from..to, the hits marked.
  function window_(words, hits, from, to) {
    var first = hits.length ? hits[0] : from;
    var start = Math.max(from, Math.min(first - Math.floor(EXCERPT_WORDS / 3), to - EXCERPT_WORDS));
    var end = Math.min(to, start + EXCERPT_WORDS);
    var parts = [];
    if (start > from) { parts.push({ text: "… ", marked: false }); }
    for (var i = start; i < end; i++) {
      parts.push({ text: words[i], marked: hits.indexOf(i) !== -1 });
      if (i < end - 1) { parts.push({ text: " ", marked: false }); }
    }
    if (end < to) { parts.push({ text: " …", marked: false }); }
    return parts;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function render(pages, query, total, notes) {
    list.textContent = "";
    status.textContent = total === 0 ? "Nothing found for “" + query + "”."
      : plural(total, "page", "pages") + " found for “" + query + "”" +
        (pages.length < total ? "; the first " + pages.length + " are shown." : ".");
    notes.forEach(function (note) {
      status.textContent += " “" + note.printed + "” is the copy-text’s reading; the edition reads “" + note.reading + "”.";
    });
    pages.forEach(function (page) {
      var item = el("li", "search-result" + (page.isText ? " search-result-text" : ""));
      var heading = el("h2");
      var link = el("a", "", page.title || page.url);
      link.href = page.url;
      heading.appendChild(link);
      item.appendChild(heading);
      if (page.kind) {
        item.appendChild(el("p", "search-kind", page.kind + (page.source ? " · " + page.source : "")));
      }
      if (page.passages.length) {
        var sublist = el("ul", "search-passages");
        page.passages.forEach(function (passage) {
          var subitem = el("li");
          var sublink = el("a", "search-location", passage.label || page.title);
          sublink.href = passage.href;
          subitem.appendChild(sublink);
          var excerpt = el("p", "search-excerpt");
          passage.parts.forEach(function (part) {
            excerpt.appendChild(part.marked ? el("mark", "", part.text) : document.createTextNode(part.text));
          });
          subitem.appendChild(excerpt);
          sublist.appendChild(subitem);
        });
        item.appendChild(sublist);
      }
      if (page.more) {
        item.appendChild(el("p", "search-more", plural(page.more, "more passage", "more passages") + " in this text."));
      }
      list.appendChild(item);
    });
  }

  // A reader looking for a word wants the passage first: texts, then the indices and other pages,
  // each in the order of their score.
  function textsFirst(pages) {
    return pages.filter(function (p) { return p.isText; }).concat(pages.filter(function (p) { return !p.isText; }));
  }

  // ------------------------------------------------------------------ Pagefind (over HTTP)
  var BLOCK = /^(p|li|h[1-6]|dt|dd|td|th|blockquote|figcaption|caption)$/;

  // A text's hits grouped by paragraph, with the paragraph's location and the hit in context.
  function textPassages(data, url) {
    var words = data.content.split(/\s+/);
    var anchors = (data.anchors || []).filter(function (a) { return BLOCK.test(a.element); })
      .sort(function (a, b) { return a.location - b.location; });
    var own = locations[url] || {};
    var groups = [];
    var byAnchor = {};
    data.locations.slice().sort(function (a, b) { return a - b; }).forEach(function (at) {
      var index = -1;
      for (var i = 0; i < anchors.length && anchors[i].location <= at; i++) { index = i; }
      if (!byAnchor[index]) { byAnchor[index] = { index: index, hits: [] }; groups.push(byAnchor[index]); }
      byAnchor[index].hits.push(at);
    });
    groups.sort(function (a, b) { return b.hits.length - a.hits.length || a.index - b.index; });
    return groups.map(function (group) {
      var anchor = anchors[group.index];
      var from = anchor ? anchor.location : 0;
      var next = anchors[group.index + 1];
      var to = next ? next.location : words.length;
      var heading = null;
      for (var i = group.index; i >= 0; i--) {
        if (/^h[1-6]$/.test(anchors[i].element)) { heading = anchors[i]; break; }
      }
      var label = anchor && own[anchor.id] ? own[anchor.id] : (heading ? heading.text : "");
      return { href: url + (anchor ? "#" + anchor.id : ""), label: label, parts: window_(words, group.hits, from, to) };
    });
  }

  // A word of the page is one asked for if it begins with it or differs only in its ending
  // (Pagefind finds "armed" for "arms"), not if it is merely the beginning of it.
  function sameWord(word, terms) {
    return terms.some(function (term) {
      if (word.indexOf(term) === 0) { return true; }
      var common = 0;
      while (common < word.length && word[common] === term[common]) { common++; }
      return common >= 3 && common >= Math.min(word.length, term.length) - 2;
    });
  }

  // A text's page (not an index's): it names its source (the edition) or is of the kind Text (a corpus,
  // whose thousands of texts are no filter).
  function isTextPage(kinds, source) {
    return !!source || kinds.indexOf("Text") >= 0;
  }

  function pageFromPagefind(data) {
    var url = local(data.url);
    var filters = data.filters || {};
    var page = { url: url, title: data.meta.title || url, kind: (filters.kind || []).join(", "),
                 source: (filters.source || []).join(", "), isText: isTextPage(filters.kind || [], (filters.source || []).length),
                 more: 0, passages: [] };
    if (page.isText) {
      var passages = textPassages(data, url);
      page.more = Math.max(0, passages.length - PASSAGES_SHOWN);
      page.passages = passages.slice(0, PASSAGES_SHOWN);
      return page;
    }
    // An index page: the entries (its sections) where the words weigh most come first.
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; })
      .map(function (sub, order) {
        var weight = (sub.weighted_locations || []).reduce(function (best, hit) { return Math.max(best, hit.weight || 0); }, 0);
        return { sub: sub, order: order, score: weight };
      })
      .sort(function (a, b) { return b.score - a.score || a.order - b.order; }).slice(0, 3);
    page.passages = subs.length ? subs.map(function (ranked) {
      return { href: local(ranked.sub.url), label: ranked.sub.title, parts: markedParts(ranked.sub.excerpt) };
    }) : [{ href: url, label: "", parts: markedParts(data.excerpt) }];
    return page;
  }

  function pagefindEngine(pagefind) {
    return {
      search: function (query, filters) {
        var queries = [query];
        var alternative = corrected(query);
        if (alternative.notes.length) { queries.push(alternative.text); }
        return Promise.all(queries.map(function (q) {
          return pagefind.search(q, { filters: filters }).then(function (search) {
            var terms = [];
            parse(q).forEach(function (part) { terms = terms.concat(part.words); });
            return search.results.slice(0, 3 * PAGES_SHOWN).map(function (r) { return { result: r, terms: terms }; });
          });
        })).then(function (searches) {
          var found = [].concat.apply([], searches);
          return Promise.all(found.map(function (f) { return f.result.data(); })).then(function (datas) {
            // Each bundle of a merged index is searched alone, and one that lacks a word answers
            // with words that merely begin like it ("in" for "infallibilty"): only the hits that
            // are the words asked for (or a form of them) count, and pages with none are dropped.
            var seen = {};
            var pages = [];
            datas.forEach(function (data, i) {
              var words = data.content.split(/\s+/);
              var hits = data.locations.filter(function (at) { return sameWord(normal(words[at] || ""), found[i].terms); });
              if (!hits.length) { return; }
              var url = local(data.url);
              if (seen[url]) { seen[url].hits = seen[url].hits.concat(hits); return; }
              seen[url] = { data: data, hits: hits, score: found[i].result.score };
              pages.push(seen[url]);
            });
            // Scores of different bundles do not compare: the pages with most hits first.
            pages.sort(function (a, b) { return b.hits.length - a.hits.length || b.score - a.score; });
            var shown = textsFirst(pages.map(function (p) {
              p.data.locations = p.hits;
              return pageFromPagefind(p.data);
            }));
            return { pages: shown.slice(0, PAGES_SHOWN), total: shown.length, notes: alternative.notes };
          });
        });
      }
    };
  }

  function loadPagefind() {
    return import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pagefind) {
      return Promise.all(bundles.slice(1).map(function (folder) {
        return pagefind.mergeIndex(new URL(folder, siteRoot).href);
      })).then(function () {
        return Promise.all(bundles.map(function (folder) {
          return fetch(new URL(folder + "ria-search.json", siteRoot).href)
            .then(function (r) { return r.ok ? r.json() : { variants: {}, locations: {} }; });
        }));
      }).then(function (extras) {
        extras.forEach(function (extra) {
          Object.keys(extra.variants).forEach(function (w) { variants[w] = (variants[w] || []).concat(extra.variants[w]); });
          Object.keys(extra.locations).forEach(function (page) { locations[page] = extra.locations[page]; });
        });
        return pagefind.filters();
      }).then(function (available) {
        var found = pagefindEngine(pagefind);
        found.filters = available;
        return found;
      });
    });
  }

  // ------------------------------------------------------------------ the offline index (file://)
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(script);
    });
  }

  function tokens(text) {
    var words = text.split(/\s+/).filter(Boolean);
    return { words: words, normal: words.map(normal) };
  }

  // Positions in `normal` where every part of the query is found (a word as a prefix, a
  // phrase as consecutive words), or null.
  function hitsIn(normalWords, parts) {
    var hits = [];
    for (var p = 0; p < parts.length; p++) {
      var part = parts[p];
      var found = false;
      for (var i = 0; i + part.words.length <= normalWords.length; i++) {
        var ok = true;
        for (var j = 0; j < part.words.length && ok; j++) {
          var last = j === part.words.length - 1;
          ok = part.phrase && !last ? normalWords[i + j] === part.words[j]
            : normalWords[i + j].indexOf(part.words[j]) === 0;
        }
        if (ok) {
          found = true;
          for (var k = 0; k < part.words.length; k++) { hits.push(i + k); }
        }
      }
      if (!found) { return null; }
    }
    return hits.sort(function (a, b) { return a - b; });
  }

  function offlineEngine(loaded) {
    var pages = [];
    loaded.forEach(function (bundle) {
      Object.keys(bundle.variants).forEach(function (w) { variants[w] = (variants[w] || []).concat(bundle.variants[w]); });
      pages = pages.concat(bundle.pages);
    });
    var available = { kind: {}, source: {} };
    pages.forEach(function (page) {
      ["kind", "source"].forEach(function (key) {
        if (page[key]) { available[key][page[key]] = (available[key][page[key]] || 0) + 1; }
      });
      page.passages.forEach(function (passage) {
        passage.tokens = tokens(passage.text);
        passage.also = passage.also ? passage.also.split(/\s+/).map(normal) : [];
      });
    });
    return {
      filters: available,
      search: function (query, filters) {
        var parts = parse(query);
        var alternative = corrected(query);
        var alternativeParts = alternative.notes.length ? parse(alternative.text) : null;
        var noteUsed = false;
        var found = [];
        pages.forEach(function (page) {
          var keep = Object.keys(filters).every(function (key) { return filters[key].any.indexOf(page[key]) !== -1; });
          if (!keep || !parts.length) { return; }
          var passages = [];
          page.passages.forEach(function (passage) {
            var hits = hitsIn(passage.tokens.normal, parts);
            if (!hits && alternativeParts) {
              hits = hitsIn(passage.tokens.normal, alternativeParts);
              noteUsed = noteUsed || !!hits;
            }
            // A copy-text reading that the edition corrected finds its passage, unseen.
            if (!hits && passage.also.length && hitsIn(passage.tokens.normal.concat(passage.also), parts)) { hits = []; }
            if (hits) { passages.push({ passage: passage, hits: hits }); }
          });
          if (!passages.length) { return; }
          passages.sort(function (a, b) { return b.hits.length - a.hits.length; });
          var score = passages.reduce(function (sum, p) { return sum + p.hits.length + 1; }, 0);
          var shown = page.source ? passages : passages.slice(0, 3);
          found.push({ score: score, page: {
            url: page.url, title: page.title, kind: page.kind, source: page.source,
            isText: isTextPage((page.kind || "").split(", "), page.source),
            more: Math.max(0, shown.length - PASSAGES_SHOWN),
            passages: shown.slice(0, PASSAGES_SHOWN).map(function (p) {
              var hash = p.passage.id ? "#" + p.passage.id : "";
              return { href: page.url + hash, label: p.passage.loc || (page.source ? p.passage.heading : p.passage.text.slice(0, 80)),
                       parts: window_(p.passage.tokens.words, p.hits, 0, p.passage.tokens.words.length) };
            }) } });
        });
        found.sort(function (a, b) { return b.score - a.score; });
        var shown = textsFirst(found.map(function (f) { return f.page; }));
        return Promise.resolve({ pages: shown.slice(0, PAGES_SHOWN), total: shown.length,
                                 notes: noteUsed ? alternative.notes : [] });
      }
    };
  }

  function loadOffline() {
    window.riaSearchPages = [];
    return Promise.all(bundles.map(function (folder) {
      return loadScript(new URL(folder + "ria-offline.js", siteRoot).href);
    })).then(function () { return offlineEngine(window.riaSearchPages); });
  }

  // ------------------------------------------------------------------ filters, the address, typing
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
      if (!values || !Object.keys(values).length) { return; }
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

  // The address says what is searched, so that a search can be bookmarked, shared and gone back to.
  function remember(query) {
    var url = new URL(window.location.href);
    url.search = "";
    if (query) { url.searchParams.set("q", query); }
    checkedFilters().forEach(function (box) { url.searchParams.append(box.name, box.value); });
    if (url.href !== window.location.href) { window.history.replaceState(null, "", url); }
  }

  function run() {
    clearTimeout(timer);
    var query = input.value.trim();
    remember(query);
    var mine = ++generation;
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    if (!engine) { status.textContent = "Loading the search index…"; return; }
    status.textContent = "Searching…";
    engine.search(query, selectedFilters()).then(function (answer) {
      if (mine === generation) { render(answer.pages, query, answer.total, answer.notes); }
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  if (input.value.trim()) { status.textContent = "Loading the search index…"; }

  var fromFolder = window.location.protocol === "file:";
  (fromFolder ? loadOffline() : loadPagefind()).then(function (ready) {
    engine = ready;
    buildFilters(ready.filters);
    run();  // whatever is in the box now, typed while the index loaded or taken from the address
  }).catch(function () {
    status.textContent = fromFolder
      ? "Search is not available from a folder for a site of this size: it needs the site to be served over HTTP (for example with `python build.py serve`). The indices list every mention."
      : "Search is not available here: its index could not be loaded. The indices list every mention.";
  });
})();
