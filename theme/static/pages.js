// Chronology: show the dates and passages of one source only. Without this file every source shows.
(function () {
  "use strict";
  var select = document.getElementById("source-filter");
  if (!select) { return; }
  select.parentElement.hidden = false;
  var items = document.querySelectorAll("[data-source]");
  var sections = document.querySelectorAll(".month, .year, .event");
  select.addEventListener("change", function () {
    var source = select.value;
    items.forEach(function (item) {
      item.hidden = source !== "" && item.getAttribute("data-source") !== source;
    });
    // A heading with nothing left under it is hidden with its section.
    sections.forEach(function (section) {
      section.hidden = false;
      section.hidden = source !== "" && !section.querySelector("[data-source]:not([hidden])");
    });
  });
})();
