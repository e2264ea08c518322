"""Names written in narratives are hidden from observers, police vocabulary is not."""

from __future__ import annotations

import html as htmllib
import re
import shutil
from pathlib import Path

import pytest

from candour.report import write_report
from candour.report.evidence import Span, highlight, name_terms
from candour.report.names import COMMON_WORDS, POLICE_VOCAB, NameLexicon, find_names
from candour.store import DB_NAME, Store

# a small inquiry's names: Kayleigh HARRISON is one person, Joshua HARRISON another
LEXICON = NameLexicon(
    words=frozenset(
        "kayleigh harrison joshua shane young adeyemi steven green victoria kelly jackson".split()
    ),
    ordinary=frozenset({"reports", "attended", "returned"}),
    pairs={
        "kayleigh harrison": "V-11111111",
        "joshua harrison": "P-22222222",
        "shane young": "P-33333333",
        "steven green": "P-55555555",
        "victoria kelly": "",  # two people share this name
    },
)


def redacted(text: str, lexicon: NameLexicon = LEXICON) -> str:
    out = text
    for s, e, code in reversed(find_names(text, lexicon)):
        out = out[:s] + "{" + code + "}" + out[e:]
    return out


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        (
            "22:10hrs YP located at home of Wayne STOTT (31), Moor Street.",
            ["Wayne", "STOTT"],
            ["YP", "Moor Street", "(31)"],
        ),
        (
            "Stop check, driver Craig ACKROYD 27yrs, VRM AB12 CDE, PNC checks NFA.",
            ["Craig", "ACKROYD"],
            ["VRM AB12 CDE", "PNC", "NFA", "27yrs"],
        ),
        ("IP seen with a male known as 'Bash' outside the shop.", ["Bash"], ["IP", "male"]),
        ("MFH found with male KNOWN AS TANK at the flat.", ["TANK"], ["MFH", "male", "flat"]),
        (
            "Mrs Bibi attended and said Mr Hollins was not there.",
            ["Bibi", "Hollins"],
            ["Mrs", "Mr", "attended"],
        ),
        ("Informant named as Dale WHITTAKER. CSE referral.", ["Dale", "WHITTAKER"], ["CSE"]),
        (
            "19:29hrs RAHMAN, Rebecca states he grabbed her by the throat.",
            ["RAHMAN", "Rebecca"],
            ["states", "throat"],
        ),
        (
            "MALE HOLDEN 45 SEEN WITH YP, RTC ON A62. CAWN SERVED.",
            ["HOLDEN"],
            ["MALE", "YP", "RTC", "CAWN", "SERVED"],
        ),
        ("IC1 MALE, 46, SLIM BUILD. IC3 FEMALE 15 YRS.", [], ["IC1 MALE, 46", "IC3 FEMALE 15 YRS"]),
        (
            "Occupants (JOSHUA HARRISON; JAMLA ADEYEMI) and YOUNG FEMALE aged 14.",
            ["JOSHUA", "HARRISON", "JAMLA", "ADEYEMI"],
            ["YOUNG FEMALE"],
        ),
        (
            "Caller Shane YOUNG reports young girl at Willow Street.",
            ["Shane", "YOUNG"],
            ["Caller", "reports young girl", "Willow Street"],
        ),
        (
            "Officers attended. Kayleigh returned home. Elizabeth Poppy AZIZ's shed.",
            ["Kayleigh", "Elizabeth", "Poppy", "AZIZ"],
            ["Officers attended.", "returned home"],
        ),
        (
            "EX PARTNER STEVEN GREEN KEEPS TURNING UP AT VICTORIA STREET. ROOM 12, FLAT 3.",
            ["STEVEN", "GREEN"],
            ["KEEPS TURNING UP AT VICTORIA STREET", "ROOM 12, FLAT 3", "EX PARTNER"],
        ),
        (
            "SUSPECT IS NEIGHBOUR, P KELLY. 3 MEN (JACKSON, N (KNOWN AS KAZ); A MALE 37).",
            ["P", "KELLY", "JACKSON", "N", "KAZ"],
            ["SUSPECT IS NEIGHBOUR", "3 MEN", "A MALE 37"],
        ),
    ],
)
def test_names_in_narratives_are_found(text: str, gone: list[str], kept: list[str]) -> None:
    out = redacted(text)
    for word in gone:
        assert not re.search(rf"\b{word}\b", out), f"{word} still in {out!r}"
    for words in kept:
        assert words in out, f"{words!r} mangled in {out!r}"


def test_a_name_of_one_person_takes_that_persons_code() -> None:
    assert redacted("Identified as Kayleigh HARRISON.") == "Identified as {V-11111111}."
    assert redacted("SHANE YOUNG SEEN") == "{P-33333333} SEEN"
    # a surname alone, or a name two people share: a neutral marker, never a guess
    assert redacted("HARRISON (31) present") == "{[name]} (31) present"
    assert redacted("KELLY, Victoria seen") == "{[name]} seen"


