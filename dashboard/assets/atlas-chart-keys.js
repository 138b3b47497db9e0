/* Partner Atlas: a keyboard path into the charts' elements (WCAG 2.1.1). On a focused chart (.atlas-chart-keys,
   components/panels.py), the arrow keys move a highlight between its bars, tiers or points (plotly's own hover
   card, drawn by Plotly.Fx.hover), the live region reads it, and Enter or Space clicks it: the chart's clickData
   gets the points a mouse click there reports (dash_clientside.set_props), so every chart that filters on a
   click filters from the keyboard too, with no code of its own. */
(function () {
  "use strict";

  var ANNOUNCE = "chart-announce";

  function plotOf(chart) { return chart.querySelector(".js-plotly-plot"); }

  // How many points a trace has: its longest coordinate array. plotly.py sends numeric arrays as typed-array
  // specs ({dtype, bdata, shape}); their length is in the spec.
  var BYTES = { i1: 1, u1: 1, u1c: 1, i2: 2, u2: 2, i4: 4, u4: 4, f4: 4, f8: 8 };
  function length(values) {
    if (!values) { return 0; }
    if (typeof values.length === "number") { return values.length; }
    if (values.shape) { return Number(String(values.shape).split(",")[0]) || 0; }
    if (values.bdata && BYTES[values.dtype]) { return Math.floor(window.atob(values.bdata).length / BYTES[values.dtype]); }
    return 0;
  }

  // A chart whose hover shows a whole x (or y) at once: the trend, one card per academic year.
  function wholePosition(plot) {
    var mode = String((plot.layout && plot.layout.hovermode) || "");
    return mode === "x" || mode === "y" || /unified/.test(mode);
  }

  // The traces a hover can show, with their number of points.
  function shownTraces(plot) {
    return (plot.data || []).map(function (trace, curve) {
      var skip = trace.visible === false || trace.visible === "legendonly" || trace.hoverinfo === "skip";
      return { curve: curve, count: skip ? 0 : Math.max(length(trace.x), length(trace.y), length(trace.values)) };
    }).filter(function (trace) { return trace.count > 0; });
  }

  // Every element a click can hit, in reading order: category by category, and within one the traces in
  // legend order. A chart whose hover shows a whole position at once steps by that position only.
  function targets(plot) {
    var traces = shownTraces(plot);
    if (wholePosition(plot)) { traces = traces.slice(0, 1); }
    var most = Math.max.apply(null, [0].concat(traces.map(function (t) { return t.count; })));
    var out = [];
    for (var point = 0; point < most; point++) {
      traces.forEach(function (trace) {
        if (point < trace.count) { out.push({ curveNumber: trace.curve, pointNumber: point }); }
      });
    }
    return out;
  }

  // The hover card's text, line by line, as a sighted user reads it.
  function hoverText(plot) {
    var lines = [];
    plot.querySelectorAll(".hoverlayer text").forEach(function (node) {
      var parts = node.querySelectorAll("tspan.line");
      (parts.length ? Array.prototype.slice.call(parts) : [node]).forEach(function (part) {
        var line = (part.textContent || "").trim();
        if (line) { lines.push(line); }
      });
    });
    return lines.join(", ");
  }

  function announce(message) {
    var region = document.getElementById(ANNOUNCE);
    if (region && message) { region.textContent = message; }
  }

  function say(chart, plot, index, total) {
    var region = document.getElementById(ANNOUNCE);
    var template = (region && region.getAttribute("data-position")) || "{label} ({position} of {total})";
    var label = hoverText(plot);
    if (label) {
      announce(template.replace("{label}", label).replace("{position}", String(index + 1))
        .replace("{total}", String(total)));
    }
  }

  // The highlight: plotly's hover card on one element.
  function highlight(chart, index) {
    var plot = plotOf(chart);
    if (!plot || !window.Plotly) { return false; }
    var all = targets(plot);
    if (!all.length) { return false; }
    index = Math.max(0, Math.min(index, all.length - 1));
    chart.atlasIndex = index;
    if (!plot.atlasKeys) {
      plot.atlasKeys = true;
      // A click redraws the chart (the filter changed): the highlight comes back on the same element.
      plot.on("plotly_afterplot", function () {
        if (document.activeElement === chart && chart.atlasIndex !== undefined) {
          window.requestAnimationFrame(function () { highlight(chart, chart.atlasIndex); });
        }
      });
    }
    var before = hoverText(plot);
    // plotly's card shows the points it is given: at a whole position, every series there, as the mouse gets.
    var target = all[index];
    var points = wholePosition(plot)
      ? shownTraces(plot).filter(function (trace) { return target.pointNumber < trace.count; })
        .map(function (trace) { return { curveNumber: trace.curve, pointNumber: target.pointNumber }; })
      : [target];
    window.Plotly.Fx.hover(plot, points);
    // plotly draws a hover at most every few tens of milliseconds (it throttles them): read the card once it
    // is the new one (or after a few frames, when two elements read the same).
    var frames = 0, asked = index;
    (function read() {
      if (chart.atlasIndex !== asked) { return; } // a later key press took over
      if (hoverText(plot) !== before || frames++ > 12) { say(chart, plot, index, all.length); return; }
      window.requestAnimationFrame(read);
    })();
    return true;
  }

  function item(values, index) {
    return values && typeof values.length === "number" ? values[index] : undefined;
  }

  // The points a mouse click on the element reports (plotly's click event data, as dcc.Graph keeps it): the
  // element's coordinates, its label and value (bars) and its customdata, which the filter callbacks read. A
  // chart whose hover covers a whole x reports every trace at that x, as a click there does.
  function clickedPoints(plot, target) {
    var curves = wholePosition(plot) ? (plot.data || []).map(function (_, curve) { return curve; }) : [target.curveNumber];
    return curves.map(function (curve) {
      var trace = plot.data[curve] || {};
      var i = target.pointNumber;
      var point = { curveNumber: curve, pointNumber: i, pointIndex: i, x: item(trace.x, i), y: item(trace.y, i) };
      if (trace.type === "bar") {
        var horizontal = trace.orientation === "h";
        point.label = horizontal ? point.y : point.x;
        point.value = horizontal ? point.x : point.y;
      }
      var custom = item(trace.customdata, i);
      if (custom !== undefined) { point.customdata = custom; }
      return point;
    }).filter(function (point) { return point.x !== undefined || point.y !== undefined; });
  }

  // Enter: the chart's clickData, as a mouse click sets it, so the callbacks that filter on a click filter.
  function click(chart) {
    var plot = plotOf(chart);
    var all = plot ? targets(plot) : [];
    var target = all[chart.atlasIndex];
    if (!target || !window.dash_clientside || !window.dash_clientside.set_props) { return false; }
    window.dash_clientside.set_props(chart.getAttribute("data-chart"), {
      clickData: { points: clickedPoints(plot, target), timestamp: Date.now() },
    });
    return true;
  }

  function leave(chart) {
    var plot = plotOf(chart);
    chart.atlasIndex = undefined;
    if (plot && window.Plotly) { window.Plotly.Fx.unhover(plot); }
  }

  var STEPS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

  // Capture, so these run before atlas-a11y.js's Enter (the toolbar), which keeps Enter when nothing is lit.
  document.addEventListener("keydown", function (event) {
    var chart = event.target;
    if (!chart.classList || !chart.classList.contains("atlas-chart-keys") || event.altKey || event.ctrlKey) {
      return;
    }
    var key = event.key;
    var current = chart.atlasIndex;
    var handled = false;
    if (STEPS[key]) {
      handled = highlight(chart, current === undefined ? 0 : current + STEPS[key]);
    } else if (key === "Home" || key === "End") {
      handled = highlight(chart, key === "Home" ? 0 : Number.MAX_SAFE_INTEGER);
    } else if ((key === "Enter" || key === " ") && current !== undefined) {
      handled = click(chart);
    } else if (key === "Escape" && current !== undefined) {
      leave(chart);
      handled = true;
    }
    if (handled) { event.preventDefault(); event.stopPropagation(); }
  }, true);

  document.addEventListener("focusout", function (event) {
    var chart = event.target;
    if (chart.classList && chart.classList.contains("atlas-chart-keys") && !chart.contains(event.relatedTarget)) {
      leave(chart);
    }
  });
})();
