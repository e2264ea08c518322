"""Workspace accounts, sessions and the access log, kept in the inquiry's store.

Passwords are argon2id hashes. A session is a random token in an HttpOnly,
SameSite=Strict cookie; the store keeps only its SHA-256, the user it belongs
to, its CSRF token and its expiry, so a copy of the database holds no live
session. Every POST must carry the session's CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from candour.store import Store

ROLES: tuple[str, ...] = ("admin", "lead", "reviewer", "observer")
SESSION_HOURS = 12
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$")
MIN_PASSWORD = 10

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS ws_users (
        username VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, password_hash VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL, active BOOLEAN NOT NULL DEFAULT true)""",
    """CREATE TABLE IF NOT EXISTS ws_sessions (
        token_hash VARCHAR PRIMARY KEY, username VARCHAR NOT NULL, csrf VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS access_log (
        viewed_at TIMESTAMP NOT NULL, username VARCHAR NOT NULL, role VARCHAR NOT NULL,
        page VARCHAR NOT NULL, person_id VARCHAR, victim BOOLEAN, group_id VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS ws_login_failures (
        failed_at TIMESTAMP NOT NULL, username VARCHAR NOT NULL, address VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS ws_lockouts (
        kind VARCHAR NOT NULL, subject VARCHAR NOT NULL, locked_at TIMESTAMP NOT NULL,
        locked_until TIMESTAMP NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS ws_decisions (
        finding_id VARCHAR NOT NULL, decision VARCHAR NOT NULL, reason VARCHAR,
        username VARCHAR NOT NULL, decided_at TIMESTAMP NOT NULL, ledger_seq BIGINT)""",
)

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a real password, used to keep timing even")


class AccountError(ValueError):
    """A user that cannot be created as asked."""


@dataclass(frozen=True)
class User:
    username: str
    role: str
    csrf: str = ""


def ensure_schema(store: Store) -> None:
    for sql in SCHEMA:
        store.execute(sql)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def add_user(store: Store, username: str, role: str, password: str) -> User:
    """Create (or reset the password and role of) a workspace account."""
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not USERNAME.match(username):
        raise AccountError("username: 2–64 letters, digits, '.', '_', '-' or '@'")
    check_new_password(password)
    ensure_schema(store)
    digest = _hasher.hash(password)
    store.execute("DELETE FROM ws_users WHERE username = ?", [username])
    store.execute(
        "INSERT INTO ws_users VALUES (?, ?, ?, ?, true)", [username, role, digest, utcnow()]
    )
    store.execute("DELETE FROM ws_sessions WHERE username = ?", [username])
    return User(username, role)


def check_new_password(password: str) -> None:
    """The password policy, the same for new accounts and changed passwords."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password must have at least {MIN_PASSWORD} characters")


def change_password(store: Store, user: User, new: str, keep_session: str | None) -> None:
    """Set ``user``'s new password and end their other sessions (not ``keep_session``)."""
    check_new_password(new)
    store.execute(
        "UPDATE ws_users SET password_hash = ? WHERE username = ?",
        [_hasher.hash(new), user.username],
    )
    store.execute(
        "DELETE FROM ws_sessions WHERE username = ? AND token_hash <> ?",
        [user.username, _token_hash(keep_session or "")],
    )


def users(store: Store) -> list[dict[str, object]]:
    ensure_schema(store)
    return store.dicts("SELECT username, role, created_at, active FROM ws_users ORDER BY username")


def password_hash(store: Store, username: str) -> tuple[str, str] | None:
    """(role, argon2 hash) of an active account, or None."""
    rows = store.rows(
        "SELECT role, password_hash FROM ws_users WHERE username = ? AND active", [username]
    )
    return (rows[0][0], rows[0][1]) if rows else None


