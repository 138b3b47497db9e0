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

  // The partner as a card (phones and tablets: components/partner_table.py card_column), text only.
  funcs.PartnerCard = function (props) {
    var row = props.data || {};
    var p = props;
    var tier = String(row.tier || "");
    var place = [row.city, row.country_name].filter(Boolean).join(", ");
    var facts = [
      h("span", { key: "t", className: "tier-pill tier-" + tier.replace(/[^a-z]/g, "") }, (p.labels || {})[tier] || tier),
      h("span", { key: "v" }, (p.volume || "") + ": " + String(row.volume === undefined ? "" : row.volume)),
    ];
    if (row.agreement) { facts.push(h("span", { key: "a" }, (p.agreement || "") + ": " + row.agreement)); }
    return h("div", { className: "partner-card" },
      h("div", { className: "partner-card-name" }, String(row.name || "")),
      place ? h("div", { className: "partner-card-place" }, place) : null,
      h("div", { className: "partner-card-facts" }, facts),
      row.website ? h("div", { className: "partner-card-site" }, funcs.WebsiteLink({ value: row.website })) : null);
  };

  funcs.TierBadge = function (props) {
    var tier = String(props.value || "");
    var labels = (props.labels || {});
    return h("span", { className: "tier-pill tier-" + tier.replace(/[^a-z]/g, "") }, labels[tier] || tier);
  };
})();
