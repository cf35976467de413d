"""Facts an article states near each place: radii, counts, dates and periods.

Finders work on plain text and return records with offsets into it
(:func:`find_facts` runs them once per article); :func:`attach_facts` then hands
each fact to the place(s) it is stated about:
the places named in the same sentence or, when that sentence names none, the
most specific place of the closest earlier sentence that does (news
paragraphs are often one sentence long, so this look-back crosses paragraphs).

Decisions worth knowing:

* Vague amounts take ACLED's values, with the word as their qualifier: "dozens of"
  is 12, "scores of" 24, "hundreds of" 100, "thousands of" 1,000; "a dozen" is 12.
  "Several" and "many" are no figure: a number would be invented.
* A count of one is kept only for casualties ("one person was killed"):
  "one man arrived" is narrative, not a tally.
* A casualty count is recorded with noun ``dead`` or ``injured`` (the thing
  counted is a casualty), so "at least 5 people were killed" gives
  ``Count(5, "dead", "at least")``.
* A radius goes to one place, never to a country, sea or broad region.  A
  radius with its own centre ("within 2 km of the damaged dam") goes to a place
  of its own sentence at most, never to one named earlier, and to no place when
  the centre is a site named after a place ("of the Campotosto dam").
* Weekdays and "yesterday" resolve against the publication date only; with no
  publication date they are dropped, as is a day and month with no year.
"""

from __future__ import annotations

import bisect

from geomap.doc import Doc, Facts
from geomap.facts.attach import attach_facts
from geomap.facts.counts import find_counts
from geomap.facts.dates import find_dates, find_periods
from geomap.facts.measures import LENGTH_UNITS, find_distances, find_radii
from geomap.records import DateRef, Period

__all__ = [
    "LENGTH_UNITS",
    "attach_facts",
    "find_counts",
    "find_dates",
    "find_distances",
    "find_facts",
    "find_periods",
    "find_radii",
]


def find_facts(doc: Doc) -> None:
    """The ``facts`` stage: every count, date, period, radius and distance the article
    states, found once for every later stage (``doc.facts``)."""
    text, published = doc.text, doc.article.date
    dates = find_dates(text, published)
    doc.facts = Facts(
        counts=tuple(find_counts(text)),
        dates=tuple(dates),
        periods=tuple(_outside(find_periods(text, published), dates)),
        radii=tuple(find_radii(text)),
        distances=tuple(find_distances(text)),
    )


def _outside(periods: list[Period], dates: list[DateRef]) -> list[Period]:
    """The periods that are not part of a stated date: "2005" in "February 22, 2005" is
    that day's year, not a year-long period of its own."""
    starts = [d.start for d in dates]  # in text order
    kept = []
    for period in periods:
        k = bisect.bisect_right(starts, period.start) - 1
        inside = k >= 0 and period.start < dates[k].end
        starts_later = k + 1 < len(dates) and dates[k + 1].start < period.end
        if not (inside or starts_later):
            kept.append(period)
    return kept
