"""The nickname table: which forenames may name the same person (Kate, Katie, Katherine).

candour/data/nicknames.csv holds one group per row: a canonical forename and
its variants (hypocorisms, spellings, transliterations). A name may belong to
several groups (Chris → Christopher and Christina); a record's forename is
compared by whether the two names share any group.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def nickname_groups() -> dict[str, tuple[str, ...]]:
    """Each known forename (lower case) → the canonical names of its groups, sorted."""
    groups: dict[str, set[str]] = {}
    text = resources.files("candour").joinpath("data", "nicknames.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        canonical = row["canonical"].strip().lower()
        for name in (canonical, *row["variants"].lower().split()):
            groups.setdefault(name, set()).add(canonical)
    return {name: tuple(sorted(g)) for name, g in groups.items()}


def groups_of(forename: str) -> tuple[str, ...]:
    """The nickname groups of one cleaned forename; a name in no group is its own group."""
    return nickname_groups().get(forename, (forename,)) if forename else ()


def same_person_names(a: str, b: str) -> bool:
    """Whether two forenames may name the same person by the table (or are equal)."""
    return bool(set(groups_of(a.lower())) & set(groups_of(b.lower())))
