"""Who may log in to the team server: a name, a role, and a scrypt hash of the password
(OpenSSL's scrypt through hashlib; the password itself is never stored)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from functools import cache

from sqlite_utils import Database

from store.connection import StoreError, transaction
from store.events import utc_now
from talent.model import GOLD_ANNOTATOR

ROLES = ("annotator", "manager")
# A name goes into the served app's command line and into every annotation: letters, digits
# and . _ - only, so it needs no quoting anywhere.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MIN_PASSWORD = 8
# scrypt's cost: 2^15 rounds of 8 blocks take about 0.1 s and 32 MB, each login.
_N, _R, _P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024


@dataclass(frozen=True)
class User:
    name: str
    role: str
    created_at: str


def check_name(name: str) -> str:
    """The name, if it may be a user's; else a StoreError saying why."""
    if not NAME.fullmatch(name):
        raise StoreError(
            f"{name!r} cannot be a user name: letters, digits, '.', '_' and '-' only, "
            "starting with a letter or digit, at most 64"
        )
    if name == GOLD_ANNOTATOR:
        raise StoreError(f"{name!r} is the adjudicated layer's name, not a person's")
    return name


def hash_password(password: str) -> str:
    """A salted scrypt hash, with its parameters, as one string."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, _N, _R, _P)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def password_matches(password: str, stored: str) -> bool:
    """Whether the password is the one `stored` was made from (compared in constant time)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


def add_user(db: Database, name: str, password: str, role: str = "annotator") -> User:
    """A new user; a name already taken, a short password or an unknown role is refused."""
    check_name(name)
    if role not in ROLES:
        raise StoreError(f"unknown role {role!r}: {' or '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"a password needs at least {MIN_PASSWORD} characters")
    user = User(name, role, utc_now())
    with transaction(db):
        if db.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone():
            raise StoreError(f"there is already a user {name!r}")
        db.execute(
            "INSERT INTO users (name, password, role, created_at) VALUES (?, ?, ?, ?)",
            [name, hash_password(password), role, user.created_at],
        )
    return user


def remove_user(db: Database, name: str) -> None:
    """Remove a user's login and assignments; their annotations stay, theirs."""
    with transaction(db):
        if not db.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone():
            raise StoreError(f"there is no user {name!r}")
        db.execute("DELETE FROM users WHERE name = ?", [name])
        db.execute("DELETE FROM assignments WHERE annotator = ?", [name])


def list_users(db: Database) -> list[User]:
    return [
        User(*row) for row in db.execute("SELECT name, role, created_at FROM users ORDER BY name")
    ]


def get_user(db: Database, name: str) -> User | None:
    row = db.execute("SELECT name, role, created_at FROM users WHERE name = ?", [name]).fetchone()
    return User(*row) if row else None


def login(db: Database, name: str, password: str) -> User | None:
    """The user these credentials are, or None; as slow for an unknown name as a known one."""
    row = db.execute("SELECT password FROM users WHERE name = ?", [name]).fetchone()
    matches = password_matches(password, row[0] if row else _nobody())
    return get_user(db, name) if row and matches else None


@cache
def _nobody() -> str:
    """What a login for an unknown name is checked against, so that it takes as long as one
    for a known name: the time does not tell which part was wrong."""
    return hash_password(secrets.token_urlsafe(16))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
