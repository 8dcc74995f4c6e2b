/* The scene-range number boxes (dcc.RangeSlider's direct input) apply on Enter, not only
 * when the box loses focus: Enter commits the number the way leaving the box does, and the
 * focus stays in the box for the next change. */
(function () {
  document.addEventListener('keydown', function (e) {
    var box = e.target;
    if (e.key !== 'Enter' || !box || !box.classList || !box.classList.contains('dash-range-slider-input')) { return; }
    e.preventDefault();
    box.blur();  // the slider applies a typed value on blur (updatemode "mouseup")
    window.setTimeout(function () { box.focus(); }, 0);
  }, true);
})();
