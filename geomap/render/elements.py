"""The Folium elements of our own: panels of escaped HTML, the incidents layer and the
small controls, all driven by ``geomap/static/geomap.js``.

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
from folium.plugins import MarkerCluster
from folium.template import Template

__all__ = ["IncidentLayer", "MapControls", "MapPanel", "add_static", "static_text"]


@functools.cache
def static_text(name: str) -> str:
    """A file of ``geomap/static`` (our own JS and CSS)."""
    return resources.files("geomap").joinpath("static", name).read_text(encoding="utf-8")


def add_static(root: Any) -> None:
    """Put our stylesheet and script into the page's head (once per page)."""
    root.header.add_child(Element(f"<style>\n{static_text('geomap.css')}</style>"),
                          name="geomap_css")  # fmt: skip
    root.header.add_child(Element(f"<script>\n{static_text('geomap.js')}</script>"),
                          name="geomap_js")  # fmt: skip


class MapPanel(MacroElement):
    """A block of our own HTML on the map: a Leaflet control in a corner, or, with
    ``position=None``, a box centred over the map.  ``html`` must already be escaped."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            function build(parent) {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }}, parent);
                div.innerHTML = {{ this.html|tojson }};
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


class IncidentLayer(JSCSSMixin, MacroElement):
    """Incidents drawn by ``geomap.incidents(map, data, options)``; ``data`` comes from
    :func:`geomap.render.incidents.incident_data` (escaped), ``options.areas`` names the
    radius areas' layer so filtering hides an incident's area with it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geomap.incidents(
            {{ this._parent.get_name() }}, {{ this.data|tojson }}, {{ this.options|tojson }});
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
