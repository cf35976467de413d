"""``geomap fix``: an analyst's correction, kept in the collection; and the same from a
file for one article's map (``geomap map ARTICLE --fixes fixes.csv``).

The corrections themselves, and why they survive a re-parse, are
:mod:`geomap.collection.fixes`.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from geomap.cli.collection_options import data_dir_option, name_argument, open_store, store_option
from geomap.cli.options import geocoder_options
from geomap.errors import GeomapError, printable

if TYPE_CHECKING:  # applying fixes needs shapely: imported when a fix is made
    from geomap.collection.fix_index import FixIndex
    from geomap.collection.fixes import Change, Fix
    from geomap.pipeline import MapData

__all__ = ["FileFix", "apply_file_fixes", "fix_command", "fixes_file_option", "load_fixes_file",
           "map_fixes"]  # fmt: skip

FILE_COLUMNS = ("id", "place", "lat", "lon", "type", "remove")
"""The columns (CSV) or keys (YAML) of a fixes file; ``id`` and one correction at least."""


@click.command("fix")
@name_argument
@click.argument("target", metavar="ID")
@click.option("--place", "place_name", metavar="NAME",
              help="Put it at the place called NAME (looked up with --geocoder: the offline "
              "gazetteer by default).")  # fmt: skip
@click.option("--lat", type=float, help="Put it at this latitude (with --lon).")
@click.option("--lon", type=float, help="Put it at this longitude (with --lat).")
@click.option("--type", "new_type", metavar="TYPE",
              help="An incident's event type or sub-event type (Battles, Air/drone strike); "
              "a place's feature type (city, village, admin1...).")  # fmt: skip
@click.option("--remove", is_flag=True, help="Leave it out of the map and exports.")
@click.option("--undo", is_flag=True, help="Drop every correction of ID.")
@data_dir_option
@store_option
@geocoder_options
def fix_command(name: str, target: str, place_name: str | None, lat: float | None,
                lon: float | None, new_type: str | None, remove: bool, undo: bool,
                data_dir: str, store: str | None, geocoder_name: str,
                geocoder_options: tuple[str, ...]) -> None:  # fmt: skip
    """Correct the incident or place ID of the collection NAME; every build, export and
    re-parse keeps the correction.

    \b
    ID is an incident id (inc: and 16 hex digits, as geomap list NAME --incidents
    and exports show it; or one article's own incident id, 12 hex digits) or a
    place id (gn:706483). An incident's correction follows it through re-parses by
    its article's words and where the article tells it. geomap list NAME --fixes
    shows the corrections; --undo drops them.
    """
    from geomap.collection.fixes import Change, check_lat_lon, describe, id_kind, type_value

    actions = [bool(place_name), lat is not None or lon is not None, bool(new_type), remove,
               undo]  # fmt: skip
    if sum(actions) != 1:
        raise click.UsageError("give one of --place, --lat/--lon, --type, --remove or --undo")
    if (lat is None) != (lon is None):
        raise click.UsageError("--lat and --lon go together")
    id_kind(target)  # a malformed incident id is said before anything is opened
    change = None
    if lat is not None and lon is not None:
        lat, lon = check_lat_lon(lat, lon)
        change = Change("location", {"lat": lat, "lon": lon})
    elif new_type:
        type_value("places" if id_kind(target) == "place" else "incidents", new_type)
        change = Change("type", {"type": new_type})
    elif remove:
        change = Change("remove", {})
    elif place_name:
        change = Change("location", geocode_place(place_name, geocoder_name, geocoder_options))
    with open_store(name, data_dir=data_dir, store=store, create=False) as collection:
        if change is None:
            dropped = collection.undo_fixes(target)
            click.echo(printable(f"{collection.label}: {len(dropped)} corrections of {target} "
                                 "dropped"))  # fmt: skip
            return
        fix = collection.record_fix(target, change)
        click.echo(printable(f"{collection.label}: fix {fix.fix_id}: {_what(fix)} {target}: "
                             f"{describe(fix)}"))  # fmt: skip


def geocode_place(name: str, geocoder_name: str = "gazetteer",
                  geocoder_options: tuple[str, ...] = ()) -> dict[str, Any]:  # fmt: skip
    """``--place NAME`` as a location fix's value: the best place the geocoder knows by
    that name (the offline gazetteer by default)."""
    from geomap.records import GazetteerEntry

    entry: GazetteerEntry | None
    if geocoder_name.strip().lower() == "gazetteer" and not geocoder_options:
        from geomap.gazetteer.index import GazetteerIndex

        found = GazetteerIndex.open().lookup(name, limit=1)
        entry = found[0] if found else None
    else:
        from geomap.geocoders import build_geocoder, entry_from_location

        location = build_geocoder(geocoder_name, geocoder_options).geocode(name)
        known = {f.name for f in dataclasses.fields(GazetteerEntry)}
        if location is None:
            entry = None
        elif "id" in location.raw and set(location.raw) >= {"id", "name", "lat", "lon"}:
            entry = GazetteerEntry(**{k: v for k, v in location.raw.items() if k in known
                                      and k != "bbox"})  # fmt: skip
        else:
            entry = entry_from_location(location, geocoder_name)
    if entry is None:
        raise GeomapError(f"no place called {name!r} in the {geocoder_name} geocoder "
                          "(geomap geocode NAME lists what the gazetteer knows)")  # fmt: skip
    return {"lat": entry.lat, "lon": entry.lon, "place": entry.name, "place_id": entry.id,
            "feature_type": entry.feature_type, "country_code": entry.country_code,
            "admin1": entry.admin1, "geonameid": entry.geonameid, "asked": name}  # fmt: skip


def _what(fix: Fix) -> str:
    return "incident" if fix.layer == "incidents" else "place"


# ----------------------------------------------------------------------- fixes files


@dataclasses.dataclass(frozen=True, slots=True)
class FileFix:
    """One correction read from a fixes file, with where it was read (for messages)."""

    target: str
    change: Change
    where: str


fixes_file_option = click.option(
    "--fixes", "fixes_path", type=click.Path(dir_okay=False), metavar="FILE",
    help="Corrections to apply to the article's map: a CSV (id,place,lat,lon,type,remove) "
    "or YAML file, as geomap fix takes them. One article only.")  # fmt: skip


def map_fixes(fixes_path: str | None, n_articles: int, geocoder_name: str,
              geocoder_options: tuple[str, ...]) -> list[FileFix]:  # fmt: skip
    """``geomap map --fixes``: the file's corrections, read and checked before any work."""
    if not fixes_path:
        return []
    if n_articles != 1:
        raise click.UsageError("--fixes corrects one article's map: give one article")
    return load_fixes_file(fixes_path, geocoder_name=geocoder_name,
                           geocoder_options=geocoder_options)  # fmt: skip


def load_fixes_file(path: str, *, geocoder_name: str = "gazetteer",
                    geocoder_options: tuple[str, ...] = ()) -> list[FileFix]:  # fmt: skip
    """Read and check every correction in a CSV (``id,place,lat,lon,type,remove``) or
    YAML (a list of mappings with those keys) file; a bad row is one line naming it."""
    from geomap.collection.fixes import id_kind

    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
        raise GeomapError(f"{path}: cannot read the fixes file ({reason})") from None
    if file.suffix.lower() in (".yaml", ".yml"):
        rows = _yaml_rows(path, text)
    elif file.suffix.lower() == ".csv":
        rows = _csv_rows(path, text)
    else:
        raise GeomapError(f"{path}: a fixes file is .csv or .yaml")
    out = []
    for where, row in rows:
        target = str(row.get("id") or "").strip()
        if not target:
            raise GeomapError(f"{where}: no id")
        try:
            layer = "places" if id_kind(target) == "place" else "incidents"
            for change in _changes(row, layer, geocoder_name, geocoder_options):
                out.append(FileFix(target, change, where))
        except GeomapError as e:
            raise GeomapError(f"{where}: {e}") from None
    return out


def _csv_rows(path: str, text: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(text.splitlines())
    unknown = set(reader.fieldnames or ()) - set(FILE_COLUMNS)
    if "id" not in (reader.fieldnames or ()) or unknown:
        raise GeomapError(f"{path}: the first line names the columns: id and some of "
                          f"{', '.join(FILE_COLUMNS[1:])}"
                          + (f" (not {', '.join(sorted(unknown))})" if unknown else ""))
    return [(f"{path} line {reader.line_num}", row) for row in reader]


def _yaml_rows(path: str, text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        import yaml
    except ImportError:
        raise GeomapError(f"{path}: reading YAML needs PyYAML (pip install pyyaml); "
                          "or give the fixes as CSV") from None  # fmt: skip
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise GeomapError(f"{path}: not YAML ({' '.join(str(e).split())})") from None
    if isinstance(data, dict):  # id: {type: ...}
        data = [{"id": k, **(v if isinstance(v, dict) else {})} for k, v in data.items()]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise GeomapError(f"{path}: a YAML fixes file is a list of mappings (id: ..., "
                          "type: ...)")  # fmt: skip
    for number, row in enumerate(data, 1):
        unknown = set(row) - set(FILE_COLUMNS)
        if unknown:
            raise GeomapError(f"{path} entry {number}: unknown keys {', '.join(map(str, unknown))}"
                              f" (a fix has {', '.join(FILE_COLUMNS)})")  # fmt: skip
    return [(f"{path} entry {number}", row) for number, row in enumerate(data, 1)]


def _changes(row: dict[str, Any], layer: str, geocoder_name: str,
             geocoder_options: tuple[str, ...]) -> list[Change]:  # fmt: skip
    from geomap.collection.fixes import Change, check_lat_lon, type_value

    given = {k: v for k, v in row.items() if k != "id" and v not in (None, "")}
    if not given:
        raise GeomapError("no correction (give place, lat and lon, type or remove)")
    changes = []
    if ("lat" in given) != ("lon" in given):
        raise GeomapError("lat and lon go together")
    if "lat" in given:
        changes.append(Change("location", dict(zip(("lat", "lon"), check_lat_lon(
            _number(given["lat"], "latitude"), _number(given["lon"], "longitude")),
            strict=True))))  # fmt: skip
    if "place" in given:
        if "lat" in given:
            raise GeomapError("give a place or lat and lon, not both")
        changes.append(Change("location", geocode_place(str(given["place"]), geocoder_name,
                                                        geocoder_options)))  # fmt: skip
    if "type" in given:
        changes.append(Change("type", type_value(layer, str(given["type"]))))
    if "remove" in given:
        if str(given["remove"]).strip().lower() not in ("true", "yes", "1", "x"):
            raise GeomapError(f"remove is yes or empty, not {given['remove']!r}")
        changes.append(Change("remove", {}))
    return changes


def _number(value: Any, what: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise GeomapError(f"{what} {value!r} is not a number") from None


def apply_file_fixes(data: MapData, fixes: list[FileFix], *, label: str) -> MapData:
    """One article's frames with the file's corrections applied (``corrected`` says
    which rows); an id the article does not have is one line naming the file's row."""
    from geomap.collection.fix_index import FixIndex
    from geomap.collection.fixes import Fix, id_kind
    from geomap.collection.parse import merge_key, merged_incident_id

    if not fixes:
        return data
    incidents = data.incidents_frame
    own_ids = {}  # the collection's id of each incident as well as the article's own
    for record in incidents.drop(columns=incidents.geometry.name).to_dict("records"):
        own_ids[merged_incident_id(merge_key(record))] = record["incident_id"]
        own_ids[record["incident_id"]] = record["incident_id"]
    places = set(data.places_frame["place_id"])
    stored = []
    for number, item in enumerate(fixes, 1):
        key = own_ids.get(item.target) if id_kind(item.target) != "place" else \
            (item.target if item.target in places else None)  # fmt: skip
        if key is None:
            raise GeomapError(f"{item.where}: no incident or place {item.target!r} in {label}")
        layer = "places" if id_kind(item.target) == "place" else "incidents"
        value = item.change.value
        stored.append(Fix(number, layer, item.target, item.change.kind, value, [{"key": key}]))
    index = FixIndex(stored)
    return dataclasses.replace(
        data,
        places_frame=_corrected(data.places_frame, "places", "place_id", index),
        incidents_frame=_corrected(incidents, "incidents", "incident_id", index),
    )


def _corrected(frame: Any, layer: str, id_column: str, index: FixIndex) -> Any:
    """``frame`` with each row as :meth:`FixIndex.apply` corrects it, and ``corrected``."""
    import geopandas as gpd

    rows, geometries = [], []
    names = [c for c in frame.columns if c != frame.geometry.name]
    for record, geom in zip(frame[names].to_dict("records"), frame.geometry, strict=True):
        props, point = index.apply(layer, record[id_column], record)
        if props is None:
            continue
        rows.append({**{n: props.get(n) for n in names}, "corrected": props.get("corrected")})
        geometries.append(point if point is not None else geom)
    out = gpd.GeoDataFrame(rows, columns=[*names, "corrected"],
                           geometry=gpd.GeoSeries(geometries, crs=frame.crs))  # fmt: skip
    for name in names:
        out[name] = out[name].astype(frame[name].dtype)
    return out
