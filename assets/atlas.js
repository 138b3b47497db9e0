/* Partner Atlas: the few things the browser does on its own (no data here, no network). */
(function () {
  "use strict";

  // Which partner-table rows the current filter shows: shown[row position] is 1, or shown is null for all.
  // Shared with the grid's filter function (dashAgGridComponentFunctions.js).
  window.atlasTable = window.atlasTable || { shown: null };

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
      // The views callback sends {rows, volume} (dashboard/components/partner_table.py table_filter): rows null
      // means every partner shows, volume null that each shown row has its unfiltered volume (the one the page
      // loaded with). Volumes go into the rows' own data, where the sort by volume reads them directly: a value
      // getter would be called twice per comparison, 300,000 calls at 12,000 rows.
      showTableRows: function (data, gridId) {
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
          return rows ? rows.length : nodes.length;
        });
      },
    },
  });

  // Functions passed as props to dash-mantine-components ({"function": name, "options": {...}}).
  var dmcfuncs = (window.dashMantineFunctions = window.dashMantineFunctions || {});
  dmcfuncs.academicYearLabel = function (value, options) {
    var years = (options && options.years) || [];
    return years[value] !== undefined ? years[value] : String(value);
  };
})();
