/* Partner Atlas on phones and tablets (the page's narrow layout, below 1100 px; assets/app.css):
   the filter panel as a drawer behind "Filters (n)", the partner table as a column of cards, and year-slider
   labels that never run together at any width. */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 1099px)");
  var DRAWER = "filters-drawer", TOGGLE = "filters-toggle", CLOSE = "filters-close", CHIPS = "filter-chips";
  var TABLE = "partner-table", CARD_COLUMN = "card";
  var byId = function (id) { return document.getElementById(id); };

  // -- the filter drawer ------------------------------------------------------------------------
  function isOpen() { var drawer = byId(DRAWER); return Boolean(drawer && drawer.classList.contains("open")); }

  // While the drawer is open the rest of the page is inert: Tab stays in the filters, a screen reader too.
  function setOpen(open, giveFocusBack) {
    var drawer = byId(DRAWER), toggle = byId(TOGGLE);
    if (!drawer || !toggle) { return; }
    drawer.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    document.documentElement.classList.toggle("atlas-filters-open", open);
    document.querySelectorAll(".atlas-header, .atlas-main").forEach(function (part) {
      if (open) { part.setAttribute("inert", ""); } else { part.removeAttribute("inert"); }
    });
    // Open, it is a modal dialog (the rest is inert); closed, the page's filter panel again.
    if (open) {
      drawer.setAttribute("role", "dialog");
      drawer.setAttribute("aria-modal", "true");
      drawer.setAttribute("aria-label", drawer.getAttribute("data-dialog-label") || "");
    } else {
      drawer.setAttribute("role", "complementary");
      ["aria-modal", "aria-label"].forEach(function (name) { drawer.removeAttribute(name); });
    }
    if (open) {
      (byId(CLOSE) || drawer).focus();
    } else if (giveFocusBack) {
      toggle.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) { return; }
    if (target.closest("#" + TOGGLE)) {
      setOpen(!isOpen(), true);
    } else if (target.closest("#" + CLOSE)) {
      setOpen(false, true);
    } else if (isOpen() && !target.closest("#" + DRAWER) && target === document.documentElement) {
      setOpen(false, true); // a tap on the shade beside the drawer (html::after)
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !isOpen()) { return; }
    // Esc in a select with its list open closes the list (Mantine), not the drawer.
    var input = event.target.closest && event.target.closest("[aria-expanded=true]");
    if (input && input.id !== TOGGLE) { return; }
    event.preventDefault();
    setOpen(false, true);
  });

  NARROW.addEventListener("change", function () {
    if (!NARROW.matches && isOpen()) { setOpen(false, false); }
    showTableAs();
    thinYearLabels();
  });

  // "Filters (n)": n is the number of active filter chips the views callback draws.
  function countFilters() {
    var chips = byId(CHIPS), count = document.querySelector("#" + TOGGLE + " .atlas-filter-count");
    if (!chips || !count) { return; }
    var n = String(chips.querySelectorAll(".filter-chip").length);
    if (count.textContent !== n) { count.textContent = n; }
  }

  // -- the partner table: rows of columns, or a column of cards ------------------------------------
  function cardHeight() {
    // Seven lines of the card's text at the page's root size (app.css scales it with the screen).
    return Math.round(7.4 * parseFloat(window.getComputedStyle(document.documentElement).fontSize));
  }

  function showTableAs() {
    var table = byId(TABLE);
    if (!window.dash_ag_grid || !table || !table.querySelector(".ag-row")) { return; }
    unstick(table);
    window.dash_ag_grid.getApiAsync(TABLE).then(function (api) {
      var cards = NARROW.matches;
      if (api.atlasCards === cards) { return; }
      api.atlasCards = cards;
      var state = api.getColumns().map(function (column) {
        var id = column.getColId();
        return { colId: id, hide: cards ? id !== CARD_COLUMN : id === CARD_COLUMN };
      });
      api.applyColumnState({ state: state });
      if (cards) { fitCards(api, table); }
      api.setGridOption("rowHeight", cards ? cardHeight() : undefined);
      api.resetRowHeights();
      table.classList.toggle("atlas-grid-cards", cards);
    });
  }

  window.addEventListener("resize", function () {
    var table = byId(TABLE);
    if (NARROW.matches && table && window.dash_ag_grid) {
      window.dash_ag_grid.getApiAsync(TABLE).then(function (api) { if (api.atlasCards) { fitCards(api, table); } });
    }
  });

  // ag-grid hides its cells (.ag-delay-render) until it has sized its flex columns, and it sizes them when its
  // box changes size. A grid made in a narrow window can miss that first size and stay blank (seen with
  // dash-ag-grid 35 at 390 px): one pixel of padding for a frame gives it the size change it waits for.
  // tests/browser/test_phone_and_tablet.py fails (no card visible) if this stops working.
  function unstick(table) {
    if (!table.querySelector(".ag-delay-render") || table.atlasNudged) { return; }
    table.atlasNudged = true;
    table.style.paddingRight = "1px";
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () { table.style.paddingRight = ""; table.atlasNudged = false; });
    });
  }

  // The card column as wide as the table's visible body.
  function fitCards(api, table) {
    var body = table.querySelector(".ag-body-viewport");
    var width = body ? Math.floor(body.clientWidth) : 0;
    var column = api.getColumn(CARD_COLUMN);
    if (width > 0 && column && Math.abs(column.getActualWidth() - width) > 1) {
      api.setColumnWidths([{ key: CARD_COLUMN, newWidth: width }]);
    }
  }

  // -- the year slider: every label readable ----------------------------------------------------
  // Mantine puts a label under every mark; a decade of years in a narrow panel runs them together. Keep the
  // first and the last, and from the left every label that clears the one kept before it.
  function thinYearLabels() {
    document.querySelectorAll(".year-slider").forEach(function (slider) {
      var labels = Array.prototype.slice.call(slider.querySelectorAll(".mantine-RangeSlider-markLabel"));
      labels.forEach(function (label) { label.removeAttribute("data-atlas-hidden"); });
      var boxes = labels.map(function (label) { return label.getBoundingClientRect(); });
      if (!boxes.length || !boxes[0].width) { return; }
      var gap = 4, kept = [0];
      for (var i = 1; i < labels.length; i++) {
        if (boxes[i].left >= boxes[kept[kept.length - 1]].right + gap) { kept.push(i); }
      }
      var last = labels.length - 1;
      if (kept[kept.length - 1] !== last) {
        while (kept.length > 1 && boxes[last].left < boxes[kept[kept.length - 1]].right + gap) { kept.pop(); }
        kept.push(last);
      }
      labels.forEach(function (label, index) {
        if (kept.indexOf(index) < 0) { label.setAttribute("data-atlas-hidden", ""); }
      });
    });
  }

  // Measured again whenever a slider's box changes size (first drawn, window resized, panel moved).
  var sliderSizes = window.ResizeObserver ? new window.ResizeObserver(thinYearLabels) : null;
  function watchSliders() {
    document.querySelectorAll(".year-slider").forEach(function (slider) {
      if (sliderSizes && !slider.atlasWatched) { slider.atlasWatched = true; sliderSizes.observe(slider); }
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      countFilters();
      showTableAs();
      watchSliders();
    });
  }).observe(document.documentElement, { subtree: true, childList: true });
})();
