"""Names written in police narratives, found so an observer's copy can hide them.

A narrative names people who were never linked as records of the incident (an
adult at the address, a driver, a man known by a nickname). Naming them against
an unproven allegation in a report for a wider audience is a legal and
safeguarding risk, so the detector here is deliberately conservative: when in
doubt, a word is a name. It finds

- any surname or forename of any record in the inquiry (case-insensitive),
  unless the word is also an ordinary word (``Young``, ``Hall``), which counts
  only next to another name ("Shane YOUNG", not "young female");
- police convention: a forename followed by a SURNAME in capitals, "SURNAME,
  Forename", a name followed by an age ("STOTT (31)", "ACKROYD 27yrs");
- a title (Mr, Mrs, Ms, Miss, Dr) and the words after it;
- "named as", "known as", "identified as", "aka", "calls himself" and the
  name after it, and nicknames in quotes ('Bash');
- capitalised words joined to a name found above ("Elizabeth Poppy AZIZ").

Police vocabulary in capitals (IP, YP, MFH, NFA, CSE, PNC, IC1 …) and ordinary
words are never names by shape alone, and a known name followed by a street
word ("Willow Street") is a place. Each hit is a span of the original text, so
evidence offsets stay aligned; the replacement is the person's pseudonym when
the words point to one person in the inquiry, else ``[name]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA

from candour.store import Store

MARKER = "[name]"

# Police and agency vocabulary written in capitals: never a name by shape.
POLICE_VOCAB: frozenset[str] = frozenset(
    """ip yp mfh nfa cse pnc rtc cawn vrm ic ic1 ic2 ic3 ic4 ic5 ic6 cctv bwv dash marac ppn
    thrive eta amb dvpn dvpo rp susp desc oic cid pcso pc dc ds di dci dsi sgt insp supt mash cps
    soco hmp uk nhs asb cad crn dob yoa yrs yo yr nb nrm abe sarc lscb lsab csc gp fase misper
    mfh mispers a&e ae ssd sc ss cp cin lac nspcc caldicott sio pnd aka nk n/k ofc tbc tba
    st rd ave ln cres hrs hr mins min am pm approx asap ref log rms niche storm ops op ops
    i/p r/p y/p vpa vpn vrn dvla dwp hmrc irc mp mps bt ee o2 ok ta ao ro co bc sa cr mg pace
    ptw tic tics cso csos ipcc iopc psd dps ocg ocgs ucg sxo sxos ncb ncrs nfa'd pnd pnc'd
    ic0 ic7 ic9 wm wf bm bf am af ee kfc mcdonalds aa rac bmw vw inft infmt mha abh gbh s/w sw
    ppu edt camhs woa veh res att occ rtd sus cse sxe cce dv dva idva isva rasso mappa""".split()
)

# Ordinary words that are also someone's name somewhere: names only next to a name.
COMMON_WORDS: frozenset[str] = frozenset(
    """a an and the of to in on at by for from with without into onto over under up down out off
    as is was were be been being are am has have had do did does not no yes this that these those
    he she they them his her hers their it its him who whom which what when where why how all any
    some each every both either neither other another same such own only just also very too so
    then than there here now again still yet ever never always often once twice later earlier
    today tonight tomorrow yesterday morning afternoon evening night day week month year time
    male female males females man men woman women boy boys girl girls child children juvenile
    youth youths adult adults person persons people youngster teenager teen baby family friend
    friends mother father mum dad parent parents carer carers brother sister son daughter aunt
    uncle grandmother grandfather nan gran partner husband wife boyfriend girlfriend neighbour
    neighbours caller callers informant victim victims suspect suspects susp offender witness
    officer officers police constable sergeant inspector detective staff manager driver
    passenger occupant occupants owner resident residents landlord tenant worker workers
    social services school teacher pupil pupils student nurse doctor paramedic ambulance
    young old older younger elderly new good bad big small little long short tall high low
    white black brown green grey gray red blue pink gold silver dark light fair
    rose may june april august grace faith hope joy mark will bill frank jack rich dean
    hall hill wood woods street lane road park bell king queen prince lord bishop church chapel
    mill mills bridge brook brooks field fields ford forest marsh moor moss lake banks bank
    cross gate gates well wells ward walker baker butler cook cooper carter turner taylor
    smith mason miller fisher hunter porter potter shepherd parker gardener fletcher
    house home flat address premises shop store hotel taxi car cars vehicle van bus station
    town city centre center north south east west upper lower middle new old great little
    front back rear side top bottom inside outside near nearby next last first second third
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty many several few most more less
    report reports reported reporting states stated says said told tells asked advised
    attended attend attending located found seen sighted stopped arrested detained released
    returned missing concern concerns concerned safe well intoxicated drunk drugs alcohol
    cannabis knife injury injuries assault theft burglary robbery damage fight argument
    alarm audible dispatched awaiting resource resources units unit patrol response grade
    graded regraded closed close open opened update updated checks check checked search
    searched nothing known negative positive result results crime incident log call calls
    text texts phone mobile number details name names named unknown known identified
    description wearing jacket hoodie hair build tracksuit glasses beard
    referral referred strategy meeting discussion form forms completed complete submitted
    transferred queue investigation management enquiries enquiry statement statements
    custody charge charged interview interviewed bail bailed caution cautioned court
    sexual exploitation abuse risk harm threat medium concern safeguarding protection
    please see note notes action actions info information intel intelligence
    sir madam dear regards yours sincerely subject re fw fwd cc attached attachment
    noted saw seen kissed kept touched hit punched kicked says said took taken left went came
    picked dropped given gave made met arrived stayed lives living believed thought alleges
    alleged claims disclosed disclosure refused agreed contacted rang phoned visited collected
    drove driven grabbed pushed threatened assaulted raped abused groomed bought offered
    supplied sent showed spoke spoken informed heard spotted witnessed wants wanted says
    room rooms floor block apartment bed level junction platform bay exhibit item page para
    section part phase class team door cell route line no number ref
    monday tuesday wednesday thursday friday saturday sunday january february march july
    september october november december christmas easter""".split()
)

TITLE_WORDS: frozenset[str] = frozenset({"mr", "mrs", "ms", "miss", "mstr", "master", "dr"})
TITLES = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mstr|Master|Dr)\.?\s+", re.IGNORECASE)
CUES = re.compile(
    r"\b(?:named\s+as|known\s+as|known\s+to\s+(?:her|him|them)\s+as|identified\s+as|"
    r"nicknamed|nickname|a\.?k\.?a\.?|calls?\s+(?:him|her)self|calling\s+(?:him|her)self|"
    r"goes\s+by|gave\s+(?:his|her)\s+name\s+as|name\s+given\s+as)\s*[:\-]?\s*",
    re.IGNORECASE,
)
# a nickname in quotes: one to three short capitalised words ('Bash', "Big Mo")
QUOTED = re.compile(r"(['\"‘“])([A-Z][A-Za-z-]{0,7}(?:\s[A-Z][A-Za-z-]{0,7}){0,2})(['\"’”])")
AGE_AFTER = re.compile(
    r"\s*(?:\(\s*\d{1,2}\s*(?:yrs?|yo|yoa|years?)?\s*\)|,?\s*\d{1,2}\s*(?:yrs?|yo|yoa|y/o|years?)\b"
    r"|,?\s*aged\s+\d{1,2}\b|\s+\d{1,2}(?![\w/:.]))",
    re.IGNORECASE,
)
STREET_WORDS: frozenset[str] = frozenset(
    """street st road rd lane ln avenue ave place crescent cres terrace gardens close way drive
    grove court park square walk row parade mews green estate view rise hill vale fold
    brow gate gardens bridge retail precinct centre industrial""".split()
)
# whole words of letters only: "EL03", "F12" and "IC1" are no words
TOKEN = re.compile(r"(?<!\w)(?:[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z])(?![\w])")
JOIN = re.compile(r"^(?:\s|,\s?|-)$|^\s+$")


@dataclass(frozen=True)
class NameLexicon:
    """Every record's name words (lower case), and whose each forename–surname pair is.

    ``pairs`` maps "forename surname" (one word of each) to the code of the one
    person whose records bear it, or "" when several people (or no linked person)
    do. Only words and pairs are kept, so a million records fit in modest memory.
    """

    words: frozenset[str] = frozenset()
    ordinary: frozenset[str] = frozenset()
    pairs: dict[str, str] = field(default_factory=dict)

    @cached_property
    def forenames(self) -> frozenset[str]:
        return frozenset(k.split(" ", 1)[0] for k in self.pairs)

    @cached_property
    def surnames(self) -> frozenset[str]:
        return frozenset(k.split(" ", 1)[1] for k in self.pairs)

    def is_ordinary(self, word: str) -> bool:
        w = word.lower()
        return w in COMMON_WORDS or w in self.ordinary or w in POLICE_VOCAB

    @cached_property
    def _words(self) -> list[str]:
        return sorted(COMMON_WORDS | self.ordinary)

    @cached_property
    def _names(self) -> list[str]:
        return sorted(w for w in self.words if len(w) >= 4)

    def is_misspelt_name(self, word: str) -> bool:
        """Within one slip (two for longer words) of a record's name word."""
        w = word.lower()
        if len(w) < 3:
            return False
        cutoff = 2 if len(w) >= 6 else 1
        return (
            process.extractOne(w, self._names, scorer=OSA.distance, score_cutoff=cutoff) is not None
        )

    def is_misspelt_word(self, word: str) -> bool:
        """An ordinary word with one slip ("REORTS", "GRDAE"), and no misspelt name."""
        w = word.lower()
        if len(w) < 4 or w in self.words:
            return False
        if process.extractOne(w, self._names, scorer=OSA.distance, score_cutoff=1):
            return False
        return process.extractOne(w, self._words, scorer=OSA.distance, score_cutoff=1) is not None


