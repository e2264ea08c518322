"""Evidence as a reader sees it: spans marked in the narrative, victims pseudonymised.

Shared by the report and the workspace so both show a finding's evidence the
same way: the exact characters a rule read, wrapped in ``<mark>``, with the
names of the people in the record replaced by stable codes when the reader's
role does not allow names.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup, escape
from rapidfuzz.distance import Levenshtein

from candour.report.names import NameLexicon, find_names, load_lexicon
from candour.store import Store

# Roles that may see victims' names; every such view of a person page is logged.
NAMING_ROLES: frozenset[str] = frozenset({"admin", "lead", "reviewer"})

SECRET_TABLE = "workspace_secret"


def inquiry_secret(store: Store, create: bool = True) -> bytes:
    """The inquiry's pseudonymisation key (made on first use, kept in the store).

    A keyed hash, not a plain one: person ids are often sequential, and a plain
    hash of a guessable id could be reversed by trying them all.
    """
    if store.has(SECRET_TABLE):
        row = store.rows(f"SELECT secret FROM {SECRET_TABLE} LIMIT 1")
        if row:
            return bytes.fromhex(row[0][0])
    if not create:
        return b""
    secret = secrets.token_hex(32)
    store.execute(f"CREATE TABLE IF NOT EXISTS {SECRET_TABLE} (secret VARCHAR)")
    store.execute(f"INSERT INTO {SECRET_TABLE} VALUES (?)", [secret])
    return bytes.fromhex(secret)


@dataclass(frozen=True)
class Pseudonyms:
    """Stable codes for people: V-xxxxxxxx for victims, P-xxxxxxxx for anyone else.

    ``lexicon`` holds every record's name words (→ codes), so a name written in a
    narrative is hidden even when its bearer is not linked to that record.
    """

    secret: bytes
    victims: frozenset[str]
    lexicon: NameLexicon | None = None

    def code(self, person_id: str | None) -> str:
        if not person_id:
            return "unknown person"
        digest = hmac.new(self.secret, str(person_id).encode(), hashlib.sha256).hexdigest()
        prefix = "V" if person_id in self.victims else "P"
        return f"{prefix}-{digest[:8]}"


def load_pseudonyms(store: Store, create_secret: bool = True) -> Pseudonyms:
    """Pseudonyms for this inquiry; victims are people named as victim anywhere."""
    victims: set[str] = set()
    if store.has("people"):
        parts = [
            f"SELECT record_id FROM {t} WHERE role = 'victim'"
            for t in ("incident_records", "crime_records")
            if store.has(t)
        ]
        if parts:
            sql = (
                "SELECT DISTINCT p.person_id FROM people p JOIN ("
                + " UNION ".join(parts)
                + ") v USING (record_id)"
            )
            victims = {str(r[0]) for r in store.rows(sql)}
    pseudonyms = Pseudonyms(inquiry_secret(store, create=create_secret), frozenset(victims))
    return replace(pseudonyms, lexicon=load_lexicon(store, pseudonyms.code))


def table_columns(store: Store, table: str) -> list[str]:
    """A table's column names (remembered by a store that keeps ``columns_cache``)."""
    cache: dict[str, list[str]] | None = getattr(store, "columns_cache", None)
    if cache is not None and table in cache:
        return cache[table]
    if not store.has(table):
        return []
    cols = [r[0] for r in store.rows(f'SELECT column_name FROM (DESCRIBE "{table}")')]
    if cache is not None:
        cache[table] = cols
    return cols


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str = ""


def parse_evidence(raw: Any) -> dict[str, Any]:
    """A finding's evidence JSON as a dict with a ``spans`` list (tolerant of shape)."""
    if raw is None:
        return {"spans": []}
    data = raw
    if isinstance(raw, str):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            return {"spans": [], "text": raw}
    if isinstance(data, list):
        return {"spans": [s for s in data if isinstance(s, dict)]}
    if not isinstance(data, dict):
        return {"spans": []}
    spans = data.get("spans") or data.get("evidence") or []
    return {**data, "spans": [s for s in spans if isinstance(s, dict)]}


