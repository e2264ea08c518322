"""The review workspace: FastAPI, server-rendered Jinja2 pages, htmx for small swaps.

One process holds the inquiry's DuckDB database (DuckDB allows one writer
process); every use of the connection goes through one lock, so reads and
writes from the server's worker threads are serialised. Routes are guarded by
:data:`candour.web.access.MATRIX`; every POST needs the session's CSRF token.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from candour.report.enquiries import (
    ENQUIRY_ACTIONS,
    EXCLUDABLE,
    FINDING_DECISIONS,
    ledger_or_none,
    lines_of_enquiry,
    scope_from_text,
)
from candour.report.evidence import NAMING_ROLES, Pseudonyms, load_pseudonyms, table_columns
from candour.report.network import network_svg
from candour.report.sections import network as network_data
from candour.store import DB_NAME, Store
from candour.web import accounts, pages
from candour.web.access import MATRIX, PUBLIC, allowed
from candour.web.accounts import AccountError, User
from candour.web.decisions import DecisionWriter

log = logging.getLogger("candour.web")

SESSION_COOKIE = "candour_session"
LOGIN_COOKIE = "candour_login"
STATIC = Path(__file__).parent / "static"


class NotLoggedIn(Exception):
    pass


class Refused(Exception):
    def __init__(
        self, message: str = "Your role does not allow this page.", user: User | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.user = user


class WorkspaceStore(Store):
    """The store, remembering which tables exist and their columns.

    The server never drops a table, and the stage tables do not change while
    it runs, so both answers can be kept. :meth:`reader` gives a view of the
    same database through a DuckDB cursor, for one thread's reads.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.present: set[str] = set()
        self.columns_cache: dict[str, list[str]] = {}

    def has(self, table: str) -> bool:
        if table in self.present:
            return True
        if super().has(table):
            self.present.add(table)
            return True
        return False

    def reader(self) -> WorkspaceStore:
        view = object.__new__(WorkspaceStore)
        view.path, view.engine = self.path, self.engine
        view.con = self.con.cursor()
        view.present, view.columns_cache = self.present, self.columns_cache
        return view


# Point lookups the pages make (table, column). DuckDB answers `column = ?` from an
# ART index instead of scanning; made when the server starts, dropped when it stops.
LOOKUPS: tuple[tuple[str, str], ...] = (
    ("findings", "finding_id"),
    ("incidents", "incident_id"),
    ("crimes", "crime_id"),
    ("crimes", "incident_id"),
    ("records", "record_id"),
    ("people", "record_id"),
    ("people", "person_id"),
    ("incident_records", "incident_id"),
    ("incident_records", "record_id"),
    ("crime_records", "crime_id"),
    ("crime_records", "record_id"),
    ("finding_chain", "finding_id"),
    ("finding_chain", "officer_id"),
    ("officers", "officer_id"),
    ("knowledge", "officer_id"),
    ("ws_decisions", "finding_id"),
)


