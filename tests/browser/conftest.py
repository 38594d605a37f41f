"""A real server and a real browser: gunicorn on a free 127.0.0.1 port, Debian's Chromium.

Playwright drives /usr/bin/chromium (never a downloaded browser). Screenshots of failing
pages are saved under artifacts/playwright (pytest-playwright's --screenshot option, set by
./run test) and the folder is printed at the end of the run.
"""
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from harmreduce import create_app

from ..helpers import stop_process, wait_until_answering
from .crawl import crawl
from .visitors import open_tab

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "artifacts"

# One country per language for the gates: a country whose people read it, where we have one.
COUNTRY_FOR_LANGUAGE = {"en": "gb", "es": "mx", "fr": "fr", "de": "de", "it": "it", "nl": "nl",
                        "pt": "br", "zh-hant": "tw", "zh-hans": "cn", "ar": "de"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """gunicorn with the project's own config, stopped by its own PID."""

    def __init__(self, app_spec="harmreduce:create_app()", env=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.access_log = ARTIFACTS / f"access-{self.port}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        environment = {**os.environ, "HARMREDUCE_ACCESS_LOG": str(self.access_log), "WEB_CONCURRENCY": "2",
                       **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--chdir", str(ROOT),
             "--bind", f"127.0.0.1:{self.port}", app_spec],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_answering(self.process, self.url + "/healthz", "gunicorn", 30)

    def stop(self):
        stop_process(self.process)


@pytest.fixture(scope="session")
def live_server():
    server = LiveServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


@pytest.fixture(scope="session")
def site_app():
    return create_app({"TESTING": True})


@pytest.fixture(scope="session")
def gate_editions(site_app):
    """Each language with one country, plus English with no country."""
    tags = [f"{language.tag}-{COUNTRY_FOR_LANGUAGE.get(language.tag, 'gb')}"
            for language in site_app.extensions["editions"].languages]
    return tags + [site_app.extensions["editions"].default_language]


@pytest.fixture(scope="session")
def crawled_pages(live_server, gate_editions):
    """Every page reachable from each gate edition's home page, found by following links."""
    pages = []
    for tag in gate_editions:
        pages.extend(crawl(live_server.url, f"/{tag}/"))
    return pages


@pytest.fixture(params=["javascript", "no-javascript"])
def visitor(request, browser, base_url):
    """A tab on the live server, once with JavaScript and once without."""
    page = open_tab(browser, base_url, javascript=request.param == "javascript")
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROME_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB"}


def pytest_terminal_summary(terminalreporter):
    shots = ARTIFACTS / "playwright"
    if shots.exists() and any(shots.rglob("*.png")):
        terminalreporter.write_line(f"screenshots of failing pages: {shots}")
