"""The title block and the legend: escaped HTML made from the same tables the map is
drawn from, shown by ``geomap.panel`` (folded to their first lines by default)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd

from geomap.count_fields import COUNT_TABLE
from geomap.records import Article
from geomap.render.incidents import (
    BACKGROUND_COLOUR,
    NEAR_RADIUS_M,
    incident_style,
    incident_svg,
    source_entry,
)
from geomap.render.places import CONTEXT_COLOUR, STYLES, esc, place_svg

__all__ = ["MAX_SOURCES", "legend_html", "source_list", "title_html"]

MAX_SOURCES = 8
"""Source articles listed in the title block; the rest are counted."""


def legend_html(
    place_keys: set[str],
    *,
    context: bool,
    with_areas: bool,
    incident_types: list[str],
    precisions: set[str],
    background: bool,
    size_by: str | None = None,
) -> str:
    """The legend, from the same tables the markers are drawn from: a heading, and the
    rest in the part that folds away, each section a ``<details>`` of its own; only
    the first (the incidents' types, else the places) starts open, which keeps the
    legend small on the map."""

    def item(swatch: str, label: str) -> str:
        return f'<li><span class="swatch">{swatch}</span>{esc(label)}</li>'

    def section(title: str, items: list[str]) -> str:
        opened = " open" if not parts else ""
        body = f"<summary>{esc(title)}</summary><ul>{''.join(items)}</ul>"
        return f"<details{opened}>{body}</details>"

    parts = []
    if incident_types:
        items = [item(incident_svg(incident_style(t), shape="badge"), t or "Other")
                 for t in incident_types]  # fmt: skip
        if background:
            grey = incident_svg(incident_style(incident_types[0]), shape="badge",
                                colour=BACKGROUND_COLOUR)  # fmt: skip
            items.append(item(grey, "Background (historic) incident"))
        parts.append(section("Incidents", items))
        where = []
        any_style = incident_style(incident_types[0])
        if "point" in precisions:
            where.append(item(incident_svg(any_style, shape="pin"), "At a named place"))
        if "near" in precisions:
            where.append(
                item(
                    '<span class="near"></span>',
                    f"Near a place (within about {NEAR_RADIUS_M // 1000} km)",
                )
            )
        if "region" in precisions:
            where.append(
                item('<span class="region"></span>', "Somewhere in a province or country (shaded)")
            )
        if where:
            parts.append(section("Where", where))
        if size_by:
            sizes = [item(f'<span class="sized" style="width:{d}px;height:{d}px"></span>', text)
                     for d, text in ((8, "none stated"), (12, "10"), (16, "100"),
                                     (20, "1,000 or more"))]  # fmt: skip
            parts.append(section(f"Size: {COUNT_TABLE[size_by].label}", sizes))
    items = [item(place_svg(STYLES[key])[0], STYLES[key].label) for key in STYLES
             if key in place_keys]  # fmt: skip
    if context:
        items.append(
            item(
                place_svg(STYLES["city"], colour=CONTEXT_COLOUR, scale=0.75)[0],
                "Place named only as context",
            )
        )
    if with_areas:
        items.append('<li><span class="swatch"><span class="area"></span></span>Stated radius</li>')
    if items:
        parts.append(section("Places", items))
    return f'<h2>Legend</h2><div class="geomap-detail">{"".join(parts)}</div>'


def source_list(
    sources: Sequence[Mapping[str, Any]] | None,
    article: Article | None,
    incidents: gpd.GeoDataFrame | None,
) -> list[dict[str, str | None]]:
    """The source articles to name: given, else the article, else the incidents' own."""
    if sources:
        return [source_entry(s.get("title"), s.get("url"), s.get("date")) for s in sources]
    if article is not None:
        date = article.date.isoformat() if article.date else None
        return [source_entry(article.title, article.url, date)]
    if incidents is not None and len(incidents) and "source_title" in incidents:
        rows = incidents[["source_title", "source_url", "source_date"]].drop_duplicates()
        return [source_entry(*row) for row in rows.itertuples(index=False)]
    return []


def title_html(title: str, sources: list[dict[str, str | None]], counts: dict[str, int]) -> str:
    """The title, a line of what the map holds (and the article's date), and the source
    articles in the part that folds away."""
    lines = []
    date = None
    if len(sources) == 1:
        source = sources[0]
        date = source["date"]
        if source["url"]:
            lines.append(f'<p><a href="{source["url"]}" target="_blank" '
                         f'rel="noopener noreferrer">{source["url"]}</a></p>')  # fmt: skip
    elif sources:
        items = []
        for source in sources[:MAX_SOURCES]:
            text = source["title"] or source["url"] or "untitled article"
            if source["url"]:
                text = (f'<a href="{source["url"]}" target="_blank" '
                        f'rel="noopener noreferrer">{text}</a>')  # fmt: skip
            items.append(f"<li>{text}{' · ' + source['date'] if source['date'] else ''}</li>")
        more = len(sources) - MAX_SOURCES
        if more > 0:
            items.append(f"<li>and {more} more article{'s' * (more > 1)}</li>")
        lines.append(f"<ul>{''.join(items)}</ul>")
    shown = [f"{n} {noun}{'' if n == 1 else plural}" for noun, plural, n in (
        ("place", "s", counts["places"]), ("stated radius", "es", counts["areas"]),
        ("incident", "s", counts["incidents"])) if n or noun == "place"]  # fmt: skip
    summary = f"{date} · " if date else ""
    if len(sources) > 1:
        summary = f"{len(sources)} articles · "
    summary += esc(", ".join(shown))
    return (f'<h1>{esc(title)}</h1><p class="geomap-summary">{summary}</p>'
            f'<div class="geomap-detail">{"".join(lines)}</div>')  # fmt: skip