def make_indexes(store: WorkspaceStore) -> list[str]:
    """Create the lookup indexes that are missing; returns their names."""
    made = []
    for table, column in LOOKUPS:
        if column in table_columns(store, table):
            name = f"ws_ix_{table}_{column}"
            store.execute(f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" ("{column}")')
            made.append(name)
    return made


class Workspace:
    """The server's connection to the inquiry.

    Writes go through the one connection behind one lock (DuckDB allows one
    writing process; the lock serialises this process's writers). Reads use a
    cursor per worker thread, so page views do not queue behind each other.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        db = self.out_dir / DB_NAME
        if not db.exists():
            raise FileNotFoundError(f"{db} does not exist: run `candour run` first")
        self.store = WorkspaceStore(db)
        self.lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[WorkspaceStore] = []
        self.closed = False
        self._writer: DecisionWriter | None = None
        with self.lock:
            accounts.ensure_schema(self.store)
            self.indexes = make_indexes(self.store)
            self.pseudonyms: Pseudonyms = load_pseudonyms(self.store)
            self.kinds: list[str] = []
            self.forces: list[str] = []
            if self.store.has("findings"):
                self.kinds = [
                    r[0] for r in self.store.rows("SELECT DISTINCT kind FROM findings ORDER BY 1")
                ]
                self.forces = [
                    r[0]
                    for r in self.store.rows("SELECT DISTINCT force_id FROM findings ORDER BY 1")
                ]

    @contextmanager
    def db(self) -> Iterator[Store]:
        """The connection, for writing (and reads that must see this thread's writes)."""
        with self.lock:
            yield self.store

    def read(self) -> Store:
        """This thread's cursor: for reads, appends and the ledger (which locks itself)."""
        view: WorkspaceStore | None = getattr(self._local, "view", None)
        if view is None:
            with self.lock:
                view = self.store.reader()
                self._readers.append(view)
            self._local.view = view
        return view

    def decisions(self) -> DecisionWriter:
        """The ledger writer for review decisions (group commit), started on first use."""
        with self.lock:
            if self._writer is None:
                self._writer = DecisionWriter(self.store.reader())
            return self._writer

    def close(self) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
            if self._writer is not None:
                self._writer.close()
                self._writer.store.con.close()
            for view in self._readers:
                view.con.close()
            self._readers.clear()
            for name in self.indexes:  # leave the inquiry's tables as we found them
                self.store.execute(f"DROP INDEX IF EXISTS {name}")
            self.store.close()


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("candour.web", "templates"), autoescape=select_autoescape(["html"])
    )
    env.filters["words"] = lambda v: str(v).replace("_", " ")
    env.filters["dt"] = lambda v: "" if v is None else str(v)[:16]
    env.filters["urlq"] = lambda v: quote(str(v), safe="")
    env.globals["decisions"] = FINDING_DECISIONS
    env.globals["enquiry_actions"] = ENQUIRY_ACTIONS
    return env


def create_app(out_dir: Path, https_only: bool = False) -> FastAPI:
    """The workspace for the inquiry in ``out_dir`` (its inquiry.duckdb)."""
    ws = Workspace(out_dir)
    templates = Jinja2Templates(env=_env())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        ws.close()

    app = FastAPI(
        title="candour workspace",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.ws = ws

    def secure(request: Request) -> bool:
        return https_only or request.url.scheme == "https"

    def page(
        request: Request, name: str, user: User | None, status: int = 200, **ctx: Any
    ) -> HTMLResponse:
        return templates.TemplateResponse(
            request,
            name,
            {"user": user, "matrix": MATRIX, "allowed": allowed, **ctx},
            status_code=status,
        )

    # -- guards ---------------------------------------------------------------
    async def posted_token(request: Request) -> str | None:
        if request.method != "POST":
            return None
        form = await request.form()
        token = form.get("csrf_token") or request.headers.get("x-csrf-token")
        return str(token) if token else None

    def guard(route: str) -> Callable[..., User | None]:
        def check(request: Request, token: str | None = Depends(posted_token)) -> User | None:
            user = accounts.session_user(ws.read(), request.cookies.get(SESSION_COOKIE))
            if allowed(route, user.role if user else None):
                if request.method == "POST" and PUBLIC not in MATRIX[route]:
                    if user is None or not accounts.same_token(token, user.csrf):
                        raise Refused("The form's security token is missing or out of date.", user)
                return user
            if user is None:
                raise NotLoggedIn()
            raise Refused(user=user)

        return check

    @app.exception_handler(NotLoggedIn)
    async def _not_logged_in(request: Request, exc: NotLoggedIn) -> Response:
        if request.method == "GET":
            target = request.url.path
            return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)
        return HTMLResponse("Log in first.", status_code=401)

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> Response:
        return page(request, "refused.html", exc.user, status=403, message=exc.message)

    @app.middleware("http")
    async def _headers_and_log(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        start = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        template = re.sub(r":path}", "}", getattr(route, "path", "(unmatched)"))
        # Route templates only: never a path or query string that may name someone.
        log.info(
            "%s %s %s %.0fms",
            request.method,
            template,
            response.status_code,
            1000 * (time.perf_counter() - start),
        )
        h = response.headers
        h["X-Content-Type-Options"] = "nosniff"
        h["X-Frame-Options"] = "DENY"
        h["Referrer-Policy"] = "no-referrer"
        h["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "frame-ancestors 'none'; form-action 'self'"
        )
        if not template.startswith("/static"):
            h["Cache-Control"] = "no-store"
        return response

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # -- log-in -----------------------------------------------------------------
    def client_address(request: Request) -> str:
        """The client's address (uvicorn takes it from X-Forwarded-For of a trusted proxy)."""
        return request.client.host if request.client else "unknown"

    def too_many(request: Request, locked: accounts.Lockout, user: User | None = None) -> Response:
        seconds = max(1, int((locked.until - accounts.utcnow()).total_seconds()))
        resp = page(
            request,
            "locked.html",
            user,
            status=429,
            until=f"{locked.until:%H:%M} UTC",
            minutes=(seconds + 59) // 60,
            kind=locked.kind,
        )
        resp.headers["Retry-After"] = str(seconds)
        return resp

    @app.get("/login", name="login_form", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/", error: str = "") -> Response:
        token = secrets.token_urlsafe(24)
        resp = page(request, "login.html", None, login_token=token, next=_local(next), error=error)
        resp.set_cookie(
            LOGIN_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=secure(request),
            max_age=1800,
        )
        return resp

    @app.post("/login", name="login")
    def login(
        request: Request,
        username: str = Form(""),
        password: str = Form(""),
        csrf_token: str = Form(""),
        next: str = Form("/"),
        _: User | None = Depends(guard("login")),
    ) -> Response:
        if not accounts.same_token(csrf_token, request.cookies.get(LOGIN_COOKIE)):
            raise Refused("The log-in form has expired; open it again.")
        address = client_address(request)
        account = accounts.password_hash(ws.read(), username)
        key = accounts.attempt_key(account, username)
        with ws.db() as store:
            locked = accounts.lockout(store, key, address)
        if locked is not None:
            return too_many(request, locked)
        user = accounts.check_password(account, username, password)  # slow: outside the lock
        if user is None:
            with ws.db() as store:
                started = accounts.record_failure(store, key, address)
            if started:
                log.warning("log-in locked: %s", ", ".join(k.kind for k in started))
                return too_many(request, started[0])
            log.info("log-in refused")
            return RedirectResponse("/login?error=1", status_code=303)
        with ws.db() as store:
            accounts.clear_failures(store, username)
            token, _csrf = accounts.start_session(store, user)
        resp = RedirectResponse(_local(next), status_code=303)
        resp.set_cookie(
            SESSION_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=secure(request),
            max_age=accounts.SESSION_HOURS * 3600,
            path="/",
        )
        resp.delete_cookie(LOGIN_COOKIE)
        return resp

    @app.get("/account/password", name="password_form", response_class=HTMLResponse)
    def password_form(
        request: Request,
        error: str = "",
        done: str = "",
        user: User = Depends(guard("password_form")),
    ) -> Response:
        return page(
            request,
            "password.html",
            user,
            error=error,
            done=bool(done),
            min_length=accounts.MIN_PASSWORD,
        )

    @app.post("/account/password", name="password_change")
    def password_change(
        request: Request,
        current_password: str = Form(""),
        new_password: str = Form(""),
        new_password_again: str = Form(""),
        user: User = Depends(guard("password_change")),
    ) -> Response:
        def again(message: str) -> Response:
            return RedirectResponse(f"/account/password?error={quote(message)}", status_code=303)

        address = client_address(request)
        with ws.db() as store:
            locked = accounts.lockout(store, user.username, address)
        if locked is not None:
            return too_many(request, locked, user)
        account = accounts.password_hash(ws.read(), user.username)
        if accounts.check_password(account, user.username, current_password) is None:
            # a wrong current password counts as a failed log-in: a borrowed session
            # cannot be used to guess the password
            with ws.db() as store:
                started = accounts.record_failure(store, user.username, address)
            if started:
                return too_many(request, started[0], user)
            return again("Your current password is not right.")
        if new_password != new_password_again:
            return again("The two new passwords differ.")
        if new_password == current_password:
            return again("The new password is the same as the current one.")
        try:
            with ws.db() as store:
                accounts.change_password(
                    store, user, new_password, request.cookies.get(SESSION_COOKIE)
                )
                accounts.clear_failures(store, user.username)
        except AccountError as exc:
            return again(str(exc).capitalize() + ".")
        log.info("password changed")
        return RedirectResponse("/account/password?done=1", status_code=303)

    @app.post("/logout", name="logout")
    def logout(request: Request, user: User = Depends(guard("logout"))) -> Response:
        with ws.db() as store:
            accounts.end_session(store, request.cookies.get(SESSION_COOKIE))
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(SESSION_COOKIE, path="/")
        return resp

    # -- home and report --------------------------------------------------------
    @app.get("/", name="home", response_class=HTMLResponse)
    def home(request: Request, user: User = Depends(guard("home"))) -> Response:
        store = ws.read()
        counts = {t: store.count(t) for t in ("findings", "incidents", "people", "groups")}
        mine = store.rows("SELECT count(*) FROM ws_decisions WHERE username = ?", [user.username])[
            0
        ][0]
        undecided = pages.queue(store)["total"] if store.has("findings") else 0
        return page(request, "home.html", user, counts=counts, mine=mine, undecided=undecided)

    def _report_file(name: str) -> Path:
        path = ws.out_dir / name
        if not path.exists():
            from candour.report import write_report

            with ws.db() as store:
                write_report(ws.out_dir, store=store)
        return path

    @app.get("/report", name="report_html", response_class=HTMLResponse)
    def report_html(request: Request, user: User = Depends(guard("report_html"))) -> Response:
        return HTMLResponse(_report_file("report.html").read_text(encoding="utf-8"))

    @app.get("/report.pdf", name="report_pdf")
    def report_pdf(request: Request, user: User = Depends(guard("report_pdf"))) -> Response:
        return FileResponse(_report_file("report.pdf"), media_type="application/pdf")

    # -- the review queue and findings -----------------------------------------
    @app.get("/queue", name="queue", response_class=HTMLResponse)
    def queue(
        request: Request,
        kind: str = "",
        force: str = "",
        officer: str = "",
        status: str = "undecided",
        page_no: int = 0,
        user: User = Depends(guard("queue")),
    ) -> Response:
        if status not in pages.DECISION_STATUS:
            status = "undecided"
        data = pages.queue(
            ws.read(), kind, force, officer.strip(), status, max(0, page_no), ws.kinds, ws.forces
        )
        filters = {"kind": kind, "force": force, "officer": officer, "status": status}
        name = "_queue_rows.html" if request.headers.get("hx-request") else "queue.html"
        return page(request, name, user, q=data, filters=filters)

    @app.get("/findings/{finding_id:path}", name="finding", response_class=HTMLResponse)
    def finding(
        request: Request, finding_id: str, user: User = Depends(guard("finding"))
    ) -> Response:
        named = user.role in NAMING_ROLES
        f = pages.finding(ws.read(), finding_id, ws.pseudonyms, named)
        victims = [p["person_id"] for p in (f["people"] if f and named else [])]
        victims = [pid for pid in victims if pid in ws.pseudonyms.victims]
        for pid in victims:  # victims named on this page (appends: no lock needed)
            accounts.log_access(ws.read(), user, "finding", pid, victim=True)
        if f is None:
            return page(request, "missing.html", user, status=404, what=f"finding {finding_id}")
        return page(request, "finding.html", user, f=f)

    @app.post("/findings/{finding_id:path}/decision", name="decide")
    def decide(
        request: Request,
        finding_id: str,
        decision: str = Form(...),
        reason: str = Form(""),
        then: str = Form("stay"),
        user: User = Depends(guard("decide")),
    ) -> Response:
        if decision not in FINDING_DECISIONS:
            return HTMLResponse("Unknown decision.", status_code=400)
        reason = reason.strip()
        if decision == "reject" and not reason:
            return HTMLResponse("A rejection must give a reason.", status_code=400)
        store = ws.read()
        rows = (
            store.dicts(
                "SELECT kind, subject_type, subject_id FROM findings WHERE finding_id = ?",
                [finding_id],
            )
            if store.has("findings")
            else []
        )
        if not rows:
            return HTMLResponse("No such finding.", status_code=404)
        entry = ws.decisions().submit(finding_id, decision, user.username, reason or None)
        f = pages.finding(store, finding_id, ws.pseudonyms, user.role in NAMING_ROLES)
        if request.headers.get("hx-request"):
            return page(request, "_decision.html", user, f=f, saved=entry)
        if then == "next" and f and f.get("next"):
            return RedirectResponse(f"/findings/{quote(f['next'], safe='')}", status_code=303)
        return RedirectResponse(f"/findings/{quote(finding_id, safe='')}", status_code=303)

    # -- people, groups, officers ------------------------------------------------
    @app.get("/persons/{person_id:path}", name="person", response_class=HTMLResponse)
    def person(request: Request, person_id: str, user: User = Depends(guard("person"))) -> Response:
        named = user.role in NAMING_ROLES
        p = pages.person(ws.read(), person_id, ws.pseudonyms, named)
        if p is not None and named:
            accounts.log_access(ws.read(), user, "person", person_id=person_id, victim=p["victim"])
        if p is None:
            return page(request, "missing.html", user, status=404, what="that person")
        return page(request, "person.html", user, p=p, named=named)

    @app.get("/groups/{group_id:path}", name="group", response_class=HTMLResponse)
    def group(request: Request, group_id: str, user: User = Depends(guard("group"))) -> Response:
        named = user.role in NAMING_ROLES
        store = ws.read()
        g = pages.group(store, group_id, ws.pseudonyms, named)
        svg = Markup("")
        if g is not None:
            net = network_data(store, [group_id], limit=120)
            labels = {m["person_id"]: m["label"] for m in g["members"]}
            svg = network_svg(
                net["nodes"],
                net["edges"],
                lambda pid: labels.get(pid, pid),
                link=lambda pid: f"/persons/{quote(pid, safe='')}",
            )
            if named and g["victims"]:
                accounts.log_access(store, user, "group", victim=True, group_id=group_id)
        if g is None:
            return page(request, "missing.html", user, status=404, what=f"group {group_id}")
        return page(request, "group.html", user, g=g, svg=svg, named=named)

    @app.get("/officers/{officer_id:path}", name="officer", response_class=HTMLResponse)
    def officer(
        request: Request, officer_id: str, user: User = Depends(guard("officer"))
    ) -> Response:
        o = pages.officer(ws.read(), officer_id)
        if o is None:
            return page(request, "missing.html", user, status=404, what=f"officer {officer_id}")
        return page(request, "officer.html", user, o=o)

    # -- lines of enquiry ----------------------------------------------------------
    @app.get("/enquiries", name="enquiries", response_class=HTMLResponse)
    def enquiries(
        request: Request, error: str = "", user: User = Depends(guard("enquiries"))
    ) -> Response:
        ledger = ledger_or_none(ws.read())
        lines = lines_of_enquiry(ledger)
        heads = ledger.heads() if ledger is not None else []
        return page(
            request,
            "enquiries.html",
            user,
            lines=lines,
            head=heads[-1] if heads else None,
            ledger=ledger is not None,
            error=error,
            excludable=EXCLUDABLE,
        )

    @app.post("/enquiries", name="enquiry_open")
    def enquiry_open(
        request: Request,
        title: str = Form(""),
        reason: str = Form(""),
        origin: str = Form("hand"),
        origin_id: str = Form(""),
        user: User = Depends(guard("enquiry_open")),
    ) -> Response:
        from candour.ledger import LedgerError
        from candour.ledger.enquiry import open_enquiry

        with ws.db() as store:
            ledger = ledger_or_none(store)
            try:
                entry = open_enquiry(
                    ledger,
                    title,
                    user.username,
                    origin=origin,
                    origin_id=origin_id or None,
                    reason=reason.strip() or None,
                )
            except LedgerError as exc:
                return RedirectResponse(f"/enquiries?error={quote(str(exc))}", status_code=303)
        eid = entry["subject"]["enquiry_id"]
        return RedirectResponse(f"/enquiries#{quote(eid, safe='')}", status_code=303)

    @app.post("/enquiries/{enquiry_id:path}/decision", name="enquiry_decide")
    def enquiry_decide(
        request: Request,
        enquiry_id: str,
        action: str = Form(...),
        reason: str = Form(""),
        assignee: str = Form(""),
        scope: str = Form(""),
        what: str = Form(""),
        value: str = Form(""),
        user: User = Depends(guard("enquiry_decide")),
    ) -> Response:
        from candour.ledger import LedgerError
        from candour.ledger.enquiry import decide as decide_enquiry

        details: dict[str, Any] = {}
        if action == "assign":
            details["assignee"] = assignee.strip()
        elif action == "narrow":
            details["scope"] = scope_from_text(scope)
        elif action in ("exclude", "include"):
            details.update(what=what, value=value.strip())
        with ws.db() as store:
            ledger = ledger_or_none(store)
            try:
                decide_enquiry(
                    ledger, enquiry_id, action, user.username, reason.strip() or None, **details
                )
            except LedgerError as exc:
                return RedirectResponse(f"/enquiries?error={quote(str(exc))}", status_code=303)
        return RedirectResponse(f"/enquiries#{quote(enquiry_id, safe='')}", status_code=303)

    # -- search, access log, users ---------------------------------------------------
    @app.get("/search", name="search", response_class=HTMLResponse)
    def search(request: Request, q: str = "", user: User = Depends(guard("search"))) -> Response:
        store = ws.read()
        res = pages.search(store, q, ws.pseudonyms, user.role in NAMING_ROLES) if q else None
        return page(request, "search.html", user, res=res, q=q)

    @app.get("/access-log", name="access_log", response_class=HTMLResponse)
    def access_log(request: Request, user: User = Depends(guard("access_log"))) -> Response:
        store = ws.read()
        rows = store.dicts("SELECT * FROM access_log ORDER BY viewed_at DESC LIMIT 500")
        total = store.count("access_log")
        return page(request, "access_log.html", user, rows=rows, total=total)

    @app.get("/users", name="users", response_class=HTMLResponse)
    def users(request: Request, error: str = "", user: User = Depends(guard("users"))) -> Response:
        with ws.db() as store:
            rows = accounts.users(store)
            locked = accounts.lockouts(store)
        return page(
            request,
            "users.html",
            user,
            rows=rows,
            roles=accounts.ROLES,
            error=error,
            locked=locked,
            min_length=accounts.MIN_PASSWORD,
        )

    @app.post("/users/unlock", name="user_unlock")
    def user_unlock(
        request: Request,
        kind: str = Form(...),
        subject: str = Form(...),
        user: User = Depends(guard("user_unlock")),
    ) -> Response:
        try:
            with ws.db() as store:
                accounts.unlock(store, kind, subject, by=user.username)
        except AccountError as exc:
            return RedirectResponse(f"/users?error={quote(str(exc))}", status_code=303)
        return RedirectResponse("/users", status_code=303)

    @app.post("/users", name="user_add")
    def user_add(
        request: Request,
        username: str = Form(...),
        role: str = Form(...),
        password: str = Form(...),
        user: User = Depends(guard("user_add")),
    ) -> Response:
        try:
            with ws.db() as store:
                accounts.add_user(store, username.strip(), role, password)
        except AccountError as exc:
            return RedirectResponse(f"/users?error={quote(str(exc))}", status_code=303)
        return RedirectResponse("/users", status_code=303)

    return app


def _local(target: str) -> str:
    """Only a path on this server (no open redirect)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def serve(
    out_dir: Path, host: str = "127.0.0.1", port: int = 8000, https_only: bool = False
) -> None:
    """Run the workspace with uvicorn; its access log is off (paths can name people)."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(out_dir, https_only=https_only)
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="info")
