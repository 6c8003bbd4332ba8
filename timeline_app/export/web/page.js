/* Announcement Timeline, interactive page: the page around the canvas. Reads the data,
   draws, and answers the mouse and keys: wheel to zoom, drag to pan, hover for a tooltip,
   click for the event's detail (detail.js); company ticks and a search box filter. Every
   text from the data goes into the page with textContent, never as HTML.
   "#select=ID" at the end of the address opens that event. */
(function () {
  'use strict';
  const AT = window.AnnouncementTimeline;
  const K = AT.K;
  const DAY = AT.DAY;
  const started = performance.now();
  const $ = function (id) { return document.getElementById(id); };

  const data = JSON.parse($('timeline-data').textContent);
  const model = AT.loadModel(data);
  const theme = data.theme;
  const plot = $('plot');
  const axis = $('axis');
  const scroller = $('plot-scroll');
  const spacer = $('plot-spacer');
  const tooltip = $('tooltip');
  const detail = $('detail');
  const search = $('search');
  const measure = AT.makeMeasure();
  const el = AT.el;
  const icon = AT.icon;
  const countText = AT.countText;
  const panel = AT.makeDetail(detail, model, theme, function (e) { select(e); });
  const AXIS_H = 30;
  // Room above the first lane, for a selected marker's ring and the eras' names.
  const TOP = 5 + AT.eraStripHeight(model.eras);
  const RIGHT_PAD = 10;
  const MIN_SPAN = 2 * DAY;
  const MAX_SPAN = 3000 * 365.25 * DAY;
  const FIRST = -62135596800;  // 1 January of the year 1
  const LAST = 253402300800;  // the end of 9999
  const view = { t0: 0, t1: 1, selected: null, hovered: null };
  let frame = null;
  let frameKey = '';
  let gutter = 120;
  let cssW = 0;
  let viewH = 0;
  let ticks = [];
  let pending = false;
  let drag = null;

  function applyTheme() {
    const root = document.documentElement.style;
    for (const key of Object.keys(theme)) {
      if (AT.isColour(theme[key])) root.setProperty('--' + key.replace(/_/g, '-'), theme[key]);
    }
    const n = parseInt(String(theme.background).slice(1), 16) || 0;
    const light = ((n >> 16) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114) / 1000 > 128;
    root.setProperty('color-scheme', light ? 'light' : 'dark');
    if (!light) root.setProperty('--link', '#8AB4F8');
  }

  function legendEntry(picture, text) {
    const entry = el('span', 'entry');
    entry.append(picture, el('span', '', text));
    return entry;
  }

  function buildLegend() {
    const legend = $('legend');
    for (const cat of model.categories) {
      legend.append(legendEntry(icon(14, 14, function (ctx) {
        AT.drawSymbol(ctx, cat, 7, 7, K.MARKER, theme, {});
      }), cat.name));
    }
    legend.append(legendEntry(icon(26, 14, function (ctx) {
      AT.drawSpan(ctx, theme.muted, { x: 1, y: 2, w: 24, h: 10 }, theme, { precision: 1 });
    }), 'known to the month/year'));
    legend.append(legendEntry(icon(14, 14, function (ctx) {
      ctx.beginPath();
      ctx.arc(7, 7, 5.5, 0, 2 * Math.PI);
      ctx.setLineDash([1.6, 1.6]);
      ctx.strokeStyle = theme.text;
      ctx.lineWidth = 1.3;
      ctx.stroke();
    }), '~ approximate (dates read “c.”)'));
    legend.append(legendEntry(icon(24, 16, function (ctx) {
      AT.drawBadge(ctx, { x: 1, y: 1, w: 22, h: 14 }, 'N', theme);
    }), 'several events'));
    legend.append(legendEntry(icon(24, 16, function (ctx) {
      AT.drawStrip(ctx, Uint32Array.from([1, 3, 8, 2, 5, 1, 9]), 1, 3.3, 0, 16, theme);
    }), 'events per column, zoomed out'));
  }

  // ------------------------------------------------------------------ companies and search

  const boxes = [];
  function buildCompanies() {
    const list = $('companies');
    model.lanes.forEach(function (lane) {
      const item = el('li');
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = true;
      box.value = String(lane.id);
      box.addEventListener('change', function () {
        lane.checked = box.checked;
        refilter();
      });
      const swatch = el('span', 'swatch');
      if (AT.isColour(lane.colour)) swatch.style.background = lane.colour;
      const count = el('span', 'count');
      label.append(box, swatch, el('span', 'name', lane.name), count);
      item.append(label);
      list.append(item);
      boxes.push({ lane: lane, box: box, count: count });
    });
    $('all-companies').addEventListener('click', function () { tickAll(true); });
    $('no-companies').addEventListener('click', function () { tickAll(false); });
    search.addEventListener('input', function () {
      model.query = search.value;
      refilter();
    });
  }

  function tickAll(on) {
    for (const b of boxes) { b.box.checked = on; b.lane.checked = on; }
    refilter();
  }

  function refilter() {
    AT.refilter(model);
    for (const b of boxes) b.count.textContent = String(b.lane.shown.length);
    const total = model.events.length;
    $('shown-count').textContent = model.shownCount.toLocaleString('en') + ' of ' +
      total.toLocaleString('en') + ' events shown';
    if (view.hovered && !view.hovered.visible) view.hovered = null;
    schedule();
  }

  // ------------------------------------------------------------------ drawing

  function maxPlotHeight() {
    return Math.max(240, window.innerHeight - 260);
  }

  function sizeCanvas(canvas, width, height) {
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round(width * ratio);
    const h = Math.round(height * ratio);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    canvas.style.width = width + 'px';
    canvas.style.height = height + 'px';
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return ctx;
  }

  function plotWidth() {
    cssW = Math.max(240, Math.floor(scroller.clientWidth || 800));
    const widest = model.lanes.reduce(function (w, lane) { return Math.max(w, measure.width(lane.name, false)); }, 60);
    gutter = Math.round(Math.min(Math.max(widest + 28, 96), Math.max(96, cssW * 0.3), 240));
    return Math.max(60, cssW - gutter - RIGHT_PAD);
  }

  function layoutNow() {
    const width = plotWidth();
    const available = maxPlotHeight();
    const key = [view.t0, view.t1, width, available, view.selected ? view.selected.id : '', model.version].join(' ');
    if (key !== frameKey || frame === null) {
      frame = AT.layout(model, { t0: view.t0, t1: view.t1, width: width, available: available, selected: view.selected });
      frameKey = key;
    }
    viewH = frame.lanes.length ? Math.min(frame.height, available) : 120;
    return frame;
  }

  function render() {
    pending = false;
    layoutNow();
    spacer.style.height = Math.max(0, frame.height - viewH) + 'px';
    scroller.style.height = (viewH + TOP) + 'px';
    const ctx = sizeCanvas(plot, cssW, viewH + TOP);
    ticks = AT.ticks(view.t0, view.t1, frame.width, K.TICK_PX).ticks;
    AT.draw(ctx, frame, {
      gutter: gutter, scrollTop: Math.min(scroller.scrollTop, Math.max(0, frame.height - viewH)) - TOP,
      viewH: viewH + TOP, cssW: cssW, theme: theme, categories: model.categories, measure: measure,
      selected: view.selected, hovered: view.hovered, ticks: ticks, eras: model.eras,
      empty: model.events.length ? 'No event matches the search and the companies ticked.' : 'This timeline has no events.',
    });
    AT.drawAxis(sizeCanvas(axis, cssW, AXIS_H), ticks, {
      gutter: gutter, cssW: cssW, height: AXIS_H, theme: theme, measure: measure,
      period: AT.periodText(view.t0, view.t1),
      selectedX: view.selected && view.selected.visible ? AT.selectedX(frame, view.selected) : null,
    });
  }

  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(render);
    }
  }

  // ------------------------------------------------------------------ the view

  function setRange(t0, t1) {
    let span = Math.min(Math.max(t1 - t0, MIN_SPAN), MAX_SPAN);
    let centre = (t0 + t1) / 2;
    span = Math.min(span, LAST - FIRST);
    centre = Math.min(Math.max(centre, FIRST + span / 2), LAST - span / 2);
    view.t0 = centre - span / 2;
    view.t1 = centre + span / 2;
    schedule();
  }

  function fit() {
    const events = model.timeOrder.length ? model.timeOrder : model.events;
    if (!events.length) {
      const now = Date.now() / 1000;
      setRange(now - 183 * DAY, now + 183 * DAY);
      return;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const e of events) { lo = Math.min(lo, e.start); hi = Math.max(hi, e.end); }
    const span = Math.max(hi - lo, 30 * DAY);
    const middle = (lo + hi) / 2;
    // A little air on the left; on the right, room for the last events' titles.
    const width = plotWidth();
    const left = width * 0.03;
    const right = Math.min(280, width * 0.3);
    const perPx = span / Math.max(40, width - left - right);
    const t0 = middle - span / 2 - left * perPx;
    setRange(t0, t0 + width * perPx);
  }

  function zoomAt(t, factor) {
    const span = Math.min(Math.max((view.t1 - view.t0) * factor, MIN_SPAN), MAX_SPAN);
    const ratio = (t - view.t0) / (view.t1 - view.t0);
    setRange(t - ratio * span, t - ratio * span + span);
  }

  function panBy(px) {
    const perPx = (view.t1 - view.t0) / frame.width;
    setRange(view.t0 + px * perPx, view.t1 + px * perPx);
  }

  function reveal(e) {
    if (e.end <= view.t0 || e.start >= view.t1) {
      const span = view.t1 - view.t0;
      const middle = (e.start + Math.min(e.end, e.start + span / 2)) / 2;
      setRange(middle - span / 2, middle + span / 2);
    }
    const laid = frame && frame.lanes.find(function (l) { return l.lane.index === e.lane; });
    if (laid && (laid.top < scroller.scrollTop || laid.top + laid.height > scroller.scrollTop + viewH)) {
      scroller.scrollTop = Math.max(0, laid.top - viewH / 3);
    }
  }

  // ------------------------------------------------------------------ the mouse

  function toPlot(ev) {
    const rect = plot.getBoundingClientRect();
    const x = ev.clientX - rect.left - gutter;
    const y = ev.clientY - rect.top + scroller.scrollTop - TOP;
    return { x: x, y: y, onPlot: x >= 0 };
  }

  function hitOf(ev) {
    layoutNow();
    const p = toPlot(ev);
    return p.onPlot ? AT.hitAt(frame, p.x, p.y, measure) : null;
  }

  function showTooltip(ev, lines) {
    tooltip.replaceChildren();
    lines.forEach(function (line, i) { tooltip.append(el(i ? 'div' : 'strong', '', line)); });
    tooltip.hidden = false;
    const box = $('timeline').getBoundingClientRect();
    const width = tooltip.offsetWidth;
    let x = ev.clientX - box.left + 14;
    if (x + width > box.width - 4) x = Math.max(4, ev.clientX - box.left - width - 14);
    tooltip.style.left = x + 'px';
    tooltip.style.top = (ev.clientY - box.top + 16) + 'px';
  }

  function hover(ev) {
    const p = toPlot(ev);
    if (!p.onPlot) {  // over the names: the whole name (it may be cut) and its count
      const laid = frame && AT.laneAt(frame, p.y);
      if (view.hovered) { view.hovered = null; schedule(); }
      plot.style.cursor = 'default';
      if (laid) showTooltip(ev, [laid.lane.name, countText(laid.lane.shown.length)]);
      else tooltip.hidden = true;
      return;
    }
    const hit = hitOf(ev);
    const hovered = hit && hit.kind === 'event' ? hit.event : null;
    if (hovered !== view.hovered) { view.hovered = hovered; schedule(); }
    plot.style.cursor = hit && hit.kind !== 'lane' ? 'pointer' : (hit ? 'grab' : 'default');
    if (!hit || hit.kind === 'lane') { tooltip.hidden = true; return; }
    if (hit.kind === 'event') {
      const e = hit.event;
      showTooltip(ev, [(e.approx ? '~ ' : '') + e.title, e.date + ' · ' + model.lanes[e.lane].name]);
    } else if (hit.kind === 'pile') {
      const pile = hit.pile;
      showTooltip(ev, [countText(pile.count) + ' here', periodOf(pile.t0, pile.t1),
        pile.t1 - pile.t0 > 2 * DAY ? 'Click to zoom in' : 'Click to list them']);
    } else {
      showTooltip(ev, [countText(hit.count) + ' · ' + hit.laid.lane.name, periodOf(hit.t0, hit.t1), 'Click to zoom in']);
    }
  }

  function periodOf(t0, t1) {
    return AT.periodText(t0, Math.max(t1, t0 + DAY))[0];
  }

  function click(ev) {
    const hit = hitOf(ev);
    if (!hit) return;
    if (hit.kind === 'event') select(hit.event);
    else if (hit.kind === 'pile') {
      const pile = hit.pile;
      if (pile.t1 - pile.t0 > 2 * DAY) {
        const pad = (pile.t1 - pile.t0) * 0.15;
        setRange(pile.t0 - pad, pile.t1 + pad);
      } else {
        panel.list(pile.members);
      }
    } else if (hit.kind === 'density') {
      zoomAt((hit.t0 + hit.t1) / 2, 1 / 8);
    }
  }

  plot.addEventListener('wheel', function (ev) {
    if (!toPlot(ev).onPlot) return;  // over the names the wheel scrolls the lanes
    ev.preventDefault();
    const unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? 400 : 1;
    const dx = ev.deltaX * unit;
    const dy = ev.deltaY * unit;
    if (ev.shiftKey || Math.abs(dx) > Math.abs(dy)) {
      panBy(Math.abs(dx) > Math.abs(dy) ? dx : dy);
    } else {
      const t = view.t0 + toPlot(ev).x * (view.t1 - view.t0) / frame.width;
      zoomAt(t, Math.exp(Math.max(-400, Math.min(400, dy)) * 0.002));
    }
    tooltip.hidden = true;
  }, { passive: false });

  plot.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, t0: view.t0, t1: view.t1, top: scroller.scrollTop, moved: false };
    try { plot.setPointerCapture(ev.pointerId); } catch (error) { /* a pointer without capture */ }
  });
  plot.addEventListener('pointermove', function (ev) {
    if (drag === null) { hover(ev); return; }
    const dx = ev.clientX - drag.x;
    const dy = ev.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (!drag.moved) return;
    tooltip.hidden = true;
    plot.style.cursor = 'grabbing';
    const perPx = (drag.t1 - drag.t0) / frame.width;
    setRange(drag.t0 - dx * perPx, drag.t1 - dx * perPx);
    scroller.scrollTop = drag.top - dy;
  });
  plot.addEventListener('pointerup', function (ev) {
    const wasDrag = drag !== null && drag.moved;
    drag = null;
    if (!wasDrag && ev.button === 0) click(ev);
    plot.style.cursor = 'default';
  });
  plot.addEventListener('pointercancel', function () { drag = null; });
  plot.addEventListener('pointerleave', function () {
    tooltip.hidden = true;
    if (view.hovered) { view.hovered = null; schedule(); }
  });
  plot.addEventListener('dblclick', function (ev) {
    const hit = hitOf(ev);
    if (!hit || hit.kind === 'lane') fit();
  });
  plot.addEventListener('keydown', function (ev) {
    const middle = (view.t0 + view.t1) / 2;
    if (ev.key === '+' || ev.key === '=') zoomAt(middle, 1 / 1.5);
    else if (ev.key === '-' || ev.key === '_') zoomAt(middle, 1.5);
    else if (ev.key === 'Home') fit();
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') step(ev.key === 'ArrowRight' ? 1 : -1);
    else if (ev.key === 'Escape') select(null);
    else return;
    ev.preventDefault();
  });
  scroller.addEventListener('scroll', function () { tooltip.hidden = true; schedule(); });
  window.addEventListener('resize', schedule);

  function step(direction) {
    const order = model.timeOrder;
    if (!order.length) return;
    let at = view.selected ? order.indexOf(view.selected) : -1;
    at = at === -1 ? (direction > 0 ? 0 : order.length - 1) : Math.min(Math.max(at + direction, 0), order.length - 1);
    select(order[at]);
  }

  function select(e) {
    view.selected = e;
    if (e) { panel.show(e); reveal(e); } else panel.placeholder();
    schedule();
  }

  // ------------------------------------------------------------------ start

  applyTheme();
  buildLegend();
  buildCompanies();
  panel.placeholder();
  refilter();
  if (Array.isArray(data.range) && data.range[1] > data.range[0]) setRange(data.range[0], data.range[1]);
  else fit();
  render();
  const firstDraw = performance.now();
  const wanted = /^#select=(-?\d+)$/.exec(location.hash);
  if (wanted && model.byId.has(Number(wanted[1]))) {
    select(model.byId.get(Number(wanted[1])));
    render();
  }
  AT.app = {
    top: TOP, model: model, view: view, plot: plot, scroller: scroller, search: search, detail: detail, tooltip: tooltip,
    boxes: boxes, measure: measure,
    timing: { firstDraw: firstDraw, script: firstDraw - started },
    frame: function () { return layoutNow(); },
    gutter: function () { return gutter; },
    render: render, fit: fit, select: select, setRange: setRange,
  };
  if (typeof AT.afterFirstDraw === 'function') AT.afterFirstDraw(AT.app);
})();
