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

The scripts and stylesheet are ours and ship in the package (``geomap/static``); the
only third-party asset is Leaflet, inlined from its XStatic package by
:func:`geomap.assets.use_offline_assets`.  Incidents are clustered by our own script
on the data (no Leaflet.markercluster: DOM markers for 100,000 incidents are what made
large maps slow).
"""

from __future__ import annotations

import base64
import functools
import json
import re
import secrets
import zlib
from importlib import resources
from typing import Any

from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template
from jinja2.utils import htmlsafe_json_dumps

from geomap.assets import RawHTML

__all__ = [
    "DATA_ELEMENT_ID",
    "FeatureLayer",
    "IncidentLayer",
    "MapControls",
    "MapPanel",
    "OfflineBaseLayer",
    "PageData",
    "RawHTML",
    "RawJSON",
    "add_static",
    "packed",
    "packed_json",
    "page_data",
    "static_text",
]

DATA_ELEMENT_ID = "geomap-data"
"""The id of the page's JSON data element (``geomap.data`` reads it)."""


class RawJSON:
    """A value that is JSON text already (the offline base map's layers, see
    ``offline.py``): :class:`PageData` splices it in as it is, without parsing it and
    dumping it again, and escapes it like the rest."""

    def __init__(self, text: str) -> None:
        self.text = text


def _script_safe(text: str) -> str:
    """What ``htmlsafe_json_dumps`` escapes, escaped as it does (``str.replace`` is
    twenty times faster than ``str.translate`` on a megabyte of base map)."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))  # fmt: skip


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
        raw: list[str] = []
        # A placeholder no text can name: the article's text is in the same document.
        marker = secrets.token_hex(16)

        def hold(value: Any) -> str:
            if not isinstance(value, RawJSON):
                raise TypeError(f"{type(value).__name__} is not JSON serializable")
            raw.append(value.text)
            return f"{marker}{len(raw) - 1}"

        data = str(htmlsafe_json_dumps(self.blobs, separators=(",", ":"), ensure_ascii=False,
                                       default=hold))  # fmt: skip
        if raw:
            data = re.sub(f'"{marker}(\\d+)"',
                          lambda m: _script_safe(raw[int(m[1])]), data)  # fmt: skip
        return f'<script type="application/json" id="{DATA_ELEMENT_ID}">{data}</script>'


def page_data(root: Any) -> PageData:
    """The page's data element, added to its head the first time it is asked for."""
    existing = root.header._children.get(DATA_ELEMENT_ID)
    if isinstance(existing, PageData):
        return existing
    element = PageData()
    root.header.add_child(element, name=DATA_ELEMENT_ID)
    return element


PACK_MIN_BYTES = 1_000_000
"""Data whose JSON is longer than this is deflated and base64-encoded in the page (the
browser inflates it with ``DecompressionStream``, ``geomap.unpack``): a year of a
war's reporting stays a file of a few megabytes.  Smaller maps keep readable JSON."""


def packed(value: Any) -> Any:
    """``value`` as it goes into the page: as it is, or packed when large (the script
    reads either through ``geomap.unpack``)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return value if len(text) <= PACK_MIN_BYTES else _pack(text)


def packed_json(text: str) -> RawJSON | dict[str, Any]:
    """JSON ``text`` as it goes into the page, like :func:`packed`."""
    return RawJSON(text) if len(text) <= PACK_MIN_BYTES else _pack(text)


def _pack(text: str) -> dict[str, Any]:
    data = zlib.compress(text.encode("utf-8"), 6)
    return {"packed": base64.b64encode(data).decode("ascii"), "bytes": len(text)}


def _keep(element: MacroElement, data: Any) -> None:
    """File ``data`` under the element's own name (rendered by :class:`PageData`)."""
    page_data(element.get_root()).blobs[element.get_name()] = data


@functools.cache
def static_text(name: str) -> str:
    """A file of ``geomap/static`` (our own JS and CSS)."""
    return resources.files("geomap").joinpath("static", name).read_text(encoding="utf-8")


