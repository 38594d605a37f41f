"""Accessibility gate: axe-core, in Chromium, on every page the crawl finds, in every language."""
from .gates import axe_violations


def test_every_page_has_no_axe_violations(page, live_server, crawled_pages):
    failures = {}
    for path in crawled_pages:
        page.goto(live_server.url + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
            page.screenshot(path=str(live_server.access_log.parent / f"axe{path.replace('/', '_')}.png"))
    assert failures == {}


def test_the_gate_catches_a_planted_image_without_alt(page, live_server):
    page.goto(live_server.url + "/en-gb/")
    page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/favicon.svg\">')")
    assert "image-alt" in [rule for rule, _targets in axe_violations(page)]


def test_the_crawl_covers_every_page_the_site_routes(crawled_pages, site_app, gate_editions):
    from ..helpers import page_paths

    for tag in gate_editions:
        missing = set(page_paths(site_app, tag)) - set(crawled_pages)
        assert not missing, f"not reachable by links from /{tag}/: {sorted(missing)}"
