"""The parent's backstops on a crawl child, and the settings they read.

The child stops itself gracefully at CLOSESPIDER_TIMEOUT and MEMUSAGE_LIMIT_MB; the parent
(crawler/runner.py) sends SIGINT after NEWSMON_TIME_LIMIT, SIGKILL NEWSMON_KILL_GRACE seconds
later, and kills a child whose resident size passes NEWSMON_MEMORY_HARD_FACTOR times its memory
limit. It reads these from the same Scrapy settings the child gets, `--set` pairs included.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.settings import Settings


@dataclass(frozen=True)
class Limits:
    """What one crawl child may use. The child stops itself gracefully at CLOSESPIDER_TIMEOUT
    and MEMUSAGE_LIMIT_MB; these are the parent's backstops for a child that does not."""

    time_limit: float | None  # seconds; then SIGINT (Scrapy closes with reason 'shutdown')
    kill_grace: float  # seconds between SIGINT and SIGKILL
    memory_mb: int | None  # the child's own MEMUSAGE_LIMIT_MB (graceful)
    memory_hard_mb: int | None  # resident size at which the parent kills the child at once


class SettingError(ValueError):
    """A --set value the parent itself reads (a limit) that is not a number."""


def crawl_settings(overrides: dict[str, str] | None = None) -> Settings:
    """The settings of a crawl as its child sees them, built the Scrapy way in the parent:
    the project's crawler/settings.py, then the --set pairs at 'cmdline' priority. The parent's
    backstops (time, kill grace, hard memory) read their limits from here, so --set reaches them
    too."""
    settings = Settings()
    # What get_project_settings() loads, without depending on the working directory's scrapy.cfg.
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict(overrides or {}, priority="cmdline")
    return settings


def _number(settings: Settings, name: str) -> float:
    try:
        return settings.getfloat(name)
    except ValueError:
        raise SettingError(f"{name}={settings.get(name)!r} is not a number") from None


def effective_limits(request) -> Limits:
    """The limits of a crawler.runner.CrawlRequest: its options first, then its settings."""
    settings = crawl_settings(request.settings)
    time_limit = request.time_limit
    if time_limit is None:
        time_limit = _number(settings, "NEWSMON_TIME_LIMIT")
    memory = request.memory_limit_mb
    if memory is None:
        try:  # --set MEMUSAGE_LIMIT_MB=0 switches the limit off, here as in Scrapy
            memory = settings.getint("MEMUSAGE_LIMIT_MB")
        except ValueError:  # the child refuses the setting itself, and that is recorded
            memory = crawl_settings().getint("MEMUSAGE_LIMIT_MB")
    hard = round(memory * _number(settings, "NEWSMON_MEMORY_HARD_FACTOR")) if memory else None
    grace = request.kill_grace
    if grace is None:
        grace = _number(settings, "NEWSMON_KILL_GRACE")
    return Limits(time_limit or None, float(grace), memory or None, hard)
