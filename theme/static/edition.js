// Progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Remember the chosen view (reading / diplomatic) across pages.
  var KEY = "ria-view";
  var radios = document.querySelectorAll('input[name="view"]');
  var saved = null;
  try { saved = window.localStorage.getItem(KEY); } catch (e) { saved = null; }
  radios.forEach(function (radio) {
    if (saved && radio.value === saved) { radio.checked = true; }
    radio.addEventListener("change", function () {
      try { window.localStorage.setItem(KEY, radio.value); } catch (e) { /* private mode */ }
    });
  });

  // Filter box on index pages.
  var box = document.getElementById("entry-filter");
  if (box) {
    box.parentElement.hidden = false;
    var entries = document.querySelectorAll(box.getAttribute("data-filter"));
    box.addEventListener("input", function () {
      var needle = box.value.trim().toLowerCase();
      entries.forEach(function (entry) {
        var names = entry.getAttribute("data-names") || "";
        entry.hidden = needle !== "" && names.indexOf(needle) === -1;
      });
    });
  }
})();
