"""screen_text on hand-written log entries: ages, terms, negation, capitals, typos, spans."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from candour.screen import disclosure, screen_text


def ages(text: str, at: date | None = None) -> list[int]:
    return sorted(int(f.value) for f in screen_text(text, at) if f.indicator == "age")


def has(text: str, indicator: str, value: str | None = None, negated: bool = False) -> bool:
    return any(
        f.indicator == indicator and f.negated is negated and (value is None or f.value == value)
        for f in screen_text(text)
    )


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("IP 14yo female", 14),
        ("IP is 14 y/o", 14),
        ("female aged fourteen", 14),
        ("approx 13-14", 13),
        ("GIRL APPROX 13-14 YRS", 13),
        ("misper 15yrs", 15),
        ("child is 13 years old", 13),
        ("14 YOA", 14),
        ("IP (15) attended", 15),
        ("she is in year 9 at school", 13),
        ("Yr 10 pupil", 14),
        ("between 13 and 15", 13),
    ],
)
def test_ages(text: str, age: int) -> None:
    assert min(ages(text)) == age


def test_date_of_birth_gives_age_at_the_event() -> None:
    assert ages("IP DOB 12/03/1998 located", at=date(2012, 3, 11)) == [13]
    assert ages("IP DOB 12/03/1998 located", at=date(2012, 3, 12)) == [14]
    assert ages("IP D.O.B. 1998-03-12", at=date(2012, 6, 1)) == [14]
    assert ages("IP DOB 12/03/1998") == []  # no event date: a date of birth, not an age


def test_adult_ages() -> None:
    assert 30 in ages("with two males in their 30s")
    assert 40 in ages("male mid 40s")
    assert 35 in ages("male aged 35")


def test_times_and_counts_are_not_ages() -> None:
    assert ages("Attended at 14:30, 2 males, unit 14 on scene, 3 years ago") == []


def test_terms_in_capitals_abbreviations_and_typos() -> None:
    assert has("IP STATES SHE HAD SEX WITH MALE", "sexual", "penetration")
    assert has("MFH from care home", "missing")
    assert has("misper located", "missing")
    assert has("YP absconded from placement", "missing")
    assert has("found in veh VRM AB12CDE", "setting", "vehicle")
    assert has("IP is heavily intoxicated", "intoxication")
    assert has("IP is intoxicted", "intoxication")
    assert has("She is consentng", "consent_language", "consenting")
    assert has("described as a prostitue", "consent_language", "choices")
    assert has("STREETWISE and making her own choices", "consent_language", "choices")
    assert has("it is her lifestyle choice", "consent_language", "choices")
    assert has("given vodka and cannabis", "exchange", "alcohol")
    assert has("given vodka and cannabis", "exchange", "drugs")
    assert has("male bought her phone credit", "exchange", "phone_credit")
    assert has("taken to the hotel by males", "setting", "hotel")
    assert has("found at the kebab shop", "setting", "takeaway")
    assert has("CAWN served on male", "cawn")
    assert has("no details taken of the males", "adult_details", "not_taken")


@pytest.mark.parametrize(
    "text",
    [
        "No disclosure made.",
        "IP denies any sexual contact.",
        "NO CONCERNS RE SEXUAL ACTIVITY",
        "Nil of note, no evidence of sexual activity",
    ],
)
def test_negation(text: str) -> None:
    inds = screen_text(text)
    targeted = [f for f in inds if f.indicator in ("sexual", "disclosure")]
    assert targeted and all(f.negated for f in targeted)
    assert disclosure(inds)[0] is False


def test_negation_ends_at_the_clause() -> None:
    inds = screen_text("IP denies sexual contact, however friend states she had sex with him")
    sexual = [f for f in inds if f.indicator == "sexual"]
    assert [f.negated for f in sexual] == [True, False]


def test_consent_to_search_is_not_consent_language() -> None:
    assert not has("Consent to search given", "consent_language")
    assert not has("she consented to a medical examination", "consent_language")
    assert has("she consented to sex with him", "consent_language", "consenting")


@pytest.mark.parametrize(
    "text",
    [
        "IC1 male",
        "IC2 MALE",
        "IC3 female",
        "IC4 male",
        "IC5 male",
        "IC6 male",
        "white male",
        "Asian male",
        "black female",
        "south asian males",
        "eastern european male",
        "mixed race female",
    ],
)
def test_appearance_is_never_an_indicator(text: str) -> None:
    for f in screen_text(f"Seen with {text} near the car"):
        assert not any(
            w in f.text.lower()
            for w in (
                "ic1",
                "ic2",
                "ic3",
                "ic4",
                "ic5",
                "ic6",
                "white",
                "asian",
                "black",
                "mixed",
                "european",
            )
        )


def test_ethnicity_does_not_change_the_reading() -> None:
    base = "14yo female found in car with {} male aged 30, had sex, given vodka."
    readings = set()
    for eth in ("IC1", "IC4", "white", "asian", "black", "south asian", ""):
        inds = screen_text(base.format(eth))
        readings.add(
            (tuple(sorted((f.indicator, f.value, f.negated) for f in inds)), disclosure(inds))
        )
    assert len(readings) == 1


def test_disclosure_of_exploitation() -> None:
    ok, score = disclosure(screen_text("14yo girl had sex with 30yo male for cannabis in his car"))
    assert ok and score > 0.5
    assert disclosure(screen_text("Shoplifting at Tesco, male detained"))[0] is False
    assert disclosure(screen_text("Briefing: emerging CSE problem, girls groomed by older men"))[0]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["IP", "14yo", "had sex", "NO", "denies", "MFH", "in car", "vodka", "CAWN", "ç", "İ",
             "ß", "\n", ",", ".", "aged fourteen", "DOB 01/02/1999", "consenting", "💥", "boyfriend"]
        ) | st.text(max_size=8),
        max_size=30,
    ).map(" ".join)
)  # fmt: skip
def test_spans_are_exact(text: str) -> None:
    for f in screen_text(text, date(2012, 1, 1)):
        assert text[f.start : f.end] == f.text
        assert 0 <= f.start < f.end <= len(text)


def test_prefilter_never_skips_a_match() -> None:
    """Trying patterns only at the words they can begin with finds every match."""
    from pathlib import Path

    from candour.screen import text as t

    lines = Path(__file__).read_text(encoding="utf-8").lower().splitlines()
    lines += [x.lower() for x in Path(__file__).with_name("test_stage.py").read_text().splitlines()]
    for src in lines:
        hits = t._matches(src)
        for i, rx in enumerate(t._PATTERNS):
            full = {m.start() for m in rx.finditer(src) if m.end() > m.start()}
            assert full <= {m.start() for m in hits.get(i, ())}, (i, src)
