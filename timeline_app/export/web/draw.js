/* Announcement Timeline, interactive page: painting a layout (timeline.js) on a canvas, in
   the window's colours and shapes; the legend's little pictures use the same functions. */
(function () {
  'use strict';
  const AT = window.AnnouncementTimeline;
  const K = AT.K;

  // pyqtgraph's unit symbols, which the window draws (centred on 0, 0; y down).
  const SYMBOLS = {
    t: [[-0.5, -0.5], [0, 0.5], [0.5, -0.5]],
    t1: [[-0.5, 0.5], [0, -0.5], [0.5, 0.5]],
    d: [[0, -0.5], [-0.4, 0], [0, 0.5], [0.4, 0]],
    '+': [[-0.5, -0.1], [-0.5, 0.1], [-0.1, 0.1], [-0.1, 0.5], [0.1, 0.5], [0.1, 0.1], [0.5, 0.1],
      [0.5, -0.1], [0.1, -0.1], [0.1, -0.5], [-0.1, -0.5], [-0.1, -0.1]],
    h: [[0.433, 0.25], [0, 0.5], [-0.433, 0.25], [-0.433, -0.25], [0, -0.5], [0.433, -0.25]],
    star: [[0, -0.5], [-0.1123, -0.1545], [-0.4755, -0.1545], [-0.1816, 0.059], [-0.2939, 0.4045],
      [0, 0.191], [0.2939, 0.4045], [0.1816, 0.059], [0.4755, -0.1545], [0.1123, -0.1545]],
  };

  function symbolPath(ctx, symbol, cx, cy, size) {
    ctx.beginPath();
    const points = SYMBOLS[symbol];
    if (symbol === 's') { ctx.rect(cx - size / 2, cy - size / 2, size, size); return; }
    if (!points) { ctx.arc(cx, cy, size / 2, 0, 2 * Math.PI); return; }
    ctx.moveTo(cx + points[0][0] * size, cy + points[0][1] * size);
    for (let i = 1; i < points.length; i++) ctx.lineTo(cx + points[i][0] * size, cy + points[i][1] * size);
    ctx.closePath();
  }

  function roundRect(ctx, x, y, w, h, r) {
    r = Math.max(0, Math.min(r, w / 2, h / 2));
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + h, r);
    ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
  }

  const HEX = /^#[0-9a-fA-F]{6}$/;
  AT.isColour = function (value) { return typeof value === 'string' && HEX.test(value); };

  function rgba(hex, alpha) {
    if (!AT.isColour(hex)) hex = '#888888';
    const n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }
  AT.rgba = rgba;

  const hatches = new Map();
  function hatch(ctx, colour) {  // diagonal lines, as the window's month/year bars
    let pattern = hatches.get(colour);
    if (pattern === undefined) {
      const tile = document.createElement('canvas');
      tile.width = 6;
      tile.height = 6;
      const t = tile.getContext('2d');
      t.strokeStyle = colour;
      t.lineWidth = 1.2;
      t.beginPath();
      t.moveTo(-1, 7); t.lineTo(7, -1);
      t.moveTo(-1, 1); t.lineTo(1, -1);
      t.moveTo(5, 7); t.lineTo(7, 5);
      t.stroke();
      pattern = ctx.createPattern(tile, 'repeat');
      hatches.set(colour, pattern);
    }
    return pattern;
  }

  function category(categories, index) {
    return categories[index] || categories[0] || { colour: '#0072B2', symbol: 'o', scale: 1 };
  }

  /* A category's symbol (a day-precise event), optionally approximate or selected. */
  AT.drawSymbol = function (ctx, cat, cx, cy, size, theme, state) {
    const s = size * (cat.scale || 1);
    symbolPath(ctx, cat.symbol, cx, cy, s);
    if (state.approx) {
      ctx.fillStyle = rgba(cat.colour, 0.55);
      ctx.fill();
      ctx.setLineDash([1.6, 1.6]);
      ctx.strokeStyle = state.selected ? theme.selection : theme.text;
      ctx.lineWidth = state.selected ? 2.2 : 1.4;
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      ctx.fillStyle = cat.colour;
      ctx.fill();
      ctx.strokeStyle = state.selected ? theme.selection : theme.background;
      ctx.lineWidth = (state.selected ? 0.22 : 0.14) * size;
      ctx.stroke();
    }
    if (state.selected) {
      ctx.beginPath();
      ctx.arc(cx, cy, size / 2 + 4, 0, 2 * Math.PI);
      ctx.strokeStyle = theme.selection;
      ctx.lineWidth = 2.2;
      ctx.stroke();
    }
  };

  /* A bar over a period: hatched when only the month or year is known, a solid cap on the
     first day of a day-precise start with an end date, dashed outline when approximate. */
  AT.drawSpan = function (ctx, colour, box, theme, state) {
    const x = box.x;
    const y = box.y;
    const w = box.w;
    const h = box.h;
    roundRect(ctx, x, y, w, h, 3);
    ctx.fillStyle = rgba(colour, 0.28);
    ctx.fill();
    if (state.selected) {
      ctx.strokeStyle = theme.selection;
      ctx.lineWidth = 2.4;
    } else {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.4;
      if (state.approx) ctx.setLineDash([3, 2.5]);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (state.precision !== 0) {
      roundRect(ctx, x + 1, y + 1, w - 2, h - 2, 2);
      ctx.fillStyle = hatch(ctx, colour);
      ctx.fill();
    } else {
      roundRect(ctx, x, y, Math.min(4, w), h, 1);
      ctx.fillStyle = colour;
      ctx.fill();
    }
  };

  function drawMark(ctx, m, opts) {
    const e = m.e;
    const cat = category(opts.categories, e.category);
    const selected = opts.selected === e;
    const hovered = opts.hovered === e && !selected;
    const state = { approx: e.approx, selected: selected, precision: e.precision };
    if (m.span) {
      const box = hovered ? { x: m.box.x, y: m.box.y - 1, w: m.box.w, h: m.box.h + 2 } : m.box;
      AT.drawSpan(ctx, cat.colour, box, opts.theme, state);
    } else {
      const size = m.box.w + (hovered ? K.GROWTH : 0);
      AT.drawSymbol(ctx, cat, m.box.x + m.box.w / 2, m.box.y + m.box.h / 2, size, opts.theme, state);
    }
  }

  function drawLabel(ctx, label, theme) {
    const b = label.box;
    if (label.inside) {  // over its own bar: a backing pill keeps it readable
      roundRect(ctx, b.x - 3, b.y, b.w + 6, b.h, 3);
      ctx.fillStyle = rgba(theme.background, 0.78);
      ctx.fill();
    }
    ctx.font = label.bold ? K.BOLD : K.FONT;
    ctx.fillStyle = label.bold ? theme.selection : theme.text;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText(label.text, b.x, b.y + b.h / 2 + 0.5);
  }

  AT.drawBadge = function (ctx, box, text, theme) {
    roundRect(ctx, box.x, box.y, box.w, box.h, box.h / 2);
    ctx.fillStyle = theme.cluster_fill;
    ctx.fill();
    ctx.strokeStyle = theme.density;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.font = K.BOLD;
    ctx.fillStyle = theme.density;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, box.x + box.w / 2, box.y + box.h / 2 + 0.5);
    ctx.textAlign = 'left';
  };

  /* Columns whose height and shade grow with the log of their count, one fill per shade. */
  AT.drawStrip = function (ctx, counts, x0, step, top, height, theme) {
    let peak = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i] > peak) peak = counts[i];
    if (!peak) return;
    const logPeak = Math.log1p(peak) || 1;
    const inner = height - 8;
    const centre = top + height / 2;
    const paths = [];
    for (let level = 0; level < K.SHADES; level++) paths.push([]);
    for (let i = 0; i < counts.length; i++) {
      if (!counts[i]) continue;
      const strength = Math.log1p(counts[i]) / logPeak;
      const h = Math.max(3, inner * (0.25 + 0.75 * strength));
      paths[Math.min(Math.floor(strength * K.SHADES), K.SHADES - 1)].push(x0 + i * step, h);
    }
    paths.forEach(function (columns, level) {
      if (!columns.length) return;
      ctx.fillStyle = rgba(theme.density, 0.35 + 0.65 * (level + 1) / K.SHADES);
      ctx.beginPath();
      for (let j = 0; j < columns.length; j += 2) {
        ctx.rect(columns[j], centre - columns[j + 1] / 2, Math.max(1, step - 0.6), columns[j + 1]);
      }
      ctx.fill();
    });
  };

  /* The lanes on screen: bands, names, grid, then what each lane holds. `opts`: gutter,
     scrollTop, viewH, cssW, theme, categories, measure, selected, hovered, ticks. */
  const ERA_TINTS = ['#8A6FB3', '#3F8F8A'];  // as the window's: neighbours told apart

  /* The eras crossing the range in view, as pixel spans of the plot. */
  function erasInView(frame, eras) {
    const shown = [];
    for (const era of eras) {
      if (era.end <= frame.t0 || era.start >= frame.t1) continue;
      shown.push({ name: era.name, x0: Math.max(0, (era.start - frame.t0) * frame.scale),
                   x1: Math.min(frame.width, (era.end - frame.t0) * frame.scale) });
    }
    return shown;
  }

  const ERA_ROW = 17;
  const ERA_ROWS = 3;

  /* The strip above the lanes for the eras' names: a row for each era that overlaps
     another in time (up to ERA_ROWS), as in the window. */
  AT.eraStripHeight = function (eras) {
    let ends = [];
    let most = 0;
    const sorted = eras.slice().sort(function (a, b) { return a.start - b.start || a.end - b.end; });
    for (const era of sorted) {
      ends = ends.filter(function (end) { return end > era.start; }).concat([era.end]);
      most = Math.max(most, ends.length);
    }
    return most ? Math.min(most, ERA_ROWS) * ERA_ROW + 3 : 0;
  };

  /* Each era's name in the strip: at its left edge, in the first row where it overlaps no
     other name, or else after the name that ends first while still inside the era. */
  function drawEraNames(ctx, eras, top, width, opts) {
    const rows = new Array(Math.max(1, Math.round((AT.eraStripHeight(opts.eras || []) - 3) / ERA_ROW))).fill(0);
    ctx.font = 'italic ' + K.FONT;
    ctx.textBaseline = 'middle';
    eras.forEach(function (era, index) {
      let x = era.x0 + 4;
      let row = rows.findIndex(function (end) { return end + 4 <= x; });
      if (row === -1) {
        row = rows.indexOf(Math.min.apply(null, rows));
        x = rows[row] + 4;
        if (x > era.x1 - 24) return;  // no room in its own span: its band is still shaded
      }
      const text = opts.measure.elide(era.name, Math.max(width - x - 6, 0), false);
      if (!text || text === '…') return;
      const w = ctx.measureText(text).width + 6;
      rows[row] = x + w;
      const y = top + 3 + row * ERA_ROW;
      ctx.fillStyle = rgba(opts.theme.background, 0.85);
      ctx.fillRect(x, y, w, 16);
      ctx.fillStyle = ERA_TINTS[index % ERA_TINTS.length];
      ctx.fillText(text, x + 3, y + 8.5);
    });
    ctx.font = K.FONT;
  }

  AT.draw = function (ctx, frame, opts) {
    const theme = opts.theme;
    const top = opts.scrollTop;
    ctx.save();
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, opts.cssW, opts.viewH);
    ctx.translate(0, -top);
    const shown = frame.lanes.filter(function (laid) {
      return laid.top + laid.height > top && laid.top < top + opts.viewH;
    });
    const selected = opts.selected && opts.selected.visible ? opts.selected : null;
    for (const laid of shown) {
      const chosen = selected !== null && selected.lane === laid.lane.index;
      ctx.fillStyle = laid.row % 2 ? theme.lane_odd : theme.lane_even;
      ctx.fillRect(0, laid.top, opts.cssW, laid.height);
      if (chosen) {  // the selected event's lane is tinted, its name in the selection colour
        ctx.fillStyle = rgba(theme.selection, 0.07);
        ctx.fillRect(0, laid.top, opts.cssW, laid.height);
      }
      ctx.fillStyle = theme.lane_line;
      ctx.fillRect(0, laid.top + laid.height - 1, opts.cssW, 1);
      // the lane's name at the left, and the company's colour where the lane starts
      const name = opts.measure.elide(laid.lane.name, opts.gutter - 18, chosen);
      ctx.font = chosen ? K.BOLD : K.FONT;
      ctx.fillStyle = chosen ? theme.selection : theme.text;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(name, opts.gutter - 10, laid.top + laid.height / 2 + 0.5);
      ctx.textAlign = 'left';
      ctx.fillStyle = AT.isColour(laid.lane.colour) ? laid.lane.colour : theme.muted;
      ctx.fillRect(opts.gutter, laid.top + 3, 4, laid.height - 6);
    }
    ctx.translate(opts.gutter, 0);
    ctx.beginPath();
    ctx.rect(0, top, frame.width + 8, opts.viewH);
    ctx.clip();
    ctx.fillStyle = AT.rgba(theme.muted, 0.16);
    for (const tick of opts.ticks) ctx.fillRect(Math.round(tick.x), top, 1, opts.viewH);
    const eras = erasInView(frame, opts.eras || []);
    eras.forEach(function (era, index) {  // shaded under the markers, as in the window
      const tint = ERA_TINTS[index % ERA_TINTS.length];
      ctx.fillStyle = rgba(tint, 0.10);
      ctx.fillRect(era.x0, top, era.x1 - era.x0, opts.viewH);
      ctx.fillStyle = rgba(tint, 0.55);
      ctx.fillRect(Math.round(era.x0), top, 1, opts.viewH);
      ctx.fillRect(Math.round(era.x1) - 1, top, 1, opts.viewH);
    });
    const at = selected !== null ? AT.selectedX(frame, selected) : null;
    if (at !== null) {  // a line through every lane at the selected event's date
      ctx.fillStyle = rgba(theme.selection, 0.55);
      ctx.fillRect(Math.round(at) - 0.5, top, 1.5, opts.viewH);
    }
    for (const laid of shown) {
      AT.placeLane(frame, laid, opts.measure);
      if (laid.strip) {
        AT.drawStrip(ctx, laid.strip.counts, 0, laid.strip.step, laid.top, laid.height, theme);
      }
      for (const m of laid.marks) if (m.span) drawMark(ctx, m, opts);  // bars under symbols
      for (const m of laid.marks) if (!m.span) drawMark(ctx, m, opts);
      for (const label of laid.labels) drawLabel(ctx, label, theme);
      for (const badge of laid.badges) AT.drawBadge(ctx, badge.box, badge.count.toLocaleString('en'), theme);
      if (laid.extra) drawMark(ctx, laid.extra, opts);
    }
    drawEraNames(ctx, eras, top, frame.width, opts);
    ctx.restore();
    if (!frame.lanes.length) {
      ctx.font = K.FONT;
      ctx.fillStyle = theme.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(opts.empty, opts.cssW / 2, opts.viewH / 2);
      ctx.textAlign = 'left';
    }
  };

  /* The axis above the lanes: the period in view over the names, ticks over the plot. */
  AT.drawAxis = function (ctx, ticks, opts) {
    const theme = opts.theme;
    const h = opts.height;
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, opts.cssW, h);
    ctx.fillStyle = theme.lane_line;
    ctx.fillRect(0, h - 1, opts.cssW, 1);
    ctx.font = K.BOLD;
    ctx.fillStyle = theme.muted;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    const period = opts.period.find(function (text) { return opts.measure.width(text, true) <= opts.gutter - 14; });
    if (period) ctx.fillText(period, opts.gutter - 10, h / 2);
    ctx.save();
    ctx.beginPath();
    ctx.rect(opts.gutter - 2, 0, opts.cssW - opts.gutter + 2, h);
    ctx.clip();
    ctx.font = K.FONT;
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'center';
    let lastRight = -Infinity;
    for (const tick of ticks) {
      const x = opts.gutter + tick.x;
      ctx.fillStyle = theme.muted;
      ctx.fillRect(Math.round(x), h - 7, 1, 6);
      const w = opts.measure.width(tick.label, false);
      const cx = Math.min(Math.max(x, opts.gutter + w / 2 + 2), opts.cssW - w / 2 - 2);
      if (cx - w / 2 < lastRight + 8) continue;  // never two tick labels over each other
      ctx.fillStyle = theme.text;
      ctx.fillText(tick.label, cx, h / 2 - 2);
      lastRight = cx + w / 2;
    }
    if (opts.selectedX !== null && opts.selectedX >= 0) {  // where the selected event is
      const x = opts.gutter + opts.selectedX;
      ctx.fillStyle = theme.selection;
      ctx.beginPath();
      ctx.moveTo(x - 5, h - 8);
      ctx.lineTo(x + 5, h - 8);
      ctx.lineTo(x, h - 1);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
    ctx.textAlign = 'left';
  };

  /* Where the selected event is on the plot: its day's middle, or its bar's start. */
  AT.selectedX = function (frame, e) {
    const day = e.precision === 0 && e.end - e.start <= AT.DAY;
    const x = ((day ? e.start + AT.DAY / 2 : e.start) - frame.t0) * frame.scale;
    return x >= -2 && x <= frame.width + 2 ? x : null;
  };
})();
