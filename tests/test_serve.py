"""The team server, started on a free loopback port: nobody gets in without a password, a
cookie is one user's only, and two people in two browsers (headless Chromium, keys typed into
the page) annotate as themselves; a closed tab's app process ends."""

from __future__ import annotations

import base64
import http.client
import shutil
import time
import urllib.parse
from pathlib import Path

import pytest
from serve_helpers import app_processes, running_server, wait_for

from store.annotations import spans_for_document
from store.documents import document_titles
from store.users import add_user
from store.workspace import open_store
from tui.serve.sessions import COOKIE

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The seeds' database with two annotators, served; yields (port, database path)."""
    path = tmp_path_factory.mktemp("serve") / "team.db"
    db = open_store(path)
    add_user(db, "ana", "ana-secret")
    add_user(db, "ben", "ben-secret")
    db.close()
    with running_server(path) as port:
        yield port, path


def request(port, method, path, body=None, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    if cookie:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    connection.request(method, path, body=urllib.parse.urlencode(body or {}), headers=headers)
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read().decode()


def log_in(port, name, password):
    status, headers, _ = request(port, "POST", "/login", {"name": name, "password": password})
    assert status == 303, status
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    return cookie.split(";")[0].split("=", 1)[1]


def test_without_a_cookie_every_page_is_the_login_page(server):
    port, _ = server
    status, headers, _ = request(port, "GET", "/")
    assert status == 303 and headers["Location"] == "/login"
    status, _, page = request(port, "GET", "/login")
    assert status == 200 and 'name="password"' in page
    status, _, _ = request(port, "GET", "/ws")
    assert status == 403
    status, _, _ = request(port, "GET", "/download/0123456789abcdef")  # an export's download
    assert status == 403


def test_a_wrong_password_gets_a_message_a_delay_and_no_clue(server):
    port, _ = server
    answers = []
    for name, password in (("ana", "wrong-one"), ("nobody", "ana-secret")):
        started = time.monotonic()
        status, headers, page = request(
            port, "POST", "/login", {"name": name, "password": password}
        )
        answers.append((status, "Wrong user name or password." in page, "Set-Cookie" in headers))
        assert time.monotonic() - started >= 1.0
    assert answers == [(401, True, False), (401, True, False)]


def test_a_cookie_is_its_users_only_and_ends_at_logout(server):
    port, _ = server
    cookie = log_in(port, "ana", "ana-secret")
    status, _, page = request(port, "GET", "/", cookie=cookie)
    assert status == 200 and '<b id="user">ana</b>' in page
    # Ana's cookie with ben's name put in: the signature no longer matches.
    body, signature = cookie.split(".")
    as_ben = base64.urlsafe_b64decode(body + "==").replace(b"ana|", b"ben|")
    forged = base64.urlsafe_b64encode(as_ben).decode().rstrip("=")
    assert request(port, "GET", "/", cookie=f"{forged}.{signature}")[0] == 303
    assert request(port, "GET", "/", cookie="garbage")[0] == 303
    assert request(port, "POST", "/logout", cookie=cookie)[0] == 303
    assert request(port, "GET", "/", cookie=cookie)[0] == 303


@pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)
def test_two_people_in_two_browsers_annotate_as_themselves(server):
    port, path = server
    ana, ben = browser(), browser()
    try:
        for driver, name in ((ana, "ana"), (ben, "ben")):
            log_in_with_keys(driver, port, name)
        db = open_store(path, suggest=False, create=False)
        first = document_titles(db)[0].id

        def layer_taken(name):
            return db.execute(
                "SELECT 1 FROM reviews WHERE annotator = ? AND document_id = ?", [name, first]
            ).fetchone()

        for driver, name, key in ((ana, "ana", "a"), (ben, "ben", "x")):
            wait_for(lambda name=name: layer_taken(name), f"{name}'s app to open a document")
            type_keys(driver, key)
            wanted = "accepted" if key == "a" else "rejected"
            wait_for(
                lambda name=name, wanted=wanted: any(
                    s.status == wanted for s in spans_for_document(db, first, name)
                ),
                f"{name}'s span to be {wanted}",
            )
        ana_spans = spans_for_document(db, first, "ana")
        ben_spans = spans_for_document(db, first, "ben")
        assert ana_spans[0].status == "accepted" and ben_spans[0].status == "rejected"
        assert (ana_spans[0].start, ana_spans[0].end) == (ben_spans[0].start, ben_spans[0].end)
        assert len(app_processes(path, "ana")) == 1
        ana.quit()  # the tab closes: its app ends
        wait_for(lambda: not app_processes(path, "ana"), "ana's app process to end")
        assert len(app_processes(path, "ben")) == 1
    finally:
        for driver in (ana, ben):
            driver.quit()


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,800",
    ):  # fmt: skip
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def log_in_with_keys(driver, port: int, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"http://127.0.0.1:{port}/")
    assert driver.current_url.endswith("/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(f"{name}-secret\n")
    wait_for(lambda: driver.find_elements(By.ID, "user"), f"{name}'s app page")
    assert driver.find_element(By.ID, "user").text == name


def type_keys(driver, keys: str) -> None:
    """Keys into the web terminal, as a user types them (xterm.js listens on its textarea)."""
    from selenium.webdriver.common.by import By

    area = wait_for(
        lambda: driver.find_elements(By.CSS_SELECTOR, ".xterm-helper-textarea"), "the terminal"
    )
    area[0].send_keys(keys)


def test_helpers_find_no_app_of_a_database_not_served(tmp_path: Path):
    assert app_processes(tmp_path / "none.db", "ana") == []
