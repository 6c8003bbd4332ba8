/* Announcement Timeline, interactive page: the detail panel. The selected event's company,
   date, category, title and summary, then every quote inside its paragraph of the source,
   the quoted words in a <mark> and the paragraph around them as plain text, with the
   source's title, publisher, date and link. Everything from the data goes in with
   textContent or as text nodes, never as HTML; a link is made only for an http or https
   address, and opens with rel="noopener noreferrer". */
(function () {
  'use strict';
  const AT = window.AnnouncementTimeline;

  AT.el = function (tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  const el = AT.el;

  AT.icon = function (width, height, paint) {
    const ratio = window.devicePixelRatio || 1;
    const canvas = el('canvas', 'icon');
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = width + 'px';
    canvas.style.height = height + 'px';
    canvas.setAttribute('aria-hidden', 'true');
    const ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    paint(ctx);
    return canvas;
  };
  const icon = AT.icon;

  AT.countText = function (n) {
    return n.toLocaleString('en') + (n === 1 ? ' event' : ' events');
  };

  /* `onSelect(event)`: a person picked an event in the panel (null: closed it). */
  AT.makeDetail = function (panel, model, theme, onSelect) {
    const K = AT.K;

    function safeHref(url) {
      try {
        const parsed = new URL(url);
        return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host ? parsed.href : null;
      } catch (error) {
        return null;
      }
    }

    function closeButton() {
      const button = el('button', 'close', '×');
      button.type = 'button';
      button.title = 'Close';
      button.setAttribute('aria-label', 'Close');
      button.addEventListener('click', function () { onSelect(null); });
      return button;
    }

    function showPlaceholder() {
      panel.replaceChildren(el('p', 'placeholder', 'Click an event on the timeline to read its sources.'));
    }

    function sourceLine(source) {
      const line = el('p', 'source');
      line.append('— ', el('cite', '', source[0]));
      const facts = [source[1], source[2]].filter(Boolean);
      if (facts.length) line.append(', ' + facts.join(', '));
      line.append(el('br'));
      const href = source[4] ? safeHref(source[4]) : null;
      if (href) {
        const link = el('a', '', source[3]);
        link.href = href;
        link.rel = 'noopener noreferrer';
        link.target = '_blank';
        line.append(link);
      } else if (source[3]) {
        line.append(el('span', 'muted', 'Link (not opened, only http and https links are): '), el('span', 'muted', source[3]));
      } else {
        line.append(el('em', 'muted', 'no link recorded'));
      }
      return line;
    }

    function passageNode(passage) {
      const quote = el('blockquote', 'passage');
      if (passage[1]) quote.append(el('span', 'muted', '… '));
      for (const run of passage[3]) {
        if (run[0] === 1) quote.append(el('mark', '', run[1]));
        else if (run[0] === 2) quote.append(el('em', 'muted', run[1]));
        else quote.append(document.createTextNode(run[1]));
      }
      if (passage[2]) quote.append(el('span', 'muted', ' …'));
      return quote;
    }

    function showDetail(e) {
      const lane = model.lanes[e.lane];
      const cat = model.categories[e.category];
      const company = el('p', 'company');
      const swatch = el('span', 'swatch');
      if (AT.isColour(lane.colour)) swatch.style.background = lane.colour;
      company.append(swatch, el('span', '', lane.name));
      const when = el('p', 'when');
      when.append(el('strong', '', e.date));
      if (e.approx) when.append(' ', el('em', 'muted', '(approximate date)'));
      else if (e.precision !== 0) when.append(' ', el('em', 'muted', '(the source gives the ' + (e.precision === 1 ? 'month' : 'year') + ' only)'));
      const kind = el('p', 'category');
      if (cat) {
        kind.append(icon(14, 14, function (ctx) { AT.drawSymbol(ctx, cat, 7, 7, K.MARKER, theme, {}); }), ' ', cat.name);
      }
      const summary = e.summary.trim() ? el('p', 'summary', e.summary) : el('p', 'summary muted', 'No summary recorded.');
      const heading = e.quotes === 1 ? 'What the source says' : e.quotes ? 'What the sources say (' + e.quotes + ' quotes)' : 'No source: no quote backs this event yet';
      const parts = [closeButton(), company, el('h2', 'title', e.title), when, kind, summary, el('h3', '', heading)];
      e.passages.forEach(function (index, i) {
        const passage = model.data.passages[index];
        parts.push(passageNode(passage));
        const nextPassage = model.data.passages[e.passages[i + 1]];
        if (!nextPassage || nextPassage[0] !== passage[0]) parts.push(sourceLine(model.data.sources[passage[0]]));
      });
      panel.replaceChildren(...parts);
      panel.scrollTop = 0;
    }

    function showList(events) {
      const list = el('ul', 'events');
      for (const e of events) {
        const button = el('button', 'event-link');
        button.type = 'button';
        button.append(el('span', 'muted', e.date + ' · '), (e.approx ? '~ ' : '') + e.title);
        button.addEventListener('click', function () { onSelect(e); });
        const item = el('li');
        item.append(button);
        list.append(item);
      }
      panel.replaceChildren(closeButton(), el('h2', 'title', countText(events.length) + ' at one place'),
        el('p', 'muted', 'They fall too close together to be told apart at any zoom; choose one.'), list);
    }

    return { show: showDetail, list: showList, placeholder: showPlaceholder };
  };
})();
