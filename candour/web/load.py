"""A loopback load test of the workspace: concurrent reviewers working the queue.

Each reviewer logs in over real HTTP, then repeatedly opens the queue, opens a
finding and records a decision on it. Returns per-request timings and what was
sent, so the caller can check that no decision was lost and the ledger verifies.
Used by tests/web/test_load.py and benchmarks/bench_web.py.
"""

from __future__ import annotations

import re
import statistics
import threading
import time
from typing import Any
from urllib.parse import quote

import httpx

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
DECISIONS = ("confirm", "needs_more", "reject")


def login(client: httpx.Client, username: str, password: str) -> None:
    page = client.get("/login")
    token = CSRF.search(page.text)
    if token is None:
        raise RuntimeError("no log-in form")
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token.group(1)},
    )
    if "candour_session" not in client.cookies:
        raise RuntimeError(f"log-in failed for {username}: {r.status_code}")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


def run_load(
    base_url: str,
    reviewers: list[tuple[str, str]],
    findings: list[str],
    per_reviewer: int,
    timeout_s: float = 120.0,
) -> dict[str, Any]:
    """``reviewers`` (name, password) each decide ``per_reviewer`` findings concurrently.

    Findings are dealt out so that each reviewer decides distinct ones; the
    result holds every decision the server acknowledged (303) and every page time.
    """
    times: dict[str, list[float]] = {"queue": [], "finding": [], "decide": []}
    sent: list[tuple[str, str, str]] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + timeout_s

    def work(i: int, name: str, password: str) -> None:
        mine = findings[i :: len(reviewers)][:per_reviewer]
        with httpx.Client(base_url=base_url, follow_redirects=False, timeout=30) as client:
            try:
                login(client, name, password)
            except Exception as exc:  # recorded and asserted on by the caller
                with lock:
                    errors.append(f"{name}: {exc}")
                return
            for n, fid in enumerate(mine):
                if time.monotonic() > deadline:
                    with lock:
                        errors.append(f"{name}: out of time")
                    return
                t0 = time.perf_counter()
                q = client.get("/queue", params={"status": "all"})
                t1 = time.perf_counter()
                page = client.get(f"/findings/{quote(fid, safe='')}")
                t2 = time.perf_counter()
                token = CSRF.search(page.text)
                decision = DECISIONS[n % len(DECISIONS)]
                r = client.post(
                    f"/findings/{quote(fid, safe='')}/decision",
                    data={
                        "decision": decision,
                        "reason": f"load test by {name}",
                        "csrf_token": token.group(1) if token else "",
                    },
                )
                t3 = time.perf_counter()
                with lock:
                    times["queue"].append(t1 - t0)
                    times["finding"].append(t2 - t1)
                    times["decide"].append(t3 - t2)
                    if q.status_code != 200 or page.status_code != 200:
                        errors.append(f"{name}: pages {q.status_code} {page.status_code}")
                    if r.status_code == 303:
                        sent.append((fid, decision, name))
                    else:
                        errors.append(f"{name}: decision on {fid} answered {r.status_code}")

    start = time.perf_counter()
    threads = [
        threading.Thread(target=work, args=(i, n, p), daemon=True)
        for i, (n, p) in enumerate(reviewers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout_s + 30)
    wall = time.perf_counter() - start
    every = [x for v in times.values() for x in v]
    return {
        "reviewers": len(reviewers),
        "decisions_acknowledged": len(sent),
        "requests": len(every),
        "wall_s": round(wall, 2),
        "requests_per_s": round(len(every) / wall, 1) if wall else 0.0,
        "p50_ms": round(1000 * statistics.median(every), 1) if every else 0.0,
        "p95_ms": round(1000 * percentile(every, 0.95), 1),
        "max_ms": round(1000 * max(every), 1) if every else 0.0,
        "p95_ms_by_page": {k: round(1000 * percentile(v, 0.95), 1) for k, v in times.items()},
        "errors": errors,
        "sent": sent,
    }
