/* geomap's own map script, part 1 of 4: the page's data, places and areas, labels,
 * the offline base map (with detail by zoom and the fallback from failed tiles) and
 * the small controls (fullscreen, measure, minimap); layout.js arranges the panels,
 * incidents.js draws the incidents and incident-panel.js lists them.
 *
 * Inlined into every map by geomap/render; needs Leaflet only.  The map's data
 * (anything that comes from an article) is one JSON document in a
 * <script type="application/json"> element, read here: it is never part of any
 * script's source.  Every string it puts into HTML comes from Python already escaped
 * (see geomap/render/); its own labels are set as text, never as HTML.
 */
(function () {
  "use strict";
  var geomap = (window.geomap = window.geomap || {});
  geomap.views = geomap.views || [];

  function el(tag, className, parent, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  geomap.el = el;
  geomap.dayNumber = function (iso) {
    var p = iso.split("-");
    return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000);
  };
  geomap.isoDay = function (day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  };
  /* 12,345 (toLocaleString is slow enough to show on a map of many clusters). */
  geomap.count = function (n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  };
  geomap.plural = function (n, word) {
    return geomap.count(n) + " " + word + (n === 1 ? "" : "s");
  };

  /* A control that is one <div class=className> whose clicks and scrolls stay its own. */
  geomap.boxControl = function (map, className, position) {
    var Box = L.Control.extend({
      onAdd: function () {
        var div = el("div", className);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      },
    });
    return new Box({ position: position }).addTo(map);
  };

  /* A pane of the map, made the first time it is asked for. */
  geomap.pane = function (map, name, zIndex, clickable) {
    var pane = map.getPane(name);
    if (!pane) {
      pane = map.createPane(name);
      pane.style.zIndex = String(zIndex);
      if (!clickable) pane.style.pointerEvents = "none";
    }
    return pane;
  };

  /* ------------------------------------------------------------ page data */

  var pageData = null;

  /* The data filed under ``name`` by geomap/render/elements.py (PageData). */
  geomap.data = function (name) {
    if (pageData === null) {
      var node = document.getElementById("geomap-data");
      pageData = node ? JSON.parse(node.textContent) : {};
    }
    return pageData[name];
  };

  /* Data that Python packed (zlib, base64) because it was large, as a Promise of the
   * data; data not packed as it is (geomap/render/elements.py packed). */
  geomap.unpack = function (blob) {
    if (!blob || blob.packed === undefined) return Promise.resolve(blob);
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot open a map this large " +
                                      "(it has no DecompressionStream)"));
    }
    var bytes;
    if (Uint8Array.fromBase64) {
      bytes = Uint8Array.fromBase64(blob.packed); // native: a tenth of the loop's time
    } else {
      var text = atob(blob.packed);
      bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  };

  /* Work the map waits for before it says it is ready (unpacking data). */
  geomap.pending = 0;
  geomap.wait = function (promise) {
    geomap.pending++;
    return promise.then(function (value) {
      geomap.pending--;
      return value;
    }, function (error) {
      geomap.pending--;
      throw error;
    });
  };

  /* Work that waits until the map is ready (the quotes of a large map): run once the
   * opening view has settled and the page has drawn it. */
  var afterReady = [];
  geomap.afterReady = function (fn) {
    if (window.geomapReadyAt !== undefined) setTimeout(fn);
    else afterReady.push(fn);
  };

  /* Text of escaped HTML made in Python (for measuring labels only). */
  var decoder = document.createElement("textarea");
  function plainText(escaped) {
    decoder.innerHTML = escaped;
    return decoder.value;
  }

  /* --------------------------------------------------------------- labels */

  var LABEL_FONT = "11px system-ui, sans-serif";
  var MAX_LABELS = 160;
  var measure = null;

  /* Permanent small labels, one manager per map: each label has a minimum zoom and a
   * rank; on every move the labels in view are placed by rank and any that would
   * overlap a label already placed is left out (collision-light). */
  function Labels(map) {
    this.map = map;
    this.items = [];
    this.shown = [];
    geomap.pane(map, "geomapLabels", 615, false);
    map.on("moveend zoomend", this.update, this);
  }

  Labels.prototype.add = function (items) {
    if (!measure) {
      measure = document.createElement("canvas").getContext("2d");
      measure.font = LABEL_FONT;
    }
    items.forEach(function (item) {
      if (item.width === undefined) {
        item.width = Math.ceil(measure.measureText(plainText(item.html)).width) + 6;
      }
    });
    this.items = this.items.concat(items).sort(function (a, b) { return b.rank - a.rank; });
    this.schedule();
  };

  Labels.prototype.remove = function (items) {
    var gone = new Set(items);
    items.forEach(function (item) { if (item.marker) item.marker.remove(); });
    this.items = this.items.filter(function (item) { return !gone.has(item); });
    this.schedule();
  };

  Labels.prototype.schedule = function () {
    var self = this;
    if (this.pending) return;
    this.pending = true;
    L.Util.requestAnimFrame(function () {
      self.pending = false;
      self.update();
    });
  };

  Labels.prototype.update = function () {
    var map = this.map;
    if (!map._loaded) return;
    var zoom = map.getZoom();
    var view = map.getPixelBounds();
    var placed = [];
    var next = [];
    for (var i = 0; i < this.items.length && next.length < MAX_LABELS; i++) {
      var item = this.items[i];
      if (item.minZoom > zoom) continue;
      var p = map.project([item.lat, item.lon], zoom);
      var dx = item.offset || 7;
      var box = { x0: p.x + dx, y0: p.y - 8, x1: p.x + dx + item.width, y1: p.y + 8 };
      if (box.x1 < view.min.x || box.x0 > view.max.x || box.y1 < view.min.y ||
          box.y0 > view.max.y) continue;
      var free = true;
      for (var k = 0; k < placed.length && free; k++) {
        var o = placed[k];
        free = box.x1 < o.x0 || box.x0 > o.x1 || box.y1 < o.y0 || box.y0 > o.y1;
      }
      if (!free) continue;
      placed.push(box);
      next.push(item);
    }
    var keep = new Set(next);
    this.shown.forEach(function (item) { if (!keep.has(item)) item.marker.remove(); });
    next.forEach(function (item) {
      if (!item.marker) {
        item.marker = L.marker([item.lat, item.lon], {
          pane: "geomapLabels", interactive: false, keyboard: false,
          icon: L.divIcon({ html: item.html, className: "geomap-label " + item.className,
                            iconSize: null, iconAnchor: [-(item.offset || 7), 8] }),
        });
      }
      if (!item.marker._map) item.marker.addTo(map);
    });
    this.shown = next;
  };

  geomap.labels = function (map) {
    if (!map.geomapLabels) map.geomapLabels = new Labels(map);
    return map.geomapLabels;
  };

  /* ------------------------------------------------- places, areas, borders */

  function bindPopup(feature, layer) {
    var p = feature.properties || {};
    if (p.popup) layer.bindPopup(p.popup, { maxWidth: 360 });
    if (p.tooltip) layer.bindTooltip(p.tooltip);
  }

  /* A FeatureCollection as a layer: places as markers with their own icons (and labels
   * for those that carry one), areas and borders as polygons in options.style
   * (FeatureLayer in geomap/render/elements.py). */
  geomap.features = function (data, options) {
    var o = options || {};
    var settings = { interactive: o.interactive !== false };
    if (o.pane) settings.pane = o.pane;
    if (o.kind === "place") {
      settings.pointToLayer = function (feature, latlng) {
        var p = feature.properties;
        return L.marker(latlng, { icon: L.divIcon(p.icon), alt: p.name, riseOnHover: true });
      };
    } else if (o.style) {
      settings.style = function () { return o.style; };
    }
    if (settings.interactive) settings.onEachFeature = bindPopup;
    var layer = L.geoJSON(data, settings);
    var labels = (data.features || []).filter(function (f) { return f.properties.label; })
      .map(function (f) {
        var c = f.geometry.coordinates;
        // Clear of the place's marker and of an incident cluster on it.
        return { lat: c[1], lon: c[0], html: f.properties.label.text, className: "geomap-label-place",
                 minZoom: f.properties.label.minZoom, rank: 1e12 + f.properties.label.rank,
                 offset: 20 };
      });
    if (labels.length) {
      layer.on("add", function () { geomap.labels(layer._map).add(labels); });
      layer.on("remove", function () { if (layer._map) geomap.labels(layer._map).remove(labels); });
      layer.labels = labels;
    }
    return layer;
  };

  /* The offline base map: country polygons always; admin-1 borders, lakes, rivers and
   * town labels of the map's region (``detail``) from the zoom each one matters.
   * (Made on first use: this script runs before Leaflet is loaded.) */
  var OfflineBase = null;

  /* [west, south, east, north] of a GeoJSON geometry. */
  function bbox(geometry) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    (function walk(c) {
      if (typeof c[0] === "number") {
        if (c[0] < box[0]) box[0] = c[0];
        if (c[0] > box[2]) box[2] = c[0];
        if (c[1] < box[1]) box[1] = c[1];
        if (c[1] > box[3]) box[3] = c[1];
      } else {
        for (var i = 0; i < c.length; i++) walk(c[i]);
      }
    })(geometry.coordinates);
    return box;
  }
  var offlineMethods = {
    initialize: function (data, options) {
      L.setOptions(this, options);
      this.data = data;
      // A pane of its own, under the overlays: detail that appears on zooming in
      // stays below the areas and shapes drawn earlier.
      this.countries = geomap.features(data.countries, { kind: "borders", style: options.style,
                                                         interactive: false, pane: "geomapBase" });
      this.pieces = [];
      this.towns = [];
      var self = this;
      if (data.detail) {
        geomap.wait(geomap.unpack(data.detail)).then(function (detail) { self._detail(detail); });
      }
    },
    _detail: function (detail) {
      var pieces = this.pieces;
      var styles = this.options.detailStyles || {};
      ["admin1", "lakes", "rivers"].forEach(function (name) {
        (detail[name] ? detail[name].features : []).forEach(function (f) {
          pieces.push({ minZoom: f.properties.minZoom, box: bbox(f.geometry), feature: f,
                        style: styles[name], layer: null });
        });
      });
      var towns = detail.towns || { name: [] };
      this.towns = towns.name.map(function (name, i) {
        return { lat: towns.lat[i], lon: towns.lon[i], html: name, minZoom: towns.minZoom[i],
                 rank: towns.rank[i], className: "geomap-label-town" };
      });
      if (this._map && this._map.hasLayer(this.countries)) {
        this._view();
        if (this.towns.length) geomap.labels(this._map).add(this.towns);
      }
    },
    onAdd: function (map) {
      var self = this;
      geomap.pane(map, "geomapBase", 350, false);
      geomap.whenFitted(map, function () {
        if (self._map !== map) return; // removed meanwhile
        map.addLayer(self.countries);
        map.on("moveend", self._view, self);
        self._view();
        if (self.towns.length) geomap.labels(map).add(self.towns);
      });
    },
    onRemove: function (map) {
      map.removeLayer(this.countries);
      this.pieces.forEach(function (piece) { if (piece.layer) map.removeLayer(piece.layer); });
      map.off("moveend", this._view, this);
      if (this.towns.length) geomap.labels(map).remove(this.towns);
    },
    /* Detail is drawn where it is seen: each piece from its zoom on, and only while it
     * meets the view (a whole war's admin-1 borders are thousands of them). */
    _view: function () {
      var map = this._map;
      var zoom = map.getZoom();
      var view = map.getBounds().pad(0.3);
      var west = view.getWest();
      var east = view.getEast();
      var south = view.getSouth();
      var north = view.getNorth();
      this.pieces.forEach(function (piece) {
        var b = piece.box;
        var on = zoom >= piece.minZoom && b[0] <= east && b[2] >= west && b[1] <= north &&
          b[3] >= south;
        if (on && !piece.layer) {
          piece.layer = L.geoJSON(piece.feature, { interactive: false, pane: "geomapBase",
            style: function () { return piece.style; } });
        }
        if (piece.layer && on !== map.hasLayer(piece.layer)) {
          if (on) map.addLayer(piece.layer);
          else map.removeLayer(piece.layer);
        }
      });
    },
    eachLayer: function (fn, context) {
      this.countries.eachLayer(fn, context);
      return this;
    },
  };

  geomap.offlineBase = function (data, options) {
    if (!OfflineBase) {
      OfflineBase = L.Layer.extend(offlineMethods);
      L.TileLayer.addInitHook(watchTiles);
    }
    return new OfflineBase(data, options || {});
  };

  /* A tile layer whose tiles fail (no network, a server down) gives way to the
   * offline base map, and the map says so. */
  var FAILED_TILES = 4;

  function watchTiles() {
    var tiles = this;
    tiles.geomapFailures = 0;
    tiles.geomapLoaded = 0;
    tiles.on("add", function () {
      tiles.geomapFailures = 0;
      tiles.geomapLoaded = 0;
    });
    tiles.on("tileload", function () { tiles.geomapLoaded++; });
    tiles.on("tileerror", function () {
      tiles.geomapFailures++;
      var map = tiles._map;
      if (!map || !map.geomapOffline || tiles.geomapLoaded > 0 ||
          tiles.geomapFailures < FAILED_TILES) return;
      var name = tiles.geomapName || "the online base map";
      map.removeLayer(tiles);
      if (!map.hasLayer(map.geomapOffline)) map.addLayer(map.geomapOffline);
      geomap.notice(map, name + " could not be loaded (no network?): showing the offline " +
                         "base map instead.");
    });
  }

  /* A short message at the top of the map, with a button to dismiss it. */
  geomap.notice = function (map, text) {
    var box = map.geomapNotice;
    if (!box) {
      box = map.geomapNotice = el("div", "geomap-panel geomap-fallback", map.getContainer());
      box.setAttribute("role", "status");
      L.DomEvent.disableClickPropagation(box);
      el("span", "geomap-fallback-text", box);
      var close = el("button", "geomap-fallback-close", box, "\u00d7");
      close.type = "button";
      close.setAttribute("aria-label", "Dismiss");
      close.addEventListener("click", function () { box.hidden = true; });
    }
    box.querySelector(".geomap-fallback-text").textContent = text;
    box.hidden = false;
    if (geomap.layout && geomap.layout.fit) geomap.layout.fit(map);
    return box;
  };

  /* ------------------------------------------------------------- controls */

  var ICONS = {
    fullscreen: '<svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">' +
      '<path d="M3 8V3h5M12 3h5v5M17 12v5h-5M8 17H3v-5" fill="none" stroke="#333" ' +
      'stroke-width="2"/></svg>',
    measure: '<svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">' +
      '<path d="M2 13l11-11 5 5-11 11z" fill="none" stroke="#333" stroke-width="1.6"/>' +
      '<path d="M6 9l2 2M9 6l2 2M12 3l2 2" stroke="#333" stroke-width="1.4"/></svg>',
  };

  function button(parent, name, title, onClick) {
    var b = el("a", "geomap-button geomap-" + name, parent);
    b.innerHTML = ICONS[name];
    b.href = "#";
    b.title = title;
    b.setAttribute("role", "button");
    b.setAttribute("aria-label", title);
    L.DomEvent.on(b, "click", function (e) {
      L.DomEvent.preventDefault(e);
      onClick(b);
    });
    return b;
  }

  function formatDistance(metres) {
    return metres >= 1000 ? (metres / 1000).toFixed(metres >= 100000 ? 0 : 2) + " km"
                          : Math.round(metres) + " m";
  }

  /* Fullscreen through the Fullscreen API on the map's container, and a measure tool:
   * click two points for the geodesic distance between them (L.LatLng.distanceTo). */
  function tools(map) {
    var state = { on: false, points: [], distance: null, layer: L.layerGroup().addTo(map) };
    function reset() {
      state.points = [];
      state.layer.clearLayers();
    }
    function click(e) {
      if (state.points.length === 2) reset();
      state.points.push(e.latlng);
      L.circleMarker(e.latlng, { radius: 4, color: "#222", weight: 2, fillColor: "#fff",
                                 fillOpacity: 1, interactive: false }).addTo(state.layer);
      if (state.points.length === 2) {
        var a = state.points[0];
        var b = state.points[1];
        state.distance = a.distanceTo(b);
        L.polyline([a, b], { color: "#222", weight: 2, dashArray: "6 4", interactive: false })
          .bindTooltip(formatDistance(state.distance), { permanent: true, direction: "center",
                       className: "geomap-measure-label" })
          .addTo(state.layer);
      }
    }
    var Control = L.Control.extend({
      onAdd: function () {
        var bar = el("div", "leaflet-bar geomap-tools");
        L.DomEvent.disableClickPropagation(bar);
        button(bar, "fullscreen", "Full screen", function () {
          var box = map.getContainer();
          if (document.fullscreenElement) document.exitFullscreen();
          else if (box.requestFullscreen) box.requestFullscreen();
        });
        button(bar, "measure", "Measure a distance: click two points", function (b) {
          state.on = !state.on;
          b.classList.toggle("geomap-active", state.on);
          map.getContainer().classList.toggle("geomap-measuring", state.on);
          if (state.on) map.on("click", click);
          else {
            map.off("click", click);
            reset();
          }
        });
        return bar;
      },
    });
    document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
    var control = new Control({ position: "topleft" }).addTo(map);
    // Right under the zoom buttons, above any panel added before.
    var box = control.getContainer();
    var corner = box.parentNode;
    var zoom = map.zoomControl && map.zoomControl.getContainer();
    corner.insertBefore(box, zoom && zoom.parentNode === corner ? zoom.nextSibling
                                                                 : corner.firstChild);
    return state;
  }

  function minimap(map, borders) {
    var control = geomap.boxControl(map, "geomap-minimap", "bottomright");
    var box = control.getContainer();
    var mini = L.map(box, {
      attributionControl: false, zoomControl: false, dragging: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false,
      zoomSnap: 0, center: map.getCenter(), zoom: 0,
    });
    var renderer = L.canvas();
    if (borders) {
      borders.eachLayer(function (layer) {
        if (!layer.getLatLngs) return;
        L.polygon(layer.getLatLngs(), { renderer: renderer, interactive: false, weight: 0.5,
          color: "#8c8c8c", fillColor: "#f4f1ea", fillOpacity: 1 }).addTo(mini);
      });
    }
    var frame = L.rectangle(map.getBounds(), { renderer: renderer, interactive: false,
      color: "#d62728", weight: 1.5, fillOpacity: 0.1 }).addTo(mini);
    var pending = false;
    function sync() {
      if (pending) return;
      pending = true;
      L.Util.requestAnimFrame(function () {
        pending = false;
        if (!box.offsetWidth) return;
        var size = mini.getSize();
        if (size.x !== box.clientWidth || size.y !== box.clientHeight) mini.invalidateSize(false);
        frame.setBounds(map.getBounds());
        mini.setView(map.getCenter(), Math.max(map.getZoom() - 5, 0), { animate: false });
      });
    }
    map.on("moveend resize", sync);
    mini.on("click", function (e) { map.panTo(e.latlng); });
    mini.geomapSync = sync;
    sync();
    return mini;
  }

  geomap.controls = function (map, options) {
    options = options || {};
    var offline = options.borders && window[options.borders];
    if (offline) map.geomapOffline = offline;
    (options.tileNames || []).forEach(function (pair) {
      var tiles = window[pair[0]];
      if (tiles) tiles.geomapName = pair[1];
    });
    var out = { measure: tools(map) };
    if (options.minimap) out.minimap = minimap(map, offline);
    map.geomapControls = out;
    geomap.map = map; // the page's map, for scripts that drive it (tests, snapshots)
    geomap.layout(map, options);
    // Ready once the opening view has settled (fitBounds may animate a zoom); tests,
    // snapshots and the benchmark wait for this.
    function settle() {
      var loading = geomap.pending > 0 ||
        geomap.views.some(function (view) { return !view.loaded; });
      if (loading || map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) {
        setTimeout(settle, 30);
      } else {
        geomap.layout.fit(map, true);
        if (map.geomapLabels) map.geomapLabels.update();
        window.geomapReadyAt = performance.now();
        afterReady.splice(0).forEach(function (fn) { setTimeout(fn); });
      }
    }
    L.Util.requestAnimFrame(settle);
    return out;
  };
})();
