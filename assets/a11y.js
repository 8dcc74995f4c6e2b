/* Keyboard and screen-reader repairs the page's third-party components need, applied to
 * every such component on the page (whoever added it), whenever the page changes:
 *
 * - radio groups (dbc.RadioItems renders its inputs without a shared `name`): the inputs
 *   of one group get one name, so a group is one Tab stop and the arrow keys choose;
 *   the group gets role="radiogroup" named by the label just before it;
 * - Dash range sliders: the number boxes and the two thumbs are named after the
 *   slider's label ("Scene range: first scene"), not "Minimum"/"Maximum";
 * - dcc.Upload: its hidden file input is named and taken out of the Tab order (the
 *   upload's own button is the Tab stop);
 * - dcc.Dropdown: its focus target (the Tab stop that hands the focus to the dropdown)
 *   is named after the dropdown's label instead of being aria-hidden while focusable;
 * - AG Grid: Tab leaves the grid (the arrow keys move inside it), Enter on a cell is a
 *   click on it;
 * - the charts' toolbars (plotly's modebar): each is one Tab stop, a role="toolbar" named
 *   after its chart; the arrow keys (and Home/End) move between its buttons, and the
 *   button last used keeps the Tab stop (a page of five charts was 26 stops of toolbar);
 * - the export menus (<details class="export-menu">): Escape closes one and gives the
 *   focus back to its button, Tab stays inside an open one, and opening one closes
 *   the others; a click outside closes them.
 */
