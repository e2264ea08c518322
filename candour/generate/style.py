"""How a command-and-control log is written: timestamps, operator tags, capitals,
call-handler shorthand and typing errors.

A force has a house style (its system and its habits); each entry of a log is
then written by a person in a hurry.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

_ABBREV: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reporting person", ("RP", "R/P", "INFT", "informant", "caller")),
    ("informant", ("INFT", "inft", "informant")),
    ("RP", ("RP", "R/P", "INFT", "reporting person", "caller")),
    ("IP", ("IP", "I/P", "injured party", "aggrieved")),
    ("YP", ("YP", "young person", "Y/P", "juvenile")),
    ("MFH", ("MFH", "MISPER", "missing from home", "misper")),
    ("injured party", ("IP", "I/P", "victim", "aggrieved")),
    ("missing from home", ("MFH", "MISPER", "missing from home")),
    ("missing person", ("MISPER", "MFH", "misper")),
    ("vehicle", ("veh", "vehicle", "VEH", "car")),
    ("registration", ("VRM", "reg", "index")),
    ("officers", ("ofcrs", "units", "officers", "patrols", "PCs")),
    ("officer", ("ofcr", "unit", "officer")),
    ("attended", ("att", "attended", "attd", "on scene")),
    ("address", ("addr", "address", "add")),
    ("no further action", ("NFA", "nfa", "no further action")),
    ("words of advice", ("WOA", "words of advice", "advice given")),
    ("spoken to", ("s/t", "spoken to", "spoke to")),
    ("with", ("w/", "with", "with")),
    ("without", ("w/o", "without")),
    ("outside", ("o/s", "outside", "outside")),
    ("social worker", ("s/w", "SW", "social worker")),
    ("years old", ("yrs", "yo", "years old", "y/o")),
    ("information", ("info", "information", "intel")),
    ("inspector", ("Insp", "INSP", "inspector")),
    ("sergeant", ("Sgt", "PS", "sergeant")),
    ("ambulance", ("amb", "NWAS", "ambulance")),
    ("because", ("bc", "as", "because")),
    ("approximately", ("approx", "approx.", "about", "c.")),
    ("description", ("desc", "descr", "description")),
    ("message", ("msg", "message")),
    ("telephone", ("tel", "phone")),
    ("unknown", ("unk", "u/k", "not known")),
    ("circumstances", ("circs", "circumstances")),
    ("suspect", ("susp", "suspect", "SUSP")),
    ("returned", ("rtd", "returned", "back")),
    ("located", ("loc", "located", "found", "traced")),
)

_STAMPS = ("{h:02d}:{m:02d}", "{h:02d}{m:02d}", "[{h:02d}:{m:02d}]", "{h:02d}:{m:02d}hrs",
           "{h:02d}.{m:02d}", "{d:02d}/{mo:02d} {h:02d}:{m:02d}")  # fmt: skip
_TAGS = ("OP{n}", "CH{n}", "{n}", "PC {n}", "DISP{n}", "", "", "")


@dataclass(frozen=True)
class HouseStyle:
    """A force's logging habits."""

    stamp: str
    tag: str
    caps: float  # chance an entry is in capitals
    abbrev: float  # chance an abbreviation is used where one exists
    typos: float  # typing errors per entry
    sep: str
    layout: str = "log"  # log (timestamped lines), prose (one paragraph), storm (full date-times)
    codes: str = "words"  # how opening/closing codes are written: words, numbered, short

    def code(self, text: str) -> str:
        """An opening or closing code in the force's own coding scheme."""
        if self.codes == "numbered":
            n = sum(ord(ch) for ch in text) % 90 + 10  # a stable number per code
            return f"{n:02d} - {text.title()}"
        if self.codes == "short":
            words = [w for w in text.replace("-", " ").split() if w]
            return "".join(w[0] for w in words) if len(words) > 1 else text[:4]
        return text

    @staticmethod
    def of(rng: random.Random) -> HouseStyle:
        return HouseStyle(
            stamp=rng.choice(_STAMPS),
            tag=rng.choice(_TAGS),
            caps=rng.choice((0.05, 0.2, 0.45, 0.8)),
            abbrev=rng.uniform(0.3, 0.85),
            typos=rng.choice((0.04, 0.1, 0.2)),
            sep=rng.choice((" ", " - ", ": ", " -- ", " ")),
            layout=rng.choices(("log", "prose", "storm"), (70, 15, 15))[0],
            codes=rng.choices(("words", "numbered", "short"), (60, 25, 15))[0],
        )