@dataclass(frozen=True)
class Redaction:
    """Names to replace by codes: exact (whole words, any case) and near misses.

    A narrative often spells a name as no record does ("Hanna" for Hannah), so a
    capitalised word within one edit of a known name of four letters or more is
    replaced too.
    """

    exact: list[tuple[re.Pattern[str], str]]
    fuzzy: dict[str, str]
    lexicon: NameLexicon | None = None

    def __bool__(self) -> bool:
        return bool(self.exact or self.fuzzy or self.lexicon is not None)


WORD = re.compile(r"(?<!\w)[A-Z][A-Za-z'-]{2,}(?!\w)")


def name_terms(names: dict[str, str], lexicon: NameLexicon | None = None) -> Redaction:
    """The redaction of ``names`` (name → code), longest names first.

    With a ``lexicon`` (:attr:`Pseudonyms.lexicon`), any other name written in the
    text is hidden too (:func:`candour.report.names.find_names`).
    """
    exact = []
    fuzzy: dict[str, str] = {}
    for name in sorted(names, key=len, reverse=True):
        if len(name.strip()) < 2:
            continue
        pat = re.compile(r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)", re.IGNORECASE)
        exact.append((pat, names[name]))
        if " " not in name.strip() and len(name.strip()) >= 4:
            fuzzy.setdefault(name.strip().lower(), names[name])
    return Redaction(exact, fuzzy, lexicon)


