from __future__ import annotations

import pytest

from geomap.text import EXCERPT_CHARS, excerpt, paragraph_spans, sentence_at, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_abbreviations_decimals_and_quotes_do_not_split() -> None:
    text = (
        "The U.S. Geological Survey said Mr. Tanaka measured 2.5 metres on Jan. 3. "
        '"We left at once." Then the tide rose!'
    )
    assert sentences(text) == [
        "The U.S. Geological Survey said Mr. Tanaka measured 2.5 metres on Jan. 3.",
        '"We left at once."',
        "Then the tide rose!",
    ]


def test_initialism_at_sentence_end_splits_before_a_sentence_opener() -> None:
    text = "Aid arrived from the U.S. The convoy reached Kherson."
    assert sentences(text) == ["Aid arrived from the U.S.", "The convoy reached Kherson."]


def test_headline_lines_and_paragraphs_are_their_own_sentences() -> None:
    text = "Floods hit Houston\n\nRain fell for days. Roads closed\n\nA second paragraph."
    assert sentences(text) == [
        "Floods hit Houston",
        "Rain fell for days.",
        "Roads closed",
        "A second paragraph.",
    ]
    assert len(paragraph_spans(text)) == 3


def test_hard_wrapped_line_continuing_in_lower_case_stays_one_sentence() -> None:
    text = "The river rose near the\nbridge overnight.\nA Headline Line"
    assert sentences(text) == ["The river rose near the\nbridge overnight.", "A Headline Line"]


def test_offsets_point_into_the_original_text() -> None:
    text = "  Smoke over Lyon.   Residents left.  "
    spans = sentence_spans(text)
    assert spans == [(2, 18), (21, 36)]
    assert sentence_at(spans, text.index("Residents")) == (21, 36)
    assert sentence_at(spans, 19) == (2, 18)  # between sentences: the one before
    with pytest.raises(ValueError):
        sentence_at([], 0)


def test_excerpt_quotes_short_sentences_whole_and_long_ones_around_the_place():
    text = "Intro. " + "Sirens sounded in " + ", ".join(f"Town{i}" for i in range(3000)) + "."
    sentence = sentence_spans(text)[1]
    assert excerpt(text, sentence_spans(text)[0]) == "Intro."
    place = text.index("Town2500,")
    quoted = excerpt(text, sentence, (place, place + 8))
    assert len(quoted) <= EXCERPT_CHARS + 2
    assert "Town2500" in quoted and quoted.startswith("\u2026") and quoted.endswith("\u2026")
    assert " Town" not in quoted[:3] and quoted[1:].split(" ")[0].startswith("Town")  # whole words
    opening = excerpt(text, sentence)
    assert opening.startswith("Sirens sounded in Town0") and opening.endswith("\u2026")
    assert len(opening) <= EXCERPT_CHARS + 1
