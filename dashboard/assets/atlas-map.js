/* Partner Atlas: the map draws what the map callback sends (dashboard/callbacks/map_update.py).
 *
 * A first answer (and one after a theme or layer change) is a whole figure; after a filter, only the traces and the
 * view, merged into the figure the page has so its `layout.map.style` stays the same object and MapLibre is not
 * handed a style again. The partners' hover cards and places come once (`cards` and `places`, by dataset row);
 * each filter sends [row, outgoing, incoming] per partner, turned back here into the card plotly's hovertemplate
 * reads and the marker's place.
 *
 * The tier shapes inside the markers are layers of their own (plotly clusters only circles); they come empty, with
 * the indices of the markers each draws, and are filled here from the markers' places.
 *
 * Flows come as each arc's two ends ([start, end, gap], world_map's `compact_arcs`, a fifth of the bytes) and are
 * drawn here as great circles with the points figures/geo.great_circle_paths gives them.
 *
 * The mode bar's PNG download is named after the filter, as the charts' are. plotly's own button takes the name from
 * the graph's config, and a new config per filter would make plotly rebuild the WebGL map; so the map's config gets,
 * once, a button of its own (plotly's public custom-button interface) that asks plotly.downloadImage for the name
 * the last update sent.
 *
 * While MapLibre (re)loads a style, plotly's hover over the clustered partners queries layers that do not exist
 * yet: plotly throws "Map error." and the map takes no further update, so it keeps showing the partners of before
 * (plotly/dash#2706, open). A whole figure therefore makes the map ignore the pointer until plotly reports that
 * figure drawn (`plotly_afterplot` with the figure's stamp in `layout.meta`).
 */
