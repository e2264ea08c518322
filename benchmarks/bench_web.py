"""Workspace under load on loopback: 10 reviewers deciding findings at once.

The server is `candour serve` in its own process (as in use); the reviewers are
threads in this process talking HTTP to 127.0.0.1. Runs on a copy of the demo
inquiry (demo/out from `make demo`), or builds one with the demo's parameters
if there is none. Checks that no decision was lost and the ledger verifies, and
reports page times (target: p95 < 300 ms).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.common import write_result
from candour.ledger import Ledger
from candour.store import DB_NAME, Store
from candour.web.accounts import add_user
from candour.web.load import run_load

ROOT = Path(__file__).parents[1]
DEMO = {"forces": 3, "years": 6, "scale": 0.5, "seed": 2024}
REVIEWERS = 10
EACH = 20


def _candour(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "candour.cli", *args], check=True, stdout=subprocess.DEVNULL
    )


def _inquiry(work: Path) -> tuple[Path, str]:
    given = os.environ.get("CANDOUR_BENCH_WEB_RUN")  # a `candour run` folder to copy
    demo = Path(given) if given else ROOT / "demo" / "out"
    out = work / "out"
    if (demo / DB_NAME).exists():
        shutil.copytree(demo, out, ignore=shutil.ignore_patterns("*.wal"))
        return out, f"a copy of {demo} (make demo's parameters: {DEMO})"
    bundle = work / "bundle"
    _candour("generate", str(bundle), *[f"--{k}={v}" for k, v in DEMO.items()])
    _candour("run", str(bundle), "--out", str(out))
    return out, f"generated with the demo's parameters {DEMO}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(results: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench_web_") as tmp:
        out, source = _inquiry(Path(tmp))
        people = [(f"bench{i:02d}", f"bench password {i:02d}") for i in range(REVIEWERS)]
        with Store(out / DB_NAME) as store:
            for name, password in people:
                add_user(store, name, "reviewer", password)
            findings = [
                r[0]
                for r in store.rows(
                    "SELECT finding_id FROM findings ORDER BY score DESC, finding_id"
                )
            ]
            incidents = store.count("incidents")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "candour.cli", "serve", str(out), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{url}/login", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the workspace did not start")
                time.sleep(0.2)
            result = run_load(url, people, findings, EACH, timeout_s=300)
        finally:
            server.terminate()
            server.wait(30)
        sent = sorted(result.pop("sent"))
        with Store(out / DB_NAME) as store:
            ledger = Ledger(store)
            on_ledger = sorted(
                (e["subject"]["finding_id"], e["action"], e["actor"])
                for e in ledger.entries()
                if e["action"] in ("confirm", "reject", "needs_more")
            )
            in_store = sorted(store.rows("SELECT finding_id, decision, username FROM ws_decisions"))
            verdict = ledger.verify()
    figures = {
        "inquiry": source,
        "incidents": incidents,
        "findings": len(findings),
        "decisions_sent": REVIEWERS * EACH,
        "decisions_on_ledger": len(on_ledger),
        "no_decision_lost": on_ledger == sent == in_store and len(sent) == REVIEWERS * EACH,
        "ledger_valid": verdict.ok,
        "target_p95_ms": 300,
        **{k: v for k, v in result.items() if k != "errors"},
        "errors": result["errors"][:10],
    }
    written = write_result(results, "web", figures)
    (results / "web.md").write_text(
        "| reviewers | requests | p50 ms | p95 ms | max ms | req/s | decisions lost | ledger |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        f"| {REVIEWERS} | {result['requests']} | {result['p50_ms']} | {result['p95_ms']} | "
        f"{result['max_ms']} | {result['requests_per_s']} | "
        f"{REVIEWERS * EACH - len(on_ledger)} | {'valid' if verdict.ok else 'INVALID'} |\n\n"
        f"Inquiry: {source}, {incidents:,} incidents, {len(findings):,} findings. "
        f"p95 by page (ms): {json.dumps(result['p95_ms_by_page'])}.\n"
    )
    return written


if __name__ == "__main__":
    print(json.dumps(main(ROOT / "benchmarks" / "results"), indent=2))
