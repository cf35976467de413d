"""``geomap cache``: what the online geocoders' answer cache holds, and emptying it."""

from __future__ import annotations

import click

__all__ = ["cache"]


@click.group()
def cache() -> None:
    """The cache of online geocoder answers (in $GEOMAP_CACHE_DIR or the user cache)."""


@cache.command("stats")
def stats() -> None:
    """Show where the cache is, its size, and how many answers each service has."""
    from geomap.geocoders.cache import AnswerCache

    answers = AnswerCache()
    s = answers.stats()
    answers.close()
    click.echo(f"cache: {s.path} ({s.size_bytes / 1e6:.1f} MB)")
    total = sum(s.answers.values())
    click.echo(f"answers: {total} ({s.expired} expired)")
    for service, n in s.answers.items():
        click.echo(f"  {service}: {n}")


@cache.command("clear")
@click.option("--service", metavar="NAME", help="Only this service's answers (e.g. nominatim).")
@click.option("--expired", is_flag=True, help="Only answers past their expiry.")
def clear(service: str | None, expired: bool) -> None:
    """Delete stored answers: all of them, or one service's, or the expired ones."""
    from geomap.geocoders.cache import AnswerCache

    answers = AnswerCache()
    n = answers.clear(service=service.lower() if service else None, expired_only=expired)
    answers.close()
    click.echo(f"deleted {n} answer{'' if n == 1 else 's'} from {answers.path}")