def test_police_vocabulary_and_sentences_are_left_alone() -> None:
    text = (
        "22.27 4653 -- ADVISED RE CAWN BUT NOT ISSUED AT THIS TIME. PNC CHECKS ON VRM NS19 VSK.\n"
        "Log graded 2. Units en route. THRIVE: threat H, harm L. MFH returned, NFA.\n"
        "Officers attended the Crown Hotel, Clayfield. DASH completed - high risk. RTC on A6."
    )
    assert find_names(text, LEXICON) == []


def test_highlight_stays_aligned_when_a_mark_crosses_a_name() -> None:
    text = "YP with Wayne STOTT (31) in VRM AB12 CDE at 2300"
    start = text.index("STOTT")
    vrm = text.index("AB12")
    spans = [Span(0, 2, "yp"), Span(start + 2, start + 10, "age"), Span(vrm, vrm + 8, "vrm")]
    page = str(highlight(text, spans, name_terms({}, LEXICON)))
    assert "STOTT" not in page and "Wayne" not in page and page.count("[name]") == 1
    marked = [
        htmllib.unescape(re.sub(r"<[^>]+>", "", m))
        for m in re.findall(r"<mark[^>]*>(.*?)</mark>", page)
    ]
    assert marked[0] == "YP" and marked[-1] == "AB12 CDE"
    assert " (31)" in "".join(marked)  # the part of the span after the name is still marked
    assert htmllib.unescape(re.sub(r"<[^>]+>", "", page)) == text.replace("Wayne STOTT", "[name]")
    # without a lexicon (the lead's view) nothing is replaced
    assert re.sub(r"<[^>]+>", "", str(highlight(text, spans))) == text


def _narratives(page: str) -> list[str]:
    blocks = re.findall(r'<div class="narrative">(.*?)</div>', page, re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", " ", b)) for b in blocks]


def test_observer_report_of_a_generated_inquiry_names_no_one(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """On the generated inquiry: no record's name in the observer's narratives; the lead's has them."""
    import candour.generate as gen

    if not hasattr(gen, "generate"):
        pytest.skip("the generator has not landed yet")
    out = tmp_path / "out"
    shutil.copytree(request.getfixturevalue("small_run"), out)
    with Store(out / DB_NAME, read_only=True) as store:
        records = store.rows("SELECT forenames, surname FROM records")
        texts = [r[0] or "" for r in store.rows("SELECT narrative FROM incidents")]
        texts += [r[0] or "" for r in store.rows("SELECT text FROM documents")]
    lowercase: dict[str, int] = {}  # words written in lower case in three texts: ordinary words
    for t in texts:
        for w in set(re.findall(r"\b[a-z][a-z'-]+\b", t)):
            lowercase[w] = lowercase.get(w, 0) + 1
    # ordinary words and police vocabulary count as names only next to a name
    ordinary = {w for w, n in lowercase.items() if n >= 3} | COMMON_WORDS | POLICE_VOCAB
    words = {w for pair in records for n in pair if n for w in n.split() if len(w) >= 3}
    names = {w for w in words if w.lower() not in ordinary}
    observer = write_report(out, role="observer")[0].read_text()
    narratives = _narratives(observer)
    assert narratives and "[name]" in observer
    for block in narratives:
        for w in names:
            assert not re.search(rf"\b{re.escape(w)}\b", block, re.I), f"{w} named in {block!r}"
        # the police convention for a surname, however the name is spelt
        caps = re.findall(r"\b[A-Z][a-z]+ ([A-Z]{3,})\b", block)
        assert not [c for c in caps if c.lower() in {n.lower() for n in words}], caps
    full = {f"{f} {s}".lower() for f, s in records if f and s}
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", observer)).lower()
    assert not [n for n in full if n in text]
    lead = write_report(out, role="lead")[0].read_text()
    shown = " ".join(_narratives(lead))
    assert sum(1 for w in names if re.search(rf"\b{re.escape(w)}\b", shown, re.I)) >= 5


def test_lines_of_enquiry_and_summaries_hide_names_from_observers(
    full_inquiry: Path, tmp_path: Path
) -> None:
    from candour.ledger import Ledger
    from candour.ledger.enquiry import open_enquiry

    out = tmp_path / "out"
    shutil.copytree(full_inquiry, out)
    with Store(out / DB_NAME) as store:
        open_enquiry(
            Ledger(store),
            "Wayne STOTT (31) and the Crown Hotel",
            "lead1",
            reason="driver named as Dale Whittaker",
        )
    observer = write_report(out, role="observer")[0].read_text()
    assert "Crown Hotel" in observer  # the line is there …
    for name in ("Wayne", "STOTT", "Dale", "Whittaker"):
        assert name not in observer  # … without the names
    lead = write_report(out, role="lead")[0].read_text()
    assert "Wayne STOTT (31)" in lead and "Dale Whittaker" in lead
