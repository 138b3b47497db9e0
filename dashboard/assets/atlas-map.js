/* Partner Atlas: the map draws what the map callback sends (dashboard/callbacks/map_update.py).
 *
 * A first answer (and one after a theme or layer change) is a whole figure; after a filter, only the traces and the
 * view, merged into the figure the page has so its `layout.map.style` stays the same object and MapLibre is not
 * handed a style again. The partners' hover cards come once (`cards`, by dataset row); each filter sends
 * [row, outgoing, incoming] per partner, turned back here into the card plotly's hovertemplate reads.
 */
(function () {
  "use strict";

  var PARTNERS = "partners"; // world_map.PARTNERS_TRACE
  var ARRAYS = { u1: Uint8Array, u2: Uint16Array, u4: Uint32Array, i1: Int8Array, i2: Int16Array, i4: Int32Array };

  // plotly.py's typed-array spec {dtype, bdata (base64), shape}, or a plain array of arrays.
  function rowsOf(customdata) {
    if (Array.isArray(customdata)) return customdata;
    var Kind = customdata && ARRAYS[customdata.dtype];
    if (!Kind) return null;
    var binary = atob(customdata.bdata);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var flat = new Kind(bytes.buffer);
    var width = Number(String(customdata.shape || "").split(",")[1]) || 1;
    var rows = [];
    for (var j = 0; j + width <= flat.length; j += width) rows.push(Array.prototype.slice.call(flat, j, j + width));
    return rows;
  }

  // The partners trace with whole cards: [id, name, place, activities, agreement, outgoing, incoming, tier, note]
  // (world_map.CARD_FIELDS) from [row, outgoing, incoming] and the held card of that row.
  function withCards(trace, cards) {
    if (!trace || trace.name !== PARTNERS || !cards) return trace;
    var compact = rowsOf(trace.customdata);
    if (!compact || (compact.length && (compact[0].length !== 3 || typeof compact[0][1] === "string"))) return trace;
    var whole = new Array(compact.length);
    for (var i = 0; i < compact.length; i++) {
      var c = cards[compact[i][0]] || [];
      whole[i] = [c[0], c[1], c[2], c[3], c[4], compact[i][1], compact[i][2], c[5], c[6]];
    }
    return Object.assign({}, trace, { customdata: whole });
  }

  var held = { token: null, cards: null };

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.atlasMap = {
    drawMap: function (update, figure) {
      var noUpdate = window.dash_clientside.no_update;
      if (!update) return [noUpdate, noUpdate];
      if (update.cards) held = { token: update.token, cards: update.cards };
      var base = update.figure || figure;
      if (!base || !base.layout || !base.data) return [noUpdate, noUpdate];
      var data = update.data || base.data;
      if (update.traces) {
        data = data.slice();
        Object.keys(update.traces).forEach(function (k) { data[Number(k)] = update.traces[k]; });
      }
      var layout = base.layout;
      if (update.layout && !update.figure) {
        layout = Object.assign({}, base.layout, update.layout);
        layout.map = Object.assign({}, base.layout.map, update.layout.map || {});
      }
      var cards = held.token === update.token ? held.cards : null;
      var drawn = { data: data.map(function (trace) { return withCards(trace, cards); }), layout: layout };
      return [drawn, held.token === update.token ? held.token : null];
    },
  };
})();