def redactions(text: str, terms: Redaction | None) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, replacement) spans of ``text`` that name someone.

    The names of the linked people come first (their own codes); then any other
    name the narrative detector finds. Where the two meet, the linked code wins.
    """
    if not terms:
        return []
    pieces: list[tuple[int, int, str]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e, _ in pieces)

    for pat, code in terms.exact:
        for m in pat.finditer(text):
            if free(m.start(), m.end()):
                pieces.append((m.start(), m.end(), code))
    if terms.fuzzy:
        for m in WORD.finditer(text):
            if not free(m.start(), m.end()) or len(m.group()) < 4:
                continue
            word = m.group().lower()
            for name, code in terms.fuzzy.items():
                if abs(len(name) - len(word)) <= 1 and Levenshtein.distance(word, name) <= 1:
                    pieces.append((m.start(), m.end(), code))
                    break
    if terms.lexicon is not None:
        for s, e, code in find_names(text, terms.lexicon):
            inside = [p for p in pieces if p[0] < e and s < p[1]]
            if inside:
                # one name: take the linked person's code over the whole run
                s, e = min(s, *(p[0] for p in inside)), max(e, *(p[1] for p in inside))
                code = inside[0][2]
                pieces = [p for p in pieces if p not in inside]
            pieces.append((s, e, code))
    return sorted(pieces)


def _replacement(code: str) -> Markup:
    return Markup('<span class="pseudonym">') + escape(code) + Markup("</span>")


def highlight(
    text: str | None,
    spans: list[Span],
    redact: Redaction | None = None,
) -> Markup:
    """``text`` as HTML with every span in ``<mark>`` and names replaced by codes.

    Spans are offsets into the original text; names are replaced as the text is
    drawn, so a mark that starts or ends inside a name still covers its place.
    """
    if not text:
        return Markup("")
    pieces = redactions(text, redact)
    cuts = {0, len(text)}
    good = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    for s in good:
        cuts.update((s.start, s.end))
    for a, b, _ in pieces:
        cuts.update((a, b))
    points = sorted(cuts)
    html = Markup("")
    k = 0
    for a, b in zip(points, points[1:], strict=False):
        while k < len(pieces) and pieces[k][1] <= a:
            k += 1
        if k < len(pieces) and pieces[k][0] <= a < pieces[k][1]:
            inner = _replacement(pieces[k][2]) if a == pieces[k][0] else Markup("")
        else:
            inner = escape(text[a:b])
        covering = [s for s in good if s.start <= a and b <= s.end]
        if covering and inner:
            label = ", ".join(sorted({s.label for s in covering if s.label}))
            html += Markup('<mark title="{}">').format(label) + inner + Markup("</mark>")
        else:
            html += inner
    return html


def spans_for(evidence: dict[str, Any], table: str, record_id: str, column: str) -> list[Span]:
    """The evidence spans that point into one column of one record."""
    out = []
    for s in evidence.get("spans", []):
        if (
            str(s.get("table")) == table
            and str(s.get("id")) == str(record_id)
            and str(s.get("column")) == column
        ):
            try:
                out.append(Span(int(s["start"]), int(s["end"]), str(s.get("label") or "")))
            except (KeyError, TypeError, ValueError):
                continue
    return out


ID_COLUMNS = {
    "incidents": "incident_id",
    "crimes": "crime_id",
    "documents": "document_id",
    "records": "record_id",
}


def evidence_texts(
    store: Store,
    evidence: dict[str, Any],
    pseudonyms: Pseudonyms | None,
    show_names: bool,
) -> list[dict[str, Any]]:
    """Each (table, id, column) the evidence points at, its text highlighted.

    Returns dicts with table, id, column, html (Markup) and spans (the raw span
    dicts). Names of people linked to the record are replaced by their codes
    unless ``show_names``.
    """
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for s in evidence.get("spans", []):
        key = (str(s.get("table")), str(s.get("id")), str(s.get("column")))
        groups.setdefault(key, []).append(s)
    out = []
    for (table, rid, column), raw in groups.items():
        idcol = ID_COLUMNS.get(table)
        text = None
        if idcol and store.has(table) and column.isidentifier():
            if column in table_columns(store, table):
                row = store.rows(f'SELECT "{column}" FROM {table} WHERE {idcol} = ?', [rid])
                text = row[0][0] if row else None
        terms = None
        if not show_names and pseudonyms is not None:
            terms = name_terms(record_names(store, table, rid, pseudonyms), pseudonyms.lexicon)
        spans = spans_for(evidence, table, rid, column)
        if text is None:
            text = " … ".join(str(s.get("text", "")) for s in raw)
            spans = []
        out.append(
            {
                "table": table,
                "id": rid,
                "column": column,
                "html": highlight(str(text), spans, terms),
                "spans": raw,
            }
        )
    return out


def record_names(store: Store, table: str, rid: str, pseudonyms: Pseudonyms) -> dict[str, str]:
    """Names (surname, forenames, full) of people linked to an incident or crime → code."""
    link = {
        "incidents": ("incident_records", "incident_id"),
        "crimes": ("crime_records", "crime_id"),
    }
    if table not in link or not store.has("records"):
        return {}
    lt, key = link[table]
    if not store.has(lt):
        return {}
    if store.has("people"):
        # every record of each linked person: the spellings other systems used too
        rows = store.rows(
            f"""WITH linked AS (SELECT DISTINCT p.person_id FROM {lt} l
                                JOIN people p ON p.record_id = l.record_id WHERE l.{key} = ?)
                SELECT r.surname, r.forenames, p.person_id FROM linked
                JOIN people p USING (person_id) JOIN records r ON r.record_id = p.record_id""",
            [rid],
        )
    else:
        rows = store.rows(
            f"SELECT r.surname, r.forenames, r.record_id FROM {lt} l "
            f"JOIN records r ON r.record_id = l.record_id WHERE l.{key} = ?",
            [rid],
        )
    names: dict[str, str] = {}
    for surname, forenames, pid in rows:
        code = pseudonyms.code(str(pid) if pid else None)
        for n in (surname, forenames, f"{forenames} {surname}" if surname and forenames else None):
            if n:
                names[str(n)] = code
                for part in str(n).split():
                    if len(part) > 2:
                        names.setdefault(part, code)
    return names
