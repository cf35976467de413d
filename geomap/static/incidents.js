/* geomap's own map script, part 3 of 4: incidents.
 *
 * Clustered on the data, not on DOM markers: every incident is projected once (Web
 * Mercator, 0..1), and for the zoom shown the filtered incidents are grouped greedily
 * within RADIUS pixels of a seed, through a grid of RADIUS cells (a few milliseconds
 * for 100,000).  Only the clusters and single incidents inside the view become
 * markers, so the page stays as quick with a year of a war as with one article.
 * Regions are shaded, "near" incidents get their uncertainty circle once they stand
 * alone.  The side panel and the time slider are in incident-panel.js.
 */
(function () {
  "use strict";
  var geomap = window.geomap;
  var plural = geomap.plural;

  var GREY = (geomap.GREY = "#9e9e9e");
  var SPIDER_LIMIT = 60;
  var PIN = { size: [26, 38], anchor: [13, 37], popup: [0, -32], tooltip: [12, -20] };
  var BADGE = { size: [24, 24], anchor: [12, 12], popup: [0, -10], tooltip: [12, 0] };

  function unproject(x, y) {
    var n = Math.PI - 2 * Math.PI * y;
    return L.latLng(180 / Math.PI * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n))), x * 360 - 180);
  }

  /* A column as Python wrote it: a list, or codes into its values. */
  function decode(column) {
    if (!column || !column.codes) return column;
    var values = column.values;
    return column.codes.map(function (code) { return values[code]; });
  }

  /* The incidents come column by column ({id: [...], type: [...]}): each incident is a
   * small object whose fields read its row of the columns (made in a blink for
   * 100,000, where an object holding copies of every field took half a second). */
  function rows(columns, view) {
    var keys = Object.keys(columns);
    var n = keys.length ? columns[keys[0]].length : 0;
    function Row(i) { this.index = i; }
    keys.forEach(function (key) {
      var column = columns[key];
      Object.defineProperty(Row.prototype, key, { get: function () { return column[this.index]; } });
    });
    Object.defineProperty(Row.prototype, "ll", { get: function () {
      var lat = columns.lat[this.index];
      return lat === null || lat === undefined ? null : [lat, columns.lon[this.index]];
    } });
    Object.defineProperty(Row.prototype, "evidence", { get: function () {
      return view.evidence ? view.evidence[this.index] : undefined;
    } });
    var out = new Array(n);
    for (var i = 0; i < n; i++) out[i] = new Row(i);
    return out;
  }

  /* How much bigger a symbol is for its figure (with --size-by): 1 for none. */
  function scaleFor(figure) {
    if (!figure || figure <= 0) return 1;
    return Math.min(1 + 0.35 * Math.log10(1 + figure), 2.2);
  }

  function IncidentView(map, data, options) {
    this.map = map;
    this.data = data;
    this.options = options || {};
    this.incidents = [];
    this.loaded = false;
    geomap.pane(map, "geomapShapes", 450, false);
    geomap.pane(map, "geomapIncidents", 620, true);
    this.renderer = L.canvas({ padding: 0.5, pane: "geomapShapes" });
    this.legs = L.svg({ pane: "geomapIncidents" });
    this.layer = L.layerGroup();
    this.shapesGroup = L.layerGroup().addTo(this.layer);
    this.circlesGroup = L.layerGroup().addTo(this.layer);
    this.markersGroup = L.layerGroup().addTo(this.layer);
    this.layer.on("add", this._render, this);
    this.layer.addTo(map);
    this.areas = this.options.areas ? window[this.options.areas] : null;
    this.radius = 50;
    this.shown = new Map();
    this.singles = [];
    this.clusterCache = {};
    this._panel();
    var self = this;
    this.evidence = Array.isArray(data.evidence) ? data.evidence : null;
    // The columns (packed on a large map) are waited for; the quotes are not: the map
    // is usable first, and they are unpacked once it is ready, within a second.
    geomap.wait(geomap.unpack(data.incidents)).then(function (packed) {
      var columns = {};
      Object.keys(packed).forEach(function (key) { columns[key] = decode(packed[key]); });
      // Clustered once the opening view is fitted, not once before it as well.
      geomap.whenFitted(map, function () {
        self._start(columns);
        if (!self.evidence) geomap.afterReady(function () { self._quotes(); });
      });
    }, function (error) {
      self.loaded = true;
      geomap.notice(map, "The incidents could not be read: " + error.message);
    });
    map.on("zoomstart", this._unspiderfy, this);
    map.on("moveend", this._render, this);
    map.on("click", this._unspiderfy, this);
  }

  IncidentView.prototype._start = function (columns) {
    this.columns = columns;
    this.incidents = rows(columns, this);
    var n = this.incidents.length;
    this.radius = n > 200 ? 50 : 24;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    var lat = columns.lat;
    var lon = columns.lon;
    for (var i = 0; i < n; i++) {
      if (lat[i] === null) continue;
      // Web Mercator, 0..1 (the inverse of unproject), straight into the arrays.
      var s = Math.sin(Math.max(Math.min(lat[i], 85.0511), -85.0511) * Math.PI / 180);
      this.x[i] = lon[i] / 360 + 0.5;
      this.y[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    }
    this.markers = new Array(n);
    this.icons = {};
    this.state = {
      types: this.data.types.map(function () { return true; }),
      from: null,
      to: null,
      background: false,
      undated: true,
    };
    this._dates();
    this.state.background = this.historyOnly;
    this._fillPanel();
    if (this.span > 0) this._timeline();
    this.apply();
    this.loaded = true;
    geomap.layout.fit(this.map);
  };

  /* The quotes, unpacked once the map is up (an open popup gets its quote then). */
  IncidentView.prototype._quotes = function () {
    var self = this;
    var map = this.map;
    geomap.unpack(this.data.evidence).then(function (list) {
      self.evidence = list;
      var popup = map._popup;
      var source = popup && popup.isOpen() && popup._source;
      var index = source && source.feature && source.feature.properties.index;
      if (index !== undefined) popup.setContent(self.popup(self.incidents[index]));
    }, function (error) {
      geomap.notice(map, "The reports' words could not be read: " + error.message);
    });
  };

  /* The time range: the news's own incidents; history only when that is all there is.
   * (Whole-data loops read the columns: a row's getters cost a tenth of a second per
   * pass over 100,000 incidents.) */
  IncidentView.prototype._dates = function () {
    var start = this.columns.start;
    var stop = this.columns.end;
    var bg = this.columns.bg;
    var n = this.incidents.length;
    var i;
    var background = 0;
    for (i = 0; i < n; i++) background += bg[i] ? 1 : 0;
    this.hasBackground = background > 0;
    this.historyOnly = background > 0 && background === n;
    var first = null;
    var last = null;
    for (i = 0; i < n; i++) {
      if (!start[i] || (bg[i] && !this.historyOnly)) continue;
      var end = stop[i] || start[i];
      if (first === null || start[i] < first) first = start[i];
      if (last === null || end > last) last = end;
    }
    var found = [first, last];
    this.first = found[0];
    this.last = found[1];
    this.span = this.first ? geomap.dayNumber(this.last) - geomap.dayNumber(this.first) : 0;
  };

  IncidentView.prototype.tooltip = function (inc) {
    var type = this.data.types[inc.type].label;
    return "<b>" + (inc.sub || type) + "</b>" + (inc.place ? " \u2013 " + inc.place : "") +
      (inc.start ? "<br>" + this.when(inc) : "");
  };

  IncidentView.prototype.when = function (inc) {
    if (!inc.start) return "date not stated";
    return inc.end ? inc.start + " to " + inc.end : inc.start;
  };

  IncidentView.prototype.popup = function (inc) {
    var type = this.data.types[inc.type];
    var source = this.data.sources[inc.src] || {};
    var rows = [
      ["Type", type.label + (inc.sub ? ": " + inc.sub : "")],
      ["Date", this.when(inc)],
      ["Where", (inc.place || "not stated") +
        (inc.prec ? " (" + (this.data.precision[inc.prec] || "") + ")" : "")],
      ["Counts", inc.counts],
      ["Status", inc.bg ? "background: history the article recalls" : ""],
      ["Note", inc.note],
    ];
    var html = '<div class="geomap-popup geomap-incident-popup"><h4>' +
      '<span class="geomap-swatch" style="background:' + type.colour + '"></span>' +
      (inc.sub || type.label) + "</h4><table>";
    rows.forEach(function (row) {
      if (row[1]) html += "<tr><th>" + row[0] + "</th><td>" + row[1] + "</td></tr>";
    });
    html += "</table>";
    var evidence = inc.evidence;
    if (evidence === undefined) {
      html += '<blockquote class="geomap-loading">The report\u2019s words are loading\u2026</blockquote>';
    } else if (evidence) {
      html += "<blockquote>" + evidence + "</blockquote>";
    }
    if (source.title || source.url) {
      var title = source.title || source.url;
      html += '<p class="geomap-source">' + (source.url
        ? '<a href="' + source.url + '" target="_blank" rel="noopener noreferrer">' + title + "</a>"
        : title) + (source.date ? " \u00b7 " + source.date : "") + "</p>";
    }
    return html + "</div>";
  };

  /* Whether incident ``i`` passes the filters. */
  IncidentView.prototype.passes = function (i) {
    var s = this.state;
    var c = this.columns;
    if (!s.types[c.type[i]]) return false;
    var bg = c.bg[i];
    if (bg && !s.background) return false;
    if (bg && !this.historyOnly) return true; // history is not on the news's timeline
    var start = c.start[i];
    if (!start) return s.undated;
    var end = c.end[i] || start;
    if (s.from && end < s.from) return false;
    if (s.to && start > s.to) return false;
    return true;
  };

  IncidentView.prototype.apply = function () {
    var self = this;
    var visible = [];
    var located = [];
    var shapes = {};
    var lat = this.columns.lat;
    var shape = this.columns.shape;
    var incidents = this.incidents;
    // One pass over 100,000 rows: plain loops over the columns, no callbacks.
    for (var i = 0; i < incidents.length; i++) {
      if (!this.passes(i)) continue;
      visible.push(i);
      if (lat[i] !== null) located.push(i);
      if (shape[i] >= 0 && !(shape[i] in shapes)) shapes[shape[i]] = incidents[i];
    }
    this.visible = visible;
    this.located = located;
    this.clusterCache = {};
    this._unspiderfy();
    this.shapesGroup.clearLayers();
    Object.keys(shapes).forEach(function (k) {
      self.shapesGroup.addLayer(self.shapeLayer(+k, shapes[k]));
    });
    if (this.areas) this._styleAreas(visible);
    this._list();
    this._render();
  };

  /* How many incidents the filters leave on the map (with a location). */
  IncidentView.prototype.onMap = function () {
    return this.located ? this.located.length : 0;
  };

  /* ------------------------------------------------------------ clustering */

  /* The clusters at zoom ``z``: {clusters: [{x, y, members}], of: cluster of each
   * incident (-1 when filtered out)}.  Greedy, in date order: each incident not yet
   * taken takes every free one within RADIUS pixels of it. */
  IncidentView.prototype.clustersAt = function (z) {
    if (this.clusterCache[z]) return this.clusterCache[z];
    var cell = this.radius / (256 * Math.pow(2, z));
    var limit = cell * cell;
    var xs = this.x;
    var ys = this.y;
    var points = this.located;
    var grid = new Map();
    var SPAN = 16777216; // more cells than any zoom has across
    var i;
    var k;
    for (k = 0; k < points.length; k++) {
      i = points[k];
      var key = Math.floor(xs[i] / cell) * SPAN + Math.floor(ys[i] / cell);
      var list = grid.get(key);
      if (list) list.push(i);
      else grid.set(key, [i]);
    }
    var of = new Int32Array(xs.length).fill(-1);
    var clusters = [];
    for (k = 0; k < points.length; k++) {
      i = points[k];
      if (of[i] >= 0) continue;
      var id = clusters.length;
      var members = [i];
      of[i] = id;
      var cx = Math.floor(xs[i] / cell);
      var cy = Math.floor(ys[i] / cell);
      var sx = xs[i];
      var sy = ys[i];
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var near = grid.get((cx + dx) * SPAN + cy + dy);
          if (!near) continue;
          for (var m = 0; m < near.length; m++) {
            var j = near[m];
            if (of[j] >= 0) continue;
            var ex = xs[j] - xs[i];
            var ey = ys[j] - ys[i];
            if (ex * ex + ey * ey <= limit) {
              of[j] = id;
              members.push(j);
              sx += xs[j];
              sy += ys[j];
            }
          }
        }
      }
      clusters.push({ id: id, x: sx / members.length, y: sy / members.length,
                      members: members, zoom: z });
    }
    var result = { clusters: clusters, of: of };
    this.clusterCache[z] = result;
    return result;
  };

  IncidentView.prototype._render = function () {
    var map = this.map;
    if (!this.located || !map.hasLayer(this.layer) || !map._loaded) return;
    var z = Math.round(map.getZoom());
    var found = this.clustersAt(z);
    var scale = 256 * Math.pow(2, z);
    var view = map.getPixelBounds().pad(0.25);
    var next = new Map();
    var singles = [];
    var self = this;
    found.clusters.forEach(function (c) {
      var px = c.x * scale;
      var py = c.y * scale;
      if (px < view.min.x || px > view.max.x || py < view.min.y || py > view.max.y) return;
      var key = c.members.length === 1 ? "i" + c.members[0]
                                       : "c" + z + ":" + c.members[0] + ":" + c.members.length;
      if (self.spider && self.spider.key === key) return;
      next.set(key, self.shown.get(key) || (c.members.length === 1
        ? self.marker(c.members[0]) : self._clusterMarker(c)));
      if (c.members.length === 1) singles.push(c.members[0]);
    });
    this.shown.forEach(function (marker, key) {
      if (!next.has(key)) self.markersGroup.removeLayer(marker);
    });
    next.forEach(function (marker) {
      if (!self.markersGroup.hasLayer(marker)) self.markersGroup.addLayer(marker);
    });
    this.shown = next;
    this.singles = singles;
    this._circles(singles);
  };

  /* Uncertainty circles of "near" incidents that stand alone in the view. */
  IncidentView.prototype._circles = function (singles) {
    var self = this;
    this.circlesGroup.clearLayers();
    singles.forEach(function (i) {
      var inc = self.incidents[i];
      if (inc.prec === 2 && inc.shape < 0) self.circlesGroup.addLayer(self.circle(i));
    });
  };

  IncidentView.prototype.icon = function (inc) {
    var region = inc.shape >= 0;
    var scale = scaleFor(inc.size);
    var key = inc.type + (region ? "b" : "p") + inc.bg + ":" + scale.toFixed(2);
    if (!this.icons[key]) {
      var type = this.data.types[inc.type];
      var shape = region ? BADGE : PIN;
      var html = inc.bg ? (region ? type.greyBadge : type.greyPin)
                        : (region ? type.badge : type.pin);
      var px = function (v) { return Math.round(v * scale); };
      this.icons[key] = L.divIcon({
        html: html,
        className: "geomap-incident" + (inc.bg ? " geomap-background" : ""),
        iconSize: shape.size.map(px), iconAnchor: shape.anchor.map(px),
        popupAnchor: shape.popup.map(px), tooltipAnchor: shape.tooltip.map(px),
      });
    }
    return this.icons[key];
  };

  /* The marker of incident ``i`` (made the first time it is shown). */
  IncidentView.prototype.marker = function (i) {
    if (this.markers[i]) return this.markers[i];
    var self = this;
    var inc = this.incidents[i];
    var marker = L.marker(inc.ll, { icon: this.icon(inc), riseOnHover: true,
                                    pane: "geomapIncidents" });
    marker.feature = { type: "Feature", properties: { kind: "incident", id: inc.id, index: i } };
    marker.bindPopup(function () { return self.popup(inc); }, { maxWidth: 380 });
    marker.bindTooltip(function () { return self.tooltip(inc); });
    marker.on("click", function () { self.select(i, false); });
    marker.on("add", function () {
      if (marker._icon) marker._icon.setAttribute("data-incident", inc.id);
    });
    this.markers[i] = marker;
    return marker;
  };

  /* A cluster: a ring of its types' shares around its count. */
  IncidentView.prototype._clusterMarker = function (c) {
    var self = this;
    var types = this.data.types;
    var counts = {};
    var figure = 0;
    var bg = this.columns.bg;
    var type = this.columns.type;
    var figures = this.columns.size; // with --size-by only
    var members = c.members;
    for (var k = 0; k < members.length; k++) {
      var key = bg[members[k]] ? "bg" : type[members[k]];
      counts[key] = (counts[key] || 0) + 1;
      if (figures && figures[members[k]]) figure += figures[members[k]];
    }
    var n = c.members.length;
    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    var r = size / 2 - 3;
    var length = 2 * Math.PI * r;
    var offset = 0;
    var ring = "";
    Object.keys(counts).forEach(function (key) {
      var share = counts[key] / n * length;
      var colour = key === "bg" ? GREY : types[+key].colour;
      ring += '<circle r="' + r + '" cx="' + size / 2 + '" cy="' + size / 2 + '" fill="none" ' +
        'stroke="' + colour + '" stroke-width="6" stroke-dasharray="' + share.toFixed(2) + " " +
        length.toFixed(2) + '" stroke-dashoffset="' + (-offset).toFixed(2) + '"/>';
      offset += share;
    });
    var svg = '<svg width="' + size + '" height="' + size + '" viewBox="0 0 ' + size + " " + size +
      '" aria-hidden="true"><circle r="' + (r + 3) + '" cx="' + size / 2 + '" cy="' + size / 2 +
      '" fill="#fff" fill-opacity=".9"/><g transform="rotate(-90 ' + size / 2 + " " + size / 2 +
      ')">' + ring + "</g></svg>";
    var label = n >= 10000 ? Math.round(n / 1000) + "k" : String(n);
    var marker = L.marker(unproject(c.x, c.y), {
      pane: "geomapIncidents",
      icon: L.divIcon({
        html: svg + '<span class="geomap-cluster-count">' + label + "</span>",
        className: "geomap-cluster", iconSize: [size, size],
      }),
      title: plural(n, "incident"),
    });
    var tip = plural(n, "incident") + (this.data.sizeBy && figure
      ? " \u00b7 " + geomap.count(Math.round(figure)) + " " + this.data.sizeBy : "");
    marker.bindTooltip(tip);
    marker.feature = { type: "Feature", properties: { kind: "cluster", count: n } };
    marker.on("click", function () { self._expand(c); });
    return marker;
  };

  /* Zoom into a cluster; one that no zoom splits (all in one place) fans out. */
  IncidentView.prototype._expand = function (c) {
    var map = this.map;
    var xs = this.x;
    var ys = this.y;
    var x0 = Infinity;
    var y0 = Infinity;
    var x1 = -Infinity;
    var y1 = -Infinity;
    c.members.forEach(function (i) {
      x0 = Math.min(x0, xs[i]);
      x1 = Math.max(x1, xs[i]);
      y0 = Math.min(y0, ys[i]);
      y1 = Math.max(y1, ys[i]);
    });
    var spread = Math.max(x1 - x0, y1 - y0) * 256 * Math.pow(2, map.getMaxZoom());
    if (spread < 4 || map.getZoom() >= map.getMaxZoom()) return this._spiderfy(c);
    var bounds = L.latLngBounds(unproject(x0, y1), unproject(x1, y0));
    map.fitBounds(bounds, { padding: [60, 60], maxZoom: map.getMaxZoom() });
  };

  /* The incidents of a cluster on a ring (or a spiral) around it, with legs. */
  IncidentView.prototype._spiderfy = function (c) {
    this._unspiderfy();
    var map = this.map;
    var centre = map.latLngToLayerPoint(unproject(c.x, c.y));
    var members = c.members.slice(0, SPIDER_LIMIT);
    var n = members.length;
    var self = this;
    var key = "c" + c.zoom + ":" + c.members[0] + ":" + c.members.length;
    var spider = { key: key, markers: [], legs: L.layerGroup() };
    members.forEach(function (i, k) {
      var angle;
      var distance;
      if (n <= 8) {
        angle = 2 * Math.PI * k / n;
        distance = Math.max(34, 40 * n / (2 * Math.PI));
      } else {
        angle = 0.8 * Math.sqrt(k + 1) * 2.6;
        distance = 22 + 9 * Math.sqrt(k + 1) * 2.2;
      }
      var at = map.layerPointToLatLng(centre.add([distance * Math.cos(angle),
                                                   distance * Math.sin(angle)]));
      var marker = self.marker(i);
      marker.setLatLng(at);
      spider.markers.push(marker);
      L.polyline([unproject(c.x, c.y), at], { renderer: self.legs, interactive: false,
        color: "#444", weight: 1.2, opacity: 0.7 }).addTo(spider.legs);
    });
    var shown = this.shown.get(key);
    if (shown) this.markersGroup.removeLayer(shown);
    this.shown.delete(key);
    spider.legs.addTo(this.markersGroup);
    spider.markers.forEach(function (m) { self.markersGroup.addLayer(m); });
    this.spider = spider;
    if (c.members.length > n) {
      geomap.notice(map, "Showing " + n + " of the " + c.members.length + " incidents at this " +
                         "place: filter by type or date to see the others.");
    }
  };

  IncidentView.prototype._unspiderfy = function () {
    var spider = this.spider;
    if (!spider) return;
    this.spider = null;
    var self = this;
    this.markersGroup.removeLayer(spider.legs);
    spider.markers.forEach(function (marker) {
      var i = marker.feature.properties.index;
      self.markersGroup.removeLayer(marker);
      marker.setLatLng(self.incidents[i].ll);
    });
    this._render();
  };

  /* Bring incident ``i``'s own marker onto the map (zooming in until it stands alone,
   * or fanning out the place it shares) and hand it to ``done``. */
  IncidentView.prototype.reveal = function (i, done) {
    var map = this.map;
    var inc = this.incidents[i];
    if (!inc || !inc.ll) return;
    if (!this.map.hasLayer(this.layer)) this.layer.addTo(map);
    var zoom = Math.round(map.getZoom());
    var max = map.getMaxZoom();
    if (this.clustersAt(zoom).of[i] < 0) return; // filtered out
    var z = zoom;
    while (z < max && this.clustersAt(z).clusters[this.clustersAt(z).of[i]].members.length > 1) z++;
    var inView = map.getBounds().contains(inc.ll);
    if (z !== zoom || !inView) map.setView(inc.ll, z, { animate: false });
    else this._render();
    var found = this.clustersAt(z);
    var c = found.clusters[found.of[i]];
    if (c && c.members.length > 1) this._spiderfy(c);
    if (done) done(this.markers[i] || this.marker(i));
  };

  IncidentView.prototype.shapeLayer = function (k, inc) {
    if (!this.shapeLayers) this.shapeLayers = [];
    if (!this.shapeLayers[k]) {
      var colour = inc.bg ? GREY : this.data.types[inc.type].colour;
      this.shapeLayers[k] = L.geoJSON(this.data.shapes[k], {
        renderer: this.renderer,
        interactive: false,
        style: { color: colour, weight: 1.5, dashArray: "5 4", fillColor: colour,
                 fillOpacity: 0.12 },
      });
      this.shapeLayers[k].feature = { properties: { kind: "incident-area" } };
    }
    return this.shapeLayers[k];
  };

  IncidentView.prototype.circle = function (i) {
    if (!this.circles) this.circles = [];
    if (!this.circles[i]) {
      var inc = this.incidents[i];
      var colour = inc.bg ? GREY : this.data.types[inc.type].colour;
      this.circles[i] = L.circle(inc.ll, {
        radius: this.data.nearRadius, renderer: this.renderer, interactive: false,
        color: colour, weight: 1.5, dashArray: "2 4", fillColor: colour, fillOpacity: 0.06,
      });
      this.circles[i].feature = { properties: { kind: "incident-uncertainty" } };
    }
    return this.circles[i];
  };

  IncidentView.prototype._styleAreas = function (visible) {
    var shown = {};
    var self = this;
    visible.forEach(function (i) { shown[self.incidents[i].id] = true; });
    this.areas.eachLayer(function (layer) {
      var id = layer.feature && layer.feature.properties.incident_id;
      if (!id) return;
      var on = !!shown[id];
      layer.setStyle({ opacity: on ? 1 : 0, fillOpacity: on ? 0.15 : 0 });
    });
  };

  geomap.IncidentView = IncidentView; // incident-panel.js adds the panel and timeline

  geomap.incidents = function (map, data, options) {
    var view = new IncidentView(map, data, options);
    geomap.views.push(view);
    return view;
  };
})();
