"""No template ever sees untrusted text: the mechanism, checked in the code and on a page.

branca compiles every macro's rendered output as a Jinja template once more, so a
string from an article that reached a macro would be evaluated (``{{ 7*7 }}`` became
49; an expression reaching ``os.popen`` ran a command).  geomap's elements keep their
data in one JSON element that no template renders; these tests prove that no code
path builds a template from anything but a constant, and that payloads in every text
of a real article's map arrive as text.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from browser import launch, open_html

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.pipeline import run
from geomap.records import Article
from geomap.render import render_map, write_map

PACKAGE = Path(__file__).resolve().parents[1] / "geomap"

TEMPLATE_BUILDERS = {"Template", "Element", "JsCode", "Html", "IFrame", "Environment"}
"""Callables that compile their string argument as a template or as script source."""
TEMPLATED_ELEMENTS = {"GeoJson", "Popup", "Tooltip", "Marker", "Choropleth", "TopoJson",
                      "DivIcon", "CircleMarker", "Circle", "PolyLine", "Polygon"}  # fmt: skip
"""Folium elements that print their data into a macro (and so into template source)."""


TEMPLATE_LIBRARIES = ("branca", "folium", "jinja2")


def _calls(tree: ast.AST):
    """(name, call) of every call of something that comes from branca, folium or jinja2:
    a name imported from them, or an attribute of a module imported from them."""
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            TEMPLATE_LIBRARIES
        ):
            imported.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            imported.update(alias.asname or alias.name for alias in node.names
                            if alias.name.startswith(TEMPLATE_LIBRARIES))  # fmt: skip
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in imported:
            yield func.id, node
        elif isinstance(func, ast.Attribute):
            base = func.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in imported:
                yield func.attr, node


def test_templates_are_only_ever_built_from_constants():
    """The code search the issue asks for, as a test: every template, element and script
    source in geomap is a literal, and no Folium element that templates its data is used."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, call in _calls(tree):
            where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
            if name in TEMPLATE_BUILDERS:
                args = [*call.args, *(k.value for k in call.keywords)]
                if not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                           for a in args):  # fmt: skip
                    found.append(f"{where}: {name}() of a non-constant")
            if name in TEMPLATED_ELEMENTS:
                found.append(f"{where}: folium {name}() prints its data into a template")
    assert found == []


PAYLOADS = (
    "{{ 7*7 }}",
    "{% raw %}",
    "{#",
    "{{ 7 7 }}",
    "{% %}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
)


def _article(marker: Path) -> Article:
    p = [x.replace("MARKER", str(marker)) for x in PAYLOADS]
    text = (
        f"Shelling hits Kharkiv {p[0]} {p[1]}\n\n"
        f"At least 12 people were killed when missiles struck Kharkiv on Tuesday {p[2]}, "
        f"officials said. Residents within a 500-metre radius of Kharkiv were evacuated "
        f"{p[3]}. Firefighters {p[4]} reached Odesa {p[5]} later that day.\n"
    )
    url = f"https://news.example.org/a?q={p[0]}"
    return Article(id="payloads", text=text, title=f"Strikes {p[0]} {p[5]}", url=url,
                   date=dt.date(2024, 3, 6))  # fmt: skip


@pytest.fixture
def payload_page(tmp_path, gazetteer_index):
    marker = tmp_path / "ran"
    article = _article(marker)
    result = run(article, geocoder=GazetteerGeocoder(index=gazetteer_index))
    assert len(result.places_frame) and len(result.incidents_frame) and len(result.areas_frame)
    sources = [
        {"title": f"Feed {PAYLOADS[0]} {PAYLOADS[1]}", "url": article.url, "date": "2024-03-06"},
        {"title": "Other {#", "url": None, "date": None},
    ]
    m = render_map(result.places_frame, result.areas_frame, incidents=result.incidents_frame,
                   sources=sources, title=f"Collection {PAYLOADS[0]}")  # fmt: skip
    path = write_map(m, tmp_path / "map.html")
    return path, marker


def test_template_syntax_in_every_text_reaches_the_page_as_data(payload_page):
    path, marker = payload_page
    page = path.read_text(encoding="utf-8")
    assert not marker.exists()
    data = re.search(r'<script type="application/json" id="geomap-data">(.*?)</script>', page,
                     re.S)  # fmt: skip
    assert data is not None
    text = json.dumps(json.loads(data.group(1)), ensure_ascii=False)
    for payload in PAYLOADS[:5]:
        assert payload in text  # as written, in the data: nothing evaluated it
    assert "os.popen" in text
    # Outside the data element nothing of the article is left but the escaped <title>.
    rest = page.replace(data.group(0), "")
    assert "{{ 7*7 }}" not in rest.split("</title>", 1)[1] and "os.popen" not in rest


@pytest.mark.browser
def test_template_syntax_shows_literally_in_the_browser(payload_page):
    path, marker = payload_page
    with launch() as browser, open_html(browser, path) as (page, report):
        shown = page.evaluate(
            """() => {
                const texts = [document.body.innerText];
                for (const view of geomap.views) {
                    view.incidents.forEach(inc => texts.push(view.popup(inc)));
                }
                const map = Object.keys(window).filter(k => k.startsWith("map_"))
                    .map(k => window[k]).find(v => v instanceof L.Map);
                map.eachLayer(layer => {
                    if (layer.feature && layer.getPopup && layer.getPopup()) {
                        layer.openPopup();
                        texts.push(layer.getPopup().getElement().textContent);
                        layer.closePopup();
                    }
                });
                return texts.join("\\n");
            }"""
        )
        assert "{{ 7*7 }}" in shown and "{#" in shown and "{% raw %}" in shown
        assert page.title() == "Collection {{ 7*7 }}"
    assert not marker.exists()
    assert report.errors() == []
