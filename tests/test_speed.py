"""Speed without surprises: fingerprinted static files cached for a year, pages rendered once
and served again, compressed for browsers that accept it. Never the self-check."""
import gzip
import re

from harmreduce import create_app
from harmreduce.page_cache import PageCache


def test_static_files_have_the_hash_of_their_contents_in_their_name(client, app):
    html = client.get("/en-gb/").get_data(as_text=True)
    css = re.search(r'href="(/static/site\.([0-9a-f]{10})\.css)"', html)
    assert css, "the stylesheet link should be fingerprinted"
    response = client.get(css.group(1))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    response.close()


def test_a_stale_or_made_up_fingerprint_is_not_found(client):
    assert client.get("/static/site.0000000000.css").status_code == 404


def test_plain_static_names_still_work_for_old_links_but_briefly(client):
    response = client.get("/static/site.css")
    assert response.status_code == 200 and "max-age=300" in response.headers["Cache-Control"]
    response.close()


def test_a_page_is_rendered_once_and_then_served_from_memory(app):
    cached_app = create_app({"TESTING": True})
    client = cached_app.test_client()
    first = client.get("/en-gb/help").get_data()
    assert len(cached_app.extensions["page_cache"]) == 1
    again = client.get("/en-gb/help")
    assert again.get_data() == first
    assert again.headers["X-Frame-Options"] == "DENY" and "Set-Cookie" not in again.headers


def test_pages_are_gzip_compressed_for_browsers_that_accept_it(client):
    for _ in range(2):  # rendered, then from the cache
        response = client.get("/en-gb/urgent", headers={"Accept-Encoding": "gzip, br"})
        assert response.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response.headers["Vary"]
        assert b"999" in gzip.decompress(response.get_data())
    assert "Content-Encoding" not in client.get("/en-gb/urgent").headers


def test_self_check_pages_and_errors_are_never_kept():
    cached_app = create_app({"TESTING": True})
    client = cached_app.test_client()
    client.get("/en-gb/self-check")
    client.post("/en-gb/self-check/me", data={"age": "no"})
    client.get("/en-gb/no-such-page")
    client.get("/", headers={"Accept-Language": "en-US"})
    assert len(cached_app.extensions["page_cache"]) == 0


def test_the_cache_is_bounded_and_forgets_the_least_recently_used():
    cache = PageCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3 and len(cache) == 2


def test_the_cache_can_be_switched_off():
    app = create_app({"TESTING": True, "PAGE_CACHE_SIZE": 0})
    assert app.test_client().get("/en-gb/").status_code == 200
    assert app.extensions["page_cache"] is None


def test_behind_a_trusted_proxy_the_cache_keeps_https_and_http_answers_apart():
    app = create_app({"TESTING": True, "HSTS": True, "TRUSTED_PROXIES": 1})
    client = app.test_client()
    secure = client.get("/en-gb/help", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in secure.headers
    assert "Strict-Transport-Security" not in client.get("/en-gb/help").headers
    assert "Strict-Transport-Security" in client.get("/en-gb/help", headers={"X-Forwarded-Proto": "https"}).headers


def test_a_body_sent_with_a_get_is_still_refused_when_too_large():
    app = create_app({"TESTING": True})
    client = app.test_client()
    client.get("/en-gb/help")
    response = client.get("/en-gb/help", data="x" * (64 * 1024 + 1))
    assert response.status_code == 413
