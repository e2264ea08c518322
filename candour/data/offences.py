"""candour's offence table (offences.csv beside this file): categories and victim-age bands.

Rules read an offence's category, age band and whether it is penetrative from
here, never from a literal code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

OFFENCES_CSV = Path(__file__).with_name("offences.csv")

SEXUAL_CATEGORIES = frozenset(
    {"rape", "sexual_assault", "sexual_activity_child", "exploitation_child", "grooming"}
)


@dataclass(frozen=True)
class Offence:
    code: str
    title: str
    category: str
    victim_age_min: int | None
    victim_age_max: int | None
    victim_sex: str | None
    penetrative: bool
    confirmed: bool

    @property
    def group(self) -> str:
        """The group an inspection audits it under: rape, sexual_offences, violence, other."""
        if self.category == "rape":
            return "rape"
        if self.category in SEXUAL_CATEGORIES or self.category == "child_abduction":
            return "sexual_offences"
        title = self.title.lower()
        if "violence" in title:
            return "violence"
        if "robbery" in title:
            return "robbery"
        return "other"


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


@lru_cache(maxsize=4)
def offences(path: Path = OFFENCES_CSV) -> dict[str, Offence]:
    """The offence table keyed by code (codes compared upper-case, stripped)."""
    out: dict[str, Offence] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                out[row["code"].strip().upper()] = Offence(
                    code=row["code"].strip().upper(),
                    title=row["title"].strip(),
                    category=row["category"].strip(),
                    victim_age_min=_int(row["victim_age_min"]),
                    victim_age_max=_int(row["victim_age_max"]),
                    victim_sex=row["victim_sex"].strip() or None,
                    penetrative=row["penetrative"].strip().lower() == "yes",
                    confirmed=row["confirmed"].strip().lower() == "yes",
                )
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{path}, line {line}: {exc}") from exc
    return out


def offence(code: str | None) -> Offence | None:
    """The offence for ``code``, or None for an unknown or empty code."""
    if not code:
        return None
    return offences().get(code.strip().upper())
