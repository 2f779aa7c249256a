"""Session cookies: the user's name and an expiry, signed with a key that lives only as long as
the server (a restart logs everyone out), and refused once logged out."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time

COOKIE = "talent_session"
LIFETIME = 12 * 3600  # seconds: a working day


class Sessions:
    """Signs and checks session cookies; remembers the ones logged out until they expire."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)
        self._ended: dict[str, float] = {}  # nonce -> expiry

    def start(self, user: str) -> str:
        """A new cookie value for this user."""
        expires = int(time.time()) + LIFETIME
        body = f"{user}|{expires}|{secrets.token_urlsafe(16)}"
        return f"{_b64(body.encode())}.{_b64(self._sign(body))}"

    def user(self, cookie: str | None) -> str | None:
        """The user a cookie belongs to, or None: unsigned, altered, expired or logged out."""
        body = self._body(cookie)
        if body is None:
            return None
        user, expires, nonce = body
        if expires < time.time() or nonce in self._ended:
            return None
        return user

    def end(self, cookie: str | None) -> None:
        """Log out: this cookie is never accepted again."""
        body = self._body(cookie)
        if body is not None:
            now = time.time()
            self._ended = {n: e for n, e in self._ended.items() if e >= now}
            self._ended[body[2]] = body[1]

    def _body(self, cookie: str | None) -> tuple[str, int, str] | None:
        try:
            encoded, signature = (cookie or "").split(".")
            body = _unb64(encoded).decode()
            if not hmac.compare_digest(_unb64(signature), self._sign(body)):
                return None
            user, expires, nonce = body.split("|")
            return user, int(expires), nonce
        except (ValueError, UnicodeDecodeError):
            return None

    def _sign(self, body: str) -> bytes:
        return hmac.new(self._key, body.encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    # Unpadded: a cookie value with '=' in it would go out quoted.
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
