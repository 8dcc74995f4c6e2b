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

  window.sceneTimeline = Object.assign(window.sceneTimeline || {}, {composeQuery: composeQuery});
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sceneTimeline: {
      // controls -> view-state store; the address bar follows (history entry, no reload)
      viewState: function (story, chars, mode, emphasis, range, order, colourBy, net, nScenes, defaultStory) {
        var query = composeQuery({story: story, characters: chars, mode: mode, emphasis: emphasis, range: range,
                                  order: order, colourBy: colourBy, net: net, nScenes: nScenes,
                                  defaultStory: defaultStory});
        if (window.location.search !== query) {
          window.history.pushState({}, '', window.location.pathname + query + window.location.hash);
          // dcc.Location listens for this: its `search` follows, so back/forward keep working
          window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
        }
        return query;
      }
    }
  });
})();
