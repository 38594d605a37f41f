"""HTML validity gate: the Nu HTML Checker on every crawled page and on the stylesheet."""
from .gates import ROOT, vnu_errors


def test_every_page_is_valid_html(live_server, crawled_pages):
    assert vnu_errors([live_server.url + path for path in crawled_pages]) == []


def test_the_stylesheets_are_valid_css():
    assert vnu_errors(sorted((ROOT / "static").rglob("*.css")), css=True) == []


def test_the_gate_catches_a_planted_unclosed_element(tmp_path):
    planted = tmp_path / "planted.html"
    planted.write_text('<!doctype html><html lang="en"><head><title>x</title></head><body><main><div><p>Open</main></body></html>')
    assert vnu_errors([planted]) != []
