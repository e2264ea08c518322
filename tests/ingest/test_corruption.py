"""Bundles corrupted at random: ingest never crashes, and every row is accounted for."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candour.ingest import BundleError, ingest

from .helpers import CRIMES, INCIDENTS, OFFICERS, assert_accounting, bundle, valid_files

FILES = valid_files()
FILES["incidents.csv"] = INCIDENTS + (
    'I4,F1,03/04/2009 10:00,999,"Multi-line\nnarrative, with ""quotes""",O2,\n'
    "I5,F2,2009-04-05 11:00,101,Child aged 13 found in hotel room with adult,O4,2009-04-05 12:00\n"
)
FILES["officers.csv"] = OFFICERS + "O5,F2,Nash,Fay,Det Supt,MIT,O4,2010-02-01\n"
FILES["crimes.csv"] = CRIMES + "C3,F2,I5,2009-04-06,19C,recorded,\n"
NAMES = sorted(FILES)

corruption = st.tuples(
    st.sampled_from(NAMES),
    st.sampled_from(["drop", "flip", "blank", "duplicate", "truncate"]),
    st.floats(0, 1, exclude_max=True),
    st.integers(1, 255),
)


def corrupt(data: bytes, kind: str, where: float, value: int) -> bytes:
    if not data:
        return data
    at = int(where * len(data))
    if kind == "drop":
        return data[:at] + data[at + 1 :]
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ value]) + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    lines = data.split(b"\n")
    i = int(where * len(lines))
    if kind == "duplicate":
        return b"\n".join(lines[: i + 1] + [lines[i]] + lines[i + 1 :])
    cells = lines[i].split(b",")  # blank one cell
    cells[value % len(cells)] = b""
    return b"\n".join(lines[:i] + [b",".join(cells)] + lines[i + 1 :])


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(corruption, min_size=1, max_size=4))
def test_random_corruption_never_crashes_and_accounting_holds(changes: list) -> None:
    files = {name: FILES[name].encode() for name in NAMES}
    for name, kind, where, value in changes:
        files[name] = corrupt(files[name], kind, where, value)
    with tempfile.TemporaryDirectory() as tmp:
        root = bundle(Path(tmp) / "b", dict(files))
        db = Path(tmp) / "out" / "inquiry.duckdb"
        try:
            report = ingest(root, db)
        except BundleError as exc:
            # fatal only when a header (the columns) was damaged, and the error names that file
            damaged = [
                n for n in NAMES if files[n].split(b"\n")[0] != FILES[n].encode().split(b"\n")[0]
            ]
            assert any(n in str(exc) for n in damaged), (str(exc), damaged)
            assert not db.exists()
            return
        assert_accounting(db, report)
        for name in NAMES:
            table = name.removesuffix(".csv")
            records = files[name].count(b"\n") + 1  # physical lines bound the records read
            assert report["tables"][table]["read"] <= records
