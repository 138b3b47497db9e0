/* Cell renderers for the partner table. Data is always put in the page as text, never as HTML. */
(function () {
  "use strict";
  var funcs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});
  var h = function () { return window.React.createElement.apply(null, arguments); };

  // Only http(s) addresses become links: a "javascript:" or "data:" value stays inert text.
  funcs.WebsiteLink = function (props) {
    var url = typeof props.value === "string" ? props.value.trim() : "";
    if (!url) { return null; }
    if (!/^https?:\/\//i.test(url)) { return h("span", null, url); }
    var label = url.replace(/^https?:\/\//i, "").replace(/\/$/, "");
    return h("a", { href: url, target: "_blank", rel: "noopener noreferrer", className: "grid-link" }, label);
  };

  // Row filter of the partner table, read from what atlas.js keeps in window.atlasTable.
  var grid = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
  var shown = function () { return (window.atlasTable || {}).shown || null; };
  grid.atlasFilterPresent = function () { return shown() !== null; };
  grid.atlasRowShown = function (params) { var s = shown(); return !s || s[params.data.row] === 1; };

  funcs.TierBadge = function (props) {
    var tier = String(props.value || "");
    var labels = (props.labels || {});
    return h("span", { className: "tier-pill tier-" + tier.replace(/[^a-z]/g, "") }, labels[tier] || tier);
  };
})();
