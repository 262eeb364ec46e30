// Progressive enhancements; every page works without this file.
// Whatever appears on request (notes beside the text, cards) is absolutely placed,
// so that nothing already on the page moves. Each part looks for the elements it works
// with and leaves alone a page (or a note, a name) that lacks them.
(function () {
  "use strict";

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }

  // Remember the chosen view (reading / diplomatic) across pages.
  var radios = document.querySelectorAll('input[name="view"]');
  var savedView = stored("ria-view");
  radios.forEach(function (radio) {
    if (savedView && radio.value === savedView) { radio.checked = true; }
    radio.addEventListener("change", function () { store("ria-view", radio.value); });
  });

  // Highlight names by kind, remembered across pages.
  var highlight = document.getElementById("highlight-names");
  if (highlight) {
    var showNames = function () { document.body.classList.toggle("highlight-names", highlight.checked); };
    if (stored("ria-highlight-names") === "on") { highlight.checked = true; }
    showNames();
    highlight.addEventListener("change", function () {
      showNames();
      store("ria-highlight-names", highlight.checked ? "on" : "off");
    });
  }

  // Filter box on index pages: shown only if it names, by a selector, the entries it filters.
  var box = document.getElementById("entry-filter");
  var entries = null;
  if (box) {
    try { entries = document.querySelectorAll(box.getAttribute("data-filter") || ":not(*)"); } catch (e) { /* not a selector */ }
  }
  if (box && box.parentElement && !(entries && entries.length)) { box.parentElement.hidden = true; }
  if (entries && entries.length) {
    box.addEventListener("input", function () {
      var needle = box.value.trim().toLowerCase();
      entries.forEach(function (entry) {
        var names = entry.getAttribute("data-names") || "";
        entry.hidden = needle !== "" && names.indexOf(needle) === -1;
      });
    });
  }

  var text = document.getElementById("text");
  if (!text || !text.parentElement || !document.body) { return; }
  var page = text.parentElement;
  var WIDE = window.matchMedia("(min-width: 1100px)");
  var LONG_NOTE = 700; // characters; a longer note is shortened beside the text

  function make(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content) { el.textContent = content; }
    return el;
  }

  // Places `el` (absolutely positioned) under `rect`, or above it if there is no room below,
  // and never wider than the viewport.
  function placeNear(el, rect) {
    el.hidden = false;
    // Without a positioned ancestor, the box is placed from the document's corner.
    var parent = el.offsetParent;
    var base = (!parent || parent === document.body ? document.documentElement : parent).getBoundingClientRect();
    var width = el.offsetWidth, height = el.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(rect.left, viewport - width - 8));
    var top = rect.bottom + 6;
    if (top + height > window.innerHeight && rect.top - height - 6 > 0) { top = rect.top - height - 6; }
    el.style.left = (left - base.left) + "px";
    el.style.top = (top - base.top) + "px";
  }

  // ------------------------------------------------------------------ notes
  var markers = Array.prototype.slice.call(text.querySelectorAll("a.noteref"));

  // The note a marker leads to, if it leads to one on this page that has a body to show.
  function noteOf(marker) {
    var href = marker.getAttribute("href") || "";
    if (href.charAt(0) !== "#" || href.length < 2) { return null; }
    var note = document.getElementById(href.slice(1));
    return note && note.querySelector(".note-body") ? note : null;
  }

  function labelOf(marker) {
    return marker.getAttribute("aria-label") || "Note " + marker.textContent.trim();
  }

  // A note as a card: its label and type, then its text (ids removed: the list keeps them).
  function noteCard(marker, shorten) {
    var note = noteOf(marker);
    var card = make("div", "note-card " + note.className.replace(/\bnote\b/, "").trim());
    card.setAttribute("role", "note");
    card.setAttribute("aria-label", labelOf(marker));
    card.tabIndex = -1;
    var head = make("p", "note-head");
    head.appendChild(make("span", "note-label", marker.textContent));
    var type = note.querySelector(".note-type");
    if (type) { head.appendChild(make("span", "note-type", type.textContent)); }
    card.appendChild(head);
    var body = note.querySelector(".note-body");
    var words = body.textContent.replace(/\s+/g, " ").trim();
    if (shorten && words.length > LONG_NOTE) {
      var p = make("p", "", words.slice(0, LONG_NOTE).replace(/\s\S*$/, "") + " … ");
      var more = make("a", "", "the whole note");
      more.href = "#" + note.id;
      p.appendChild(more);
      card.appendChild(p);
    } else {
      var copy = body.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      card.appendChild(copy);
    }
    card.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); returnTo(marker); }
    });
    return card;
  }

  // Wide screens: every note beside its anchor, pushed down only as far as the note above needs.
  // The cards repeat the list of notes for the eye; screen readers and the Tab key meet each
  // note once, in the list, and a card only when its marker opens it (see `reveal`).
  var sidenotes = document.createElement("div");
  sidenotes.className = "sidenotes";
  var ownTabStop = new WeakMap();  // links and dates (focusable for their calendar card) in a card
  // Built the first time the screen is wide: a phone never pays for cards it cannot show.
  var pairs = [];
  function buildSidenotes() {
    if (pairs.length || !WIDE.matches) { return; }
    pairs = markers.filter(noteOf).map(function (marker) {
      var card = noteCard(marker, true);
      card.classList.add("sidenote");
      reveal(card, false);
      card.addEventListener("focusout", function (event) {
        if (!card.contains(event.relatedTarget)) { reveal(card, false); }
      });
      sidenotes.appendChild(card);
      return { marker: marker, card: card };
    });
    if (pairs.length) { text.after(sidenotes); }
  }

  function reveal(card, shown) {
    if (shown) { card.removeAttribute("aria-hidden"); } else { card.setAttribute("aria-hidden", "true"); }
    card.querySelectorAll("a[href], button, [tabindex]").forEach(function (el) {
      if (!ownTabStop.has(el)) { ownTabStop.set(el, el.getAttribute("tabindex")); }
      var own = ownTabStop.get(el);
      if (!shown) { el.tabIndex = -1; } else if (own === null) { el.removeAttribute("tabindex"); } else { el.setAttribute("tabindex", own); }
    });
  }

  function placeSidenotes() {
    if (!WIDE.matches) { return; }
    buildSidenotes();
    var origin = page.getBoundingClientRect().top;
    var floor = 0;
    pairs.forEach(function (pair) {
      var top = Math.max(pair.marker.getBoundingClientRect().top - origin - 4, floor);
      pair.card.style.top = top + "px";
      floor = top + pair.card.offsetHeight + 12;
    });
  }
  placeSidenotes();
  if (window.ResizeObserver) { new ResizeObserver(placeSidenotes).observe(text); }
  if (WIDE.addEventListener) { WIDE.addEventListener("change", placeSidenotes); } else if (WIDE.addListener) { WIDE.addListener(placeSidenotes); }

  // Narrow screens: the note opens under its marker.
  var popover = make("div", "note-popover");
  popover.hidden = true;
  popover.setAttribute("role", "dialog");
  document.body.appendChild(popover);
  var openMarker = null;

  function closePopover() {
    popover.hidden = true;
    popover.textContent = "";
    openMarker = null;
  }

  function openPopover(marker) {
    closePopover();
    var card = noteCard(marker, false);
    popover.className = "note-popover " + card.className;
    popover.setAttribute("aria-label", labelOf(marker));
    popover.tabIndex = -1;
    var close = make("button", "note-close", "Close");
    close.type = "button";
    close.setAttribute("aria-label", "Close the note");
    close.addEventListener("click", function () { returnTo(marker); });
    popover.appendChild(close);
    while (card.firstChild) { popover.appendChild(card.firstChild); }
    var link = make("a", "note-in-list", "In the list of notes");
    link.href = marker.getAttribute("href");
    link.addEventListener("click", closePopover);
    popover.appendChild(link);
    openMarker = marker;
    placeNear(popover, marker.getBoundingClientRect());
    popover.focus({ preventScroll: true });
  }

  var current = null;
  function returnTo(marker) {
    closePopover();
    if (current) { current.classList.remove("is-current"); current = null; }
    marker.focus();
  }

  markers.forEach(function (marker) {
    if (!noteOf(marker)) { return; }
    marker.addEventListener("click", function (event) {
      event.preventDefault();
      var pair = pairs.find(function (p) { return p.marker === marker; });
      if (WIDE.matches && pair) {
        if (current) { current.classList.remove("is-current"); }
        current = pair.card;
        current.classList.add("is-current");
        reveal(current, true);
        current.focus({ preventScroll: true });
      } else {
        openPopover(marker);
      }
    });
  });
  popover.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && openMarker) { event.preventDefault(); returnTo(openMarker); }
  });
  document.addEventListener("click", function (event) {
    if (openMarker && !popover.contains(event.target) && event.target !== openMarker) { closePopover(); }
  });

  // ------------------------------------------------------------------ cards of names and dates
  var register = {};
  var template = document.getElementById("name-cards");
  if (template && template.content) {
    template.content.querySelectorAll("[data-entry]").forEach(function (entry) {
      register[entry.getAttribute("data-entry")] = entry;
    });
  }
  var card = make("div", "card");
  card.id = "ria-card";
  card.hidden = true;
  document.body.appendChild(card);
  var owner = null, hideTimer = null;

  function showCard(target) {
    window.clearTimeout(hideTimer);
    if (owner === target) { return; }
    var content = null;
    if (target.matches("a.name[data-ref]")) {
      var entry = register[target.getAttribute("data-ref")];
      if (entry) {
        content = document.createDocumentFragment();
        content.appendChild(entry.cloneNode(true));
        var name = entry.querySelector("b");
        if (name && target.hasAttribute("href")) {
          var link = make("a", "", "Index entry: " + name.textContent);
          link.href = target.getAttribute("href");
          content.appendChild(make("p", "card-link")).appendChild(link);
        }
      }
    } else {
      var title = target.getAttribute("title") || target.getAttribute("data-title");
      if (title) { content = make("p", "card-date", title); }
    }
    if (!content) { return; }
    hideCard();
    card.textContent = "";
    card.appendChild(content);
    owner = target;
    owner.setAttribute("aria-describedby", card.id);
    placeNear(card, target.getClientRects()[0] || target.getBoundingClientRect());
  }

  function hideCard() {
    window.clearTimeout(hideTimer);
    if (owner) { owner.removeAttribute("aria-describedby"); }
    owner = null;
    card.hidden = true;
  }

  function hideSoon() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hideCard, 250);
  }

  var CARDED = "a.name[data-ref], .date[title], .date[data-title]";
  // An event's target may be the document or a text node, which have no `closest`.
  function cardedAt(node) {
    return node && node.closest ? node.closest(CARDED) : null;
  }
  document.addEventListener("mouseover", function (event) {
    var target = cardedAt(event.target);
    if (target) {
      // The card replaces the browser's own tooltip, which would repeat it.
      if (target.hasAttribute("title")) {
        target.setAttribute("data-title", target.getAttribute("title"));
        target.removeAttribute("title");
      }
      showCard(target);
    } else if (card.contains(event.target)) {
      window.clearTimeout(hideTimer);
    }
  });
  document.addEventListener("mouseout", function (event) {
    var target = cardedAt(event.target);
    if (target && target.hasAttribute("data-title")) {
      target.setAttribute("title", target.getAttribute("data-title"));
      target.removeAttribute("data-title");
    }
    if (target || card.contains(event.target)) { hideSoon(); }
  });
  document.addEventListener("focusin", function (event) {
    var target = cardedAt(event.target);
    if (target) { showCard(target); } else if (!card.contains(event.target)) { hideCard(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && owner) { hideCard(); }
  });
  window.addEventListener("resize", hideCard);
})();

