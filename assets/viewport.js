/* The window's width, for the views (layouts/charts.py SPLIT_STATE_JS): after a resize
 * settles, the viewport-resize store gets the new width; the views are drawn again only
 * when the width class changes. */
(function () {
  'use strict';
  var timer = null, last = null;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var w = document.documentElement.clientWidth || window.innerWidth;
      if (w === last || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
      last = w;
      window.dash_clientside.set_props('viewport-resize', {data: w});
    }, 250);
  });
}());
