/* Partner Atlas: the few things the browser does on its own (no data here, no network). */
(function () {
  "use strict";

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
    },
  });

  // Functions passed as props to dash-mantine-components ({"function": name, "options": {...}}).
  var dmcfuncs = (window.dashMantineFunctions = window.dashMantineFunctions || {});
  dmcfuncs.academicYearLabel = function (value, options) {
    var years = (options && options.years) || [];
    return years[value] !== undefined ? years[value] : String(value);
  };
})();
