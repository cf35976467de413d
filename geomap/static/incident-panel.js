/* geomap's own map script, part 4 of 4: the incidents' side panel (a drawer on narrow
 * maps: layout.js), which lists and filters them, and the time slider, which steps
 * through the days of the news (background history is a toggle and never stretches
 * it).  Methods of geomap.IncidentView (incidents.js).
 */
(function () {
  "use strict";
  var geomap = window.geomap;
  var el = geomap.el;
  var dayNumber = geomap.dayNumber;
  var isoDay = geomap.isoDay;
  var plural = geomap.plural;
  var IncidentView = geomap.IncidentView;

  var LIST_LIMIT = 300;
  var PLAY_STEP_MS = 700;

  /* ----------------------------------------------------------- side panel */

  IncidentView.prototype._panel = function () {
    var self = this;
    var map = this.map;
    this.panel = geomap.boxControl(map, "geomap-panel geomap-side", "topleft");
    var root = this.panel.getContainer();
    var head = el("div", "geomap-side-head", root);
    var toggle = el("button", "geomap-side-toggle", head, "Incidents");
    toggle.type = "button";
    toggle.title = "Show or hide the list of incidents and the filters";
    this.countLabel = el("span", "geomap-count", head);
    this.body = el("div", "geomap-side-body", root);
    var drawer = geomap.drawer(map, root, this.body, "Incidents");
    this.fold = geomap.foldable(map, "panel", root, toggle, function () { return false; },
      function (open) {
        drawer.element.hidden = !(open && map.getSize().x < 600);
        if (open && self.list && self.list.querySelector(".geomap-selected")) {
          self.list.querySelector(".geomap-selected").scrollIntoView({ block: "nearest" });
        }
      });
    drawer.fold = this.fold;
    drawer.close.addEventListener("click", function () {
      self.fold.set(false);
      geomap.remember("panel", "0");
    });
  };

  IncidentView.prototype._fillPanel = function () {
    var self = this;
    var body = this.body;
    var types = el("fieldset", "geomap-filter-types", body);
    el("legend", null, types, "Type");
    var counts = this.data.types.map(function () { return 0; });
    var column = this.columns;
    var n = this.incidents.length;
    var undated = false;
    for (var i = 0; i < n; i++) {
      counts[column.type[i]]++;
      if (!column.start[i] && !column.bg[i]) undated = true;
    }
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
      el("span", "geomap-n", label, " (" + geomap.count(counts[t]) + ")");
    });

    if (this.first) {
      var dates = el("div", "geomap-filter-dates", body);
      this.fromInput = this._dateInput(dates, "From", "from");
      this.toInput = this._dateInput(dates, "To", "to");
    }
    if (this.hasBackground && !this.historyOnly) {
      this._toggle(body, "background", "Background (historic) incidents");
    }
    if (this.first && undated) {
      this._toggle(body, "undated", "Undated incidents");
    }
    this.list = el("ol", "geomap-list", body);
    this.more = el("p", "geomap-more", body);
    this.list.addEventListener("click", function (e) {
      var button = e.target.closest("button");
      if (button && !button.disabled) self.select(+button.parentNode.getAttribute("data-index"), true);
    });
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
    box.checked = this.state[key];
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
        '<span class="geomap-swatch" style="background:' + (inc.bg ? geomap.GREY : type.colour) +
        '"></span><span class="geomap-when">' + (inc.start || "undated") + "</span> " +
        '<span class="geomap-what">' + (inc.sub || type.label) + "</span>" +
        (inc.place ? ' <span class="geomap-where">' + inc.place + "</span>" : "") +
        (inc.ll ? "" : ' <span class="geomap-where">(no location)</span>') +
        "</button></li>"
      );
    });
    this.list.innerHTML = html.join("");
    var rest = this.visible.length - shown.length;
    this.more.textContent = rest > 0 ? "and " + geomap.count(rest) +
      " more: filter to narrow the list" : "";
    this.more.hidden = rest <= 0;
    this.countLabel.textContent = geomap.count(this.visible.length) + " of " +
      plural(this.incidents.length, "incident") + " shown";
    if (this.timeLabel) this._sliderLabel();
  };

  IncidentView.prototype.select = function (i, fly) {
    var current = this.list.querySelector(".geomap-selected");
    if (current) current.classList.remove("geomap-selected");
    var item = this.list.querySelector('li[data-index="' + i + '"]');
    if (item) {
      item.classList.add("geomap-selected");
      if (!fly && item.scrollIntoView && this.fold.open()) item.scrollIntoView({ block: "nearest" });
    }
    var inc = this.incidents[i];
    if (!fly || !inc.ll) return;
    var self = this;
    var map = this.map;
    if (map.getSize().x < 600) this.fold.set(false); // the drawer gives way
    var target = inc.shape >= 0 && this.shapeLayers && this.shapeLayers[inc.shape]
      ? this.shapeLayers[inc.shape].getBounds() : null;
    map.once("moveend", function () {
      self.reveal(i, function (marker) { marker.openPopup(); });
    });
    if (target) map.flyToBounds(target, { maxZoom: 7, duration: 0.6 });
    else map.flyTo(inc.ll, Math.max(map.getZoom(), 10), { duration: 0.6 });
  };

  /* ------------------------------------------------------------- timeline */

  IncidentView.prototype._timeline = function () {
    var self = this;
    this.timeline = geomap.boxControl(this.map, "geomap-panel geomap-timeline", "bottomleft");
    var root = this.timeline.getContainer();
    var label = el("label", "geomap-timeline-range", root);
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
})();
