"""Articles written for the tests, run through the whole pipeline (with the session's
gazetteer index): ``incidents_in(text, date)``.

Tests import it as ``from written_articles import ...`` (pytest puts ``tests/`` on
sys.path).
"""

from __future__ import annotations

import datetime as dt

from geomap.article import article_from_text
from geomap.pipeline import run
from geomap.records import Incident

__all__ = ["incidents_in"]


def incidents_in(text: str, date: dt.date | None) -> list[Incident]:
    """The incidents geomap finds in ``text``, published on ``date``."""
    return run(article_from_text(text, article_id="story", date=date)).incidents
