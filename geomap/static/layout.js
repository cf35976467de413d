/* geomap's own map script, part 2 of 4: the layout of the controls.
 *
 * Panels fold (the title to a line, the legend to its heading, the incident panel to
 * its header) and remember it in the URL's fragment (#panel=1&legend=0&title=1), so a
 * reload or a shared link opens the same way.  Nothing overlaps at any size: after
 * every change the panels' heights and widths are bounded by what the other corners
 * leave, and if controls still meet, the least needed give way (the minimap, then the
 * legend, then the title fold).  Below NARROW pixels the incident panel is a drawer
 * over the map.  #clean hides the controls for snapshots (geomap map --png --clean).
 */
(function () {
  "use strict";
  var geomap = window.geomap;
  var NARROW = 600;
  var GAP = 10;

  /* --------------------------------------------------------- remembered state */

  function readFragment() {
    var out = {};
    (window.location.hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) return;
      var i = part.indexOf("=");
      var key = decodeURIComponent(i < 0 ? part : part.slice(0, i));
      out[key] = i < 0 ? "" : decodeURIComponent(part.slice(i + 1));
    });
    return out;
  }

  var state = readFragment();

  geomap.state = function (key) { return state[key]; };

  geomap.remember = function (key, value) {
    state[key] = value;
    var parts = Object.keys(state).map(function (k) {
      return state[k] === "" ? encodeURIComponent(k)
                             : encodeURIComponent(k) + "=" + encodeURIComponent(state[k]);
    });
    try {
      window.history.replaceState(null, "", "#" + parts.join("&"));
    } catch (e) {
      // A page that may not change its URL (sandboxed frame) just forgets.
    }
  };

  function narrow(map) {
    return map.getSize().x < NARROW; // Leaflet's cached size: no forced layout
  }

  /* A panel that folds: ``root`` gets geomap-collapsed when folded, ``button`` toggles
   * it, ``key`` remembers it; ``openByDefault(narrow)`` decides when nothing is
   * remembered.  Returns {open(), set(open, remember)}. */
  geomap.foldable = function (map, key, root, button, openByDefault, onChange) {
    var open;
    function apply(value) {
      open = value;
      root.classList.toggle("geomap-collapsed", !open);
      button.setAttribute("aria-expanded", String(open));
      if (onChange) onChange(open);
      geomap.layout.fit(map);
    }
    var saved = state[key];
    apply(saved === "1" ? true : saved === "0" ? false : openByDefault(narrow(map)));
    button.addEventListener("click", function (e) {
      e.preventDefault();
      apply(!open);
      geomap.remember(key, open ? "1" : "0");
    });
    var fold = {
      key: key,
      open: function () { return open; },
      set: function (value) { if (value !== open) apply(value); },
    };
    (map.geomapFolds = map.geomapFolds || {})[key] = fold;
    return fold;
  };

  /* A block of our own HTML (escaped in Python, from the page data): a control in a
   * corner, or with no position a notice centred on the map.  With ``fold`` (a state
   * key) its first heading becomes the button that folds the rest. */
  geomap.panel = function (map, html, options) {
    var parent = null;
    var control = null;
    if (options.position) {
      control = geomap.boxControl(map, options.className, options.position);
      parent = control.getContainer();
    } else {
      parent = geomap.el("div", options.className, map.getContainer());
    }
    parent.innerHTML = html;
    if (options.fold) {
      var button = geomap.el("button", "geomap-fold", null);
      button.type = "button";
      button.title = options.foldTitle || "Show or hide";
      button.setAttribute("aria-label", button.title);
      parent.insertBefore(button, parent.firstChild);
      var heading = parent.querySelector("h1, h2");
      if (heading) heading.addEventListener("click", function () { button.click(); });
      geomap.foldable(map, options.fold, parent, button, function (isNarrow) {
        return isNarrow ? !!options.openNarrow : !!options.openWide;
      });
    }
    return parent;
  };

  /* --------------------------------------------------------------- fitting */

  function visible(node) {
    return node && node.offsetParent !== null && node.offsetWidth > 0 && node.offsetHeight > 0;
  }

  function outerHeight(node) {
    if (!visible(node)) return 0;
    var style = window.getComputedStyle(node);
    return node.offsetHeight + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  }

  function outerWidth(node) {
    if (!visible(node)) return 0;
    var style = window.getComputedStyle(node);
    return node.offsetWidth + parseFloat(style.marginLeft) + parseFloat(style.marginRight);
  }

  function cornerHeight(corner, except) {
    var total = 0;
    Array.prototype.forEach.call(corner.children, function (child) {
      if (child !== except) total += outerHeight(child);
    });
    return total;
  }

  function cornerWidth(corner) {
    var widest = 0;
    Array.prototype.forEach.call(corner.children, function (child) {
      widest = Math.max(widest, outerWidth(child));
    });
    return widest;
  }

  /* The rectangles of every control shown (tests measure the same). */
  geomap.controlRects = function (map) {
    var box = map.getContainer();
    var nodes = box.querySelectorAll(".leaflet-control, .geomap-drawer, .geomap-fallback");
    return Array.prototype.filter.call(nodes, visible).map(function (node) {
      var r = node.getBoundingClientRect();
      return { node: node, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
  };

  function overlapping(map) {
    var rects = geomap.controlRects(map);
    for (var i = 0; i < rects.length; i++) {
      for (var k = i + 1; k < rects.length; k++) {
        var a = rects[i];
        var b = rects[k];
        if (a.node.contains(b.node) || b.node.contains(a.node)) continue;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 &&
            b.top < a.bottom - 1) return true;
      }
    }
    return false;
  }

  function bound(node, property, pixels) {
    if (!node) return;
    node.style[property] = Math.max(pixels, 0) + "px";
  }

  /* Bound every panel by what the other corners leave, then let the least needed
   * controls give way while any two still meet. */
  function fit(map) {
    var box = map.getContainer();
    if (!map._controlCorners) return;
    var corners = map._controlCorners;
    var isNarrow = box.clientWidth < NARROW;
    box.classList.toggle("geomap-narrow", isNarrow);
    var giveWay = ["geomap-hide-minimap", "geomap-hide-legend", "geomap-hide-scale"];
    giveWay.forEach(function (name) { box.classList.remove(name); });
    moveDrawer(map, isNarrow);
    for (var step = 0; step <= giveWay.length; step++) {
      if (step > 0) box.classList.add(giveWay[step - 1]);
      bounds(map, corners, box);
      if (!overlapping(map)) break;
    }
    if (map.geomapControls && map.geomapControls.minimap &&
        map.geomapControls.minimap.geomapSync) map.geomapControls.minimap.geomapSync();
  }

  /* The width ``node`` may take beside the controls of the facing ``corner`` that
   * share its rows. */
  function freeWidth(node, corner, width) {
    var r = node.getBoundingClientRect();
    var widest = 0;
    Array.prototype.forEach.call(corner.children, function (child) {
      if (!visible(child)) return;
      var c = child.getBoundingClientRect();
      if (c.bottom > r.top - GAP && c.top < r.bottom + GAP) widest = Math.max(widest, outerWidth(child));
    });
    return width - widest - 3 * GAP;
  }

  /* Give ``node`` the width its row leaves (twice: a narrower block grows taller). */
  function fitWidth(node, corner, width, most) {
    if (!visible(node)) return;
    bound(node, "maxWidth", Math.min(most, width - 60));
    for (var pass = 0; pass < 2; pass++) {
      bound(node, "maxWidth", Math.min(most, freeWidth(node, corner, width)));
    }
  }

  function bounds(map, corners, box) {
    var width = box.clientWidth;
    var height = box.clientHeight;
    var side = box.querySelector(".leaflet-top.leaflet-left .geomap-side");
    bound(side, "maxHeight", height - cornerHeight(corners.bottomleft) -
          cornerHeight(corners.topleft, side) - 2 * GAP);
    var title = box.querySelector(".geomap-title");
    if (title) {
      bound(title, "maxHeight", Math.round(height * 0.45));
      fitWidth(title, corners.topleft, width, 420);
    }
    var legend = box.querySelector(".geomap-legend");
    bound(legend, "maxHeight", height - cornerHeight(corners.topright) -
          cornerHeight(corners.bottomright, legend) - 2 * GAP);
    var timeline = box.querySelector(".geomap-timeline");
    if (timeline) fitWidth(timeline, corners.bottomright, width, 640);
    var notice = map.geomapNotice;
    if (notice && !notice.hidden) {
      // Between the top corners if there is room, else under them.
      var between = width - 2 * Math.max(cornerWidth(corners.topleft),
                                         cornerWidth(corners.topright)) - 2 * GAP;
      var under = Math.max(cornerHeight(corners.topleft), cornerHeight(corners.topright));
      notice.style.top = (between >= 220 ? GAP : under + GAP) + "px";
      bound(notice, "maxWidth", between >= 220 ? Math.min(between, 460) : width - 2 * GAP);
    }
  }

  /* On a narrow map the incident panel's body is a drawer over the map; on a wide one
   * it is back in its corner. */
  function moveDrawer(map, isNarrow) {
    var drawer = map.geomapDrawer;
    if (!drawer) return;
    var body = drawer.body;
    var target = isNarrow ? drawer.element : drawer.home;
    if (body.parentNode !== target) target.appendChild(body);
    drawer.element.hidden = !(isNarrow && drawer.fold.open());
  }

  /* Register the incident panel's body as the drawer of a narrow map: ``home`` is the
   * panel it lives in on a wide one. */
  geomap.drawer = function (map, home, body, title) {
    var element = geomap.el("div", "geomap-panel geomap-drawer", map.getContainer());
    element.hidden = true;
    element.setAttribute("role", "dialog");
    element.setAttribute("aria-label", title);
    L.DomEvent.disableClickPropagation(element);
    L.DomEvent.disableScrollPropagation(element);
    var head = geomap.el("div", "geomap-drawer-head", element);
    geomap.el("strong", null, head, title);
    var close = geomap.el("button", "geomap-drawer-close", head, "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    map.geomapDrawer = { element: element, home: home, body: body, fold: null, close: close };
    return map.geomapDrawer;
  };

  var fitting = new Set();

  geomap.layout = function (map, options) {
    var box = map.getContainer();
    if (state.clean !== undefined) {
      box.classList.add("geomap-clean");
      var legend = map.geomapFolds && map.geomapFolds.legend;
      if (legend) legend.set(true);
    }
    map.geomapLayout = true;
    fit(map);
    map.on("resize", function () { fit(map); });
    if (options && options.fit) fitView(map, options.fit);
    map.geomapFitted = true;
    map.fire("geomapfitted");
  };

  /* Run ``fn`` once the opening view is set: layers drawn before it would be drawn
   * twice (at Folium's first view, then at the fitted one). */
  geomap.whenFitted = function (map, fn) {
    if (map.geomapFitted) fn();
    else map.once("geomapfitted", fn);
  };

  /* Fit again (panels open and close, data arrives, a message shows). */
  geomap.layout.fit = function (map, now) {
    // While the page loads, the fit once it has settled (``now``) is enough: each fit
    // forces a layout of the whole page, and a dozen cost a large map a quarter second.
    if (!map.geomapLayout || fitting.has(map)) return;
    if (!now && window.geomapReadyAt === undefined) return;
    fitting.add(map);
    try {
      fit(map);
    } finally {
      fitting.delete(map);
    }
  };

  /* Open on what the map is about, clear of the controls' usual places. */
  function fitView(map, view) {
    var box = map.getContainer();
    var width = box.clientWidth;
    var height = box.clientHeight;
    var legend = box.querySelector(".geomap-legend:not(.geomap-collapsed)");
    var right = legend && visible(legend) && width >= NARROW ? legend.offsetWidth + 2 * GAP : 50;
    var pad = function (value, size) { return Math.min(value, Math.round(size * 0.25)); };
    map.fitBounds(view.bounds, {
      paddingTopLeft: [pad(50, width), pad(60, height)],
      paddingBottomRight: [pad(right, width), pad(60, height)],
      maxZoom: view.maxZoom,
      animate: false,
    });
  }
})();