def check_password(account: tuple[str, str] | None, username: str, password: str) -> User | None:
    """The user if the password is right (the same work whether or not the user exists)."""
    digest = account[1] if account else _DUMMY
    try:
        _hasher.verify(digest, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return User(username, account[0]) if account else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(store: Store, user: User) -> tuple[str, str]:
    """A new session for ``user``: (cookie token, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    store.execute("DELETE FROM ws_sessions WHERE expires_at < ?", [now])
    store.execute(
        "INSERT INTO ws_sessions VALUES (?, ?, ?, ?, ?)",
        [_token_hash(token), user.username, csrf, now, now + timedelta(hours=SESSION_HOURS)],
    )
    return token, csrf


def session_user(store: Store, token: str | None) -> User | None:
    if not token:
        return None
    rows = store.rows(
        """SELECT u.username, u.role, s.csrf FROM ws_sessions s
           JOIN ws_users u USING (username)
           WHERE s.token_hash = ? AND s.expires_at > ? AND u.active""",
        [_token_hash(token), utcnow()],
    )
    return User(*rows[0]) if rows else None


def end_session(store: Store, token: str | None) -> None:
    if token:
        store.execute("DELETE FROM ws_sessions WHERE token_hash = ?", [_token_hash(token)])


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def log_access(
    store: Store,
    user: User,
    page: str,
    person_id: str | None = None,
    victim: bool | None = None,
    group_id: str | None = None,
) -> None:
    """One named view of a person's (or a group's) page."""
    store.execute(
        "INSERT INTO access_log VALUES (?, ?, ?, ?, ?, ?, ?)",
        [utcnow(), user.username, user.role, page, person_id, victim, group_id],
    )


# -- log-in limits ------------------------------------------------------------
MAX_ACCOUNT_FAILURES = 5  # failed log-ins for one account …
MAX_ADDRESS_FAILURES = 20  # … or from one client address (an office may share one) …
FAILURE_WINDOW = timedelta(minutes=15)  # … within this window lock it …
LOCKOUT = timedelta(minutes=15)  # … for this long (or until an admin unlocks it)


@dataclass(frozen=True)
class Lockout:
    kind: str  # "account" or "address"
    subject: str
    until: datetime


def attempt_key(account: tuple[str, str] | None, username: str) -> str:
    """How a log-in attempt's user name is kept: as typed for an account that exists, else
    as a short hash (people type their password into the name box)."""
    if account is not None:
        return username
    return "unknown-" + hashlib.sha256(username.encode()).hexdigest()[:12]


def lockout(store: Store, username: str, address: str) -> Lockout | None:
    """The lock-out, if any, that refuses log-ins for this account or from this address now."""
    rows = store.rows(
        """SELECT kind, subject, max(locked_until) FROM ws_lockouts
           WHERE locked_until > ? AND ((kind = 'account' AND subject = ?)
                                       OR (kind = 'address' AND subject = ?))
           GROUP BY ALL ORDER BY 3 DESC LIMIT 1""",
        [utcnow(), username, address],
    )
    return Lockout(*rows[0]) if rows else None


def record_failure(store: Store, username: str, address: str) -> list[Lockout]:
    """Count a failed log-in; returns the lock-outs it starts (logged in ``access_log``).

    Only the attempted user name and the client address are kept, never the password.
    """
    now = utcnow()
    store.execute("INSERT INTO ws_login_failures VALUES (?, ?, ?)", [now, username, address])
    since = now - FAILURE_WINDOW
    started = []
    for kind, column, subject, limit in (
        ("account", "username", username, MAX_ACCOUNT_FAILURES),
        ("address", "address", address, MAX_ADDRESS_FAILURES),
    ):
        # failures since the window opened, and since the last lock-out of this subject ended
        n = store.rows(
            f"""SELECT count(*) FROM ws_login_failures WHERE {column} = ? AND failed_at > ?
                AND failed_at > coalesce((SELECT max(locked_at) FROM ws_lockouts
                                          WHERE kind = ? AND subject = ?), TIMESTAMP '1970-01-01')""",
            [subject, since, kind, subject],
        )[0][0]
        if n >= limit:
            until = now + LOCKOUT
            store.execute(
                "INSERT INTO ws_lockouts VALUES (?, ?, ?, ?)", [kind, subject, now, until]
            )
            store.execute(
                "INSERT INTO access_log VALUES (?, ?, ?, ?, NULL, NULL, NULL)",
                [
                    now,
                    username,
                    "nobody",
                    f"log-in locked: {kind} {subject} until {until:%H:%M} UTC",
                ],
            )
            started.append(Lockout(kind, subject, until))
    return started


def clear_failures(store: Store, username: str) -> None:
    """A successful log-in forgives the account's earlier failures."""
    store.execute("DELETE FROM ws_login_failures WHERE username = ?", [username])


def unlock(store: Store, kind: str, subject: str, by: str) -> int:
    """End the lock-outs of an account or an address; returns how many were active."""
    if kind not in ("account", "address"):
        raise AccountError("unlock an 'account' or an 'address'")
    ensure_schema(store)
    now = utcnow()
    n = store.rows(
        "SELECT count(*) FROM ws_lockouts WHERE kind = ? AND subject = ? AND locked_until > ?",
        [kind, subject, now],
    )[0][0]
    store.execute(
        "UPDATE ws_lockouts SET locked_until = ? WHERE kind = ? AND subject = ? AND locked_until > ?",
        [now, kind, subject, now],
    )
    column = "username" if kind == "account" else "address"
    store.execute(f"DELETE FROM ws_login_failures WHERE {column} = ?", [subject])
    store.execute(
        "INSERT INTO access_log VALUES (?, ?, ?, ?, NULL, NULL, NULL)",
        [now, by, "admin", f"log-in unlocked: {kind} {subject}"],
    )
    return int(n)


def lockouts(store: Store) -> list[dict[str, object]]:
    """Lock-outs in force now."""
    ensure_schema(store)
    return store.dicts(
        """SELECT kind, subject, max(locked_until) AS locked_until FROM ws_lockouts
           WHERE locked_until > ? GROUP BY ALL ORDER BY 1, 2""",
        [utcnow()],
    )
