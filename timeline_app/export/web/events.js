/* Announcement Timeline, interactive page: the events of the page's data, lane by lane in
   time order, and which of them the company ticks and the search show. The search finds
   events whose title, summary or quoted words hold every word typed, each as the start of
   a word, whatever its case and accents: as the window's search does. */
(function () {
  'use strict';
  const AT = (window.AnnouncementTimeline = window.AnnouncementTimeline || {});

  const WORD = /[\p{L}\p{N}_]+/gu;
  const WORD_CHAR = /[\p{L}\p{N}_]/u;

  function folded(text) {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }

  /* The page's data as lanes of events in time order. */
  AT.loadModel = function (data) {
    const lanes = data.lanes.map(function (row, index) {
      return { id: row[0], name: row[1], colour: row[2], index: index, all: [], shown: [],
               starts: new Float64Array(0), maxDur: 0, checked: true };
    });
    const events = [];
    const byId = new Map();
    for (const row of data.events) {
      const lane = lanes[row[1]];
      if (!lane) continue;
      const event = {
        id: row[0], lane: row[1], start: row[2], end: Math.max(row[3], row[2]),
        precision: row[4], approx: row[5] === 1, category: row[6], title: row[7], date: row[8],
        summary: row[9], passages: row[10], quotes: row[11], hay: null, visible: true,
      };
      events.push(event);
      byId.set(event.id, event);
      lane.all.push(event);
    }
    for (const lane of lanes) lane.all.sort(function (a, b) { return a.start - b.start || a.id - b.id; });
    const model = {
      data: data, lanes: lanes, events: events, byId: byId, query: '', version: 0,
      categories: data.categories.map(function (row) {
        return { name: row[0], colour: row[1], symbol: row[2], scale: row[3], shape: row[4] };
      }),
      visibleLanes: [], timeOrder: [], shownCount: 0,
      eras: (data.eras || []).filter(function (row) {
        return Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'number' &&
          typeof row[2] === 'number' && row[2] > row[1];
      }).map(function (row) { return { name: row[0], start: row[1], end: row[2] }; }),
    };
    AT.refilter(model);
    return model;
  };

  function haystack(model, event) {
    if (event.hay === null) {
      const parts = [event.title, event.summary];
      for (const index of event.passages) {
        for (const run of model.data.passages[index][3]) if (run[0] === 1) parts.push(run[1]);
      }
      event.hay = folded(parts.join('\n'));
    }
    return event.hay;
  }

  function hasWordStartingWith(hay, word) {
    let at = hay.indexOf(word);
    while (at !== -1) {
      if (at === 0 || !WORD_CHAR.test(hay[at - 1])) return true;
      at = hay.indexOf(word, at + 1);
    }
    return false;
  }

  /* Does the event's title, summary or quoted words hold every word typed (as the start of
     a word, whatever the case and accents), as the window's search does? */
  AT.matches = function (model, event, words) {
    const hay = haystack(model, event);
    return words.every(function (word) { return hasWordStartingWith(hay, word); });
  };

  AT.searchWords = function (query) {
    return folded(query).match(WORD) || [];
  };

  /* Apply the company ticks and the search: which lanes show, and which of their events. */
  AT.refilter = function (model) {
    const words = AT.searchWords(model.query);
    const nothing = model.query.trim() !== '' && words.length === 0;  // only punctuation typed
    const searching = words.length > 0 || nothing;
    model.visibleLanes = [];
    model.timeOrder = [];
    model.shownCount = 0;
    for (const lane of model.lanes) {
      lane.shown = nothing ? [] : searching
        ? lane.all.filter(function (e) { return AT.matches(model, e, words); })
        : lane.all;
      lane.starts = Float64Array.from(lane.shown, function (e) { return e.start; });
      lane.maxDur = 0;
      for (const e of lane.all) e.visible = false;
      for (const e of lane.shown) {
        lane.maxDur = Math.max(lane.maxDur, e.end - e.start);
        e.visible = lane.checked;
      }
      if (!lane.checked || (searching && lane.shown.length === 0)) continue;
      model.visibleLanes.push(lane);
      model.shownCount += lane.shown.length;
      for (const e of lane.shown) model.timeOrder.push(e);
    }
    model.timeOrder.sort(function (a, b) { return a.start - b.start || a.id - b.id; });
    model.version += 1;
  };
})();
