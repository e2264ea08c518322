"""Screening one text: indicators with exact character spans, negation, disclosure.

``screen_text`` is pure: the same text (and event date) always gives the same
indicators. Spans are offsets into the text as given, so ``text[start:end]``
equals the indicator's ``text``.
"""

from __future__ import annotations

import re
import re._constants as C
import re._parser as P
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from candour.screen import vocabulary as v
from candour.screen.prefilter import beginnings, lookup_keys
from candour.screen.spelling import Corrected

_FLAGS = re.IGNORECASE

_TERMS = tuple((ind, val, re.compile(p, _FLAGS), beginnings(p)) for ind, val, p in v.TERMS)
_AGES = tuple((re.compile(p, _FLAGS), beginnings(p)) for p in v.AGE_PATTERNS)
_NEG_BEGIN = beginnings(v.NEGATION)
_SCHOOL = re.compile(v.SCHOOL_YEAR, _FLAGS)
_DOB = re.compile(v.DOB, _FLAGS)
_NEG = re.compile(v.NEGATION, _FLAGS)
_BREAK = re.compile(v.CLAUSE_BREAK, _FLAGS)
_CONSENT_NOT_SEXUAL = re.compile(v.CONSENT_NOT_SEXUAL, _FLAGS)
_CAWN_NOT = re.compile(v.CAWN_NOT_SERVED, _FLAGS)
_CAWN_NOT_BEFORE = re.compile(v.CAWN_NOT_BEFORE, _FLAGS)
_SENTENCE_END = re.compile(r"\n|[.;!?](?:\s|$)")
_SENTENCE_START = re.compile(r".*(?:\n|[.;!?]\s)", re.DOTALL)
_TOKEN = re.compile(r"[A-Za-z]{7,}")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}


@dataclass(slots=True, unsafe_hash=True)
class Indicator:
    """One thing the screen found: what, its value, where (exact span), negated or not.

    A value: never changed once made, and hashed by its fields. (Not frozen only
    because a frozen dataclass is four times slower to make, and the screen
    makes millions.)
    """

    indicator: str
    value: str
    start: int
    end: int
    text: str
    negated: bool = False


def _number(word: str) -> int | None:
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    parts = re.split(r"[\s-]+", word)
    total = 0
    for part in parts:
        n = v.NUMBER_WORDS.get(part)
        if n is None:
            return None
        total += n
    return total


def _parse_dob(raw: str) -> date | None:
    raw = raw.strip().lower()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})", raw)
        if m:
            d, mo, y = int(m[1]), int(m[2]), int(m[3])
        else:
            m = re.fullmatch(r"(\d{1,2})[\s\-]?([a-z]{3})[a-z]*[\s\-]?(\d{2,4})", raw)
            if not m or m[2] not in _MONTHS:
                return None
            d, mo, y = int(m[1]), _MONTHS[m[2]], int(m[3])
        if y < 100:
            y += 1900 if y > 30 else 2000
        return date(y, mo, d)
    except ValueError:
        return None


def age_at(dob: date, at: date) -> int:
    """Whole years between a date of birth and a date."""
    return at.year - dob.year - ((at.month, at.day) < (dob.month, dob.day))


