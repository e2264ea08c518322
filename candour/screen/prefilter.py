"""A fast pre-filter: run a pattern only when a word it can start with is in the text.

From each regular expression we derive, by walking its parse tree, the set of
lower-case strings (up to three characters) that any match must begin with.
A text is split once into the three-character beginnings of its words; a
pattern whose beginnings do not occur cannot match and is skipped. Patterns
that can begin with a character class (a digit, a space) are always run.
"""

from __future__ import annotations

import re
import re._constants as C
import re._parser as P
from typing import Any

WIDTH = 3
_WORD_STARTS = re.compile(r"(?<![^\W_])[^\W_]{1,3}")


class _Unknown(Exception):
    pass


END = "\0"  # marks a beginning that is a whole word ("d" of "d & d", "ip")


def _close_word(opens: set[str], closed: set[str]) -> set[str]:
    """The word ends here: its prefixes are whole words."""
    if "" in opens:
        raise _Unknown
    closed.update(s + END for s in opens)
    return set()


def _walk(seq: Any, opens: set[str], closed: set[str]) -> set[str]:
    """Extend the open prefixes through ``seq``; completed prefixes go to ``closed``."""
    for op, av in seq:
        if not opens:
            return opens
        if op is C.AT and av is C.AT_BOUNDARY and "" not in opens:
            return _close_word(opens, closed)
        if op is C.AT or op in (C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.LITERAL:
            ch = chr(av).lower()
            if not ch.isalnum():
                return _close_word(opens, closed)
            opens = {s + ch for s in opens}
            done = {s for s in opens if len(s) >= WIDTH}
            closed |= done
            opens -= done
        elif op is C.SUBPATTERN:
            opens = _walk(av[3], opens, closed)
        elif op is C.BRANCH:
            new: set[str] = set()
            for branch in av[1]:
                new |= _walk(branch, set(opens), closed)
            opens = new
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            through = _walk(sub, set(opens), closed)
            closed.update(s for s in through if s)
            if "" in through:
                raise _Unknown
            if lo == 0:
                continue  # the repeat may be skipped: the open prefixes carry on
            return set()
        elif op is C.IN and (chars := _class_chars(av)) is not None:
            if not any(ch.isalnum() for ch in chars):
                return _close_word(opens, closed)
            if not all(ch.isalnum() for ch in chars):
                if "" in opens:
                    raise _Unknown
                closed |= opens
                return set()
            opens = {s + ch for s in opens for ch in chars}
            done = {s for s in opens if len(s) >= WIDTH}
            closed |= done
            opens -= done
        elif op is C.IN and av == [(C.CATEGORY, C.CATEGORY_SPACE)]:
            return _close_word(opens, closed)
        else:  # a wide character class, any character, a back reference: stop here
            if "" in opens:
                raise _Unknown
            closed |= opens
            return set()
    return opens


def _class_chars(items: Any, limit: int = 12) -> set[str] | None:
    """The characters a small character class matches (lower-case), or None."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av).lower())
        elif op is C.RANGE:
            out.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out.update("0123456789")
        else:
            return None
        if len(out) > limit:
            return None
    return out


def beginnings(pattern: str) -> frozenset[str] | None:
    """The lower-case strings any match of ``pattern`` begins with, or None if unknown."""
    try:
        closed: set[str] = set()
        opens = _walk(P.parse(pattern, re.IGNORECASE), {""}, closed)
        closed |= opens
    except _Unknown:
        return None
    if "" in closed or not closed:
        return None
    return frozenset(closed)


def lookup_keys(word: str) -> tuple[str, ...]:
    """The index keys a word (lower-case) answers to."""
    if len(word) > WIDTH:
        return (word[:1], word[:2], word[:3])
    return tuple({word[:1], word[:2], word[:3], word + END})


def word_starts(text: str) -> set[str]:
    """Every prefix (1 to 3 characters) of every word in ``text``, lower-cased."""
    out: set[str] = set()
    for w in _WORD_STARTS.findall(text.lower()):
        out.add(w)
        if len(w) > 1:
            out.add(w[:1])
            if len(w) > 2:
                out.add(w[:2])
    return out
