"""Helpers for walking the site's pages and reading what they link to."""
import re
import subprocess
import time
import urllib.request
from html.parser import HTMLParser


def wait_until_answering(process, url, name, seconds):
    """Poll url until it answers; fail early if the server process has exited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{name} did not answer within {seconds} s")


def stop_process(process):
    """Ask a server to stop, and make sure it does."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def all_editions(app):
    """Every edition tag the site offers: each language alone and with each country."""
    editions = app.extensions["editions"]
    tags = []
    for language in editions.languages:
        tags.append(language.tag)
        tags.extend(f"{language.tag}-{country.lower()}" for country in editions.countries)
    return tags


def page_paths(app, edition):
    """Every GET page under one edition: each rule whose only argument is the edition (not the
    redirects the export leaves out, such as "Clear my answers")."""
    from harmreduce.export import NOT_EXPORTED

    paths = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            is_file = re.search(r"\.[a-z]+$", rule.rule)  # QR codes, the manifest, the service worker
            if rule.arguments == {"edition"} and "GET" in rule.methods and not is_file \
                    and rule.endpoint not in NOT_EXPORTED:
                paths.append(url_for(rule.endpoint, edition=edition))
    return sorted(paths)


class LinkCollector(HTMLParser):
    """Collects the URLs a page makes the browser fetch, and the links a person can follow."""

    FETCHED = {("script", "src"), ("img", "src"), ("link", "href"), ("source", "src"),
               ("iframe", "src"), ("audio", "src"), ("video", "src"), ("embed", "src"),
               ("object", "data"), ("form", "action"), ("image", "href"), ("use", "href")}

    def __init__(self):
        super().__init__()
        self.fetched, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if value is None:
                continue
            if (tag, name) in self.FETCHED and not (tag == "link" and attrs.get("rel") in ("alternate", "canonical")):
                self.fetched.append(value)
            if name == "style" or (tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh"):
                self.fetched.append(f"inline:{tag}.{name}")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def collect_links(html):
    collector = LinkCollector()
    collector.feed(html)
    return collector
