/* Announcement Timeline, interactive page: a self-test that runs only when the page is
   opened with "#selftest" at the end of its address (the app's tests open it so in a
   headless browser). It notes every script error from the start; after the first draw it
   does what a person would (hover and click an event, read its quote, zoom, drag, untick
   a company, search) and writes what it saw into data-* attributes of <body>. */
(function () {
  'use strict';
  const AT = (window.AnnouncementTimeline = window.AnnouncementTimeline || {});
  if (location.hash !== '#selftest') return;
  const errors = [];
  function noteErrors() { document.body.setAttribute('data-errors', errors.join(' | ')); }
  window.addEventListener('error', function (ev) {
    errors.push(String(ev.message || 'error') + (ev.lineno ? ' (line ' + ev.lineno + ')' : ''));
    noteErrors();
  });
  window.addEventListener('unhandledrejection', function (ev) { errors.push(String(ev.reason)); noteErrors(); });
  document.addEventListener('securitypolicyviolation', function (ev) {
    errors.push('blocked by the page policy: ' + ev.violatedDirective + ' ' + ev.blockedURI);
    noteErrors();
  });
  const consoleError = console.error;
  console.error = function () {
    errors.push(Array.prototype.map.call(arguments, String).join(' '));
    noteErrors();
    return consoleError.apply(console, arguments);
  };
  noteErrors();

  function overlap(a, b) {
    return Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.5 &&
      Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.5;
  }

  function described(item) {
    const b = item.box;
    return JSON.stringify([item.text || item.e.title, item.e.id, Math.round(b.x), Math.round(b.y), Math.round(b.w), Math.round(b.h)]);
  }

  /* Labels over labels, another event's marker or a badge, in one lane (`seen`: the first). */
  function collisions(laid, seen) {
    let found = 0;
    const labels = laid.labels;
    for (let i = 0; i < labels.length; i++) {
      const others = labels.slice(i + 1).concat(laid.marks.filter(function (m) { return m.e !== labels[i].e; }))
        .concat(laid.badges.map(function (b) { return { box: b.box, text: b.count + ' events', e: { id: 0 } }; }));
      for (const other of others) {
        if (!overlap(labels[i].box, other.box)) continue;
        found += 1;
        if (seen.first === undefined) seen.first = described(labels[i]) + ' over ' + described(other);
      }
    }
    return found;
  }

  function pointer(app, type, x, y, extra) {
    const rect = app.plot.getBoundingClientRect();
    const init = Object.assign({ clientX: rect.left + app.gutter() + x, clientY: rect.top + y - app.scroller.scrollTop + app.top,
      bubbles: true, cancelable: true, pointerId: 1, isPrimary: true, button: 0, buttons: 1 }, extra || {});
    const event = type === 'wheel' ? new WheelEvent(type, init) : new PointerEvent(type, init);
    app.plot.dispatchEvent(event);
  }

  function painted(canvas) {  // pixels that differ from the first one (the background)
    const ctx = canvas.getContext('2d');
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 4; i < pixels.length; i += 4) {
      if (pixels[i] !== pixels[0] || pixels[i + 1] !== pixels[1] || pixels[i + 2] !== pixels[2]) count += 1;
    }
    return count;
  }

  /* The mean green of a column of plot pixels inside the first era and of one left of it:
     the era's violet tint lowers it. */
  function eraColumns(app, frame, out) {
    const era = app.model.eras[0];
    out['eras'] = app.model.eras.length;
    if (!era || era.end <= frame.t0 || era.start >= frame.t1) return;
    const ratio = app.plot.width / app.plot.clientWidth;
    const ctx = app.plot.getContext('2d');
    function green(x) {
      const column = ctx.getImageData(Math.round((app.gutter() + x) * ratio), 0, 1, app.plot.height).data;
      let sum = 0;
      for (let i = 1; i < column.length; i += 4) sum += column[i];
      return sum / (column.length / 4);
    }
    const x0 = (era.start - frame.t0) * frame.scale;
    const x1 = (era.end - frame.t0) * frame.scale;
    out['era-green-inside'] = green((x0 + x1) / 2).toFixed(1);
    out['era-green-outside'] = green(x0 - 30).toFixed(1);
  }

  function quotedText(app, e) {
    const parts = [e.title, e.summary];
    for (const index of e.passages) for (const run of app.model.data.passages[index][3]) parts.push(run[1]);
    return parts.join('\n').toLowerCase();
  }

  /* What a frame draws: counts, label collisions, and the first event drawn on its own. */
  function survey(app, frame, out) {
    let marks = 0;
    let labels = 0;
    let strips = 0;
    let clashes = 0;
    const seen = {};
    let first = null;
    for (const laid of frame.lanes) {
      AT.placeLane(frame, laid, app.measure);
      marks += laid.marks.length;
      labels += laid.labels.length;
      strips += laid.strip ? 1 : 0;
      clashes += collisions(laid, seen);
      for (const m of laid.marks) {
        const inside = m.box.x > 0 && m.box.x + m.box.w < frame.width && m.box.y + m.box.h < app.scroller.clientHeight - app.top;
        if (first === null && inside) first = m;
      }
    }
    out['markers'] = marks;
    out['labels'] = labels;
    out['density-lanes'] = strips;
    out['label-overlaps'] = clashes;
    if (seen.first) out['label-overlap-first'] = seen.first;
    return first;
  }

  function run(app, out) {
    const model = app.model;
    let frame = app.frame();
    out['first-draw-ms'] = app.timing.firstDraw.toFixed(1);
    out['script-ms'] = app.timing.script.toFixed(1);
    out['events'] = model.events.length;
    out['lanes'] = frame.lanes.length;
    out['painted'] = painted(app.plot);
    eraColumns(app, frame, out);
    survey(app, frame, out);
    out['resources'] = performance.getEntriesByType('resource').length;
    out['resource-names'] = performance.getEntriesByType('resource').map(function (r) { return r.name; }).join(' ');

    // zoom with the wheel: the axis goes from years to finer ticks; then drag to pan
    const width = frame.width;
    const before = AT.ticks(app.view.t0, app.view.t1, width, AT.K.TICK_PX).kind;
    const span = app.view.t1 - app.view.t0;
    let overlaps = 0;
    let shownMarkers = 0;
    for (let i = 0; i < 4; i++) {  // labels never overlap at any of these zooms either
      pointer(app, 'wheel', width / 2, 10, { deltaY: -500, deltaMode: 0 });
      const zoomed = {};
      survey(app, app.frame(), zoomed);
      overlaps += zoomed['label-overlaps'];
      shownMarkers += zoomed['markers'];
      if (zoomed['label-overlap-first'] && !out['label-overlap-zoomed-first']) {
        out['label-overlap-zoomed-first'] = zoomed['label-overlap-first'];
      }
    }
    out['label-overlaps-zoomed'] = overlaps;
    out['markers-zoomed'] = shownMarkers;
    out['zoom'] = ((app.view.t1 - app.view.t0) / span).toPrecision(3);
    out['ticks'] = before + '>' + AT.ticks(app.view.t0, app.view.t1, width, AT.K.TICK_PX).kind;
    const t0 = app.view.t0;
    pointer(app, 'pointerdown', width / 2, 10);
    pointer(app, 'pointermove', width / 2 + 200, 10);
    pointer(app, 'pointerup', width / 2 + 200, 10);
    out['pan'] = app.view.t0 < t0 && app.view.selected === null ? 'earlier' : 'not moved';
    app.fit();
    app.render();
    frame = app.frame();
    const first = survey(app, frame, {});

    // hover, then click the first event drawn on its own
    let clicked = null;
    if (first !== null) {
      const x = first.box.x + Math.min(first.box.w, AT.K.MARKER) / 2;
      const y = first.box.y + first.box.h / 2;
      pointer(app, 'pointermove', x, y, { buttons: 0 });
      out['hover'] = app.tooltip.hidden ? '' : app.tooltip.textContent;
      pointer(app, 'pointerdown', x, y);
      pointer(app, 'pointerup', x, y);
      const chosen = clicked = app.view.selected;
      out['clicked-id'] = chosen ? chosen.id : '';
      out['clicked-title'] = chosen ? chosen.title : '';
      const heading = app.detail.querySelector('h2');
      out['detail-title'] = heading ? heading.textContent : '';
      const marksShown = app.detail.querySelectorAll('mark');
      out['detail-marks'] = marksShown.length;
      out['detail-quote'] = marksShown.length ? marksShown[0].textContent : '';
      out['detail-passage'] = marksShown.length ? marksShown[0].parentNode.textContent : '';
      const links = Array.from(app.detail.querySelectorAll('a'));
      out['detail-links'] = links.length;
      out['detail-links-safe'] = links.every(function (a) {
        return /^https?:$/.test(a.protocol) && a.rel === 'noopener noreferrer';
      }) ? 'yes' : 'no';
    }

    // a badge: zooms in on what it counts, or lists events of one day; a density column
    // (zoomed out): says its count, and zooms in
    app.fit();
    frame = app.frame();
    for (const laid of frame.lanes) {
      AT.placeLane(frame, laid, app.measure);
      const badge = laid.badges[0];
      if (badge && badge.box.y + badge.box.h < app.scroller.clientHeight - app.top && out['pile'] === undefined) {
        const before = app.view.t1 - app.view.t0;
        pointer(app, 'pointermove', badge.box.x + badge.box.w / 2, badge.box.y + badge.box.h / 2, { buttons: 0 });
        out['pile-hover'] = app.tooltip.textContent;
        pointer(app, 'pointerdown', badge.box.x + badge.box.w / 2, badge.box.y + badge.box.h / 2);
        pointer(app, 'pointerup', badge.box.x + badge.box.w / 2, badge.box.y + badge.box.h / 2);
        const listed = app.detail.querySelectorAll('button.event-link').length;
        out['pile'] = app.view.t1 - app.view.t0 < before ? 'zoomed' : listed === badge.count ? 'listed' : 'nothing';
        app.fit();
      }
      const strip = laid.strip;
      if (strip && laid.top + laid.height < app.scroller.clientHeight - app.top && out['density'] === undefined) {
        const column = strip.counts.findIndex(function (n) { return n > 0; });
        const x = (column + 0.5) * strip.step;
        const before = app.view.t1 - app.view.t0;
        pointer(app, 'pointermove', x, laid.top + laid.height / 2, { buttons: 0 });
        out['density-hover'] = app.tooltip.textContent;
        out['density-count'] = strip.counts[column];
        pointer(app, 'pointerdown', x, laid.top + laid.height / 2);
        pointer(app, 'pointerup', x, laid.top + laid.height / 2);
        out['density'] = app.view.t1 - app.view.t0 < before / 4 ? 'zoomed' : 'nothing';
        app.fit();
      }
    }
    app.select(null);
    frame = app.frame();

    // untick the first company shown: its lane goes; tick it again: it comes back
    const shownLanes = frame.lanes.length;
    const entry = app.boxes.find(function (b) { return frame.lanes.some(function (l) { return l.lane === b.lane; }); });
    if (entry) {
      entry.box.click();
      frame = app.frame();
      out['untick-company'] = entry.lane.name;
      out['untick-gone'] = frame.lanes.some(function (l) { return l.lane === entry.lane; }) ? 'no' : 'yes';
      out['lanes-after-untick'] = frame.lanes.length;
      entry.box.click();
      out['lanes-after-tick'] = app.frame().lanes.length;
    }
    out['lanes-before-untick'] = shownLanes;

    // search for a word of the clicked event's title, in capitals
    const chosen = clicked || model.events[0];
    if (chosen) {
      const words = (chosen.title.match(/[\p{L}\p{N}]{4,}/gu) || []).sort(function (a, b) { return b.length - a.length; });
      const word = words.length ? words[0] : '';
      app.search.value = word.toUpperCase();
      app.search.dispatchEvent(new Event('input', { bubbles: true }));
      out['search-word'] = word;
      out['search-shown'] = model.shownCount;
      out['search-all-match'] = model.timeOrder.every(function (e) {
        return quotedText(app, e).includes(word.toLowerCase());
      }) ? 'yes' : 'no';
      out['search-has-clicked'] = model.timeOrder.indexOf(chosen) !== -1 ? 'yes' : 'no';
      out['shown-count-text'] = document.getElementById('shown-count').textContent;
      // the search box's hint is read whole, not cut off by the box
      const box = getComputedStyle(app.search);
      const ruler = document.createElement('canvas').getContext('2d');
      ruler.font = box.font;
      const room = app.search.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
      out['placeholder-fits'] = ruler.measureText(app.search.placeholder).width <= room ? 'yes' : 'no';
      app.search.value = '';
      app.search.dispatchEvent(new Event('input', { bubbles: true }));
      out['search-cleared-shown'] = model.shownCount;
    }

    // a title written as markup stays text
    const hostile = model.events.find(function (e) { return /[<>]/.test(e.title); });
    if (hostile) {
      app.select(hostile);
      const heading = app.detail.querySelector('h2');
      out['hostile-title'] = heading && heading.textContent === hostile.title && heading.children.length === 0 ? 'text' : 'altered';
    }
    out['pwned'] = typeof window.pwned;
    out['elements-injected'] = document.querySelectorAll('img, iframe, object, embed, svg').length;
    out['scripts'] = document.scripts.length;
    app.render();
  }

  AT.afterFirstDraw = function (app) {
    const out = {};
    try {
      run(app, out);
      out['selftest'] = 'done';
    } catch (error) {
      out['selftest'] = 'failed';
      errors.push(String(error && error.stack ? error.stack : error));
    }
    for (const key of Object.keys(out)) document.body.setAttribute('data-' + key, String(out[key]));
    noteErrors();
  };
})();
