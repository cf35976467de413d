"""The Folium elements of our own: panels, feature layers, the incidents layer and the
small controls, all driven by ``geomap/static/geomap.js``.

Untrusted text (article text, titles, URLs, feed fields, imported place names,
geocoder answers) never passes through a template.  branca compiles each macro's
rendered output as a Jinja template once more (``MacroElement.render`` wraps it in
``Element(text)``), so a macro that printed ``{{ 7*7 }}`` from an article would run
it.  Instead every element keeps its data in the page's :class:`PageData`, a
``<script type="application/json">`` element that branca renders as a value, never
as template source; the macros print only our own names and constants, and the
script reads the data with ``geomap.data(name)``.

The script and stylesheet are ours and ship in the package; Leaflet.markercluster is
declared as Folium declares it and then inlined from its XStatic package by
:func:`geomap.assets.use_offline_assets`, like every third-party asset.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.plugins import MarkerCluster
from folium.template import Template
from jinja2.utils import htmlsafe_json_dumps

from geomap.assets import RawHTML

__all__ = [
    "DATA_ELEMENT_ID",
    "FeatureLayer",
    "IncidentLayer",
    "MapControls",
    "MapPanel",
    "PageData",
    "RawHTML",
    "add_static",
    "page_data",
    "static_text",
]

DATA_ELEMENT_ID = "geomap-data"
"""The id of the page's JSON data element (``geomap.data`` reads it)."""


class PageData(Element):
    """Every element's data, by element name, as one JSON document in the page.

    Rendered as a value into the page's head: its content is escaped for a script
    element (``<``, ``>``, ``&`` and ``'`` as ``\\u`` escapes, so no ``</script>`` or
    ``<!--`` can occur) and is never seen by a template engine.
    """

    def __init__(self) -> None:
        super().__init__()
        self._name = "PageData"
        self.blobs: dict[str, Any] = {}

    def render(self, **kwargs: Any) -> str:
        data = htmlsafe_json_dumps(self.blobs, separators=(",", ":"), ensure_ascii=False)
        return f'<script type="application/json" id="{DATA_ELEMENT_ID}">{data}</script>'


def page_data(root: Any) -> PageData:
    """The page's data element, added to its head the first time it is asked for."""
    existing = root.header._children.get(DATA_ELEMENT_ID)
    if isinstance(existing, PageData):
        return existing
    element = PageData()
    root.header.add_child(element, name=DATA_ELEMENT_ID)
    return element


def _keep(element: MacroElement, data: Any) -> None:
    """File ``data`` under the element's own name (rendered by :class:`PageData`)."""
    page_data(element.get_root()).blobs[element.get_name()] = data


@functools.cache
def static_text(name: str) -> str:
    """A file of ``geomap/static`` (our own JS and CSS)."""
    return resources.files("geomap").joinpath("static", name).read_text(encoding="utf-8")


def add_static(root: Any) -> None:
    """Put our stylesheet and script into the page's head (once per page)."""
    root.header.add_child(RawHTML(f"<style>\n{static_text('geomap.css')}</style>"),
                          name="geomap_css")  # fmt: skip
    root.header.add_child(RawHTML(f"<script>\n{static_text('geomap.js')}</script>"),
                          name="geomap_js")  # fmt: skip


class MapPanel(MacroElement):
    """A block of our own HTML on the map: a Leaflet control in a corner, or, with
    ``position=None``, a box centred over the map.  ``html`` must already be escaped;
    it reaches the page as data (see :class:`PageData`)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            function build(parent) {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }}, parent);
                div.innerHTML = geomap.data({{ this.get_name()|tojson }});
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            }
            {%- if this.position %}
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function() { return build(); };
            control.addTo(map);
            {%- else %}
            build(map.getContainer());
            {%- endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, *, css_class: str, position: str | None) -> None:
        super().__init__()
        self._name = "MapPanel"
        self.html = html_text
        self.css_class = css_class
        self.position = position

    def render(self, **kwargs: Any) -> None:
        _keep(self, self.html)
        super().render(**kwargs)


class FeatureLayer(Layer):
    """A GeoJSON FeatureCollection drawn by ``geomap.features`` (places, radius areas or
    the offline borders), listed in the layer switcher like Folium's ``GeoJson``.

    ``kind`` is "place" (a marker per feature from its ``icon`` property), or "area" /
    "borders" (polygons in ``style``); popups and tooltips come from the features'
    ``popup`` and ``tooltip`` properties, escaped HTML made in Python.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geomap.features(
            geomap.data({{ this.get_name()|tojson }}), {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data: dict[str, Any],
        *,
        kind: str,
        name: str,
        overlay: bool = True,
        show: bool = True,
        style: dict[str, Any] | None = None,
        interactive: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=overlay, show=show)
        self._name = "FeatureLayer"
        self.data = data
        self.options = {"kind": kind, "style": style, "interactive": interactive}

    def render(self, **kwargs: Any) -> None:
        _keep(self, self.data)
        super().render(**kwargs)


class IncidentLayer(JSCSSMixin, MacroElement):
    """Incidents drawn by ``geomap.incidents(map, data, options)``; ``data`` comes from
    :func:`geomap.render.incidents.incident_data` (escaped), ``options.areas`` names the
    radius areas' layer so filtering hides an incident's area with it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geomap.incidents({{ this._parent.get_name() }},
            geomap.data({{ this.get_name()|tojson }}), {{ this.options|tojson }});
        {% endmacro %}
        """
    )
    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    def __init__(self, data: dict[str, Any], *, areas: str | None = None) -> None:
        super().__init__()
        self._name = "IncidentLayer"
        self.data = data
        self.options = {"areas": areas}

    def render(self, **kwargs: Any) -> None:
        _keep(self, self.data)
        super().render(**kwargs)


class MapControls(MacroElement):
    """Fullscreen, measure and minimap controls; the incidents as an overlay in the
    layer switcher.  Add it last: it refers to the layers added before it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geomap.controls({{ this._parent.get_name() }}, {{ this.options|tojson }});
        {%- if this.incidents and this.layer_control %}
        {{ this.layer_control }}.addOverlay({{ this.incidents }}.cluster, "Incidents");
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        *,
        borders: str | None,
        minimap: bool = True,
        incidents: str | None = None,
        layer_control: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "MapControls"
        self.options = {"borders": borders, "minimap": minimap}
        self.incidents = incidents
        self.layer_control = layer_control