(function () {
  "use strict";

  var PARTNERS = "partners"; // world_map.PARTNERS_TRACE
  var ARRAYS = {
    u1: Uint8Array, u2: Uint16Array, u4: Uint32Array, i1: Int8Array, i2: Int16Array, i4: Int32Array,
    f4: Float32Array, f8: Float64Array,
  };

  // The numbers of plotly.py's typed-array spec {dtype, bdata (base64), shape}, or of a plain array.
  function numbersOf(values) {
    if (Array.isArray(values) || ArrayBuffer.isView(values)) return values;
    var Kind = values && ARRAYS[values.dtype];
    if (!Kind) return null;
    var binary = atob(values.bdata);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Kind(bytes.buffer);
  }

  // The rows of a typed-array spec of two dimensions, or a plain array of arrays.
  function rowsOf(customdata) {
    if (Array.isArray(customdata)) return customdata;
    var flat = numbersOf(customdata);
    if (!flat) return null;
    var width = Number(String(customdata.shape || "").split(",")[1]) || 1;
    var rows = [];
    for (var j = 0; j + width <= flat.length; j += width) rows.push(Array.prototype.slice.call(flat, j, j + width));
    return rows;
  }

  // The partners trace with whole cards: [id, name, place, activities, agreement, outgoing, incoming, tier, note]
  // (world_map.CARD_FIELDS) from [row, outgoing, incoming] and the held card of that row, and each marker at the
  // place held for that row (`places`: lat, lon by row; the answer sends none: map_update.map_payload).
  function withCards(trace, cards, places) {
    if (!trace || trace.name !== PARTNERS || !cards) return trace;
    var compact = rowsOf(trace.customdata);
    if (!compact || (compact.length && (compact[0].length !== 3 || typeof compact[0][1] === "string"))) return trace;
    var whole = new Array(compact.length);
    var lat = new Float32Array(compact.length), lon = new Float32Array(compact.length);
    for (var i = 0; i < compact.length; i++) {
      var c = cards[compact[i][0]] || [];
      whole[i] = [c[0], c[1], c[2], c[3], c[4], compact[i][1], compact[i][2], c[5], c[6]];
      lat[i] = places ? places[2 * compact[i][0]] : NaN;
      lon[i] = places ? places[2 * compact[i][0] + 1] : NaN;
    }
    var placed = trace.lat === undefined ? { lat: lat, lon: lon } : {};
    return Object.assign({}, trace, { customdata: whole }, placed);
  }

  var RAD = Math.PI / 180;
  function unit(lat, lon) {
    return [Math.cos(lat * RAD) * Math.cos(lon * RAD), Math.cos(lat * RAD) * Math.sin(lon * RAD), Math.sin(lat * RAD)];
  }
  function rounded(value) { return Math.round(value * 1000) / 1000; }

  // A flows trace of arc ends drawn as great circles: per arc ceil(degrees / step) + 1 points (2 to `points`),
  // spherical interpolation from start to end, longitudes continuous across 180 degrees (an arc over the Pacific
  // goes on to 181 instead of jumping to -179), a gap after each arc; as figures/geo.great_circle_paths.
  function withArcs(trace) {
    var spec = trace && trace.meta && trace.meta.atlasArcs;
    var lat = spec && numbersOf(trace.lat);
    var lon = spec && numbersOf(trace.lon);
    if (!lat || !lon) return trace;
    var outLat = [], outLon = [];
    for (var i = 0; i + 1 < lat.length; i += 3) {
      var a = unit(lat[i], lon[i]), b = unit(lat[i + 1], lon[i + 1]);
      var omega = Math.acos(Math.max(-1, Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2])));
      var count = Math.max(2, Math.min(spec.points, Math.ceil(omega / RAD / spec.step) + 1));
      var sin = Math.sin(omega), previous = null;
      for (var k = 0; k < count; k++) {
        var t = k / (count - 1);
        var wa = sin > 1e-9 ? Math.sin((1 - t) * omega) / sin : 1 - t;
        var wb = sin > 1e-9 ? Math.sin(t * omega) / sin : t;
        var x = wa * a[0] + wb * b[0], y = wa * a[1] + wb * b[1], z = wa * a[2] + wb * b[2];
        var norm = Math.sqrt(x * x + y * y + z * z) || 1;
        var here = Math.atan2(y, x) / RAD;
        if (previous !== null) here -= 360 * Math.round((here - previous) / 360);
        previous = here;
        outLat.push(rounded(Math.asin(Math.max(-1, Math.min(1, z / norm))) / RAD));
        outLon.push(rounded(here));
      }
      outLat.push(NaN);
      outLon.push(NaN);
    }
    var meta = Object.assign({}, trace.meta);
    delete meta.atlasArcs; // drawn: a later merge of this trace into a patch must not draw it again
    return Object.assign({}, trace, { lat: new Float32Array(outLat), lon: new Float32Array(outLon), meta: meta });
  }

  // The tier-shape layers (layout.map.layers) filled with the points of the markers they draw: the partners
  // trace's `meta.atlasShapes` lists, per layer, the indices of its markers (world_map.shape_layers, compact).
  function withShapes(layout, data) {
    var layers = layout.map && layout.map.layers;
    var trace = data.find(function (t) { return t && t.name === PARTNERS && t.meta && t.meta.atlasShapes; });
    if (!trace || !layers) return { layout: layout, data: data };
    var lat = numbersOf(trace.lat), lon = numbersOf(trace.lon), shapes = trace.meta.atlasShapes;
    var filled = layers.map(function (layer, i) {
      var marks = shapes[i] && numbersOf(shapes[i]);
      if (!marks || !lat || !lon) return layer;
      var features = Array.prototype.map.call(marks, function (k) {
        return { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [lon[k], lat[k]] } };
      });
      return Object.assign({}, layer, { source: { type: "FeatureCollection", features: features } });
    });
    var meta = Object.assign({}, trace.meta);
    delete meta.atlasShapes; // filled: the figure the page keeps must not fill them again
    return {
      layout: Object.assign({}, layout, { map: Object.assign({}, layout.map, { layers: filled }) }),
      data: data.map(function (t) { return t === trace ? Object.assign({}, t, { meta: meta }) : t; }),
    };
  }

  var held = { token: null, cards: null, places: null, png: null };

  // The first value `get` gives that is not empty, looked for once a frame.
  function until(get) {
    return new Promise(function (resolve) {
      (function check() {
        var value = get();
        if (value) resolve(value);
        else window.requestAnimationFrame(check);
      })();
    });
  }

  // plotly.js loads after the page (dcc.Graph fetches it when a graph first renders): the button wants its icon.
  function plotlyReady() {
    return until(function () { return window.Plotly && window.Plotly.Icons ? window.Plotly : null; });
  }

  var MAP_ID = "world-map"; // ids.WORLD_MAP
  // app.css: no pointer events on the map. An attribute, not a class: React rewrites the graph's class
  // whenever dcc.Graph's own classes change, and would lift the guard early.
  var LOADING = "data-atlas-loading";
  var drawing = { stamp: 0, listening: null };

  function mapGraph() {
    var host = document.getElementById(MAP_ID);
    return host && host.querySelector(".js-plotly-plot");
  }

  function whenGraph() {
    return until(function () {
      var gd = mapGraph();
      return gd && typeof gd.on === "function" ? gd : null;
    });
  }

  // Stamp a whole figure and hold the pointer off the map until plotly has drawn it.
  function guarded(layout) {
    drawing.stamp += 1;
    var host = document.getElementById(MAP_ID);
    if (host) host.setAttribute(LOADING, "");
    if (!drawing.listening) {
      drawing.listening = whenGraph().then(function (gd) {
        gd.on("plotly_afterplot", function () {
          var meta = gd.layout && gd.layout.meta;
          if (meta && meta.atlasDrawn === drawing.stamp) document.getElementById(MAP_ID).removeAttribute(LOADING);
        });
      });
    }
    return Object.assign({}, layout, { meta: Object.assign({}, layout.meta, { atlasDrawn: drawing.stamp }) });
  }

  var PNG_BUTTON = "atlasMapPng";

  function withPngButton(config, Plotly) {
    var own = config.toImageButtonOptions || {};
    var button = {
      name: PNG_BUTTON,
      title: held.png.title,
      icon: Plotly.Icons.camera,
      click: function (gd) {
        Plotly.downloadImage(gd, Object.assign({ format: "png" }, own, { filename: held.png.name }));
      },
    };
    return Object.assign({}, config, {
      modeBarButtonsToRemove: (config.modeBarButtonsToRemove || []).concat(["toImage"]),
      modeBarButtonsToAdd: [button],
    });
  }

  function hasPngButton(config) {
    return (config.modeBarButtonsToAdd || []).some(function (b) { return b && b.name === PNG_BUTTON; });
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.atlasMap = {
    drawMap: function (update, figure, config) {
      var noUpdate = window.dash_clientside.no_update;
      if (!update) return [noUpdate, noUpdate, noUpdate];
      if (update.cards) {
        held = { token: update.token, cards: update.cards, places: numbersOf(update.places), png: held.png };
      }
      if (update.png) held.png = update.png;
      var base = update.figure || figure;
      if (!base || !base.layout || !base.data) return [noUpdate, noUpdate, noUpdate];
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
      if (update.figure) layout = guarded(layout);
      var mine = held.token === update.token;
      var drawn = withShapes(
        layout,
        data.map(function (trace) {
          return withArcs(withCards(trace, mine ? held.cards : null, mine ? held.places : null));
        })
      );
      var token = mine ? held.token : null;
      if (!held.png || !config || config.displayModeBar === false || hasPngButton(config)) {
        return [drawn, token, noUpdate];
      }
      // The first figure and the config together: plotly draws the map once.
      return plotlyReady().then(function (Plotly) { return [drawn, token, withPngButton(config, Plotly)]; });
    },
  };
})();
