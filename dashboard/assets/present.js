/* Partner Atlas presentation mode: plays the tour the server sent once, in the browser, all day.
 *
 * Memory stays flat: one graph div redrawn with Plotly.react, a fixed set of text elements, listeners added once,
 * at most one pending timer of each kind. Captions and names are data: they go in with textContent, never as HTML.
 * Keys: Right/Left (or a clicker's PageDown/PageUp) next/previous, Space pause/resume, F full screen,
 * Esc leaves full screen, then the presentation. A click or touch pauses; any pause ends after `idle` seconds
 * without input, so a stand left paused starts playing again by itself.
 */
(function () {
  "use strict";

  var ID = {
    root: "present-root", graph: "present-graph", caption: "present-caption", kicker: "present-kicker",
    counter: "present-counter", status: "present-status", progress: "present-progress",
  };
  var FACT_SLOTS = 3;
  var MAX_FADE_MS = 450;
  var CURSOR_HIDE_MS = 2500;

  var tour = null;       // {scenes, seconds, idle, home, lang, title, paused, resumes, config}
  var index = 0;
  var paused = false;
  var changes = 0;
  var sceneTimer = null;
  var idleTimer = null;
  var fadeTimer = null;
  var cursorTimer = null;
  var waitTimer = null;
  var listening = false;
  var drawing = false;
  var redrawWanted = false;
  var drawn = 0;          // figures plotly has finished drawing (data-drawn, with data-drawing, for tests)

  function byId(id) { return document.getElementById(id); }

  function setText(id, value) {
    var element = byId(id);
    if (element && element.textContent !== value) { element.textContent = value; }
  }

  function graphDiv() {
    var holder = byId(ID.graph);
    var gd = holder && holder.querySelector(".js-plotly-plot");
    return gd && gd.layout ? gd : null; // gd.layout: plotly's public record that it has drawn the graph
  }

  function sceneMs() { return tour.seconds * 1000; }
  function fadeMs() { return Math.min(MAX_FADE_MS, sceneMs() * 0.2); }

  // The stored figure stays pristine: plotly writes computed ranges into what it is given.
  function copy(figure) {
    return typeof structuredClone === "function" ? structuredClone(figure) : JSON.parse(JSON.stringify(figure));
  }

  // One redraw at a time: a map waits for its outlines to load, and a second Plotly.react on the same div before
  // the first has finished finds them missing. A scene asked for meanwhile is drawn next; the ones between skipped.
  function render() {
    var gd = graphDiv();
    if (!gd) { return; }
    if (drawing) { redrawWanted = true; return; }
    drawing = true;
    redrawWanted = false;
    byId(ID.root).dataset.drawing = "1";
    var figure = copy(tour.scenes[index].figure);
    Promise.resolve(window.Plotly.react(gd, figure.data, figure.layout, tour.config))
      .catch(function () { /* the next scene redraws the div whole */ })
      .then(function () {
        drawing = false;
        drawn += 1;
        byId(ID.root).dataset.drawn = String(drawn);
        byId(ID.root).dataset.drawing = "0";
        if (redrawWanted) { render(); }
      });
  }

  function draw() {
    var scene = tour.scenes[index];
    var root = byId(ID.root);
    render();
    setText(ID.kicker, scene.kicker || "");
    setText(ID.caption, scene.caption || "");
    setText(ID.counter, (index + 1) + " / " + tour.scenes.length);
    var facts = scene.facts || [];
    for (var slot = 0; slot < FACT_SLOTS; slot++) {
      var fact = facts[slot];
      setText("present-fact-" + slot + "-value", fact ? fact.value : "");
      setText("present-fact-" + slot + "-label", fact ? fact.label : "");
    }
    root.dataset.kind = scene.kind;
    root.dataset.scene = String(index);
    root.dataset.changes = String(changes);
    root.classList.remove("is-leaving");
  }

  function show(next) {
    var count = tour.scenes.length;
    index = ((next % count) + count) % count;
    changes += 1;
    clearTimeout(fadeTimer);
    byId(ID.root).classList.add("is-leaving");
    fadeTimer = setTimeout(draw, fadeMs());
    restartProgress();
    schedule();
  }

  function schedule() {
    clearTimeout(sceneTimer);
    sceneTimer = paused ? null : setTimeout(function () { show(index + 1); }, sceneMs());
  }

  function restartProgress() {
    var bar = byId(ID.progress);
    bar.style.transition = "none";
    bar.style.transform = "scaleX(0)";
    void bar.offsetWidth;  // commit the reset, so the next transition starts from empty
    if (!paused) {
      bar.style.transition = "transform " + sceneMs() + "ms linear";
      bar.style.transform = "scaleX(1)";
    }
  }

  function freezeProgress() {
    var bar = byId(ID.progress);
    var now = window.getComputedStyle(bar).transform;
    bar.style.transition = "none";
    bar.style.transform = now === "none" ? "scaleX(0)" : now;
  }

  function pause() {
    if (paused) { return; }
    paused = true;
    clearTimeout(sceneTimer);
    sceneTimer = null;
    freezeProgress();
    byId(ID.root).dataset.state = "paused";
    setText(ID.status, tour.paused);
    byId(ID.status).title = tour.resumes;
  }

  function resume() {
    clearTimeout(idleTimer);
    idleTimer = null;
    if (!paused) { return; }
    paused = false;
    byId(ID.root).dataset.state = "playing";
    setText(ID.status, "");
    restartProgress();
    schedule();
  }

  // Any input restarts the idle clock; when it runs out, a paused tour plays on.
  function touched() {
    clearTimeout(idleTimer);
    idleTimer = paused ? setTimeout(resume, tour.idle * 1000) : null;
  }

  function toggleFullscreen() {
    var root = byId(ID.root);
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(function () { /* already left */ });
      return;
    }
    var page = document.documentElement;
    if (!page.requestFullscreen) {
      root.classList.add("fullscreen-refused");
      return;
    }
    page.requestFullscreen().then(function () {
      root.classList.remove("fullscreen-refused");
    }, function () {
      root.classList.add("fullscreen-refused");  // kiosk browsers and some headless ones say no: keep playing
    });
  }

  function leave() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(function () { /* already left */ });
      return;
    }
    window.location.assign(tour.home);
  }

  function onKey(event) {
    if (!tour || event.altKey || event.ctrlKey || event.metaKey) { return; }
    switch (event.key) {
      case "ArrowRight": case "PageDown": show(index + 1); break;
      case "ArrowLeft": case "PageUp": show(index - 1); break;
      case " ": case "Spacebar": if (paused) { resume(); } else { pause(); } break;
      case "f": case "F": toggleFullscreen(); break;
      case "Escape": leave(); return;
      default: return;
    }
    event.preventDefault();
    touched();
  }

  function onPointerDown() {
    if (!tour) { return; }
    pause();
    touched();
  }

  // The pointer hides itself over the projected page until the mouse moves.
  function onPointerMove() {
    var root = byId(ID.root);
    if (!root) { return; }
    root.classList.remove("cursor-hidden");
    clearTimeout(cursorTimer);
    cursorTimer = setTimeout(function () { root.classList.add("cursor-hidden"); }, CURSOR_HIDE_MS);
  }

  function onFullscreenChange() {
    var root = byId(ID.root);
    if (root) { root.classList.toggle("is-fullscreen", Boolean(document.fullscreenElement)); }
  }

  function listen() {
    if (listening) { return; }
    listening = true;
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("pointermove", onPointerMove, { passive: true });
    document.addEventListener("fullscreenchange", onFullscreenChange);
  }

  // Every scene drawn once, unseen, before the tour starts: plotly fetches each map outline it needs (the 50 m
  // world for zoomed scenes is large) now rather than in the middle of a scene, so the first loop already runs
  // smoothly and holds everything the tour will ever hold.
  function warmUp(position, done) {
    if (position >= tour.scenes.length) { done(); return; }
    var figure = copy(tour.scenes[position].figure);
    Promise.resolve(window.Plotly.react(graphDiv(), figure.data, figure.layout, tour.config))
      .catch(function () { /* drawn again when its turn comes */ })
      .then(function () { warmUp(position + 1, done); });
  }

  // The graph component mounts and loads plotly.js on its own schedule: begin once it has drawn.
  function begin() {
    clearTimeout(waitTimer);
    if (!graphDiv() || !window.Plotly) {
      waitTimer = setTimeout(begin, 50);
      return;
    }
    var started = tour;
    byId(ID.root).dataset.state = "loading";
    warmUp(0, function () { if (tour === started) { play(); } });
  }

  function play() {
    var root = byId(ID.root);
    document.documentElement.lang = tour.lang;
    document.title = tour.title;
    root.dataset.state = "playing";
    root.style.setProperty("--present-fade", fadeMs() + "ms");
    root.classList.add("cursor-hidden");
    listen();
    index = 0;
    paused = false;
    changes = 0;
    clearTimeout(fadeTimer);
    draw();
    restartProgress();
    schedule();
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    present: {
      start: function (data) {
        if (!data || !data.scenes || !data.scenes.length) { return window.dash_clientside.no_update; }
        clearTimeout(sceneTimer);
        clearTimeout(idleTimer);
        tour = data;
        begin();
        return data.scenes.length;
      },
    },
  });
})();