def _ordinary_words(store: Store) -> set[str]:
    """Words written in lower case in at least three texts of the inquiry: ordinary words."""
    words: set[str] = set()
    for table, col, key in (
        ("incidents", "narrative", "incident_id"),
        ("documents", "text", "document_id"),
    ):
        if not store.has(table):
            continue
        rows = store.rows(
            f"""SELECT w FROM (SELECT DISTINCT {key} AS k,
                       unnest(regexp_extract_all({col}, '\\b[a-z][a-z''-]+\\b')) AS w FROM {table})
                GROUP BY w HAVING count(*) >= 3"""
        )
        words.update(r[0] for r in rows)
    return words


def _words_sql(column: str) -> str:
    return f"unnest(string_split(lower(replace(coalesce({column}, ''), ',', ' ')), ' '))"


def load_lexicon(store: Store, code: Callable[[str], str] | None = None) -> NameLexicon:
    """The names of every record in the store; ``code`` gives a person_id's pseudonym.

    The pairing of forenames with surnames runs in DuckDB, so only distinct words
    and pairs reach Python.
    """
    if not store.has("records"):
        return NameLexicon()
    linked = store.has("people") and code is not None
    person = "p.person_id" if linked else "NULL::VARCHAR"
    join = "LEFT JOIN people p USING (record_id)" if linked else ""
    rows = store.rows(
        f"""WITH r AS (SELECT r.forenames, r.surname, {person} AS person_id FROM records r {join}),
                 f AS (SELECT {_words_sql("forenames")} AS f, surname, person_id FROM r),
                 fs AS (SELECT f, {_words_sql("surname")} AS s, person_id FROM f)
            SELECT f, s, count(DISTINCT person_id), any_value(person_id),
                   count(*) FILTER (WHERE person_id IS NULL)
            FROM fs WHERE f <> '' AND s <> '' GROUP BY f, s"""
    )
    pairs: dict[str, str] = {}
    for f, s, people, pid, unlinked in rows:
        f, s = f.strip(".'’-"), s.strip(".'’-")
        if not f or not s:
            continue
        key = f"{f} {s}"
        one = code(str(pid)) if code and people == 1 and not unlinked else ""
        pairs[key] = one if pairs.get(key, one) == one else ""
    words = {
        w.strip(".'’-")
        for (w,) in store.rows(
            f"""SELECT DISTINCT w FROM (SELECT {_words_sql("forenames")} AS w FROM records
                UNION ALL SELECT {_words_sql("surname")} FROM records)"""
        )
    }
    words = {w for w in words if len(w) >= 2 and w not in POLICE_VOCAB}
    return NameLexicon(frozenset(words), frozenset(_ordinary_words(store)), pairs)


