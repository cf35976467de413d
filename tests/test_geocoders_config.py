"""The geocoder config file and option values: checked when read, one line naming where
the bad value came from (a negative timeout used to hang, retries = 100000 was obeyed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.errors import GeomapError
from geomap.geocoders import build_geocoder, build_service
from geomap.geocoders.config import CONFIG_ENV, load_config

ARTICLE = "Flood in Kyiv\n\nA flood hit Kyiv on Friday.\n"
LOCAL = {"domain": "127.0.0.1:9", "scheme": "http"}  # never reached: the checks come first


def _config(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'user_agent = "caf\xe9"\n', "not UTF-8 text (invalid byte at offset 17)"),
        (b"[geocoders.nominatim\ntimeout = 5\n", "not valid TOML"),
        (b"[geocoders.nominatim]\ntimeout = -1\n",
         "[geocoders.nominatim] timeout must be a number of seconds above 0, at most 300, not -1"),
        (b"[geocoders.nominatim]\ntimeout = 0\n", "timeout must be a number of seconds above 0"),
        (b"[geocoders.nominatim]\nmax_retries = 100000\n",
         "max_retries must be a whole number from 0 to 10, not 100000"),
        (b"[geocoders.photon]\nmax_retries = 2.5\n", "max_retries must be a whole number"),
        (b"[geocoders.photon]\nmin_delay_seconds = 1e9\n", "min_delay_seconds must be"),
        (b"[geocoders.photon]\nmin_delay_seconds = -1\n", "min_delay_seconds must be"),
        (b'[geocoders.photon]\ntimeout = "5"\n', "timeout must be a number"),
        (b"[geocoders.photon]\ntimeout = nan\n", "timeout must be a number"),
        (b"[geocoders.photon]\ncache = 1\n", "cache must be true or false"),
        (b"[geocoders.hybrid]\nconfident_score = 2\n", "confident_score must be a number from"),
        (b"geocoders = 5\n", "geocoders must be a table"),
        (b"[geocoders]\nnominatim = 5\n", "[geocoders.nominatim] must be a table"),
        (b"user_agent = 5\n", "user_agent must be a string"),
    ],
)  # fmt: skip
def test_a_bad_config_file_is_one_line_naming_it(tmp_path, content, message) -> None:
    path = _config(tmp_path, "config.toml", content)
    with pytest.raises(GeomapError) as bad:
        load_config(path)
    assert str(bad.value).startswith(f"{path}: ") and message in str(bad.value)


def test_the_map_command_stops_on_a_bad_config_before_any_work(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flood.txt").write_text(ARTICLE, encoding="utf-8")
    for name, content in [("latin1.toml", b'user_agent = "caf\xe9"\n'),
                          ("negative.toml", b"[geocoders.nominatim]\ntimeout = -1\n")]:  # fmt: skip
        path = _config(tmp_path, name, content)
        done = CliRunner().invoke(
            cli, ["map", "flood.txt", "--geocoder", "nominatim"], env={CONFIG_ENV: str(path)}
        )
        assert done.exit_code == 1, done.output
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"geomap: {path}: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "flood.txt", "latin1.toml", "negative.toml"]  # fmt: skip


def test_bad_values_from_options_and_environment_say_where_they_came_from(
    monkeypatch,
) -> None:
    with pytest.raises(GeomapError, match=r"nominatim: timeout must be .* \(from --geocoder-opt"):
        build_service("nominatim", LOCAL | {"timeout": -5}, cache=False, config={})
    with pytest.raises(GeomapError, match=r"max_retries must be .*not 100000 \(from --geocoder"):
        build_service("nominatim", LOCAL | {"max_retries": 100000}, cache=False, config={})
    monkeypatch.setenv("GEOMAP_PHOTON_TIMEOUT", "-1")
    with pytest.raises(GeomapError, match=r"photon: timeout .* \(from GEOMAP_PHOTON_TIMEOUT\)"):
        build_service("photon", LOCAL, cache=False, config={})
    config = {"geocoders": {"photon": {"backoff_seconds": 1e6}}}
    monkeypatch.setenv(CONFIG_ENV, "/etc/geomap-test.toml")
    monkeypatch.delenv("GEOMAP_PHOTON_TIMEOUT")
    with pytest.raises(GeomapError, match=r"backoff_seconds .* \(from /etc/geomap-test.toml\)"):
        build_service("photon", LOCAL, cache=False, config=config)
    with pytest.raises(GeomapError, match="hybrid: confident_score must be a number from 0"):
        build_geocoder("hybrid:photon", LOCAL | {"confident_score": "high"}, cache=False,
                       config={})  # fmt: skip


def test_good_values_are_taken() -> None:
    service = build_service(
        "nominatim",
        LOCAL | {"timeout": 0.5, "max_retries": 0, "min_delay_seconds": 0, "cache": False},
        cache=False,
        config={},
    )
    assert (service.policy.timeout, service.policy.max_retries) == (0.5, 0)
