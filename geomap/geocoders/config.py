"""Where geocoder settings come from: command line, environment, then a TOML file.

The file is ``$GEOMAP_CONFIG`` or ``config.toml`` in the user config directory::

    user_agent = "my-newsroom-maps/1.0 (maps@example.org)"   # sent to every service

    [cache]
    expire_days = 30

    [geocoders.nominatim]
    min_delay_seconds = 1.0

    [geocoders.googlev3]
    api_key = "..."

    [geocoders.hybrid]
    online = "photon"
    confident_score = 0.6

Any option ``OPT`` of service ``SVC`` can also come from ``GEOMAP_SVC_OPT``
(``GEOMAP_GOOGLEV3_API_KEY``, ``GEOMAP_GEONAMES_USERNAME``).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import platformdirs

from geomap.errors import GeomapError

__all__ = [
    "CONFIG_ENV",
    "config_path",
    "env_options",
    "load_config",
    "parse_option",
    "parse_value",
    "service_config",
]

CONFIG_ENV = "GEOMAP_CONFIG"


def config_path() -> Path:
    if env := os.environ.get(CONFIG_ENV):
        return Path(env)
    return Path(platformdirs.user_config_dir("geomap")) / "config.toml"


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """The whole config file as a dict; empty when there is none.

    Its shape and geomap's own limits (timeouts above 0, a few retries...) are checked
    here, when it is read, so a bad value stops the run with a line naming the file.
    """
    p = Path(path) if path is not None else config_path()
    return dict(_load(str(p)))


@lru_cache(maxsize=8)
def _load(path: str) -> Mapping[str, Any]:
    try:
        with open(path, "rb") as fh:
            config = tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as e:
        raise GeomapError(f"{path}: not UTF-8 text (invalid byte at offset {e.start})") from None
    except tomllib.TOMLDecodeError as e:
        raise GeomapError(f"{path}: not valid TOML: {e}") from None
    except OSError as e:
        raise GeomapError(f"{path}: cannot read: {e.strerror}") from None
    _check(config, path)
    return config


def _check(config: Mapping[str, Any], path: str) -> None:
    """Raise a GeomapError naming ``path`` for a value geomap cannot use."""
    from geomap.geocoders.polite import option_problem

    if not isinstance(config.get("user_agent", ""), str):
        raise GeomapError(f"{path}: user_agent must be a string")
    services = config.get("geocoders", {})
    if not isinstance(services, dict):
        raise GeomapError(f"{path}: geocoders must be a table ([geocoders.NAME] sections)")
    for name, section in services.items():
        if not isinstance(section, dict):
            raise GeomapError(f"{path}: [geocoders.{name}] must be a table")
        for key, value in section.items():
            if problem := option_problem(key, value):
                raise GeomapError(f"{path}: [geocoders.{name}] {problem}")


def service_config(name: str, config: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``[geocoders.NAME]`` table, with the file's top-level ``user_agent`` as default."""
    config = load_config() if config is None else config
    section = config.get("geocoders", {}).get(name, {})
    if not isinstance(section, dict):
        raise GeomapError(f"{config_path()}: [geocoders.{name}] must be a table")
    out = {"user_agent": config["user_agent"]} if "user_agent" in config else {}
    return out | section


def env_options(name: str, keys: Iterable[str]) -> dict[str, Any]:
    """``GEOMAP_<NAME>_<KEY>`` variables for the given option keys."""
    out = {}
    for key in keys:
        value = os.environ.get(f"GEOMAP_{name.upper()}_{key.upper()}")
        if value is not None:
            out[key] = parse_value(value)
    return out


def parse_option(text: str) -> tuple[str, Any]:
    """``"timeout=5"`` -> ``("timeout", 5)``; values are read as TOML, else as text."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise GeomapError(f"geocoder option {text!r} is not KEY=VALUE")
    return key, parse_value(value.strip())


def parse_value(value: str) -> Any:
    try:
        return tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return value
