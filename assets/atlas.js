/* Partner Atlas: the few things the browser does on its own (no data here, no network). */
(function () {
  "use strict";

  // Which partner-table rows the current filter shows, with their mobility: row position -> volume.
  // Shared with the grid's filter and value functions (dashAgGridFunctions.js); null until the first filter.
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
      // The views callback sends {rows: [...], volume: [...]}; the grid keeps its rows and re-filters.
      showTableRows: function (data, gridId) {
        var shown = new Map();
        var rows = (data && data.rows) || [];
        var volume = (data && data.volume) || [];
        for (var i = 0; i < rows.length; i++) { shown.set(rows[i], volume[i]); }
        window.atlasTable.shown = data ? shown : null;
        return window.dash_ag_grid.getApiAsync(gridId).then(function (api) {
          // A filter refresh runs the grid's later stages too, the sort by volume included: a separate
          // onSortChanged would sort and redraw the page of rows a second time (17 ms at 1,200 rows).
          api.onFilterChanged();
          api.refreshCells({ columns: ["volume"], force: true });
          return shown.size;
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