def _shape(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "caps"
    if word[0].isupper():
        return "title"
    return "lower"


def _clean(word: str) -> str:
    w = re.sub(r"['’]s$", "", word, flags=re.IGNORECASE)
    return w.strip("'’-")


def find_names(text: str, lexicon: NameLexicon) -> list[tuple[int, int, str]]:
    """Spans of ``text`` that name someone: (start, end, replacement)."""
    toks = [(m.start(), m.end(), _clean(m.group())) for m in TOKEN.finditer(text)]
    toks = [(s, s + len(w), w) for s, _, w in toks if w]
    n = len(toks)
    if not n:
        return []
    lower = [w.lower() for _, _, w in toks]
    shape = [_shape(w) for _, _, w in toks]
    vocab = [
        w in POLICE_VOCAB or w in TITLE_WORDS or re.fullmatch(r"ic\d", w) is not None for w in lower
    ]
    known = [w in lexicon.words for w in lower]
    capital = [shape[i] != "lower" for i in range(n)]
    ordinary = [
        lexicon.is_ordinary(w) or (capital[i] and not known[i] and lexicon.is_misspelt_word(w))
        for i, w in enumerate(lower)
    ]

    def joined(i: int, j: int) -> bool:
        """Tokens i and j (i < j, adjacent) are separated only by a space, comma or hyphen."""
        return j == i + 1 and bool(JOIN.match(text[toks[i][1] : toks[j][0]]))

    def pair(a: int, b: int) -> bool:
        """Tokens a, b are a record's forename and surname, in either police order."""
        if not joined(a, b):
            return False
        if "," in text[toks[a][1] : toks[b][0]]:
            return f"{lower[b]} {lower[a]}" in lexicon.pairs
        return f"{lower[a]} {lower[b]}" in lexicon.pairs

    def place(i: int) -> bool:
        """A word before a street word ("Victoria Street"), unless it may be a name ("Steven
        GREEN": a forename, then a street word that is also a surname)."""
        if i + 1 >= n or not joined(i, i + 1) or lower[i + 1] not in STREET_WORDS:
            return False
        return not (lower[i] in lexicon.forenames and lower[i + 1] in lexicon.surnames)

    strong: set[int] = set()
    # any record's name that is no ordinary word
    for i in range(n):
        if known[i] and not ordinary[i] and not vocab[i] and len(lower[i]) >= 3 and not place(i):
            strong.add(i)
    # police convention: Forename SURNAME, SURNAME, Forename
    caps_line = {i for i in range(n) if _line_is_caps(text, toks[i][0])}
    for i in range(n - 1):
        a, b = i, i + 1
        if pair(a, b) and capital[a] and capital[b]:
            strong.update((a, b))  # "Jack KING", "LEANNE GREEN": ordinary words, but a name
            continue
        if not joined(a, b) or vocab[a] or vocab[b]:
            continue
        # a known surname may be an ordinary word ("Sraron WARD", "WHITE, Sameear")
        if ordinary[a] and not (known[a] and shape[a] == "caps"):
            continue
        if ordinary[b] and not (known[b] and shape[b] == "caps"):
            continue
        if ordinary[a] and ordinary[b]:
            continue
        if shape[a] == "title" and shape[b] == "caps" and a not in caps_line:
            strong.update((a, b))
        if shape[a] == "caps" and shape[b] == "title" and "," in text[toks[a][1] : toks[b][0]]:
            strong.update((a, b))
    # a name followed by an age: STOTT (31), ACKROYD 27yrs
    for i in range(n):
        if capital[i] and not vocab[i] and not ordinary[i] and len(lower[i]) >= 2:
            if AGE_AFTER.match(text, toks[i][1]):
                strong.add(i)
    # titles and cue phrases: the capitalised words after them (any words, even ordinary)
    starts = {s: k for k, (s, _, _) in enumerate(toks)}
    for m in list(TITLES.finditer(text)) + list(CUES.finditer(text)):
        pos = m.end()
        quote = text[pos : pos + 1] in "'\"‘“" and pos < len(text)
        k = starts.get(pos + (1 if quote else 0))
        if k is None or not capital[k] or vocab[k]:
            continue
        strong.add(k)
        j = k + 1
        while j < n and j - k < 3 and joined(j - 1, j) and capital[j] and not vocab[j]:
            if not quote and ordinary[j]:
                break
            strong.add(j)
            j += 1
    # nicknames in quotes
    for m in QUOTED.finditer(text):
        inside = [k for k in range(n) if m.start(2) <= toks[k][0] < m.end(2)]
        if inside and not all(ordinary[k] or vocab[k] for k in inside):
            strong.update(inside)
    # capitalised words joined to a name: the rest of the name
    weak: set[int] = set()  # ordinary words taken in as part of a name: they grow no further
    grown = True
    while grown:
        grown = False
        for i in sorted(strong - weak):
            for j in (i - 1, i + 1):
                if j < 0 or j >= n or j in strong or not joined(min(i, j), max(i, j)):
                    continue
                if not capital[j] or vocab[j] or (ordinary[j] and not known[j]):
                    continue
                initial = len(lower[j]) == 1  # "P KELLY", "JACKSON, N"
                sep = text[toks[min(i, j)][1] : toks[max(i, j)][0]]
                if "," in sep and not known[j] and not initial:
                    continue
                if place(j) or (j == i + 1 and lower[j] in STREET_WORDS and place(i)):
                    continue
                if j == i + 1 and shape[j] == "caps" and not known[j] and not initial:
                    # after a name, a word in capitals must be a name or a slip of one
                    # ("KAYLEIIGH HARRISON", "LEIWS"), not the next word ("GREEN KEEPS")
                    if not lexicon.is_misspelt_name(lower[j]):
                        continue
                strong.add(j)
                if ordinary[j]:
                    weak.add(j)
                grown = True
    return _pieces(text, toks, sorted(strong), lower, lexicon)


def _line_is_caps(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _pieces(
    text: str,
    toks: list[tuple[int, int, str]],
    idx: list[int],
    lower: list[str],
    lexicon: NameLexicon,
) -> list[tuple[int, int, str]]:
    """Runs of name tokens → one replacement each (a person's code when only one fits)."""
    runs: list[list[int]] = []
    for i in idx:
        if runs and runs[-1][-1] == i - 1 and JOIN.match(text[toks[i - 1][1] : toks[i][0]]):
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        # the codes of every forename–surname pair in the run, in either order
        codes = {
            lexicon.pairs[f"{lower[x]} {lower[y]}"]
            for x in run
            for y in run
            if x != y and f"{lower[x]} {lower[y]}" in lexicon.pairs
        }
        code = next(iter(codes)) if len(codes) == 1 and "" not in codes else MARKER
        out.append((toks[run[0]][0], toks[run[-1]][1], code))
    return out
