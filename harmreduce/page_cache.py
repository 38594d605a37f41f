"""Render once, reuse: a page depends only on its address (edition, path, query), so the
finished response (body and headers, gzip-compressed for browsers that accept it) is kept in
a bounded, in-process cache and answered again at the WSGI level, before Flask does any work.

Flask decides what may be kept (`mark_shareable`): plain GET pages that are the same for
everyone, status 200, not marked no-store (the self-check's pages are), no cookie. Redirects,
errors and the front door (/, which varies with the browser's language) are never kept.
"""
import datetime
import gzip
import threading
from collections import OrderedDict

from flask import request

# Bodies smaller than this gain nothing from compression.
MIN_COMPRESS_BYTES = 512
SHAREABLE = "harmreduce.shareable"
SHAREABLE_TYPES = ("text/html", "application/manifest+json", "text/javascript")


class PageCache:
    """A thread-safe least-recently-used map from a request's address to a finished response.

    It empties itself when the date changes: a help card says so once it is past its next check.
    """

    def __init__(self, size):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()
        self._day = datetime.date.today()

    def _forget_yesterday(self):
        today = datetime.date.today()
        if today != self._day:
            self._entries.clear()
            self._day = today

    def get(self, key):
        with self._lock:
            self._forget_yesterday()
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self._lock:
            self._forget_yesterday()
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self):
        return len(self._entries)


class CachingMiddleware:
    """Answers a repeated request for a shareable page from the cache."""

    def __init__(self, wsgi_app, cache):
        self.wsgi_app, self.cache = wsgi_app, cache

    def __call__(self, environ, start_response):
        key = cache_key(environ)
        entry = self.cache.get(key) if key else None
        if entry is not None:
            status, headers, body = entry
            start_response(status, list(headers))
            return [body]
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=list(headers))
            return start_response(status, headers, exc_info)

        response = self.wsgi_app(environ, capture)
        if not key or not environ.get(SHAREABLE):
            return response
        try:
            body = b"".join(response)
        finally:
            getattr(response, "close", lambda: None)()
        self.cache.put(key, (captured["status"], captured["headers"], body))
        return [body]


def cache_key(environ):
    """What a response may depend on: method, scheme (HSTS), path, query, and gzip or not."""
    if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO", "/") == "/" \
            or environ.get("CONTENT_LENGTH") not in (None, "", "0"):
        return None
    return (environ.get("wsgi.url_scheme"), environ.get("PATH_INFO"), environ.get("QUERY_STRING", ""),
            "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""))


def init_app(app):
    size = int(app.config["PAGE_CACHE_SIZE"])
    app.extensions["page_cache"] = PageCache(size) if size else None
    if size:
        app.wsgi_app = CachingMiddleware(app.wsgi_app, app.extensions["page_cache"])
    app.after_request(mark_shareable)


def mark_shareable(response):
    """Compress a shareable page for browsers that accept gzip, and let the cache keep it."""
    if not _shareable(response):
        return response
    response.vary.add("Accept-Encoding")
    body = response.get_data()
    if "gzip" in request.headers.get("Accept-Encoding", "") and len(body) >= MIN_COMPRESS_BYTES:
        response.set_data(gzip.compress(body, 6))
        response.headers["Content-Encoding"] = "gzip"
    if request.endpoint not in (None, "static"):
        request.environ[SHAREABLE] = True
    return response


def _shareable(response):
    return (request.method == "GET" and response.status_code == 200 and not response.direct_passthrough
            and "no-store" not in response.headers.get("Cache-Control", "")
            and "Set-Cookie" not in response.headers and response.mimetype in SHAREABLE_TYPES
            and "Content-Encoding" not in response.headers)
