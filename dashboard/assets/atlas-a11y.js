/* Partner Atlas: keyboard and screen-reader help the components do not give on their own. */
(function () {
  "use strict";

  // 1. Chart toolbars out of the tab order: a keyboard user tabs once per chart (the focusable chart box named
  //    by its panel). Enter on a chart opens its toolbar to Tab; Esc goes back to the chart; leaving closes it.
  var TOOLBAR = ".modebar-btn, .modebar a, .modebar button";
  function setToolbarTabbing(chart, reachable) {
    chart.querySelectorAll(TOOLBAR).forEach(function (button) {
      button.setAttribute("tabindex", reachable ? "0" : "-1");
    });
  }
  document.addEventListener("keydown", function (event) {
    var chart = event.target.closest && event.target.closest(".atlas-graph");
    if (!chart) { return; }
    if (event.key === "Enter" && event.target === chart) {
      var first = chart.querySelector(TOOLBAR);
      if (first) { event.preventDefault(); setToolbarTabbing(chart, true); first.focus(); }
    } else if (event.key === "Escape" && event.target !== chart) {
      setToolbarTabbing(chart, false);
      chart.focus();
    }
  });
  document.addEventListener("focusout", function (event) {
    var chart = event.target.closest && event.target.closest(".atlas-graph");
    if (chart && !(event.relatedTarget && chart.contains(event.relatedTarget))) { setToolbarTabbing(chart, false); }
  });

  // 2. The year slider says academic years: Mantine gives its thumbs aria-valuenow (a position 0..n) but no
  //    aria-valuetext, so screen readers would read "0" to "5". The years come from the slider's data-years.
  function describeYears(root) {
    root.querySelectorAll(".year-slider").forEach(function (slider) {
      var years = [];
      try { years = JSON.parse(slider.getAttribute("data-years") || "[]"); } catch (e) { years = []; }
      slider.querySelectorAll("[role=slider]").forEach(function (thumb) {
        var year = years[Number(thumb.getAttribute("aria-valuenow"))];
        if (year !== undefined && thumb.getAttribute("aria-valuetext") !== year) {
          thumb.setAttribute("aria-valuetext", year);
        }
      });
    });
  }

  // 3. The partner drawer: focus moves into it when it opens and back to where it was when it closes.
  var opener = null;
  var drawerOpen = false;
  function followDrawer() {
    var content = document.querySelector(".atlas-detail .mantine-Drawer-content");
    var open = Boolean(content && content.offsetParent !== null);
    if (open) { unbannerDrawerHeader(content); }
    if (open && !drawerOpen) {
      opener = document.activeElement && document.activeElement !== document.body ? document.activeElement : opener;
      var close = content.querySelector(".mantine-Drawer-close");
      (close || content).focus();
    } else if (!open && drawerOpen && opener && document.contains(opener)) {
      opener.focus();
    }
    drawerOpen = open;
  }

  // Mantine draws the drawer's title bar as a <header> inside the dialog; axe (and screen readers) take it for a
  // second page banner. It is the dialog's own heading group, so say so. Pinned by test_accessibility.py.
  function unbannerDrawerHeader(content) {
    var header = content.querySelector("header.mantine-Drawer-header");
    if (header && header.getAttribute("role") !== "group") { header.setAttribute("role", "group"); }
  }

  function watch() {
    describeYears(document);
    document.querySelectorAll(".atlas-graph").forEach(function (chart) {
      if (!chart.contains(document.activeElement) || document.activeElement === chart) {
        setToolbarTabbing(chart, false);
      }
    });
    followDrawer();
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; watch(); });
  }).observe(document.documentElement, {
    // Only what the three need: new nodes (drawer mounts, toolbars redrawn) and slider moves; not plotly's styles.
    subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"],
  });

  // 4. Enter (or Space) on a partner-table row opens the partner, as a click does (dash-ag-grid eventListeners).
  var grid = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
  grid.atlasOpenOnKey = function (params, setGridProps) {
    var key = params.event && params.event.key;
    if ((key !== "Enter" && key !== " ") || !params.node) { return; }
    params.event.preventDefault();
    opener = document.activeElement;
    setGridProps({ cellClicked: { value: params.value, colId: params.column.getColId(), rowIndex: params.rowIndex,
                                  rowId: params.node.id, timestamp: Date.now() } });
  };
})();
