"""The team server: textual-serve's web terminal, one app process per browser session, behind a
login page of our own. Each session's app runs as its user (`--annotator`), so every annotation
carries who made it; without a valid session cookie a page gets the login page and the app's
websocket is refused."""

from __future__ import annotations

import asyncio
import ipaddress
import shlex
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import web
from sqlite_utils import Database
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from store.connection import StoreError, database_on
from store.users import get_user, list_users, login
from store.workspace import open_store
from tui.serve.sessions import COOKIE, LIFETIME, Sessions

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(textual_serve.__file__).with_name("static")  # its web terminal
WRONG = "Wrong user name or password."
# A wrong password waits this long before the answer: guessing is slow, and the answer takes
# as long whichever part was wrong.
LOGIN_DELAY = 1.0


class TeamServer(Server):
    """textual-serve's server with logins: the app a session starts runs as its user."""

    def __init__(self, db_path: Path, host: str, port: int, public: bool = False) -> None:
        super().__init__(
            "talent-tui", host, port, "talent-tui", statics_path=STATIC, templates_path=TEMPLATES
        )
        self.db_path = db_path.resolve()
        self.sessions = Sessions()
        self.secure_cookie = public  # behind the TLS proxy a public server needs
        self.live: dict[str, set[web.WebSocketResponse]] = {}  # cookie -> its open app sockets

    def session_command(self, user: str) -> str:
        """The command that runs the app for this user (a checked name: safe in a shell)."""
        # -P: the installed talent-tui, never a `tui` folder in the server's working directory.
        return shlex.join(
            [sys.executable, "-P", "-m", "tui.cli", "--db", str(self.db_path), "--annotator", user]
        )

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(
            app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True
        )
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/login", self.handle_login_page),
                web.post("/login", self.handle_login),
                web.post("/logout", self.handle_logout),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(
            f"talent-tui serving {self.db_path} on {self.public_url} (Ctrl+C stops)",
            highlight=False,
        )

    async def on_shutdown(self, app: web.Application) -> None:
        for sockets in list(self.live.values()):
            for socket in list(sockets):
                await socket.close()

    def user_of(self, request: web.Request) -> str | None:
        """The user of the request's session cookie, if it is valid and they are still a user."""
        user = self.sessions.user(request.cookies.get(COOKIE))
        if user is None:
            return None
        with _connection(self.db_path) as db:
            return user if get_user(db, user) else None

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        user = self.user_of(request)
        if user is None:
            raise web.HTTPSeeOther("/login")
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "user": user,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "static_url": "/static/",
            "websocket_url": f"{scheme}://{request.host}/ws",
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """An export the app delivers to its browser: for a logged-in session only."""
        if self.user_of(request) is None:
            raise web.HTTPForbidden(text="log in first")
        return await super().handle_download(request)

    async def handle_login_page(self, request: web.Request) -> web.StreamResponse:
        if self.user_of(request):
            raise web.HTTPSeeOther("/")
        return _login_page(request)

    async def handle_login(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        name, password = str(form.get("name", "")), str(form.get("password", ""))
        loop = asyncio.get_running_loop()
        user = await loop.run_in_executor(None, _check_login, self.db_path, name, password)
        if user is None:
            await asyncio.sleep(LOGIN_DELAY)
            return _login_page(request, WRONG, name, status=401)
        response = web.HTTPSeeOther("/")
        response.set_cookie(
            COOKIE,
            self.sessions.start(user),
            max_age=LIFETIME,
            httponly=True,
            samesite="Strict",
            secure=self.secure_cookie,
            path="/",
        )
        return response

    async def handle_logout(self, request: web.Request) -> web.StreamResponse:
        cookie = request.cookies.get(COOKIE)
        self.sessions.end(cookie)
        for socket in list(self.live.pop(cookie or "", set())):
            await socket.close()  # the tab's app ends with its session
        response = web.HTTPSeeOther("/login")
        response.del_cookie(COOKIE, path="/")
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """One app process for this browser session, as its user; it ends with the socket."""
        user = self.user_of(request)
        if user is None or not _same_origin(request):
            raise web.HTTPForbidden(text="log in first")
        cookie = request.cookies[COOKIE]
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        self.live.setdefault(cookie, set()).add(websocket)
        service = AppService(
            self.session_command(user),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        try:
            await service.start(
                to_int(request.query.get("width", "80"), 80),
                to_int(request.query.get("height", "24"), 24),
            )
            await self._process_messages(websocket, service)
        finally:
            await service.stop()
            self.live.get(cookie, set()).discard(websocket)
        return websocket


def serve(db_path: Path, host: str, port: int, public: bool, engine: str | None = None) -> int:
    """Check the address and the users, then serve until Ctrl+C; `engine` becomes the
    database's suggestion engine, as it does for the app."""
    if not public and not _is_loopback(host):
        raise StoreError(
            f"{host} is reachable from other machines: add --public to serve there, with a "
            "TLS proxy (nginx, Caddy) in front of it; talent-tui itself speaks plain HTTP"
        )
    db = open_store(db_path, suggest=False, create=False)
    if not list_users(db):
        raise StoreError(
            "nobody can log in yet: add a user first (talent-tui users add NAME --manager)"
        )
    if engine:
        from store.suggestions import set_engine

        set_engine(db, engine)
    db.close()
    if public:
        print("serving publicly: put a TLS proxy in front; passwords cross the network")
    TeamServer(db_path, host, port, public).serve()
    return 0


def _login_page(
    request: web.Request, message: str = "", name: str = "", status: int = 200
) -> web.StreamResponse:
    context = {"message": message, "name": name}
    return aiohttp_jinja2.render_template("login.html", request, context, status=status)


def _check_login(db_path: Path, name: str, password: str) -> str | None:
    """In a worker thread (scrypt takes a tenth of a second), with a connection of its own."""
    with _connection(db_path) as db:
        user = login(db, name, password)
    return user.name if user else None


@contextmanager
def _connection(path: Path) -> Iterator[Database]:
    """A short read-only connection for one request (SQLite's belong to their thread)."""
    db = database_on(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
    try:
        yield db
    finally:
        db.close()


def _same_origin(request: web.Request) -> bool:
    """A websocket opened by our own page, not by another site's script."""
    origin = request.headers.get("Origin")
    return origin is None or origin.split("://", 1)[-1] == request.host


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
