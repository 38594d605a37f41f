"""Render once, reuse: a page depends only on its address (edition, path, query), so the first
rendering is kept in a bounded, in-process cache and served again, gzip-compressed once for
browsers that accept it.

Only plain GET pages that are the same for everyone are kept: status 200, not marked no-store
(the self-check's questions and results are), no cookie. The front door (/) varies with the
browser's language and is never kept.
"""
import gzip
import threading
from collections import OrderedDict

from flask import current_app, request

# Bodies smaller than this gain nothing from compression.
MIN_COMPRESS_BYTES = 512


class PageCache:
    """A thread-safe least-recently-used map from address to a finished response."""

    def __init__(self, size):
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self):
        return len(self._entries)


def init_app(app):
    size = int(app.config["PAGE_CACHE_SIZE"])
    app.extensions["page_cache"] = PageCache(size) if size else None
    app.before_request(serve_from_cache)
    app.after_request(keep_and_compress)


def _key():
    if request.method not in ("GET", "HEAD") or request.path == "/" or request.endpoint in (None, "static"):
        return None
    return request.full_path


def _accepts_gzip():
    return "gzip" in request.headers.get("Accept-Encoding", "")


def serve_from_cache():
    cache, key = current_app.extensions["page_cache"], _key()
    entry = cache.get(key) if cache is not None and key else None
    if entry is None:
        return None
    body, mimetype, compressed = entry
    response = current_app.response_class(compressed if compressed and _accepts_gzip() else body, mimetype=mimetype)
    response.from_page_cache = True
    if compressed:
        response.vary.add("Accept-Encoding")
        if _accepts_gzip():
            response.headers["Content-Encoding"] = "gzip"
    return response


def keep_and_compress(response):
    cache, key = current_app.extensions["page_cache"], _key()
    if getattr(response, "from_page_cache", False) or response.headers.get("Content-Encoding") \
            or response.direct_passthrough or not _shareable(response):
        return response
    body = response.get_data()
    compressed = gzip.compress(body, 6) if len(body) >= MIN_COMPRESS_BYTES else None
    if cache is not None and key:
        cache.put(key, (body, response.mimetype, compressed))
    if compressed:
        response.vary.add("Accept-Encoding")
        if _accepts_gzip():
            response.set_data(compressed)
            response.headers["Content-Encoding"] = "gzip"
    return response


def _shareable(response):
    return (response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", "")
            and "Set-Cookie" not in response.headers and response.mimetype in ("text/html", "application/manifest+json",
                                                                                "text/javascript"))
