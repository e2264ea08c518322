"""The link stage on the generated small bundle: quality against truth, and Spark = DuckDB."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.console import Console

import candour.link
from candour import outputs
from candour.eval.scores import score_groups, score_people
from candour.store import Store


@pytest.fixture(scope="module")
def ingested(small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from candour.ingest import ingest

    db = tmp_path_factory.mktemp("link") / "inquiry.duckdb"
    ingest(small_bundle, db, console=Console(quiet=True))
    return db


def _link(db: Path, out: Path, engine: str) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(db, out / "inquiry.duckdb")
    with Store(out / "inquiry.duckdb") as store:
        candour.link.run(store, engine=engine)  # type: ignore[arg-type]
        outputs.write_all(store, out)
        return dict(store.rows("SELECT record_id, person_id FROM people"))


def test_people_and_groups_against_truth(
    ingested: Path, small_bundle: Path, tmp_path: Path
) -> None:
    people = _link(ingested, tmp_path, "duckdb")
    with Store(ingested, read_only=True) as store:
        assert set(people) == {r[0] for r in store.rows("SELECT record_id FROM records")}
    truth = small_bundle / "truth"
    assert score_people(tmp_path / "people.csv", truth / "people.csv")["f1"] >= 0.97
    ari = score_groups(tmp_path / "groups.csv", truth / "groups.csv")["adjusted_rand_index"]
    assert ari >= 0.8


@pytest.mark.spark
@pytest.mark.timeout(900)
def test_spark_gives_the_same_people_as_duckdb(ingested: Path, tmp_path: Path) -> None:
    """Splink's Spark backend in local mode: the same clusters as DuckDB."""
    duck = _link(ingested, tmp_path / "duckdb", "duckdb")
    spark = _link(ingested, tmp_path / "spark", "spark")

    def clusters(people: dict[str, str]) -> set[frozenset[str]]:
        by: dict[str, set[str]] = {}
        for record, person in people.items():
            by.setdefault(person, set()).add(record)
        return {frozenset(c) for c in by.values()}

    assert clusters(spark) == clusters(duck)
    assert len(clusters(duck)) < len(duck)  # records were linked, not left alone
