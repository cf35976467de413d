"""The offline base map's precomputed layers (geomap/render/data, offline.py): the same
features, text for text, as simplifying the gazetteer's polygons at map time gives, and
JSON text spliced into the page escaped like the rest of its data."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import shapely

from geomap.gazetteer import shapes
from geomap.render import offline
from geomap.render.basemaps import (
    ADMIN1_MIN_ZOOM,
    BORDER_DECIMALS,
    BORDER_TOLERANCE,
    _default_borders_json,
    _tier,
    borders_json,
    detail_json,
    detail_region,
)
from geomap.render.elements import DATA_ELEMENT_ID, PageData, RawJSON

# (west, south, east, north) of what maps show: a city, a country, a continent's worth
# (the three detail tiers), across 180°, and three far-apart towns at once.
VIEWS = {
    "Kharkiv": [36.2, 49.9, 36.3, 50.0],
    "Ukraine": [22.1, 44.4, 40.2, 52.4],
    "Europe": [-10.0, 35.0, 40.0, 70.0],
    "Africa to Asia": [-20.0, -40.0, 80.0, 60.0],
    "Fiji": [177.0, -19.0, 180.0, -16.0],
    "three towns": [[10.0, 10.0, 10.0, 10.0], [120.0, -30.0, 121.0, -29.0], [-60, -10, -59, -9]],
}


@pytest.fixture(params=list(VIEWS), scope="module")
def region(request: pytest.FixtureRequest) -> shapely.Geometry:
    return detail_region(np.array(VIEWS[request.param], dtype=float))


def test_regions_cover_all_three_detail_tiers():
    tiers = {_tier(detail_region(np.array(box, dtype=float))) for box in VIEWS.values()}
    assert tiers == {(0.005, 3), (0.01, 3), (0.03, 2)}


def test_countries_are_those_simplified_from_the_gazetteer(region):
    """The committed layer is current: a map of the gazetteer's own country polygons,
    simplified now, is the same text."""
    assert _default_borders_json(region) == borders_json(shapes.countries(), region=region)


def test_admin1_detail_is_the_gazetteer_regions_that_meet_the_map(region):
    frame = shapes.admin1()
    hits = np.sort(frame.sindex.query(region, predicate="intersects"))
    tolerance, decimals = _tier(region)
    simple = shapely.simplify(frame.geometry.values[hits], tolerance, preserve_topology=True)
    simple = shapely.transform(simple, lambda xy: np.round(xy, decimals))
    expected = [json.loads(t) for t in shapely.to_geojson(simple[~shapely.is_empty(simple)])]
    admin1 = json.loads(detail_json(region))["admin1"]["features"]
    assert [f["geometry"] for f in admin1] == expected
    assert {f["properties"]["minZoom"] for f in admin1} <= {ADMIN1_MIN_ZOOM}


def test_a_region_gets_its_own_lakes_rivers_and_towns():
    ukraine = json.loads(detail_json(detail_region(np.array(VIEWS["Ukraine"]))))
    assert ukraine["lakes"]["features"] and ukraine["rivers"]["features"]
    assert {"Kyiv", "Kharkiv", "Odesa"} <= set(ukraine["towns"]["name"])
    assert "Lyon" not in ukraine["towns"]["name"]
    points = shapely.points(ukraine["towns"]["lon"], ukraine["towns"]["lat"])
    assert shapely.contains(detail_region(np.array(VIEWS["Ukraine"])), points).all()


@pytest.mark.parametrize("layer", offline.LAYERS)
def test_geos_writes_what_json_would_for_every_feature(layer):
    """The texts are spliced as GEOS writes them: they must be what parsing and
    dumping them again would give, at the finest tier and the coarsest."""
    every = np.arange(len(offline._archive()[f"{layer}_offsets"]) - 1)
    geoms = offline._geometries(layer, every)
    for tolerance, decimals in ((0.005, 3), (BORDER_TOLERANCE, BORDER_DECIMALS)):
        texts = [t for t in offline.geojson_texts(geoms, tolerance, decimals) if t]
        assert texts
        assert texts == [json.dumps(json.loads(t), separators=(",", ":")) for t in texts]


def test_raw_json_is_spliced_escaped_and_untrusted_text_is_left_alone():
    data = PageData()
    hostile = "</script><script>alert(1)</script><!-- it's & more"
    data.blobs["layer"] = {"countries": RawJSON(json.dumps({"name": hostile})),
                           "detail": None}  # fmt: skip
    # Text that looks like the placeholder the splice uses is only text.
    data.blobs["text"] = ["0" * 32 + "0", '"' + "f" * 32 + '0"']
    page = data.render()
    body = re.fullmatch(f'<script type="application/json" id="{DATA_ELEMENT_ID}">(.*)</script>',
                        page, re.S)[1]  # fmt: skip
    assert "<" not in body and ">" not in body and "'" not in body and "&" not in body
    assert json.loads(body) == {"layer": {"countries": {"name": hostile}, "detail": None},
                                "text": ["0" * 32 + "0", '"' + "f" * 32 + '0"']}  # fmt: skip


def test_other_values_are_still_refused():
    data = PageData()
    data.blobs["bad"] = {1, 2}
    with pytest.raises(TypeError, match="set"):
        data.render()
