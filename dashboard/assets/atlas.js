/* Partner Atlas: the few things the browser does on its own (no data here, no network). */
(function () {
  "use strict";

  // Which partner-table rows the current filter shows: shown[row position] is 1, or shown is null for all.
  // Shared with the grid's filter function (dashAgGridComponentFunctions.js).
  window.atlasTable = window.atlasTable || { shown: null };

  // -- the map ------------------------------------------------------------------------------------
  var MAP_ID = "world-map", LIST_ID = "partner-list";

  // The page scrolls over the map; the wheel zooms it only when the map has focus (a click) or Ctrl is held.
  // A capture listener on the document runs before MapLibre's own on its canvas, and stopping the event there
  // (without preventDefault) leaves the browser's scrolling alone.
  document.addEventListener("wheel", function (event) {
    var map = document.getElementById(MAP_ID);
    if (!map || !map.contains(event.target) || event.ctrlKey) return;
    var frame = map.closest(".atlas-map-frame") || map;
    if (!frame.contains(document.activeElement)) event.stopPropagation();
  }, { capture: true, passive: true });

  // A click on a cluster zooms in until it splits. plotly has no public handle on its MapLibre map, nor an event
  // for a cluster: this function is the one reach (tests/browser/test_map.py fails first when plotly moves it).
  function maplibreOf(plot) {
    var subplot = plot && plot._fullLayout && plot._fullLayout.map && plot._fullLayout.map._subplot;
    return subplot ? subplot.map : null;
  }
  function zoomIntoClusters(map) {
    if (!map || map.atlasClusterClicks) return;
    map.atlasClusterClicks = true;
    map.on("click", function (event) {
      var layers = (map.getStyle().layers || []).map(function (l) { return l.id; })
        .filter(function (id) { return /-cluster$/.test(id); });
      var hit = map.queryRenderedFeatures(event.point, { layers: layers }).filter(function (f) {
        return f.properties && f.properties.cluster;
      })[0];
      if (!hit) return;
      Promise.resolve(map.getSource(hit.source).getClusterExpansionZoom(hit.properties.cluster_id)).then(function (zoom) {
        // The expansion zoom counts in the source's tile zooms, one below the map's (512 px tiles): one more,
        // and never less than a clear step in.
        map.easeTo({ center: hit.geometry.coordinates, zoom: Math.min(Math.max(zoom + 1, map.getZoom() + 1.5), 14) });
      });
    });
  }
  // Installed on the first press in the map (the press comes before its click), whenever plotly made the map.
  document.addEventListener("pointerdown", function (event) {
    var box = document.getElementById(MAP_ID);
    if (box && box.contains(event.target)) zoomIntoClusters(maplibreOf(box.querySelector(".js-plotly-plot")));
  }, true);

  // On a touch screen one finger scrolls the page over the map, as the wheel does: MapLibre's cooperative
  // gestures (two fingers pan) until a tap puts the focus in the map, then one finger pans it, until the focus
  // leaves. Set on every map plotly makes (a new figure can make a new map), before the first touch reaches it.
  function cooperate() {
    var box = document.getElementById(MAP_ID);
    var map = box && maplibreOf(box.querySelector(".js-plotly-plot"));
    if (!map || !map.cooperativeGestures) return;
    var chart = box.closest(".atlas-graph") || box;
    var focused = chart.contains(document.activeElement);
    if (focused === map.cooperativeGestures.isEnabled()) {
      if (focused) map.cooperativeGestures.disable(); else map.cooperativeGestures.enable();
    }
  }
  ["touchstart", "focusin", "focusout"].forEach(function (name) {
    document.addEventListener(name, function () {
      // focusout runs before the focus moves: read where it went on the next frame.
      if (name === "focusout") window.requestAnimationFrame(cooperate); else cooperate();
    }, { capture: true, passive: true });
  });
  // A tap into the map (a touch that ends where it began: not a scroll) gives it the focus. The browser makes
  // no click of it: MapLibre keeps the touch for itself.
  function focusMap(target) {
    var box = document.getElementById(MAP_ID);
    var chart = box && box.contains(target) && box.closest(".atlas-graph");
    if (chart && !chart.contains(document.activeElement)) chart.focus({ preventScroll: true });
  }
  var touchAt = null;
  document.addEventListener("touchstart", function (event) {
    var t = event.touches[0];
    touchAt = event.touches.length === 1 ? { x: t.clientX, y: t.clientY } : null;
  }, { capture: true, passive: true });
  document.addEventListener("touchend", function (event) {
    var t = event.changedTouches[0];
    if (touchAt && t && Math.abs(t.clientX - touchAt.x) < 10 && Math.abs(t.clientY - touchAt.y) < 10) {
      focusMap(event.target);
    }
    touchAt = null;
  }, { capture: true, passive: true });
  document.addEventListener("click", function (event) { focusMap(event.target); }, true);
  var cooperating = false;
  new MutationObserver(function () {
    if (cooperating) return;
    cooperating = true;
    window.requestAnimationFrame(function () { cooperating = false; cooperate(); });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Alt+L: to the partner table, the map's list (Enter on a row opens it: atlas-a11y.js).
  document.addEventListener("keydown", function (event) {
    if (event.altKey && !event.ctrlKey && (event.key === "l" || event.key === "L")) {
      var list = document.getElementById(LIST_ID);
      if (list) { event.preventDefault(); list.scrollIntoView({ block: "start" }); list.focus(); }
    }
  }, true);

  function setParam(params, key, value) {
    if (value === null || value === undefined || value === "") params.delete(key); else params.set(key, value);
  }

  // Clientside callbacks (dash.ClientsideFunction("atlas", ...)).
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    atlas: {
      // The dark switch drives Mantine (return value) and ag-grid (its theme reads data-ag-theme-mode).
      colorScheme: function (dark) {
        var scheme = dark ? "dark" : "light";
        document.body.dataset.agThemeMode = scheme;
        document.documentElement.style.colorScheme = scheme;
        return scheme;
      },
      // The map's size in pixels, so the server fits the view to what a filter shows.
      mapSize: function (_pathname, mapId) {
        var map = document.getElementById(mapId);
        return map ? [Math.round(map.clientWidth), Math.round(map.clientHeight)] : null;
      },
      // The layer, the selected partner and a view the person moved to, written into the address without a
      // round trip (replaceState: no history entry per pan). The server reads them on load (map_address.py).
      mapAddress: function (layer, partner, relayout) {
        var params = new URLSearchParams(window.location.search);
        var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
        setParam(params, "layer", layer && layer !== "partners" ? layer : null);
        setParam(params, "partner", partner);
        if (triggered.indexOf(MAP_ID + ".relayoutData") >= 0 && relayout && relayout["map.center"]) {
          var c = relayout["map.center"], z = relayout["map.zoom"];
          setParam(params, "view", [c.lat.toFixed(4), c.lon.toFixed(4), Number(z).toFixed(2)].join(","));
        }
        var query = params.toString().replace(/%2C/g, ",");
        var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
        if (url !== window.location.pathname + window.location.search + window.location.hash) {
          window.history.replaceState(window.history.state, "", url);
        }
        return query;
      },
      // The detail panel's "copy link": the address names the partner already.
      copyLink: function (_clicks, label) {
        var text = String(label || "").replace(/^\u2713 /, "");
        if (navigator.clipboard) navigator.clipboard.writeText(window.location.href).catch(function () {});
        return "\u2713 " + text;
      },
      // The views callback sends {rows, volume} (dashboard/components/partner_table.py table_filter): rows null
      // means every partner shows, volume null that each shown row has its unfiltered volume (the one the page
      // loaded with). Volumes go into the rows' own data, where the sort by volume reads them directly: a value
      // getter would be called twice per comparison, 300,000 calls at 12,000 rows.
      // searchRows: the rows the table's own search keeps (null: all; dashboard/callbacks/table.py); a row
      // shows when both keep it.
      showTableRows: function (data, searchRows, gridId) {
        return window.dash_ag_grid.getApiAsync(gridId).then(function (api) {
          var table = window.atlasTable;
          if (table.api !== api) {
            // The page's grid, seen for the first time: each row position's node and unfiltered volume.
            table.api = api;
            table.nodes = [];
            table.unfiltered = [];
            table.changed = false;
            api.forEachNode(function (node) {
              table.nodes[node.data.row] = node;
              table.unfiltered[node.data.row] = node.data.volume;
            });
          }
          var nodes = table.nodes;
          var rows = data ? data.rows : null;
          var volume = data ? data.volume : null;
          var shown = null;
          var i;
          if (rows) {
            shown = new Uint8Array(nodes.length);
            for (i = 0; i < rows.length; i++) { shown[rows[i]] = 1; }
          }
          if (searchRows) {
            var found = new Uint8Array(nodes.length);
            var kept = 0;
            for (i = 0; i < searchRows.length; i++) {
              if (!shown || shown[searchRows[i]]) { found[searchRows[i]] = 1; kept++; }
            }
            shown = found;
          }
          if (volume) {
            for (i = 0; i < volume.length; i++) { nodes[rows ? rows[i] : i].data.volume = volume[i]; }
            table.changed = true;
          } else if (table.changed) {
            for (i = 0; i < nodes.length; i++) { nodes[i].data.volume = table.unfiltered[i]; }
            table.changed = false;
          }
          table.shown = shown;
          // A filter refresh runs the grid's later stages too, the sort by volume included: a separate
          // onSortChanged would sort and redraw the page of rows a second time.
          api.onFilterChanged();
          api.refreshCells({ columns: ["volume"], force: true });
          return searchRows ? kept : rows ? rows.length : nodes.length;
        });
      },
      // The partner ids of the rows the grid shows after its filter, search and sort, in its order
      // (virtualRowData): what a CSV or Excel download exports.
      tableOrder: function (rows) {
        return rows ? rows.map(function (row) { return row.partner_id; }) : null;
      },
    },
  });

  // Functions passed as props to dash-mantine-components ({"function": name, "options": {...}}).
  var dmcfuncs = (window.dashMantineFunctions = window.dashMantineFunctions || {});
  // The country box's search. Each option carries `search`: its names in every language, folded on the server by
  // dashboard.folding.fold (components/filters_panel.py). Only what the person types is folded here, the same
  // way (case, accents, the letters fold writes in ASCII, punctuation); a word matches the start of a name, as
  // the side panel's search does (dashboard/search.py), so "finl", "Finnland" and "finlande" find Finland.
  var ASCII_LETTERS = { "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ı": "i", "þ": "th",
    "ħ": "h", "ŧ": "t", "ŀ": "l", "ĸ": "k", "ŋ": "n", "ß": "ss" };
  function foldTyped(text) {
    return String(text || "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[łøæœđðıþħŧŀĸŋß]/g, function (c) { return ASCII_LETTERS[c]; })
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  dmcfuncs.atlasCountryFilter = function (input) {
    var words = foldTyped(input.search).split(" ").filter(Boolean);
    if (!words.length) return input.options;
    return input.options.filter(function (option) {
      var names = " " + (option.search || foldTyped(option.label));
      return words.every(function (word) { return names.indexOf(" " + word) >= 0; });
    });
  };
  dmcfuncs.academicYearLabel = function (value, options) {
    var years = (options && options.years) || [];
    return years[value] !== undefined ? years[value] : String(value);
  };
})();
