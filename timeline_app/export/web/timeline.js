/* Announcement Timeline, interactive page: where the events go (their layout), what is
   under the mouse, the date axis's ticks, and measuring text.

   As in the window: a day-precise event is a symbol in its category's colour and shape; an
   event known to the month or the year is a hatched bar over that month or year; an end
   date makes a bar with a solid cap on its first day; an approximate date has a dotted
   outline. Markers that would cover each other go into sub-rows; what still collides piles
   into a counted badge; a lane with more events in view than can be told apart is drawn as
   counts per column. Titles go beside their markers only where they fit, so no two labels
   ever overlap. Coordinates: CSS pixels, x from the left of the plot, y from the top of
   the first lane. Nothing here builds HTML. */
(function () {
  'use strict';
  const AT = (window.AnnouncementTimeline = window.AnnouncementTimeline || {});

  const DAY = 86400;
  const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  const K = {
    MARKER: 12, GAP: 3, MAX_ROWS: 6, ROW: 15, PAD: 2, LANE_MIN: 34, LANE_MAX: 84,
    LABEL_GAP: 5, MIN_ELIDED: 70, BUCKET: 3, SHADES: 6, BADGE_MAX: 18, GROWTH: 3,
    FONT: '12px ' + FONT_FAMILY, BOLD: 'bold 12px ' + FONT_FAMILY, TEXT_H: 15, TICK_PX: 90,
  };
  AT.DAY = DAY;
  AT.K = K;

  // ------------------------------------------------------------------ layout

  function lowerBound(values, value) {
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  AT.lowerBound = lowerBound;

  function markerLimit(width) {
    return Math.max(8, Math.floor(Math.floor(width / (K.MARKER + K.GAP)) * K.MAX_ROWS / 2));
  }

  /* Markers in sub-rows, and piles of what fits in no sub-row (the window's packing). */
  function pack(events, lo, hi, from, t0, scale) {
    const rowEnd = new Array(K.MAX_ROWS).fill(-Infinity);
    let marks = [];
    let piles = [];
    for (let i = lo; i < hi; i++) {
      const e = events[i];
      if (e.end <= from) continue;
      const span = e.precision !== 0 || e.end - e.start > DAY;
      let x0, x1;
      if (span) {
        x0 = (e.start - t0) * scale;
        x1 = Math.max((e.end - t0) * scale, x0 + K.MARKER);
      } else {
        const centre = (e.start - t0 + DAY / 2) * scale;
        x0 = centre - K.MARKER / 2;
        x1 = centre + K.MARKER / 2;
      }
      let row = -1;
      for (let r = 0; r < K.MAX_ROWS; r++) {
        if (rowEnd[r] + K.GAP <= x0) { row = r; break; }
      }
      if (row >= 0) {
        rowEnd[row] = x1;
        marks.push({ e: e, x0: x0, x1: x1, row: row, span: span });
        continue;
      }
      let pile = piles.length ? piles[piles.length - 1] : null;
      if (pile === null || pile.x1 + K.GAP < x0) {
        pile = { x0: x0, x1: x1, t0: e.start, t1: e.end, count: 0, members: [], alone: null };
        piles.push(pile);
      }
      pile.x1 = Math.max(pile.x1, x1);
      pile.t1 = Math.max(pile.t1, e.end);
      pile.count += 1;
      pile.members.push(e);
      pile.alone = { e: e, x0: x0, x1: x1, row: K.MAX_ROWS - 1, span: span };
    }
    if (piles.length) {  // a pile takes in the short markers it overlaps: one badge says all
      const kept = [];
      for (const m of marks) {
        const short = !m.span || m.x1 - m.x0 <= 3 * K.MARKER;
        const owner = short ? piles.find(function (p) {
          return m.x0 <= p.x1 + K.GAP && m.x1 >= p.x0 - K.GAP;
        }) : undefined;
        if (owner) {
          owner.count += 1;
          owner.members.push(m.e);
          owner.t0 = Math.min(owner.t0, m.e.start);
          owner.t1 = Math.max(owner.t1, m.e.end);
        } else {
          kept.push(m);
        }
      }
      marks = kept;
      for (const p of piles) if (p.count === 1 && p.alone) marks.push(p.alone);
      piles = piles.filter(function (p) { return p.count > 1; });
    }
    const used = Array.from(new Set(marks.map(function (m) { return m.row; }))).sort(function (a, b) { return a - b; });
    for (const m of marks) m.row = used.indexOf(m.row);
    marks.sort(function (a, b) { return a.x0 - b.x0 || a.row - b.row; });
    for (const p of piles) p.members.sort(function (a, b) { return a.start - b.start || a.id - b.id; });
    return { mode: 'markers', marks: marks, piles: piles, rows: Math.max(1, used.length) };
  }

  function packLane(lane, t0, t1, width) {
    const scale = width / (t1 - t0);
    const margin = 8 / scale;
    const from = t0 - margin;
    const lo = lowerBound(lane.starts, from - lane.maxDur);
    const hi = lowerBound(lane.starts, t1 + margin);
    let count = 0;
    for (let i = lo; i < hi; i++) if (lane.shown[i].end > from) count += 1;
    if (count === 0) return { mode: 'empty', rows: 1 };
    if (count > markerLimit(width)) return { mode: 'density', lo: lo, hi: hi, count: count, rows: 1 };
    return pack(lane.shown, lo, hi, from, t0, scale);
  }

  /* Which lanes are drawn where, for a time range and plot width; what goes inside each
     lane is placed later, only for lanes on screen (placeLane). */
  AT.layout = function (model, view) {
    const frame = { t0: view.t0, t1: view.t1, width: view.width, scale: view.width / (view.t1 - view.t0),
                    selected: view.selected, lanes: [], height: 0 };
    for (const lane of model.visibleLanes) {
      const packed = packLane(lane, view.t0, view.t1, view.width);
      const need = Math.max(K.LANE_MIN, packed.rows * K.ROW + 2 * K.PAD);
      frame.lanes.push({ lane: lane, row: frame.lanes.length, packed: packed, need: need, top: 0,
                         height: need, placed: false });
    }
    const total = frame.lanes.reduce(function (sum, laid) { return sum + laid.need; }, 0);
    if (view.available > total && frame.lanes.length) {  // spare room makes lanes roomier
      const extra = (view.available - total) / frame.lanes.length;
      for (const laid of frame.lanes) laid.height = Math.max(laid.need, Math.min(K.LANE_MAX, laid.need + extra));
    }
    for (const laid of frame.lanes) {
      laid.top = frame.height;
      frame.height += laid.height;
    }
    return frame;
  };

  function markerBox(m, band, selected) {
    if (m.span) {
      const h = K.MARKER - 1 + (selected ? 2 : 0);
      let x = m.x0;
      let w = Math.max(m.x1 - m.x0, K.MARKER);
      const left = Math.max(x, band.x - 8);
      const right = Math.min(x + w, band.x + band.w + 8);
      if (right - left < w) { x = left; w = Math.max(right - left, 1); }
      return { x: x, y: m.y - h / 2, w: w, h: h };
    }
    const size = K.MARKER + (selected ? K.GROWTH : 0);
    const centre = (m.x0 + m.x1) / 2;
    return { x: centre - size / 2, y: m.y - size / 2, w: size, h: size };
  }

  function badgeBox(pile, band, measure) {
    const w = Math.max(measure.width(pile.count.toLocaleString('en'), true) + 10, 20);
    const left = Math.max(pile.x0, band.x);
    const right = Math.min(pile.x1, band.x + band.w);
    const centre = Math.min(Math.max((left + right) / 2, band.x + w / 2 + 2), band.x + band.w - w / 2 - 2);
    const h = Math.min(K.BADGE_MAX, band.h - 4);
    return { x: centre - w / 2, y: band.y + band.h / 2 - h / 2, w: w, h: h };
  }

  function firstAbove(sorted, value) {  // index of the first element > value
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function placeMarkers(frame, laid, band, measure) {
    const packed = laid.packed;
    const rows = packed.rows;
    const rowH = Math.min(band.h / rows, K.ROW + 5);  // sub-rows keep together in the middle
    const firstTop = band.y + band.h / 2 - rowH * rows / 2;
    laid.badges = packed.piles.map(function (p) {
      return { box: badgeBox(p, band, measure), count: p.count, t0: p.t0, t1: p.t1, members: p.members };
    });
    const next = [];
    for (let r = 0; r < rows; r++) next.push([]);
    for (const m of packed.marks) next[m.row].push(m.x0);
    for (const badge of laid.badges) for (let r = 0; r < rows; r++) next[r].push(badge.box.x);
    for (const starts of next) starts.sort(function (a, b) { return a - b; });
    const inRow = [];
    for (let r = 0; r < rows; r++) inRow.push([]);
    for (const m of packed.marks) {
      m.y = firstTop + rowH * (m.row + 0.5);
      m.box = markerBox(m, band, frame.selected === m.e);
      laid.marks.push(m);
      inRow[m.row].push(m);
    }
    const labelEnd = new Array(rows).fill(-Infinity);
    for (const m of packed.marks) {
      const e = m.e;
      if (!e.title) continue;
      const selected = frame.selected === e;
      const text = (e.approx ? '~ ' : '') + e.title;
      const starts = next[m.row];
      const k = firstAbove(starts, m.x0 + 0.5);
      const later = k < starts.length ? starts[k] : Infinity;
      const limit = Math.min(later - K.LABEL_GAP, band.x + band.w - 2);
      const after = Math.max(m.x1 + K.LABEL_GAP, labelEnd[m.row] + K.LABEL_GAP);
      let x = after;
      let room = limit - after;
      let inside = false;
      const wanted = measure.width(text, selected);
      if (m.span) {  // over its own bar when the title fits there, or fits better
        const barLeft = Math.max(m.x0, band.x);
        const barRight = Math.min(m.x1, band.x + band.w);
        const start = Math.max(barLeft + 6, labelEnd[m.row] + K.LABEL_GAP);
        const over = Math.min(barRight - 10, limit) - start;
        if (over >= wanted || (room < wanted && over > room)) { x = start; room = over; inside = true; }
      }
      const top = m.y - K.TEXT_H / 2;
      const clear = clearance(x, top, m, inRow[m.row], laid.badges);
      room = Math.min(room - (clear.x - x), clear.room);
      x = clear.x;
      let shown;
      if (wanted <= room) shown = text;
      else if (room >= K.MIN_ELIDED) shown = measure.elide(text, room, selected);
      else continue;
      if (!shown) continue;
      const w = measure.width(shown, selected);
      laid.labels.push({ e: e, text: shown, inside: inside, bold: selected,
                         box: { x: x, y: top, w: w + 2, h: K.TEXT_H } });
      labelEnd[m.row] = x + w;
    }
  }

  /* Where a label may start (at x, or just after something drawn there) and how far it may
     reach before another marker of its sub-row or a badge: the packing keeps the markers
     of a sub-row apart, but an event that fitted nowhere is drawn over the long bars it
     fell between, and a badge stands across every sub-row. */
  function clearance(x, top, self, marks, badges) {
    const bottom = top + K.TEXT_H;
    const obstacles = marks.concat(badges).filter(function (other) {
      return other !== self && other.box.y < bottom && other.box.y + other.box.h > top;
    });
    let moved = true;
    while (moved) {  // past whatever covers the start
      moved = false;
      for (const other of obstacles) {
        const b = other.box;
        if (b.x <= x && b.x + b.w > x) { x = b.x + b.w + K.LABEL_GAP; moved = true; }
      }
    }
    let right = Infinity;
    for (const other of obstacles) if (other.box.x > x) right = Math.min(right, other.box.x - K.LABEL_GAP);
    return { x: x, room: right - x - 2 };
  }

  function densityCounts(frame, laid) {
    const buckets = Math.max(1, Math.floor(frame.width / K.BUCKET));
    const counts = new Uint32Array(buckets);
    const per = (frame.t1 - frame.t0) / buckets;
    const events = laid.lane.shown;
    for (let i = laid.packed.lo; i < laid.packed.hi; i++) {
      const e = events[i];
      if (e.end <= frame.t0 || e.start >= frame.t1) continue;
      const bucket = Math.floor((Math.max(e.start, frame.t0) - frame.t0) / per);
      counts[Math.min(bucket, buckets - 1)] += 1;
    }
    return { counts: counts, per: per, step: frame.width / buckets };
  }

  /* Everything inside one lane: marker boxes, labels, badges or the density strip, and the
     selected event drawn over a strip or a badge it is hidden in. */
  AT.placeLane = function (frame, laid, measure) {
    if (laid.placed) return laid;
    laid.placed = true;
    laid.marks = [];
    laid.labels = [];
    laid.badges = [];
    laid.strip = null;
    laid.extra = null;
    const band = { x: 0, y: laid.top, w: frame.width, h: laid.height };
    if (laid.packed.mode === 'density') laid.strip = densityCounts(frame, laid);
    else if (laid.packed.mode === 'markers') placeMarkers(frame, laid, band, measure);
    const selected = frame.selected;
    if (selected && selected.visible && selected.lane === laid.lane.index &&
        !laid.marks.some(function (m) { return m.e === selected; }) &&
        selected.end > frame.t0 && selected.start < frame.t1) {
      const centre = (Math.max(selected.start, frame.t0) - frame.t0 + DAY / 2) * frame.scale;
      const m = { e: selected, x0: centre - K.MARKER / 2, x1: centre + K.MARKER / 2, row: 0,
                  span: false, y: band.y + band.h / 2 };
      m.box = markerBox(m, band, true);
      laid.extra = m;
    }
    laid.marks.sort(function (a, b) { return a.box.x - b.box.x; });
    laid.labels.sort(function (a, b) { return a.box.x - b.box.x; });
    laid.maxMarkW = laid.marks.reduce(function (w, m) { return Math.max(w, m.box.w); }, 0);
    laid.maxLabelW = laid.labels.reduce(function (w, l) { return Math.max(w, l.box.w); }, 0);
    return laid;
  };

  // ------------------------------------------------------------------ what is under the mouse

  /* Boxes sorted by their left edge (markers and labels are in time order): a binary search
     finds the last one starting left of x, then only the few that could reach x are tried. */
  function boxAt(items, x, y, widest, slack) {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (items[mid].box.x - slack <= x) lo = mid + 1; else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const b = items[i].box;
      if (b.x + widest + slack < x) break;
      if (x <= b.x + b.w + slack && y >= b.y - slack && y <= b.y + b.h + slack) return items[i];
    }
    return null;
  }

  AT.laneAt = function (frame, y) {
    let lo = 0;
    let hi = frame.lanes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const laid = frame.lanes[mid];
      if (y < laid.top) hi = mid - 1;
      else if (y >= laid.top + laid.height) lo = mid + 1;
      else return laid;
    }
    return null;
  };

  /* What is drawn at (x, y): an event (its marker or its label), a badge, a density column
     or just a lane. */
  AT.hitAt = function (frame, x, y, measure) {
    const laid = AT.laneAt(frame, y);
    if (laid === null || x < 0 || x > frame.width) return null;
    AT.placeLane(frame, laid, measure);
    const extra = laid.extra;
    if (extra && x >= extra.box.x - 2 && x <= extra.box.x + extra.box.w + 2 &&
        y >= extra.box.y - 2 && y <= extra.box.y + extra.box.h + 2) {
      return { kind: 'event', event: extra.e, laid: laid };
    }
    const mark = boxAt(laid.marks, x, y, laid.maxMarkW, 2);
    if (mark) return { kind: 'event', event: mark.e, laid: laid };
    const label = boxAt(laid.labels, x, y, laid.maxLabelW, 0);
    if (label) return { kind: 'event', event: label.e, laid: laid };
    for (const badge of laid.badges) {
      const b = badge.box;
      if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return { kind: 'pile', pile: badge, laid: laid };
    }
    if (laid.strip) {
      const strip = laid.strip;
      const bucket = Math.floor(x / strip.step);
      for (const near of [bucket, bucket - 1, bucket + 1]) {
        if (near >= 0 && near < strip.counts.length && strip.counts[near]) {
          return { kind: 'density', laid: laid, count: strip.counts[near],
                   t0: frame.t0 + near * strip.per, t1: frame.t0 + (near + 1) * strip.per };
        }
      }
    }
    return { kind: 'lane', laid: laid };
  };

  // ------------------------------------------------------------------ the date axis

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const UNITS = [['hour', 1], ['hour', 3], ['hour', 6], ['hour', 12], ['day', 1], ['day', 2],
    ['week', 1], ['month', 1], ['month', 3], ['month', 6], ['year', 1], ['year', 2], ['year', 5],
    ['year', 10], ['year', 20], ['year', 50], ['year', 100], ['year', 200], ['year', 500], ['year', 1000]];
  const SECONDS = { hour: 3600, day: DAY, week: 7 * DAY, month: 30.44 * DAY, year: 365.25 * DAY };

  function utc(y, m, d, h) {
    const date = new Date(0);
    date.setUTCFullYear(y, m, d);
    date.setUTCHours(h || 0, 0, 0, 0);
    return date.getTime() / 1000;
  }
  AT.utc = utc;

  function parts(t) {
    const d = new Date(t * 1000);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours() };
  }

  function tickLabel(kind, t) {
    const p = parts(t);
    if (kind === 'year') return String(p.y);
    if (kind === 'month') return MONTHS[p.m] + ' ' + p.y;
    if (kind === 'hour') return p.d + ' ' + MONTHS[p.m] + ' ' + String(p.h).padStart(2, '0') + ':00';
    return p.d + ' ' + MONTHS[p.m] + ' ' + p.y;
  }

  /* Ticks at whole years, months, days or hours, as many as fit `minPx` apart. */
  AT.ticks = function (t0, t1, width, minPx) {
    const perPx = (t1 - t0) / width;
    let unit = UNITS[UNITS.length - 1];
    for (const u of UNITS) {
      if (SECONDS[u[0]] * u[1] / perPx >= minPx) { unit = u; break; }
    }
    const kind = unit[0];
    const n = unit[1];
    const p = parts(t0);
    let next;
    if (kind === 'year') {
      let y = Math.floor(p.y / n) * n;
      next = function () { const t = utc(y, 0, 1); y += n; return t; };
    } else if (kind === 'month') {
      let m = Math.floor(p.m / n) * n;
      next = function () { const t = utc(p.y, m, 1); m += n; return t; };
    } else if (kind === 'week') {  // the 1st, 8th, 15th and 22nd of each month
      let m = p.m;
      let i = 0;
      next = function () { const t = utc(p.y, m, [1, 8, 15, 22][i]); i += 1; if (i === 4) { i = 0; m += 1; } return t; };
    } else if (kind === 'day') {
      let d = p.d - ((p.d - 1) % n);
      next = function () { const t = utc(p.y, p.m, d); d += n; return t; };
    } else {
      let h = Math.floor(p.h / n) * n;
      next = function () { const t = utc(p.y, p.m, p.d, h); h += n; return t; };
    }
    const ticks = [];
    for (let guard = 0; guard < 2000; guard++) {
      const t = next();
      if (t > t1) break;
      if (t >= t0) ticks.push({ t: t, x: (t - t0) / perPx, label: tickLabel(kind, t) });
    }
    return { kind: kind, ticks: ticks };
  };

  /* The period in view, as long and as short as it can be said: ["Mar – Jul 2020", "2020"],
     ["3 – 9 June 2020", "Jun 2020", "2020"], ["2017 – 2022"]. */
  AT.periodText = function (t0, t1) {
    const a = parts(t0);
    const b = parts(t1 - 1);
    const years = a.y === b.y ? String(a.y) : a.y + ' – ' + b.y;
    if (t1 - t0 > 2 * 365 * DAY) return [years];
    const months = a.y === b.y ? MONTHS[a.m] + ' – ' + MONTHS[b.m] + ' ' + b.y
      : MONTHS[a.m] + ' ' + a.y + ' – ' + MONTHS[b.m] + ' ' + b.y;
    if (t1 - t0 > 60 * DAY) return [months, years];
    const days = a.d + ' ' + MONTHS[a.m] + (a.y !== b.y ? ' ' + a.y : '') + ' – ' + b.d + ' ' + MONTHS[b.m] + ' ' + b.y;
    return [days, months, years];
  };

  // ------------------------------------------------------------------ text measure

  AT.makeMeasure = function () {
    const ctx = document.createElement('canvas').getContext('2d');
    const cache = new Map();
    function width(text, bold) {
      const key = (bold ? '1' : '0') + text;
      let w = cache.get(key);
      if (w === undefined) {
        if (cache.size > 50000) cache.clear();
        ctx.font = bold ? K.BOLD : K.FONT;
        w = ctx.measureText(text).width;
        cache.set(key, w);
      }
      return w;
    }
    function elide(text, room, bold) {
      if (width(text, bold) <= room) return text;
      const chars = Array.from(text);
      let lo = 0;
      let hi = chars.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (width(chars.slice(0, mid).join('') + '…', bold) <= room) lo = mid; else hi = mid - 1;
      }
      return lo ? chars.slice(0, lo).join('').trimEnd() + '…' : '';
    }
    return { width: width, elide: elide };
  };
})();
