"""Who may use which route: the authorisation matrix, as data.

Every route of the workspace is named here with the roles allowed to use it;
a route missing from the matrix is refused to everyone (and a test fails). The
test suite requests every route as every role and as nobody and checks the
answer against this table.
"""

from __future__ import annotations

PUBLIC = "public"

ALL: frozenset[str] = frozenset({"admin", "lead", "reviewer", "observer"})
REVIEW: frozenset[str] = frozenset({"admin", "lead", "reviewer"})
LEAD: frozenset[str] = frozenset({"admin", "lead"})
ADMIN: frozenset[str] = frozenset({"admin"})
ANYONE: frozenset[str] = frozenset({PUBLIC})

# route name → roles allowed (PUBLIC: no login needed)
MATRIX: dict[str, frozenset[str]] = {
    "login_form": ANYONE,
    "login": ANYONE,
    "static": ANYONE,
    "logout": ALL,
    "password_form": ALL,  # change my own password
    "password_change": ALL,
    "home": ALL,
    "report_html": ALL,  # the report is pseudonymised
    "report_pdf": ALL,
    "person": ALL,  # observers see codes; named views are logged
    "group": ALL,
    "officer": ALL,
    "enquiries": ALL,
    "queue": REVIEW,
    "finding": REVIEW,
    "decide": REVIEW,
    "search": REVIEW,
    "enquiry_open": LEAD,
    "enquiry_decide": LEAD,
    "access_log": LEAD,
    "users": ADMIN,
    "user_add": ADMIN,
    "user_unlock": ADMIN,
}


def allowed(route: str, role: str | None) -> bool:
    roles = MATRIX.get(route)
    if roles is None:
        return False
    if PUBLIC in roles:
        return True
    return role is not None and role in roles
