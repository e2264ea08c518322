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
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password must have at least {MIN_PASSWORD} characters")
    ensure_schema(store)
    digest = _hasher.hash(password)
    store.execute("DELETE FROM ws_users WHERE username = ?", [username])
    store.execute(
        "INSERT INTO ws_users VALUES (?, ?, ?, ?, true)", [username, role, digest, utcnow()]
    )
    store.execute("DELETE FROM ws_sessions WHERE username = ?", [username])
    return User(username, role)


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