def _build_index() -> tuple[list[re.Pattern[str]], dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Every pattern, and which to try at a word by its first one to three characters."""
    patterns = [rx for _i, _v, rx, _b in _TERMS] + [rx for rx, _b in _AGES]
    patterns += [_SCHOOL, _DOB, _NEG]
    begins = [b for *_x, b in _TERMS] + [b for _rx, b in _AGES]
    begins += [beginnings(v.SCHOOL_YEAR), beginnings(v.DOB), _NEG_BEGIN]
    index: dict[str, list[int]] = {}
    always = []
    for i, begin in enumerate(begins):
        if begin is None:
            always.append(i)
            continue
        for key in begin:
            index.setdefault(key, []).append(i)
    return patterns, {k: tuple(v) for k, v in index.items()}, tuple(always)


_PATTERNS, _INDEX, _ALWAYS = _build_index()


def _case_free(pattern: str) -> bool:
    """Whether ``pattern`` reads lower-case ASCII text the same without IGNORECASE.

    True when no literal, range or class of the pattern names an upper-case or
    non-ASCII character: on a text of lower-case ASCII, case folding can then
    change no comparison.
    """

    def chars_ok(*codes: int) -> bool:
        return all(c < 128 and not (65 <= c <= 90) for c in codes)

    def walk(seq: Any) -> bool:
        for op, av in seq:
            if op in (C.LITERAL, C.NOT_LITERAL):
                if not chars_ok(av):
                    return False
            elif op is C.RANGE:
                lo, hi = av
                if hi >= 128 or (lo <= 90 and hi >= 65):
                    return False
            elif op is C.IN:
                if not walk(av):
                    return False
            elif op is C.SUBPATTERN:
                if not walk(av[3]):
                    return False
            elif op is C.BRANCH:
                if not all(walk(b) for b in av[1]):
                    return False
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                if not walk(av[2]):
                    return False
            elif op in (C.ASSERT, C.ASSERT_NOT):
                if not walk(av[1]):
                    return False
            elif op is C.ATOMIC_GROUP:
                if not walk(av):
                    return False
            elif op is C.GROUPREF_EXISTS:
                if not walk(av[1]) or (av[2] is not None and not walk(av[2])):
                    return False
            elif op not in (C.AT, C.ANY, C.CATEGORY, C.GROUPREF, C.NEGATE):
                return False
        return True

    try:
        return walk(P.parse(pattern, re.IGNORECASE))
    except Exception:  # noqa: BLE001 - anything unexpected: keep IGNORECASE
        return False


def _lower_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` without IGNORECASE when that reads lower-case ASCII text identically."""
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE) if _case_free(rx.pattern) else rx


# The same patterns for a text known to be lower-case ASCII (faster without case folding).
_PATTERNS_LOW = [_lower_twin(rx) for rx in _PATTERNS]
_BREAK_LOW = _lower_twin(_BREAK)
_N_TERMS = len(_TERMS)
_N_AGES = len(_AGES)
_SCHOOL_I, _DOB_I, _NEG_I = range(_N_TERMS + _N_AGES, _N_TERMS + _N_AGES + 3)
_WORD = re.compile(r"[^\W_]+")


_BY_PREFIX: dict[str, tuple[int, ...]] = {}


def _candidates(word: str) -> tuple[int, ...]:
    """The patterns worth trying at ``word`` (its first characters; memoised)."""
    key = word[:3] if len(word) > 3 else word + "\0"
    got = _BY_PREFIX.get(key)
    if got is None:
        ids: set[int] = set()
        for k in lookup_keys(word[:4]):
            ids.update(_INDEX.get(k, ()))
        got = _BY_PREFIX[key] = tuple(sorted(ids))
    return got


_BY_WORD: dict[str, tuple[int, ...]] = {}
_BY_WORD_LIMIT = 500_000


def _word_candidates(word: str) -> tuple[int, ...]:
    """:func:`_candidates`, memoised by the whole word (bounded)."""
    got = _candidates(word)
    if len(_BY_WORD) < _BY_WORD_LIMIT:
        _BY_WORD[word] = got
    return got


def _matches(
    src: str, patterns: list[re.Pattern[str]] = _PATTERNS
) -> dict[int, list[re.Match[str]]]:
    """Matches of every pattern, tried only at the words it can begin with."""
    hits: dict[int, list[re.Match[str]]] = {}
    memo = _BY_WORD
    for w in _WORD.finditer(src):
        word = w.group()
        ids = memo.get(word)
        if ids is None:
            ids = _word_candidates(word)
        if not ids:
            continue
        start = w.start()
        for i in ids:
            m = patterns[i].match(src, start)
            if m is not None and m.end() > start:
                hits.setdefault(i, []).append(m)
    for i in _ALWAYS:
        found = [m for m in patterns[i].finditer(src) if m.end() > m.start()]
        if found:
            hits[i] = found
    return hits