// ------------------------------------------------------------------ cite this passage (#21.1)
// When a link leads to a passage of the text (its ¶ link, a mention from an index), the citation
// block gives the text's citation with the passage's location (data-loc) and address, and the
// passage gets a link to it.
(function () {
  "use strict";
  var box = document.getElementById("cite-passage");
  var line = box && box.querySelector(".passage-citation");
  var text = document.getElementById("text");
  if (!line || !text) { return; }
  var jump = document.createElement("a");
  jump.className = "cite-jump";
  jump.href = "#cite-passage";

  function show() {
    var id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { /* a malformed address */ }
    var target = id ? document.getElementById(id) : null;
    if (target && box.contains(target)) { return; } // the reader followed the passage's link here
    var passage = target && text.contains(target) ? target.closest("[data-loc]") : null;
    if (!passage) {
      box.hidden = true;
      if (jump.parentNode) { jump.parentNode.removeChild(jump); }
      return;
    }
    var where = passage.getAttribute("data-loc");
    var url = line.getAttribute("data-url");
    var after = line.getAttribute("data-after");
    var address = url + "#" + passage.id;
    line.textContent = line.getAttribute("data-before") + ", " + where +
      (after.indexOf(url) >= 0 ? after.replace(url, address) : after + " " + address);
    box.hidden = false;
    jump.textContent = "Cite " + where;
    passage.appendChild(jump);
  }
  window.addEventListener("hashchange", show);
  show();
})();
