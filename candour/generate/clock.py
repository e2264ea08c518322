"""Local time in Europe/London: clock changes, elapsed hours, times that exist.

Naive local timestamps are what police systems hold. Around the clock changes
an hour of local time does not exist (March) or happens twice (October); the
generator never writes a time in either hour, so every timestamp it writes
has exactly one meaning.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


@lru_cache(maxsize=256)
def clock_change_days(year: int) -> tuple[date, date]:
    """The last Sundays of March and October (the UK changes at 01:00 UTC)."""

    def last_sunday(month: int) -> date:
        d = date(year, month, 31)
        return d - timedelta(days=(d.weekday() + 1) % 7)

    return last_sunday(3), last_sunday(10)


def safe(t: datetime) -> datetime:
    """Move a time out of the missing or repeated hour of a clock-change day."""
    if t.hour == 1 and t.date() in clock_change_days(t.year):
        return t + timedelta(hours=1)
    return t


def elapsed_hours(a: datetime, b: datetime) -> float:
    """Real hours from local time a to local time b."""
    ua = a.replace(tzinfo=LONDON).astimezone(UTC)
    ub = b.replace(tzinfo=LONDON).astimezone(UTC)
    return (ub - ua).total_seconds() / 3600.0


def is_late(reported: datetime, recorded: datetime, limit: float = 24.0) -> bool:
    wall = (recorded - reported).total_seconds() / 3600.0
    if wall < limit - 1.5:
        return False
    if wall > limit + 1.5:
        return True
    return elapsed_hours(reported, recorded) > limit
