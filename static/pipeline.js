// The board's drag and drop: SortableJS moves the card under the pointer; dropping it in another
// column submits that card's own "Move to" form (the same request the keyboard path sends), and
// the server's answer — the whole board, counts included — replaces what the drag left behind.
(function () {
  "use strict";

  function enable(root) {
    if (typeof Sortable === "undefined") return;
    root.querySelectorAll(".board-cards").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "on";
      Sortable.create(list, {
        group: "pipeline",
        animation: 120,
        // Pointer events instead of native HTML5 drag: the same on touch screens, and
        // scriptable by WebDriver in the browser tests.
        forceFallback: true,
        // Controls inside a card stay usable: no drag starts on them.
        filter: "select, button, input, a",
        preventOnFilter: false,
        onAdd: function (event) {
          var form = event.item.querySelector("form.move-form");
          if (!form) return;
          form.querySelector("select[name=stage]").value = event.to.dataset.stage;
          form.requestSubmit();
        },
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enable(document); });
  document.addEventListener("htmx:load", function (event) { enable(event.detail.elt); });
})();
