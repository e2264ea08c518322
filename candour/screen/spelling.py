"""Reading misspelt logs: words one slip away from the screen's vocabulary are read as meant.

Officers type fast: "touchde", "realtionsship", "servvved", "abducttion". Each
word of a text that is not in the vocabulary (the words the screen's patterns
are written with) is corrected when it is one edit (or a run of repeated
letters) away from exactly one vocabulary word of six letters or more. The
patterns then run on the corrected text, and every span is mapped back to the
original text, so evidence still quotes what the officer typed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz.distance import OSA

from candour.screen import vocabulary as v

MIN_LENGTH = 6
_WORDS = re.compile(r"[a-z]{4,}")
_ALPHA = re.compile(r"[a-z]{5,}")
_RUNS = re.compile(r"(.)\1{2,}")
_DOUBLES = re.compile(r"(.)\1+")


def _sources() -> list[str]:
    sources = [p for _i, _v, p in v.TERMS] + list(v.AGE_PATTERNS)
    sources += [v.NEGATION, v.CLAUSE_BREAK, v.CONSENT_NOT_SEXUAL, v.SCHOOL_YEAR, v.DOB]
    return sources + [v.CAWN_NOT_SERVED]


_STEM = re.compile(r"([a-z]{4,})\\w[*+]")


def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    """Whole words the patterns are written with, and stems they extend (``kick\\w*``)."""
    words: set[str] = set(v.NUMBER_WORDS) | set(v.FUZZY_TERMS) | set(v.KNOWN_WORDS)
    stems: set[str] = set()
    for p in _sources():
        stems.update(_STEM.findall(p))
        p = re.sub(r"[a-z]+\\w[*+]", " ", p)
        for m in re.finditer(r"([a-z]{4,})\?", p):  # "choices?" also gives "choice"
            words.add(m.group(1)[:-1])
        words.update(_WORDS.findall(re.sub(r"\\[a-zA-Z]", " ", p)))
    return frozenset(words), tuple(sorted(stems))


VOCABULARY, STEMS = _vocabulary()
SUFFIXES = ("", "s", "es", "ed", "d", "ing", "er", "ers", "ly", "ion", "ions", "ation", "ive")


def known(word: str) -> bool:
    """Whether ``word`` is a vocabulary word, a regular form of one, or a known real word."""
    if word in VOCABULARY or word in v.FUZZY_STOP:
        return True
    for x in SUFFIXES:
        if word.endswith(x):
            root = word[: len(word) - len(x)]
            if root in VOCABULARY or root in STEMS:
                return True
            # a doubled final consonant: "slapped", "stabbing", "mugger"
            if x in ("ed", "ing", "er", "ers") and len(root) > 3 and root[-1] == root[-2]:
                if root[:-1] in VOCABULARY or root[:-1] in STEMS:
                    return True
    return False


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_INDEX: dict[str, set[str]] = {}
for _w in VOCABULARY:
    if len(_w) >= MIN_LENGTH:
        for _k in (_w, *_deletions(_w)):
            _INDEX.setdefault(_k, set()).add(_w)


@lru_cache(maxsize=300_000)
def correction(word: str) -> str | None:
    """The vocabulary word ``word`` (lower-case) misspells, or None."""
    if len(word) < MIN_LENGTH - 1 or known(word):
        return None
    squeezed = _RUNS.sub(r"\1\1", word)
    if squeezed in VOCABULARY:
        return squeezed
    for single in (_RUNS.sub(r"\1", word), _DOUBLES.sub(r"\1", word)):
        if single in VOCABULARY and not known(single + single[-1:]):
            return single
    for cand in (squeezed,):
        options: set[str] = set()
        for k in (cand, *_deletions(cand)):
            options |= _INDEX.get(k, set())
        close = {w for w in options if OSA.distance(cand, w) <= 1}
        if len(close) == 1:
            (best,) = close
            if best != word:
                return best
    return None


MIN_COUNT = 3  # a word used this often in a corpus may be a real word there
RATIO = 20  # ... unless the word it resembles is this many times more frequent


def word_counts(texts: Iterable[str | None]) -> Counter[str]:
    """How often each word (five letters or more) is used in ``texts``."""
    counts: Counter[str] = Counter()
    for text in texts:
        if text:
            counts.update(_ALPHA.findall(text.lower()))
    return counts


def common_words(texts: Iterable[str | None] | Counter[str]) -> dict[str, int]:
    """How often each word (five letters or more) is used across a corpus, if twice or more.

    Misspellings are rare and scattered: a word a corpus uses again and again
    ("content", "contact") is a real word there and is not "corrected" into a
    vocabulary word ("consent") unless that word is far more frequent still.
    ``texts`` may also be the corpus's :func:`word_counts`.
    """
    counts = texts if isinstance(texts, Counter) else word_counts(texts)
    return {w: n for w, n in counts.items() if n >= 2}


class Corrected:
    """A lower-cased text with misspellings corrected, and the way back to the original."""

    __slots__ = ("text", "_cs", "_ce", "_os", "_oe", "_delta")

    def __init__(self, low: str, common: Mapping[str, int] | None = None) -> None:
        pieces: list[str] = []
        cs: list[int] = []
        ce: list[int] = []
        os_: list[int] = []
        oe: list[int] = []
        delta: list[int] = []
        last = 0
        shift = 0
        for m in _ALPHA.finditer(low):
            fixed = correction(m.group())
            if fixed is None:
                continue
            if common is not None:
                n = common.get(m.group(), 0)
                if n >= MIN_COUNT and common.get(fixed, 0) < RATIO * n:
                    continue  # a word this corpus uses often is a word, not a slip
            pieces.append(low[last : m.start()])
            start = m.start() - shift
            pieces.append(fixed)
            cs.append(start)
            ce.append(start + len(fixed))
            os_.append(m.start())
            oe.append(m.end())
            shift += (m.end() - m.start()) - len(fixed)
            delta.append(shift)
            last = m.end()
        if not cs:
            self.text = low
        else:
            pieces.append(low[last:])
            self.text = "".join(pieces)
        self._cs, self._ce, self._os, self._oe, self._delta = cs, ce, os_, oe, delta

    @property
    def changed(self) -> bool:
        return bool(self._cs)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of the corrected text's [start, end)."""
        if not self._cs:
            return start, end
        return self._map(start, True), self._map(end, False)

    def _map(self, p: int, is_start: bool) -> int:
        i = bisect_right(self._cs, p) - 1
        if i < 0:
            return p
        if p < self._ce[i] or (not is_start and p == self._ce[i]):
            if p == self._cs[i]:
                return self._os[i]
            if p == self._ce[i]:
                return self._oe[i]
            return min(self._os[i] + (p - self._cs[i]), self._oe[i])
        return p + self._delta[i]
