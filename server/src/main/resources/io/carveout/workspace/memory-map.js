/*
 * What the memory-map drawing does under the pointer: zoom, the filter by kind, the details of
 * what the pointer is over (in a row of their own above the picture, never over a bar), the
 * click that opens a region's source, and export. The SVG is MemoryMapDrawing.java's; this
 * script computes no geometry: every position a zoom changes is written in the SVG, one value
 * per zoom, in data-z ("name=value|value|...;name=..."), and the script picks one.
 *
 * One script for two pages: `carveout map --format html` inlines it and it starts itself with
 * the browser's means (links that open the file, downloads); the VS Code view bundles it and
 * starts it with a host that asks the editor instead (open the node, save the file).
 */
(function (factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined' && document.getElementById('carveout-map')) {
    api.start(document, api.browserHost(window));
  }
})(function () {
  'use strict';

  var HINT = 'Hover over a region for its boot-log line, size, labels, users and diagnostics; '
    + 'click it to open where it is defined. Ctrl+wheel or + and - zoom; the boxes hide a kind.';

  /** "y=1|2|4;height=3|6|12" to {y: ["1", "2", "4"], height: ["3", "6", "12"]}. */
  function parseZoomed(text) {
    var out = {};
    (text || '').split(';').forEach(function (part) {
      var at = part.indexOf('=');
      if (at > 0) {
        out[part.slice(0, at)] = part.slice(at + 1).split('|');
      }
    });
    return out;
  }

  /** The value of an attribute at a zoom: the last one given when the zoom is past them. */
  function valueAt(values, level) {
    return values[Math.max(0, Math.min(level, values.length - 1))];
  }

  /** The zoom after a step, within the zooms the drawing has. */
  function stepZoom(level, step, count) {
    return Math.max(0, Math.min(count - 1, level + step));
  }

  /** An LSP location from a drawn element's data-uri and data-range ("line,character,line,character"). */
  function locationOf(uri, range) {
    if (!uri) {
      return null;
    }
    var n = String(range || '0,0,0,0').split(',').map(Number);
    if (n.length !== 4 || n.some(isNaN)) {
      n = [0, 0, 0, 0];
    }
    return { uri: uri, range: { start: { line: n[0], character: n[1] }, end: { line: n[2], character: n[3] } } };
  }

  /** Whether the filter hides an element of a kind (disabled regions have a box of their own). */
  function isHidden(kind, disabled, hidden) {
    return hidden.indexOf(kind) >= 0 || (disabled && hidden.indexOf('disabled') >= 0);
  }

  /** The name a saved file gets: the board's, then what it is. */
  function fileName(board, format) {
    var stem = String(board || 'board').replace(/\.[^.]*$/, '') || 'board';
    return stem + '-memory-map.' + format;
  }

  function element(doc, tag, className, text) {
    var e = doc.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  /**
   * Turns the element `#carveout-map` into the view: the controls, a note, the details, and the
   * picture. host: {reveal(location) or null, export(format, svgText, board) or null,
   * loadState(), saveState(state)}. Returns {show(svg, note), status(text)}: show takes the SVG
   * as text or as an element already in the page.
   */
  function start(doc, host) {
    var root = doc.getElementById('carveout-map');
    var existing = root.querySelector('svg.carveout-map');
    root.classList.add('carveout-view');
    root.textContent = '';
    var toolbar = element(doc, 'div', 'toolbar');
    var note = element(doc, 'div', 'note');
    var details = element(doc, 'div', 'details');
    var picture = element(doc, 'div', 'picture');
    root.appendChild(toolbar);
    root.appendChild(note);
    root.appendChild(details);
    root.appendChild(picture);
    note.hidden = true;

    var saved = (host.loadState && host.loadState()) || {};
    var state = { level: saved.level || 0, hidden: Array.isArray(saved.hidden) ? saved.hidden.slice() : [] };
    var svg = null;
    var svgText = '';
    var zoomed = [];
    var zooms = [1];

    function hint() {
      details.replaceChildren(element(doc, 'div', 'hint', HINT));
      details.removeAttribute('data-id');
    }

    function showTip(target) {
      var lines = (target.getAttribute('data-tip') || '').split('\n');
      details.replaceChildren();
      lines.forEach(function (line, i) {
        details.appendChild(element(doc, 'div', i === 0 ? 'tip-title' : 'tip-line', line));
      });
      details.setAttribute('data-id', target.getAttribute('data-id') || '');
    }

    function highlight(id, on) {
      if (!svg || !id) {
        return;
      }
      svg.querySelectorAll('[data-id="' + id + '"]').forEach(function (e) {
        e.classList.toggle('hot', on);
      });
    }

    function applyZoom() {
      zoomed.forEach(function (item) {
        Object.keys(item.values).forEach(function (name) {
          item.element.setAttribute(name, valueAt(item.values[name], state.level));
        });
      });
      var label = toolbar.querySelector('.zoom-level');
      if (label) {
        label.textContent = '×' + zooms[Math.min(state.level, zooms.length - 1)];
      }
    }

    function setLevel(level) {
      level = stepZoom(level, 0, zooms.length);
      if (!svg || level === state.level) {
        return;
      }
      // keep what is in the middle of the picture in the middle
      var before = parseFloat(svg.getAttribute('height')) || 1;
      var middle = picture.scrollTop + picture.clientHeight / 2;
      state.level = level;
      applyZoom();
      var after = parseFloat(svg.getAttribute('height')) || 1;
      picture.scrollTop = Math.max(0, middle * after / before - picture.clientHeight / 2);
      save();
    }

    function applyFilter() {
      if (!svg) {
        return;
      }
      svg.querySelectorAll('[data-kind]').forEach(function (e) {
        e.classList.toggle('filtered', isHidden(e.getAttribute('data-kind'), e.getAttribute('data-disabled') === 'true',
          state.hidden));
      });
      svg.querySelectorAll('[data-legend-kind]').forEach(function (e) {
        e.classList.toggle('off', state.hidden.indexOf(e.getAttribute('data-legend-kind')) >= 0);
      });
      toolbar.querySelectorAll('input[data-filter-kind]').forEach(function (box) {
        box.checked = state.hidden.indexOf(box.getAttribute('data-filter-kind')) < 0;
      });
    }

    function toggle(kind) {
      var at = state.hidden.indexOf(kind);
      if (at >= 0) {
        state.hidden.splice(at, 1);
      } else {
        state.hidden.push(kind);
      }
      applyFilter();
      save();
    }

    function save() {
      if (host.saveState) {
        host.saveState({ level: state.level, hidden: state.hidden.slice() });
      }
    }

    function button(text, title, action) {
      var b = element(doc, 'button', '', text);
      b.type = 'button';
      b.title = title;
      b.addEventListener('click', action);
      return b;
    }

    function controls() {
      toolbar.replaceChildren();
      var zoom = element(doc, 'span', 'group zoom');
      zoom.appendChild(button('−', 'zoom out (-)', function () { setLevel(state.level - 1); }));
      zoom.appendChild(element(doc, 'span', 'zoom-level', '×1'));
      zoom.appendChild(button('+', 'zoom in (+): the address scale doubles, the labels keep their size',
        function () { setLevel(state.level + 1); }));
      toolbar.appendChild(zoom);
      var filter = element(doc, 'span', 'group filter');
      svg.querySelectorAll('[data-legend-kind]').forEach(function (item) {
        var kind = item.getAttribute('data-legend-kind');
        var label = element(doc, 'label');
        var box = element(doc, 'input');
        box.type = 'checkbox';
        box.setAttribute('data-filter-kind', kind);
        box.addEventListener('change', function () { toggle(kind); });
        label.appendChild(box);
        label.appendChild(element(doc, 'span', 'swatch swatch-' + kind));
        label.appendChild(doc.createTextNode(item.textContent.trim()));
        filter.appendChild(label);
      });
      toolbar.appendChild(filter);
      if (host.export) {
        var save = element(doc, 'span', 'group export');
        ['svg', 'html'].forEach(function (format) {
          save.appendChild(button('Save ' + format.toUpperCase(), 'save the drawing as ' + format.toUpperCase(),
            function () { host.export(format, svgText, svg.getAttribute('data-board')); }));
        });
        toolbar.appendChild(save);
      }
    }

    function bind() {
      // the details row shows what <title> holds: a tooltip of the browser's would cover the bars
      svg.querySelectorAll('title').forEach(function (title) {
        var owner = title.parentNode;
        if (owner !== svg) {
          owner.setAttribute('data-tip', title.textContent);
        }
        owner.removeChild(title);
      });
      zooms = (svg.getAttribute('data-zooms') || '1').split(' ').map(Number);
      zoomed = [svg].concat(Array.prototype.slice.call(svg.querySelectorAll('[data-z]')))
        .filter(function (e) { return e.hasAttribute('data-z'); })
        .map(function (e) { return { element: e, values: parseZoomed(e.getAttribute('data-z')) }; });
      svg.addEventListener('mouseover', function (event) {
        var target = event.target.closest('[data-tip]');
        if (target) {
          highlight(details.getAttribute('data-id'), false);
          showTip(target);
          highlight(target.getAttribute('data-id'), true);
        }
      });
      svg.addEventListener('mouseout', function (event) {
        var target = event.target.closest('[data-tip]');
        if (target && !target.contains(event.relatedTarget)) {
          highlight(target.getAttribute('data-id'), false);
        }
      });
      svg.addEventListener('click', function (event) {
        var legend = event.target.closest('[data-legend-kind]');
        if (legend) {
          toggle(legend.getAttribute('data-legend-kind'));
          return;
        }
        var target = event.target.closest('[data-uri]');
        if (target && host.reveal) {
          event.preventDefault();
          host.reveal(locationOf(target.getAttribute('data-uri'), target.getAttribute('data-range')));
        }
      });
      controls();
      state.level = stepZoom(state.level, 0, zooms.length);
      applyZoom();
      applyFilter();
    }

    function show(drawing, noteText) {
      var scroll = { top: picture.scrollTop, left: picture.scrollLeft };
      if (typeof drawing === 'string') {
        svgText = drawing;
        var parsed = new DOMParser().parseFromString(drawing, 'image/svg+xml').documentElement;
        // the page has the sheet already; a webview's policy would refuse an inline one
        parsed.querySelectorAll('style').forEach(function (s) { s.parentNode.removeChild(s); });
        svg = doc.importNode(parsed, true);
      } else {
        svg = drawing;
        svgText = new XMLSerializer().serializeToString(drawing);
      }
      picture.replaceChildren(svg);
      note.textContent = noteText || '';
      note.hidden = !noteText;
      hint();
      bind();
      picture.scrollTop = scroll.top;
      picture.scrollLeft = scroll.left;
    }

    function status(text) {
      svg = null;
      toolbar.replaceChildren();
      note.hidden = true;
      details.replaceChildren();
      picture.replaceChildren(element(doc, 'p', 'status', text));
    }

    doc.addEventListener('keydown', function (event) {
      if (!svg || event.ctrlKey || event.metaKey || event.altKey || /INPUT|TEXTAREA|SELECT/.test(event.target.tagName)) {
        return;
      }
      if (event.key === '+' || event.key === '=') {
        setLevel(state.level + 1);
      } else if (event.key === '-') {
        setLevel(state.level - 1);
      } else if (event.key === '0') {
        setLevel(0);
      }
    });
    picture.addEventListener('wheel', function (event) {
      if (svg && event.ctrlKey) {
        event.preventDefault();
        setLevel(state.level + (event.deltaY < 0 ? 1 : -1));
      }
    }, { passive: false });

    if (existing) {
      show(existing);
    }
    return { show: show, status: status, zoom: setLevel, toggle: toggle };
  }

  /** The page of `carveout map --format html`: links open the files, exports are downloads. */
  function browserHost(win) {
    // the page as written, before the script rearranges it: what "Save HTML" saves
    var page = '<!DOCTYPE html>\n' + win.document.documentElement.outerHTML;
    return {
      reveal: null,
      export: function (format, svgText, board) {
        var text = format === 'html' ? page : '<?xml version="1.0" encoding="UTF-8"?>\n' + svgText;
        var blob = new win.Blob([text], { type: format === 'html' ? 'text/html' : 'image/svg+xml' });
        var link = win.document.createElement('a');
        link.href = win.URL.createObjectURL(blob);
        link.download = fileName(board, format);
        win.document.body.appendChild(link);
        link.click();
        link.remove();
      },
      loadState: function () { return null; },
      saveState: function () {},
    };
  }

  return {
    parseZoomed: parseZoomed,
    valueAt: valueAt,
    stepZoom: stepZoom,
    locationOf: locationOf,
    isHidden: isHidden,
    fileName: fileName,
    start: start,
    browserHost: browserHost,
  };
});
