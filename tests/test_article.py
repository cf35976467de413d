"""Reading article files: text, HTML, and every kind of bad input, each a one-line error."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.article import article_from_text, read_article, stated_date
from geomap.errors import GeomapError

FLOOD = (
    "Floods force hundreds from homes near Porto Alegre\n\n"
    "Rescuers in Rio Grande do Sul said on May 6, 2024 that the Guaiba river was still rising.\n"
)


def test_plain_text_article_keeps_text_title_and_stated_date(tmp_path) -> None:
    path = tmp_path / "porto_alegre.txt"
    path.write_text(FLOOD, encoding="utf-8")
    article = read_article(path)
    assert article.id == "porto_alegre"
    assert article.text == FLOOD
    assert article.title == "Floods force hundreds from homes near Porto Alegre"
    assert article.date == dt.date(2024, 5, 6)


def test_date_option_overrides_the_stated_date(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(FLOOD, encoding="utf-8")
    assert read_article(path, date=dt.date(2024, 5, 7)).date == dt.date(2024, 5, 7)


def test_latest_full_date_is_taken_and_future_dates_ignored() -> None:
    text = (
        "The dam failed on 2 March 2019. A report on 14 April 2021 blamed it. "
        "Work ends 2999-01-01."
    )
    assert stated_date(text) == dt.date(2021, 4, 14)
    assert stated_date("Nothing dated here, only Tuesday.") is None


def test_crlf_line_ends_are_normalised() -> None:
    article = article_from_text("Title\r\nBody in Lima.\r\n", article_id="x")
    assert article.text == "Title\nBody in Lima.\n"


def test_html_article_is_reduced_to_its_main_text(tmp_path) -> None:
    body = " ".join(["Firefighters in Valparaiso fought the blaze for a third day."] * 6)
    html = (
        "<!DOCTYPE html><html><head><title>Chile fires | Example News</title>"
        '<meta property="article:published_time" content="2024-02-04"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Wildfires near Valparaiso</h1>"
        f"<p>{body}</p><p>{body}</p></article><footer>Copyright</footer></body></html>"
    )
    path = tmp_path / "chile.html"
    path.write_text(html, encoding="utf-8")
    article = read_article(path)
    assert "Firefighters in Valparaiso" in article.text
    assert "Copyright" not in article.text
    assert article.date == dt.date(2024, 2, 4)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Incendie à Marseille".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_inputs_give_one_line_errors(tmp_path, content, message) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(GeomapError) as excinfo:
        read_article(path)
    text = str(excinfo.value)
    assert message in text
    assert "\n" not in text
    assert str(path) in text


def test_directory_is_refused(tmp_path) -> None:
    with pytest.raises(GeomapError, match="is a directory"):
        read_article(tmp_path)


def test_html_article_gives_site_and_keeps_known_title_and_date() -> None:
    from geomap.article import html_article

    body = " ".join(["Snow closed the main road over the pass above Bergen for a second day."] * 6)
    html = (
        "<!DOCTYPE html><html><head><title>Snow | Fjord Post</title>"
        '<meta property="og:site_name" content="Fjord Post">'
        '<meta property="article:published_time" content="2024-01-09"></head><body>'
        f"<article><h1>Snow over Bergen</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )
    article, site = html_article(html, article_id="snow", label="snow.html",
                                 url="https://fjordpost.example/snow")  # fmt: skip
    assert site == "Fjord Post"
    assert article.date == dt.date(2024, 1, 9)
    assert article.url == "https://fjordpost.example/snow"
    article, _ = html_article(html, article_id="snow", label="snow.html",
                              title="Feed title", date=dt.date(2024, 1, 10))  # fmt: skip
    assert article.title == "Feed title" and article.text.startswith("Feed title\n\n")
    assert article.date == dt.date(2024, 1, 10)
