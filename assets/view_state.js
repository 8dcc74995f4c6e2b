/* The filter controls -> canonical query string, in the page (no server round trip).
 *
 * composeQuery mirrors layouts.common.compose_query / timeline.views.ViewState.to_query
 * (tests/test_browser.py checks the two agree): defaults are left out, the default
 * story too, the whole scene range is no filter, values are encoded like Python's
 * urllib.parse.urlencode (quote_plus).
 */
(function () {
  function quotePlus(v) {
    return encodeURIComponent(String(v)).replace(/[!'()*]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    }).replace(/%20/g, '+');
  }

  function composeQuery(s) {
    var q = [];
    if (s.story && s.story !== s.defaultStory) { q.push(['story', s.story]); }
    (s.characters || []).forEach(function (c) { q.push(['c', c]); });
    if (s.mode && s.mode !== 'any') { q.push(['mode', s.mode]); }
    if (s.emphasis && s.emphasis !== 'highlight') { q.push(['emphasis', s.emphasis]); }
    if (s.order && s.order !== 'telling') { q.push(['order', s.order]); }
    if (s.colourBy && s.colourBy !== 'location') { q.push(['colour_by', s.colourBy]); }
    if (s.range && s.range.length === 2) {
      var last = Math.max((s.nScenes || 1) - 1, 0);
      var lo = Math.min(Math.max(parseInt(s.range[0], 10) - 1, 0), last);
      var hi = Math.min(Math.max(parseInt(s.range[1], 10) - 1, 0), last);
      if (!isNaN(lo) && !isNaN(hi) && lo <= hi && !(lo === 0 && hi === last)) {
        q.push(['scenes', lo + '-' + hi]);
      }
    }
    if (s.net && s.net !== 'community') { q.push(['net', s.net]); }
    return q.length ? '?' + q.map(function (kv) { return quotePlus(kv[0]) + '=' + quotePlus(kv[1]); }).join('&') : '';
  }

  /* Highlight mode, in the page: a new character filter (c, mode) over the same view only
   * fades and highlights the storyline's traces. The chart carries the rules
   * (layout.meta.restyle, from timeline.figures.storyline.restyle_rules) and the casts
   * (each character's dots trace); this computes the same styles the server would and
   * restyles at once. The server's update still follows (the title, the other views);
   * by then the chart already shows its styles. null: leave it all to the server. */
  function storylineStyle(gd, query, defaultStory) {
    var rules = gd && gd.layout && gd.layout.meta && gd.layout.meta.restyle;
    if (!rules || !gd.data) { return null; }
    var p = new URLSearchParams((query || '').replace(/^\?/, ''));
    var emphasis = p.get('emphasis') || 'highlight';
    var order = p.get('order') || 'telling';
    var view = [p.get('story') || defaultStory || '', order === 'story' ? 'story' : 'telling',
                p.get('scenes') || '', emphasis].join('|');
    if (emphasis !== 'highlight' || view !== rules.view) { return null; }
    var selected = p.getAll('c').filter(function (c, i, all) { return all.indexOf(c) === i; });
    var all = p.get('mode') === 'all';
    var cast = {}, drawn = {};
    gd.data.forEach(function (t) {
      if (t.meta && t.meta.part === 'dots') {
        drawn[t.meta.character] = true;
        t.customdata.forEach(function (cd) { (cast[cd[0]] = cast[cd[0]] || {})[t.meta.character] = true; });
      } else if (t.meta === 'scenes') {
        t.customdata.forEach(function (cd) { cast[cd[0]] = cast[cd[0]] || {}; });
      }
    });
    if (selected.some(function (c) { return !drawn[c]; })) { return null; }
    var filtered = selected.length > 0;
    var matches = function (sid) {
      var here = cast[sid] || {};
      var has = function (c) { return here[c] === true; };
      return !filtered || (all ? selected.every(has) : selected.some(has));
    };
    if (!Object.keys(cast).some(matches)) { return null; }  // the server draws the empty chart
    var uniform = function (values) {
      return values.every(function (v) { return v === values[0]; }) ? values[0] : undefined;
    };
    var upd = {opacity: [], 'line.width': [], 'marker.opacity': []}, idx = [];
    for (var i = 0; i < gd.data.length; i++) {
      var t = gd.data[i], m = t.meta, width = undefined, marker = undefined, opacity;
      if (Array.isArray(m)) { return null; }  // lines merged per colour: the server's job
      if (typeof m === 'string' && m !== 'scenes') {  // a character's line
        var hl = !filtered || selected.indexOf(m) >= 0;
        opacity = hl ? 1 : rules.faded;
        width = hl && filtered ? rules.selected_width : rules.width;
      } else if (m && m.part === 'dots') {  // its dots: scene dots of a selected character may fade
        var on = !filtered || selected.indexOf(m.character) >= 0;
        opacity = on ? 1 : rules.faded;
        marker = uniform(t.customdata.map(function (cd, k) {
          var dot = t.marker.size[k] > 0 && t.marker.symbol[k] !== 'x-thin';
          return dot && on && !matches(cd[0]) ? rules.faded : 1;
        }));
        if (marker === undefined) { return null; }
      } else if (m === 'scenes') {  // scenes without characters
        marker = uniform(t.customdata.map(function (cd) { return matches(cd[0]) ? rules.empty_scene : rules.faded; }));
        if (marker === undefined) { return null; }
      } else {
        continue;  // location bands do not follow the filter
      }
      idx.push(i);
      upd.opacity.push(opacity);
      upd['line.width'].push(width);
      upd['marker.opacity'].push(marker);
    }
    return {update: upd, traces: idx};
  }

  function restyleStoryline(query, defaultStory) {
    try {
      var gd = document.querySelector('#storyline-graph .js-plotly-plot');
      var style = storylineStyle(gd, query, defaultStory);
      if (style && window.Plotly) { window.Plotly.restyle(gd, style.update, style.traces); }
    } catch (e) { /* the server's update will draw it */ }
  }

  window.sceneTimeline = Object.assign(window.sceneTimeline || {},
                                       {composeQuery: composeQuery, storylineStyle: storylineStyle});
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sceneTimeline: {
      // controls -> view-state store; the address bar follows (history entry, no reload)
      viewState: function (story, chars, mode, emphasis, range, order, colourBy, net, nScenes, defaultStory) {
        var query = composeQuery({story: story, characters: chars, mode: mode, emphasis: emphasis, range: range,
                                  order: order, colourBy: colourBy, net: net, nScenes: nScenes,
                                  defaultStory: defaultStory});
        if (window.location.search !== query) {
          restyleStoryline(query, defaultStory);
          // a history entry, no reload. dcc.Location is not told: its callback (URL ->
          // controls) would run first and hold back every view until its round trip ends
          window.history.pushState({}, '', window.location.pathname + query + window.location.hash);
        }
        return query;
      }
    }
  });

  // back/forward: the URL -> controls callback listens to this store (dcc.Location only
  // knows the URL the page was loaded with, so it may not see the change)
  var navCount = 0;
  window.addEventListener('popstate', function () {
    navCount += 1;
    window.dash_clientside.set_props('url-nav', {data: {search: window.location.search, n: navCount}});
  });
})();