SCRIPTS = ("geomap.js", "layout.js", "incidents.js", "incident-panel.js")
"""Our scripts, in the order they build on each other."""


def add_static(root: Any) -> None:
    """Put our stylesheet and scripts into the page's head (once per page)."""
    root.header.add_child(RawHTML(f"<style>\n{static_text('geomap.css')}</style>"),
                          name="geomap_css")  # fmt: skip
    scripts = "".join(static_text(name) for name in SCRIPTS)
    root.header.add_child(RawHTML(f"<script>\n{scripts}</script>"), name="geomap_js")


class MapPanel(MacroElement):
    """A block of our own HTML on the map: a Leaflet control in a corner, or, with
    ``position=None``, a box centred over the map.  ``html`` must already be escaped;
    it reaches the page as data (see :class:`PageData`).  With ``fold`` (the key its
    state is remembered under) its heading folds away the ``geomap-detail`` part;
    ``open_wide`` / ``open_narrow`` say whether it starts open on wide and narrow maps."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geomap.panel({{ this._parent.get_name() }}, geomap.data({{ this.get_name()|tojson }}),
                     {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        html_text: str,
        *,
        css_class: str,
        position: str | None,
        fold: str | None = None,
        open_wide: bool = True,
        open_narrow: bool = False,
    ) -> None:
        super().__init__()
        self._name = "MapPanel"
        self.html = html_text
        self.css_class = css_class
        self.position = position
        self.options = {"className": css_class, "position": position, "fold": fold,
                        "openWide": open_wide, "openNarrow": open_narrow,
                        "foldTitle": f"Show or hide the {fold}" if fold else None}  # fmt: skip

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


class OfflineBaseLayer(Layer):
    """The offline base map drawn by ``geomap.offlineBase``: country polygons, and for
    the map's region admin-1 borders, lakes, rivers and town labels, each from the zoom
    it matters (``data`` from :func:`geomap.render.basemaps.add_base_layers`: the
    countries and detail as JSON text, see ``offline.py``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geomap.offlineBase(
            geomap.data({{ this.get_name()|tojson }}), {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any], *, name: str, show: bool,
                 options: dict[str, Any]) -> None:  # fmt: skip
        super().__init__(name=name, overlay=False, show=show)
        self._name = "OfflineBaseLayer"
        self.data = data
        self.options = options

    def render(self, **kwargs: Any) -> None:
        _keep(self, self.data)
        super().render(**kwargs)


class IncidentLayer(MacroElement):
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

    def __init__(self, data: dict[str, Any], *, areas: str | None = None) -> None:
        super().__init__()
        self._name = "IncidentLayer"
        self.data = data
        self.options = {"areas": areas}

    def render(self, **kwargs: Any) -> None:
        _keep(self, self.data)
        super().render(**kwargs)


class MapControls(MacroElement):
    """Fullscreen, measure and minimap controls, the layout of every panel, the opening
    view (``fit``: bounds and max zoom, fitted once the panels are in place), and the
    incidents as an overlay in the layer switcher.  Add it last: it refers to the
    layers added before it.  ``tile_names`` pairs tile layers' variable names with the
    names the fallback message gives them."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {%- if this.incidents and this.layer_control %}
        {{ this.layer_control }}.addOverlay({{ this.incidents }}.layer, "Incidents");
        {%- endif %}
        geomap.controls({{ this._parent.get_name() }},
                        geomap.data({{ this.get_name()|tojson }}));
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
        fit: dict[str, Any] | None = None,
        tile_names: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__()
        self._name = "MapControls"
        self.options = {"borders": borders, "minimap": minimap, "fit": fit,
                        "tileNames": tile_names or []}  # fmt: skip
        self.incidents = incidents
        self.layer_control = layer_control

    def render(self, **kwargs: Any) -> None:
        _keep(self, self.options)  # tile layers' names come from xyzservices: data too
        super().render(**kwargs)