def _ages(hits: dict[int, list[re.Match[str]]], text: str, at: date | None) -> list[Indicator]:
    found: list[Indicator] = []
    for i in sorted(k for k in hits if _N_TERMS <= k < _N_TERMS + _N_AGES):
        for m in hits[i]:
            gd = m.groupdict()
            n = _number(gd["a"]) if gd.get("a") else v.DECADE_WORDS.get((gd.get("w") or "").lower())
            if n is None or not 1 <= n <= 99:
                continue
            if gd.get("b"):
                top = _number(gd["b"])
                if top is None or top < n or top - n > 15:
                    continue
            found.append(Indicator("age", str(n), m.start(), m.end(), text[m.start() : m.end()]))
    # a match inside a longer one ("14yo" within "13-14yo") is the same statement
    found.sort(key=lambda f: (f.start, -f.end))
    out: list[Indicator] = []
    reach = -1
    for f in found:
        if f.end <= reach:
            continue
        out.append(f)
        reach = max(reach, f.end)
    for m in hits.get(_SCHOOL_I, ()):
        y = int(m["y"] or m["y2"])
        out.append(Indicator("age", str(y + 4), m.start(), m.end(), text[m.start() : m.end()]))
    for m in hits.get(_DOB_I, ()):
        dob = _parse_dob(m["dob"])
        if dob is None:
            continue
        span = text[m.start() : m.end()]
        out.append(Indicator("dob", dob.isoformat(), m.start(), m.end(), span))
        if at is not None and dob <= at:
            out.append(Indicator("age", str(age_at(dob, at)), m.start(), m.end(), span))
    return out


def _drop_contained(found: list[Indicator]) -> list[Indicator]:
    """One indicator per stretch of text and kind: "had sex" not also "sex"."""
    found.sort(key=lambda f: (f.indicator, f.start, -f.end))
    out: list[Indicator] = []
    reach: dict[str, int] = {}
    for f in found:
        if f.indicator != "age" and f.start < reach.get(f.indicator, -1):
            continue
        out.append(f)
        reach[f.indicator] = max(reach.get(f.indicator, -1), f.end)
    return out


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_FUZZY_INDEX: dict[str, str] = {}
for _term in v.FUZZY_TERMS:
    _FUZZY_INDEX.setdefault(_term, _term)
    for _d in _deletions(_term):
        _FUZZY_INDEX.setdefault(_d, _term)


@lru_cache(maxsize=200_000)
def fuzzy_term(token: str) -> str | None:
    """The key word ``token`` misspells (edit distance 1), or None."""
    if token in v.FUZZY_STOP:
        return None
    for cand in (token, *_deletions(token)):
        term = _FUZZY_INDEX.get(cand)
        if term is not None and OSA.distance(token, term) <= 1:
            return term
    return None


def _negated(start: int, cue_ends: list[int], cue_starts: list[int], breaks: list[int]) -> bool:
    """Whether a negation cue precedes ``start`` within the same clause."""
    i = bisect_right(cue_ends, start) - 1
    if i < 0:
        return False
    cue_end = cue_ends[i]
    # a clause break between the cue and the term ends the negation
    j = bisect_left(breaks, cue_end)
    return not (j < len(breaks) and breaks[j] < start)


def _cawn_served(f: Indicator, src: str) -> Indicator:
    """A CAWN only counts as served when its sentence does not say otherwise."""
    if f.negated:
        return f
    end_m = _SENTENCE_END.search(src, f.end)
    end = end_m.start() if end_m else len(src)
    start_m = _SENTENCE_START.match(src, 0, f.start)
    start = start_m.end() if start_m else 0
    if _CAWN_NOT.search(src, f.end, end) or _CAWN_NOT_BEFORE.search(src, start, f.start):
        return Indicator(f.indicator, f.value, f.start, f.end, f.text, negated=True)
    return f


