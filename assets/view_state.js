/* The filter controls -> canonical query string, in the page (no server round trip).
 *
 * The page holds no copy of the query's keys or defaults: the server hands it the
 * table layouts.state.FIELDS (the query-spec store: key, kind, default, in canonical
 * order) and composeQuery runs the same loop as layouts.state.encode over it. Values
 * are encoded like Python's urllib.parse.urlencode (quote_plus).
 */
(function () {
  function quotePlus(v) {
    return encodeURIComponent(String(v)).replace(/[!'()*]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    }).replace(/%20/g, '+');
  }

  // spec: {fields: [{key, kind, default}]}; values: {key: control value}
  function composeQuery(spec, values, nScenes) {
    var q = [];
    (spec && spec.fields || []).forEach(function (f) {
      var v = values[f.key];
      if (f.kind === 'list') {
        (v || []).filter(function (c, i, all) { return all.indexOf(c) === i; })
          .forEach(function (c) { q.push([f.key, c]); });
      } else if (f.kind === 'range') {
        if (v && v.length === 2) {
          var last = Math.max((nScenes || 1) - 1, 0);
          var lo = Math.min(Math.max(parseInt(v[0], 10) - 1, 0), last);
          var hi = Math.min(Math.max(parseInt(v[1], 10) - 1, 0), last);
          if (!isNaN(lo) && !isNaN(hi) && lo <= hi && !(lo === 0 && hi === last)) { q.push([f.key, lo + '-' + hi]); }
        }
      } else if (v !== null && v !== undefined && v !== '' && v !== f.default) {
        q.push([f.key, v]);
      }
    });
    return q.length ? '?' + q.map(function (kv) { return quotePlus(kv[0]) + '=' + quotePlus(kv[1]); }).join('&') : '';
  }

  // a key's value in a query string, or its default from the spec
  function valueOf(spec, params, key) {
    var f = (spec && spec.fields || []).filter(function (x) { return x.key === key; })[0];
    var v = params.get(key);
    return v !== null ? v : (f ? f['default'] : null);
  }

  /* Highlight mode, in the page: a new character filter (c, mode) over the same view only
   * fades and highlights the storyline's traces. The chart carries the rules
   * (layout.meta.restyle, from timeline.figures.storyline.restyle_rules) and the casts
   * (each character's dots trace); this computes the same styles the server would and
   * restyles at once. The server's update still follows (the title, the other views);
   * by then the chart already shows its styles. null: leave it all to the server. */
  function storylineStyle(gd, query, spec) {
    var rules = gd && gd.layout && gd.layout.meta && gd.layout.meta.restyle;
    if (!rules || !gd.data) { return null; }
    spec = spec || window.sceneTimeline.spec;
    var p = new URLSearchParams((query || '').replace(/^\?/, ''));
    var emphasis = valueOf(spec, p, 'emphasis');
    var cast = valueOf(spec, p, 'cast') || 'main';
    var view = [valueOf(spec, p, 'story') || '', valueOf(spec, p, 'order'), p.get('scenes') || '', emphasis,
                cast].join('|');
    // cast=chosen: the selection decides who is drawn in full (a new frame, the server's)
    if (emphasis !== 'highlight' || cast === 'chosen' || view !== rules.view) { return null; }
    // scene filters (place, time of day, INT/EXT, act), now or in the chart drawn: the server's
    var sceneFilter = /(^|[?&])(loc|tod|ie|act)=/;
    if (sceneFilter.test(query || '') || sceneFilter.test((gd.layout.meta && gd.layout.meta.state) || '')) { return null; }
    var selected = p.getAll('c').filter(function (c, i, all) { return all.indexOf(c) === i; });
    var all = p.get('mode') === 'all';
    var castOf = {}, drawn = {};
    gd.data.forEach(function (t) {
      if (t.meta && t.meta.part === 'dots') {
        drawn[t.meta.character] = true;
        t.customdata.forEach(function (cd) { (castOf[cd[0]] = castOf[cd[0]] || {})[t.meta.character] = true; });
      } else if (t.meta === 'scenes') {
        t.customdata.forEach(function (cd) { castOf[cd[0]] = castOf[cd[0]] || {}; });
      }
    });
    if (selected.some(function (c) { return !drawn[c]; })) { return null; }
    var filtered = selected.length > 0;
    var matches = function (sid) {
      var here = castOf[sid] || {};
      var has = function (c) { return here[c] === true; };
      return !filtered || (all ? selected.every(has) : selected.some(has));
    };
    if (!Object.keys(castOf).some(matches)) { return null; }  // the server draws the empty chart
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

  function restyleStoryline(query, spec) {
    try {
      var gd = document.querySelector('#storyline-graph .js-plotly-plot');
      var style = storylineStyle(gd, query, spec);
      if (style && window.Plotly) { window.Plotly.restyle(gd, style.update, style.traces); }
    } catch (e) { /* the server's update will draw it */ }
  }

  window.sceneTimeline = Object.assign(window.sceneTimeline || {},
                                       {composeQuery: composeQuery, storylineStyle: storylineStyle});
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sceneTimeline: {
      // controls -> view-state store; the address bar follows (history entry, no reload)
      // arguments: one control value per spec field (in its order), the story's scene count, the spec
      viewState: function () {
        var args = Array.prototype.slice.call(arguments);
        var spec = args[args.length - 1], nScenes = args[args.length - 2], values = {};
        window.sceneTimeline.spec = spec;
        (spec && spec.fields || []).forEach(function (f, i) { values[f.key] = args[i]; });
        var query = composeQuery(spec, values, nScenes);
        if (window.location.search !== query) {
          restyleStoryline(query, spec);
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
