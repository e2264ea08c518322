"""The screen's fast paths read exactly as the plain ones do.

Lower-case ASCII text is matched without case folding, patterns are tried only
at the words they can begin with, and disclosure reads a set of kinds: on a few
thousand generated narratives each fast path must give what the plain path gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from candour.screen import text as t
from candour.screen.text import adult_ages, child_ages, disclosure, present, screen_text
from candour.store import DB_NAME, Store


@pytest.fixture(scope="module")
def texts(small_run: Path) -> list[str]:
    with Store(small_run / DB_NAME, read_only=True) as s:
        generated = [
            r[0] for r in s.rows("SELECT narrative FROM incidents WHERE narrative IS NOT NULL")
        ]
    # and the same logs typed in capitals, and with police shorthand around them
    shouted = [x.upper() for x in generated[:1000]]
    shorthand = [f"RP states IP 14yo MFH, located w/ 2 males in veh. {x}" for x in generated[:500]]
    return generated + shouted + shorthand


def _spans(m: re.Match[str] | None) -> tuple[object, ...] | None:
    return None if m is None else (m.span(), m.groups())


def test_lower_case_patterns_match_as_case_folding_ones(texts: list[str]) -> None:
    """Without IGNORECASE, each pattern matches a lower-case ASCII text at the same places."""
    assert sum(a is not b for a, b in zip(t._PATTERNS_LOW, t._PATTERNS, strict=True)) > 40
    for text in texts:
        low = text.lower()
        if not low.isascii():
            continue
        starts = [w.start() for w in t._WORD.finditer(low)]
        for fast, plain in zip(t._PATTERNS_LOW, t._PATTERNS, strict=True):
            for at in starts:
                assert _spans(fast.match(low, at)) == _spans(plain.match(low, at))
        assert [m.span() for m in t._BREAK_LOW.finditer(low)] == [
            m.span() for m in t._BREAK.finditer(low)
        ]


def test_upper_case_or_non_ascii_patterns_keep_case_folding() -> None:
    assert not t._case_free(r"\bIP\b")
    assert not t._case_free(r"[A-Z]{3}")
    assert not t._case_free("stra\u00dfe")
    assert t._case_free(r"\b(?:girl|boy)\s*\d{1,2}\b")


def test_prefilter_finds_what_every_pattern_at_every_word_finds(texts: list[str]) -> None:
    """Trying a pattern only where its first characters occur loses no match."""
    for text in texts:
        low = text.lower()
        fast = t._matches(low, t._PATTERNS)
        full: dict[int, list[tuple[int, int]]] = {}
        for w in t._WORD.finditer(low):
            for i, rx in enumerate(t._PATTERNS):
                m = rx.match(low, w.start())
                if m is not None and m.end() > w.start():
                    full.setdefault(i, []).append(m.span())
        assert {i: [m.span() for m in ms] for i, ms in fast.items()} == full


def _plain_disclosure(inds: list[t.Indicator]) -> tuple[bool, float]:
    """The disclosure reading written out with the plain helpers."""
    child = bool(child_ages(inds)) or present(inds, "child")
    cse = present(inds, "cse_term")
    adult = present(inds, "adult") or bool(adult_ages(inds))
    sexual = any(
        present(inds, "sexual", value) for value in ("penetration", "contact", "images")
    ) or (
        (present(inds, "adult", "adult") or bool(adult_ages(inds)))
        and present(inds, "sexual", "implied")
    )
    exchange, missing = present(inds, "exchange"), present(inds, "missing")
    score = 0.0
    if cse:
        score = max(score, 0.8 if child or sexual else 0.7)
    if child and sexual:
        score = max(score, 0.9 if adult else 0.75)
    if child and adult and exchange and (present(inds, "setting") or missing):
        score = max(score, 0.6)
    if child and adult and present(inds, "consent_language"):
        score = max(score, 0.6)
    if present(inds, "consent_language", "choices") and child and (sexual or adult or missing):
        score = max(score, 0.55)
    return score >= 0.5, score


def test_disclosure_reads_as_the_plain_helpers(texts: list[str]) -> None:
    hits = 0
    for text in texts:
        inds = screen_text(text)
        assert disclosure(inds) == _plain_disclosure(inds)
        hits += disclosure(inds)[0]
    assert hits > 10


def test_spans_quote_the_original_text(texts: list[str]) -> None:
    """Upper-case, misspelt and plain texts: every span quotes the text as given."""
    for text in texts[:800] + [x.upper() for x in texts[:200]] + ["IP 14yo touchde by malee"]:
        for f in screen_text(text):
            assert text[f.start : f.end] == f.text