_PATTERNS = tuple((long, re.compile(rf"\b{re.escape(long)}\b"), shorts) for long, shorts in _ABBREV)
_NUMBER_WORDS = frozenset(
    "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
)


def abbreviate(rng: random.Random, text: str, rate: float) -> str:
    for long, pattern, shorts in _PATTERNS:
        if long in text and rng.random() < rate:
            text = pattern.sub(rng.choice(shorts), text, count=1)
    return text


def misspell(rng: random.Random, text: str, rate: float) -> str:
    """A few real-looking typing errors: swapped, dropped, doubled letters."""
    if rng.random() > rate:
        return text
    words = text.split(" ")
    for _ in range(1 + (rng.random() < 0.3)):
        cands = [
            i
            for i, w in enumerate(words)
            if len(w) > 4 and w.isalpha() and w.lower() not in _NUMBER_WORDS
        ]
        if not cands:
            break
        i = rng.choice(cands)
        w = words[i]
        j = rng.randint(1, len(w) - 2)
        k = rng.random()
        if k < 0.4:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        elif k < 0.7:
            w = w[:j] + w[j + 1 :]
        else:
            w = w[:j] + w[j] + w[j:]
        words[i] = w
    return " ".join(words)


_SPACES = re.compile(r"\s+")


_DISPATCH = (
    "Grade {g} response.",
    "Log graded {g}.",
    "THRIVE: threat {l}, harm {l2}, risk {l3}.",
    "Resource {n} assigned.",
    "{n} dispatched, ETA {m} mins.",
    "Units en route.",
    "Log reviewed by Sgt {n}.",
    "Res {n} att.",
    "Caller updated.",
    "PNC checks completed.",
    "Log re-graded to {g}, no units available.",
    "Awaiting resource.",
    "Transferred to {q} queue.",
)
_LEVELS = ("low", "med", "medium", "high", "L", "M", "H")


def dispatch_line(rng: random.Random) -> str:
    return rng.choice(_DISPATCH).format(
        g=rng.choice(("1", "2", "3", "4", "S")),
        l=rng.choice(_LEVELS),
        l2=rng.choice(_LEVELS),
        l3=rng.choice(_LEVELS),
        n=rng.randint(1000, 9999),
        m=rng.randint(5, 40),
        q=rng.choice(("CAD", "PPU", "CSE", "scheduled appointments", "investigation management")),
    )


def render(
    rng: random.Random, style: HouseStyle, start: datetime, entries: list[tuple[int, str]]
) -> str:
    """A log from (minutes after the call, text) entries, in the force's style."""
    entries = list(entries)
    if style.layout != "prose":
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            k = rng.randint(1, len(entries))
            minute = entries[k - 1][0] + rng.randint(0, 6)
            if k < len(entries):
                minute = min(minute, entries[k][0])
            entries.insert(k, (minute, dispatch_line(rng)))
    ops = [rng.randint(1000, 9999) for _ in range(3)]
    lines: list[str] = []
    last = start - timedelta(seconds=1)
    for minutes, text in entries:
        t = start + timedelta(
            minutes=minutes, seconds=rng.randint(0, 59) if style.layout == "storm" else 0
        )
        if style.layout == "storm" and t <= last:
            t = last + timedelta(seconds=rng.randint(1, 20))
        last = t
        text = _SPACES.sub(" ", text).strip()
        text = abbreviate(rng, text, style.abbrev)
        text = misspell(rng, text, style.typos)
        if rng.random() < style.caps:
            text = text.upper()
        elif text and rng.random() < 0.1:
            text = text[0].lower() + text[1:]
        if style.layout == "prose":
            lines.append(text if text.endswith((".", "!", "?")) else text + ".")
            continue
        if style.layout == "storm":
            stamp = f"{t:%d/%m/%Y %H:%M:%S}"
            tag = f"[{rng.choice(ops)}]"
            lines.append(f"{stamp} {tag} {text}")
            continue
        stamp = style.stamp.format(h=t.hour, m=t.minute, d=t.day, mo=t.month)
        tag = style.tag.format(n=rng.choice(ops))
        head = f"{stamp} {tag}".strip() if tag else stamp
        lines.append(f"{head}{style.sep}{text}")
    if style.layout == "prose":
        return rng.choice(("", "Remarks: ", "Summary: ", "")) + " ".join(lines)
    return "\n".join(lines)