(function () {
  'use strict';

  function text(el) { return el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : ''; }

  function labelFor(el) {
    if (!el || !el.id) { return ''; }
    var lab = document.querySelector('label[for="' + (window.CSS && CSS.escape ? CSS.escape(el.id) : el.id) + '"]');
    return text(lab) || el.getAttribute('aria-label') || '';
  }

  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }

  function radios(root) {
    var groups = new Map();
    root.querySelectorAll('input[type=radio]').forEach(function (input) {
      var group = input.parentElement && input.parentElement.closest("[id]");
      if (!group) { return; }
      if (!groups.has(group)) { groups.set(group, []); }
      groups.get(group).push(input);
    });
    groups.forEach(function (inputs, group) {
      // a radio group's own box only: not a landmark, nor a box holding other controls
      if (/^(MAIN|BODY|SECTION|FORM|HEADER|FOOTER|NAV)$/.test(group.tagName)
          || group.querySelector('select, textarea, button, input:not([type=radio])')) { return; }
      inputs.forEach(function (input) { if (!input.name) { input.name = 'radio-' + group.id; } });
      setAttr(group, 'role', 'radiogroup');
      if (!group.getAttribute('aria-label') && !group.getAttribute('aria-labelledby')) {
        var name = labelFor(group);
        if (!name) {
          var prev = group.previousElementSibling;
          if (prev && prev.tagName === 'LABEL') { name = text(prev); }
        }
        if (name) { setAttr(group, 'aria-label', name); }
      }
    });
  }

  function sliders(root) {
    root.querySelectorAll('.dash-slider-container').forEach(function (box) {
      var name = labelFor(box) || 'Range';
      var inputs = box.querySelectorAll('input.dash-range-slider-input, input.dash-input-container');
      var thumbs = box.querySelectorAll('[role=slider]');
      var words = thumbs.length > 1 ? ['first scene', 'last scene'] : ['value'];
      inputs.forEach(function (el, i) { setAttr(el, 'aria-label', name + ': ' + (words[i] || words[0])); });
      thumbs.forEach(function (el, i) { setAttr(el, 'aria-label', name + ': ' + (words[i] || words[0])); });
    });
  }

  function uploads(root) {
    root.querySelectorAll('input[type=file]').forEach(function (input) {
      var box = input.parentElement;
      setAttr(input, 'aria-label', text(box) || 'Choose a file');
      if (box && box.querySelector('button, [role=button]')) {
        setAttr(input, 'tabindex', '-1');
        setAttr(input, 'aria-hidden', 'true');
      }
    });
  }

  function dropdowns(root) {
    // dcc.Dropdown's Tab stop is an input that hands the focus to the dropdown's button:
    // it is named like the dropdown instead of hidden from screen readers while focusable
    root.querySelectorAll('.dash-dropdown-focus-target').forEach(function (el) {
      var button = el.nextElementSibling;
      el.removeAttribute('aria-hidden');
      setAttr(el, 'aria-label', labelFor(button) || 'Open the list');
    });
  }

  function grids(root) {
    // Tab leaves an AG Grid from its headers and cells (the grid handles the arrow keys)
    root.querySelectorAll('.ag-root-wrapper').forEach(function (grid) {
      if (grid.dataset.tabOut) { return; }
      grid.dataset.tabOut = '1';
      grid.addEventListener('keydown', function (ev) {
        // Enter on a cell does what a click does (the characters table: choose that character)
        if (ev.key === 'Enter' && ev.target.classList && ev.target.classList.contains('ag-cell')) {
          ev.target.click();
          return;
        }
        if (ev.key !== 'Tab' || ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
        var focusables = tabbables(document);
        var inside = focusables.filter(function (el) { return grid.contains(el); });
        var first = inside.length ? focusables.indexOf(inside[0]) : -1;
        var last = inside.length ? focusables.indexOf(inside[inside.length - 1]) : -1;
        var target = ev.shiftKey ? focusables[first - 1] : focusables[last + 1];
        ev.stopPropagation();
        ev.preventDefault();
        if (target) { target.focus(); }
      }, true);
    });
  }

  function chartName(bar) {
    var card = bar.closest('.chart-card, .card');
    var head = card && card.querySelector('h2, h3, h4, .card-header');
    var graph = bar.closest('[id]');
    return text(head) || (graph && graph.id.replace(/-graph$/, '').replace(/-/g, ' ')) || 'chart';
  }

  function toolbars(root) {
    root.querySelectorAll('.modebar').forEach(function (bar) {
      var buttons = Array.prototype.slice.call(bar.querySelectorAll('.modebar-btn'));
      if (!buttons.length) { return; }
      setAttr(bar, 'role', 'toolbar');
      setAttr(bar, 'aria-label', chartName(bar) + ' chart tools');
      // one Tab stop: the button that had it (plotly may rebuild its buttons), else the first
      var stop = buttons.filter(function (b) { return b.getAttribute('tabindex') === '0'; })[0] || buttons[0];
      buttons.forEach(function (b) { setAttr(b, 'tabindex', b === stop ? '0' : '-1'); });
      if (bar.dataset.roving) { return; }
      bar.dataset.roving = '1';
      bar.addEventListener('keydown', function (ev) {
        var all = Array.prototype.slice.call(bar.querySelectorAll('.modebar-btn'));
        var i = all.indexOf(document.activeElement);
        if (i < 0) { return; }
        var next = {ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1,
                    Home: 0, End: all.length - 1}[ev.key];
        if (next === undefined) { return; }
        next = (next + all.length) % all.length;
        all.forEach(function (b, j) { b.setAttribute('tabindex', j === next ? '0' : '-1'); });
        all[next].focus();
        ev.preventDefault();
      });
    });
  }

  var TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), '
    + 'textarea:not([disabled]), summary, [tabindex]';

  function visible(el) {
    if (el.closest('[hidden], [aria-hidden=true]')) { return false; }
    var r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) { return false; }
    var details = el.closest('details');
    while (details) {
      if (!details.open && el.tagName !== 'SUMMARY' && !el.closest('summary')) { return false; }
      if (el.tagName === 'SUMMARY' && el.parentElement === details) {
        details = details.parentElement && details.parentElement.closest('details');
        continue;
      }
      details = details.parentElement && details.parentElement.closest('details');
    }
    return getComputedStyle(el).visibility !== 'hidden';
  }

  function tabbables(root) {
    return Array.prototype.filter.call(root.querySelectorAll(TABBABLE), function (el) {
      var t = el.getAttribute('tabindex');
      return (t === null || parseInt(t, 10) >= 0) && visible(el);
    });
  }

  function menus() {
    document.addEventListener('keydown', function (ev) {
      var menu = ev.target && ev.target.closest && ev.target.closest('details.export-menu[open]');
      if (!menu) { return; }
      if (ev.key === 'Escape') {
        menu.open = false;
        var s = menu.querySelector('summary');
        if (s) { s.focus(); }
        ev.preventDefault();
      } else if (ev.key === 'Tab') {
        var items = tabbables(menu);
        if (!items.length) { return; }
        var i = items.indexOf(document.activeElement);
        var next = ev.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i >= items.length - 1 ? 0 : i + 1);
        items[next].focus();
        ev.preventDefault();
      }
    });
    document.addEventListener('toggle', function (ev) {
      var menu = ev.target;
      if (!menu.matches || !menu.matches('details.export-menu') || !menu.open) { return; }
      document.querySelectorAll('details.export-menu[open]').forEach(function (d) { if (d !== menu) { d.open = false; } });
    }, true);
    document.addEventListener('click', function (ev) {
      document.querySelectorAll('details.export-menu[open]').forEach(function (d) {
        if (!d.contains(ev.target)) { d.open = false; }
      });
    });
  }

  var pending = false;
  function repair() {
    pending = false;
    var root = document.body;
    radios(root); sliders(root); uploads(root); dropdowns(root); grids(root); toolbars(root);
  }
  function schedule() {
    if (!pending) { pending = true; window.requestAnimationFrame(repair); }
  }

  window.sceneTimelineA11y = {repair: repair, tabbables: tabbables};

  function start() {
    menus();
    repair();
    new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