def screen_text(
    text: str | None,
    at: date | datetime | None = None,
    common: Mapping[str, int] | None = None,
) -> list[Indicator]:
    """Every indicator in ``text`` with its exact span.

    ``at`` (the event date) turns a date of birth into an age; ``common`` is the
    set of words the corpus uses often (never treated as misspellings).
    """
    if not text:
        return []
    if isinstance(at, datetime):
        at = at.date()
    # Matching runs on the lower-cased text (much faster than case-insensitive
    # matching of capitals); offsets are the same whenever lower-casing keeps
    # the length, else the original text is matched case-insensitively.
    # Misspelt words are corrected first (see candour.screen.spelling); spans
    # found in the corrected text are mapped back to the original at the end.
    low = text.lower()
    corrected = Corrected(low, common) if len(low) == len(text) else None
    src = corrected.text if corrected is not None else text
    original = text
    # Without corrections the offsets in ``src`` are the original's: quote the original
    # text straight away (no second pass mapping spans back).
    shifted = corrected is not None and corrected.changed
    text = src if shifted else original
    lower_ascii = corrected is not None and src.isascii()
    hits = _matches(src, _PATTERNS_LOW if lower_ascii else _PATTERNS)
    found: list[Indicator] = []
    for i in sorted(k for k in hits if k < _N_TERMS):
        ind, val, _rx, _b = _TERMS[i]
        for m in hits[i]:
            if ind == "consent_language" and val == "consenting":
                if _CONSENT_NOT_SEXUAL.match(src, m.end()):
                    continue
            found.append(Indicator(ind, val, m.start(), m.end(), text[m.start() : m.end()]))
    found.extend(_ages(hits, text, at))
    found = _drop_contained(found)
    for m in _TOKEN.finditer(src):
        term = fuzzy_term(src[m.start() : m.end()].lower())
        if term is None:
            continue
        at_ = m.start()
        if any(f.start <= at_ < f.end for f in found):
            continue
        ind, val = v.FUZZY_TERMS[term]
        found.append(Indicator(ind, val, m.start(), m.end(), text[m.start() : m.end()]))
    cues = [(m.start(), m.end()) for m in hits.get(_NEG_I, ())]
    if cues and found:
        cue_ends = [e for _, e in cues]
        cue_starts = [s for s, _ in cues]
        breaks = [m.start() for m in (_BREAK_LOW if lower_ascii else _BREAK).finditer(src)]
        result = []
        for f in found:
            neg = (f.indicator, f.value) not in v.SELF_NEGATING and _negated(
                f.start, cue_ends, cue_starts, breaks
            )
            result.append(
                f
                if not neg
                else Indicator(f.indicator, f.value, f.start, f.end, f.text, negated=True)
            )
        found = result
    found = [_cawn_served(f, src) if f.indicator == "cawn" else f for f in found]
    if shifted:
        assert corrected is not None
        mapped = []
        for f in found:
            a, b = corrected.span(f.start, f.end)
            if a < b:
                mapped.append(Indicator(f.indicator, f.value, a, b, original[a:b], f.negated))
        found = mapped
    else:
        found = [f for f in found if f.start < f.end]
    found.sort(key=lambda f: (f.start, f.end, f.indicator, f.value))
    return found


# --- reading a whole text ------------------------------------------------------


def child_ages(indicators: list[Indicator]) -> list[int]:
    """Ages under 18 stated in the text (lower bounds of ranges)."""
    return [int(f.value) for f in indicators if f.indicator == "age" and int(f.value) < 18]


def adult_ages(indicators: list[Indicator]) -> list[int]:
    return [int(f.value) for f in indicators if f.indicator == "age" and int(f.value) >= 18]


def present(indicators: list[Indicator], indicator: str, value: str | None = None) -> bool:
    """Whether an indicator (of that value) occurs un-negated."""
    return any(
        f.indicator == indicator and not f.negated and (value is None or f.value == value)
        for f in indicators
    )


def disclosure(indicators: list[Indicator]) -> tuple[bool, float]:
    """Whether the text as a whole discloses child sexual exploitation, and how strongly."""
    kinds: set[str] = set()  # un-negated kinds, and (kind, value) pairs
    pairs: set[tuple[str, str]] = set()
    child_age = adult_age = False
    for f in indicators:
        if f.indicator == "age":
            if int(f.value) < 18:
                child_age = True
            else:
                adult_age = True
        if not f.negated and (f.indicator, f.value) != ("sexual", "implied"):
            kinds.add(f.indicator)
            pairs.add((f.indicator, f.value))
    child = child_age or "child" in kinds
    cse = "cse_term" in kinds
    adult = "adult" in kinds or adult_age
    # sexual activity only implied (emergency contraception) discloses with an adult named
    # (an adult's age or "older man"; "the males" is not enough)
    implied = (adult_age or ("adult", "adult") in pairs) and any(
        (f.indicator, f.value) == ("sexual", "implied") and not f.negated for f in indicators
    )
    sexual = "sexual" in kinds or implied
    exchange = "exchange" in kinds
    missing = "missing" in kinds
    setting = "setting" in kinds
    score = 0.0
    if cse:
        score = max(score, 0.8 if child or sexual else 0.7)
    if child and sexual:
        score = max(score, 0.9 if adult else 0.75)
    if child and adult and exchange and (setting or missing):
        score = max(score, 0.6)
    if child and adult and "consent_language" in kinds:
        score = max(score, 0.6)
    if ("consent_language", "choices") in pairs and child and (sexual or adult or missing):
        score = max(score, 0.55)
    return score >= 0.5, score
