/* geomap's own map script: the page's data, places and areas, incidents (clustered
 * markers, honest shapes, side panel, filters, time slider) and small controls
 * (fullscreen, minimap, measure).
 *
 * Inlined into every map by geomap/render; needs Leaflet and Leaflet.markercluster.
 * The map's data (anything that comes from an article) is one JSON document in a
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

  function dayNumber(iso) {
    var p = iso.split("-");
    return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000);
  }

  function isoDay(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  /* A control that is one <div class=className> whose clicks and scrolls stay its own. */
  function boxControl(map, className, position) {
    var Box = L.Control.extend({
      onAdd: function () {
        var div = el("div", className);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      },
    });
    return new Box({ position: position }).addTo(map);
  }

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

  function bindPopup(feature, layer) {
    var p = feature.properties || {};
    if (p.popup) layer.bindPopup(p.popup, { maxWidth: 360 });
    if (p.tooltip) layer.bindTooltip(p.tooltip);
  }

  /* A FeatureCollection as a layer: places as markers with their own icons, areas and
   * borders as polygons in options.style (FeatureLayer in geomap/render/elements.py). */
  geomap.features = function (data, options) {
    var o = options || {};
    var settings = { interactive: o.interactive !== false };
    if (o.kind === "place") {
      settings.pointToLayer = function (feature, latlng) {
        var p = feature.properties;
        return L.marker(latlng, { icon: L.divIcon(p.icon), alt: p.name, riseOnHover: true });
      };
    } else if (o.style) {
      settings.style = function () { return o.style; };
    }
    if (settings.interactive) settings.onEachFeature = bindPopup;
    return L.geoJSON(data, settings);
  };

  /* ------------------------------------------------------------ incidents */

  /* The incidents come column by column ({id: [...], type: [...]}): one object each. */
  function rows(columns) {
    var keys = Object.keys(columns);
    var n = keys.length ? columns[keys[0]].length : 0;
    var out = new Array(n);
    for (var i = 0; i < n; i++) {
      var row = {};
      for (var k = 0; k < keys.length; k++) row[keys[k]] = columns[keys[k]][i];
      out[i] = row;
    }
    return out;
  }

  function IncidentView(map, data, options) {
    this.map = map;
    this.data = data;
    this.options = options || {};
    this.incidents = rows(data.incidents);
    // The offline base layer is opaque and lives in the overlay pane: incident shapes
    // get a pane of their own above it (they take no clicks; markers do).
    var pane = map.getPane("geomapShapes") || map.createPane("geomapShapes");
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    this.renderer = L.canvas({ padding: 0.5, pane: "geomapShapes" });
    this.state = {
      types: data.types.map(function () { return true; }),
      from: null,
      to: null,
      background: true,
      undated: true,
    };
    this.areas = this.options.areas ? window[this.options.areas] : null;
    this._icons();
    this._markers();
    this._dates();
    this._panel();
    if (this.span > 0) this._timeline();
    this.apply();
  }

  IncidentView.prototype._icons = function () {
    this.icons = this.data.types.map(function (type) {
      var pin = { iconSize: [26, 38], iconAnchor: [13, 37], popupAnchor: [0, -32],
                  tooltipAnchor: [12, -20] };
      var badge = { iconSize: [24, 24], iconAnchor: [12, 12], popupAnchor: [0, -10],
                    tooltipAnchor: [12, 0] };
      function icon(html, size, extra) {
        return L.divIcon(L.extend({ html: html, className: "geomap-incident" + extra }, size));
      }
      return {
        pin: icon(type.pin, pin, ""),
        badge: icon(type.badge, badge, ""),
        greyPin: icon(type.greyPin, pin, " geomap-background"),
        greyBadge: icon(type.greyBadge, badge, " geomap-background"),
      };
    });
  };

  IncidentView.prototype._markers = function () {
    var self = this;
    var n = this.incidents.length;
    this.cluster = L.markerClusterGroup({
      maxClusterRadius: n > 200 ? 60 : 24,
      chunkedLoading: true,
      chunkProgress: function (done, total) { self.loaded = done >= total; },
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
    });
    this.markers = this.incidents.map(function (inc, i) {
      if (!inc.ll) return null;
      var icons = self.icons[inc.type];
      var region = inc.shape >= 0;
      var icon = inc.bg ? (region ? icons.greyBadge : icons.greyPin)
                        : (region ? icons.badge : icons.pin);
      var marker = L.marker(inc.ll, { icon: icon, riseOnHover: true });
      marker.feature = { type: "Feature", properties: { kind: "incident", id: inc.id, index: i } };
      marker.bindPopup(function () { return self.popup(inc); }, { maxWidth: 380 });
      marker.bindTooltip(function () { return self.tooltip(inc); });
      marker.on("click", function () { self.select(i, false); });
      marker.on("add", function () {
        if (marker._icon) marker._icon.setAttribute("data-incident", inc.id);
      });
      return marker;
    });
    this.cluster.addTo(this.map);
    this.shapeLayers = [];
    this.circles = [];
    this.shapesGroup = L.layerGroup().addTo(this.map);
  };

  IncidentView.prototype._dates = function () {
    var first = null;
    var last = null;
    this.incidents.forEach(function (inc) {
      if (!inc.start) return;
      var end = inc.end || inc.start;
      if (first === null || inc.start < first) first = inc.start;
      if (last === null || end > last) last = end;
    });
    this.first = first;
    this.last = last;
    this.span = first ? dayNumber(last) - dayNumber(first) : 0;
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
    if (inc.evidence) html += "<blockquote>" + inc.evidence + "</blockquote>";
    if (source.title || source.url) {
      var title = source.title || source.url;
      html += '<p class="geomap-source">' + (source.url
        ? '<a href="' + source.url + '" target="_blank" rel="noopener noreferrer">' + title + "</a>"
        : title) + (source.date ? " \u00b7 " + source.date : "") + "</p>";
    }
    return html + "</div>";
  };

  IncidentView.prototype.passes = function (inc) {
    var s = this.state;
    if (!s.types[inc.type]) return false;
    if (inc.bg && !s.background) return false;
    if (!inc.start) return s.undated;
    var end = inc.end || inc.start;
    if (s.from && end < s.from) return false;
    if (s.to && inc.start > s.to) return false;
    return true;
  };

  IncidentView.prototype.apply = function () {
    var self = this;
    var visible = [];
    var markers = [];
    var shapes = {};
    this.incidents.forEach(function (inc, i) {
      if (!self.passes(inc)) return;
      visible.push(i);
      if (self.markers[i]) markers.push(self.markers[i]);
      if (inc.shape >= 0 && !(inc.shape in shapes)) shapes[inc.shape] = inc;
    });
    this.visible = visible;
    this.loaded = markers.length === 0;
    this.cluster.clearLayers();
    this.cluster.addLayers(markers);
    this.shapesGroup.clearLayers();
    Object.keys(shapes).forEach(function (k) {
      self.shapesGroup.addLayer(self.shapeLayer(+k, shapes[k]));
    });
    visible.forEach(function (i) {
      var inc = self.incidents[i];
      if (inc.prec === 2 && inc.ll && inc.shape < 0) self.shapesGroup.addLayer(self.circle(i));
    });
    if (this.areas) this._styleAreas(visible);
    this._list();
  };

  IncidentView.prototype.shapeLayer = function (k, inc) {
    if (!this.shapeLayers[k]) {
      var colour = inc.bg ? "#9e9e9e" : this.data.types[inc.type].colour;
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
    if (!this.circles[i]) {
      var inc = this.incidents[i];
      var colour = inc.bg ? "#9e9e9e" : this.data.types[inc.type].colour;
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

  /* ----------------------------------------------------------- side panel */

  var LIST_LIMIT = 300;
  var PLAY_STEP_MS = 700;

  IncidentView.prototype._panel = function () {
    var self = this;
    this.panel = boxControl(this.map, "geomap-panel geomap-side", "topleft");
    var root = this.panel.getContainer();
    var head = el("div", "geomap-side-head", root);
    var toggle = el("button", "geomap-side-toggle", head, "Incidents");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "true");
    this.countLabel = el("span", "geomap-count", head);
    var body = el("div", "geomap-side-body", root);
    toggle.addEventListener("click", function () {
      var open = body.hidden;
      body.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
    });

    var types = el("fieldset", "geomap-filter-types", body);
    el("legend", null, types, "Type");
    var counts = this.data.types.map(function () { return 0; });
    this.incidents.forEach(function (inc) { counts[inc.type]++; });
    this.data.types.forEach(function (type, t) {
      var label = el("label", "geomap-filter-type", types);
      var box = el("input", null, label);
      box.type = "checkbox";
      box.checked = true;
      box.value = String(t);
      box.addEventListener("change", function () {
        self.state.types[t] = box.checked;
        self.apply();
      });
      var swatch = el("span", "geomap-swatch", label);
      swatch.style.background = type.colour;
      var name = el("span", null, label);
      name.innerHTML = type.label; // escaped in Python
      el("span", "geomap-n", label, " (" + counts[t] + ")");
    });

    if (this.first) {
      var dates = el("div", "geomap-filter-dates", body);
      this.fromInput = this._dateInput(dates, "From", "from");
      this.toInput = this._dateInput(dates, "To", "to");
    }
    if (this.incidents.some(function (inc) { return inc.bg; })) {
      this._toggle(body, "background", "Background (historic) incidents");
    }
    if (this.first && this.incidents.some(function (inc) { return !inc.start; })) {
      this._toggle(body, "undated", "Undated incidents");
    }
    this.list = el("ol", "geomap-list", body);
    this.more = el("p", "geomap-more", body);
  };

  IncidentView.prototype._dateInput = function (parent, text, key) {
    var self = this;
    var label = el("label", null, parent, text + " ");
    var input = el("input", "geomap-filter-" + key, label);
    input.type = "date";
    input.min = this.first;
    input.max = this.last;
    input.value = key === "from" ? this.first : this.last;
    input.addEventListener("change", function () {
      self.state[key] = input.value || null;
      if (key === "to" && self.slider && input.value) {
        self.slider.value = String(dayNumber(input.value) - dayNumber(self.first));
        self._sliderLabel();
      }
      self.apply();
    });
    return input;
  };

  IncidentView.prototype._toggle = function (parent, key, text) {
    var self = this;
    var label = el("label", "geomap-filter-flag", parent);
    var box = el("input", "geomap-filter-" + key, label);
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () {
      self.state[key] = box.checked;
      self.apply();
    });
    el("span", null, label, " " + text);
  };

  IncidentView.prototype._list = function () {
    var self = this;
    var html = [];
    var shown = this.visible.slice(0, LIST_LIMIT);
    shown.forEach(function (i) {
      var inc = self.incidents[i];
      var type = self.data.types[inc.type];
      html.push(
        '<li data-index="' + i + '"' + (inc.bg ? ' class="geomap-background"' : "") +
        '><button type="button"' + (inc.ll ? "" : " disabled") + ">" +
        '<span class="geomap-swatch" style="background:' + (inc.bg ? "#9e9e9e" : type.colour) +
        '"></span><span class="geomap-when">' + (inc.start || "undated") + "</span> " +
        '<span class="geomap-what">' + (inc.sub || type.label) + "</span>" +
        (inc.place ? ' <span class="geomap-where">' + inc.place + "</span>" : "") +
        (inc.ll ? "" : ' <span class="geomap-where">(no location)</span>') +
        "</button></li>"
      );
    });
    this.list.innerHTML = html.join("");
    var rest = this.visible.length - shown.length;
    this.more.textContent = rest > 0 ? "and " + rest + " more: filter to narrow the list" : "";
    this.more.hidden = rest <= 0;
    Array.prototype.forEach.call(this.list.querySelectorAll("button"), function (button) {
      button.addEventListener("click", function () {
        self.select(+button.parentNode.getAttribute("data-index"), true);
      });
    });
    this.countLabel.textContent = this.visible.length + " of " +
      plural(this.incidents.length, "incident") + " shown";
    if (this.timeLabel) this._sliderLabel();
  };

  IncidentView.prototype.select = function (i, fly) {
    var current = this.list.querySelector(".geomap-selected");
    if (current) current.classList.remove("geomap-selected");
    var item = this.list.querySelector('li[data-index="' + i + '"]');
    if (item) {
      item.classList.add("geomap-selected");
      if (!fly && item.scrollIntoView) item.scrollIntoView({ block: "nearest" });
    }
    var marker = this.markers[i];
    if (!fly || !marker) return;
    var inc = this.incidents[i];
    var cluster = this.cluster;
    var map = this.map;
    var target = inc.shape >= 0 && this.shapeLayers[inc.shape]
      ? this.shapeLayers[inc.shape].getBounds() : null;
    map.once("moveend", function () {
      cluster.zoomToShowLayer(marker, function () { marker.openPopup(); });
    });
    if (target) map.flyToBounds(target, { maxZoom: 7, duration: 0.6 });
    else map.flyTo(inc.ll, Math.max(map.getZoom(), 10), { duration: 0.6 });
  };

  /* ------------------------------------------------------------- timeline */

  IncidentView.prototype._timeline = function () {
    var self = this;
    this.timeline = boxControl(this.map, "geomap-panel geomap-timeline", "bottomleft");
    var root = this.timeline.getContainer();
    var label = el("label", null, root);
    el("span", "geomap-timeline-title", label, "Time ");
    this.slider = el("input", "geomap-slider", label);
    this.slider.type = "range";
    this.slider.min = "0";
    this.slider.max = String(this.span);
    this.slider.step = "1";
    this.slider.value = String(this.span);
    this.slider.setAttribute("aria-label", "Show incidents up to this day");
    this.timeLabel = el("span", "geomap-timeline-label", root);
    var play = el("button", "geomap-play", root, "\u25b6");
    play.type = "button";
    play.title = "Play: step through the days";
    play.setAttribute("aria-label", play.title);
    function show() {
      var to = isoDay(dayNumber(self.first) + +self.slider.value);
      self.state.to = to;
      if (self.toInput) self.toInput.value = to;
      self.apply();
    }
    function stop() {
      clearInterval(self.playing);
      self.playing = null;
      play.textContent = "\u25b6";
    }
    this.slider.addEventListener("input", function () {
      if (self.playing) stop();
      show();
    });
    play.addEventListener("click", function () {
      if (self.playing) return stop();
      if (+self.slider.value >= self.span) self.slider.value = "0";
      else self.slider.value = String(+self.slider.value + 1);
      show();
      play.textContent = "\u275a\u275a";
      self.playing = setInterval(function () {
        if (+self.slider.value >= self.span) return stop();
        self.slider.value = String(+self.slider.value + 1);
        show();
      }, PLAY_STEP_MS);
    });
  };

  IncidentView.prototype._sliderLabel = function () {
    var to = isoDay(dayNumber(this.first) + +this.slider.value);
    this.timeLabel.textContent = this.first + " \u2192 " + to + ": " +
      plural(this.visible.length, "incident");
  };

  geomap.incidents = function (map, data, options) {
    var view = new IncidentView(map, data, options);
    geomap.views.push(view);
    return view;
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
    var control = boxControl(map, "geomap-minimap", "bottomright");
    var mini = L.map(control.getContainer(), {
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
    var box = L.rectangle(map.getBounds(), { renderer: renderer, interactive: false,
      color: "#d62728", weight: 1.5, fillOpacity: 0.1 }).addTo(mini);
    function sync() {
      box.setBounds(map.getBounds());
      mini.setView(map.getCenter(), Math.max(map.getZoom() - 5, 0), { animate: false });
    }
    map.on("moveend zoomend", sync);
    mini.on("click", function (e) { map.panTo(e.latlng); });
    sync();
    return mini;
  }

  geomap.controls = function (map, options) {
    options = options || {};
    var out = { measure: tools(map) };
    if (options.minimap) out.minimap = minimap(map, options.borders && window[options.borders]);
    map.geomapControls = out;
    // Ready once the opening view has settled (fitBounds may animate a zoom); tests,
    // snapshots and the benchmark wait for this.
    function settle() {
      var loading = geomap.views.some(function (view) { return !view.loaded; });
      if (loading || map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) {
        setTimeout(settle, 50);
      } else {
        window.geomapReadyAt = performance.now();
      }
    }
    L.Util.requestAnimFrame(settle);
    return out;
  };
})();
