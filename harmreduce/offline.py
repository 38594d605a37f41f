"""Offline use: a web app manifest and a service worker for each edition.

The service worker keeps the visitor's own edition (its key pages, the stylesheet, the script,
the help numbers on those pages) so the site opens on a poor or absent connection. It only
ever stores plain GET pages that are the same for everyone: never a self-check question or
result (those are answers to a POST), never a URL with a query string.
"""
import hashlib
import json

from flask import Blueprint, current_app, g, render_template, url_for
from flask_babel import gettext as _

bp = Blueprint("offline", __name__)

# Stored when the service worker installs: what someone needs first, kept small for metered
# connections. Other pages of the edition are stored as they are visited.
PRECACHED_PAGES = ("pages.home", "help.urgent", "help.help_page", "content.worried", "content.bladder",
                   "share.show_screen")
STATIC_FILES = ("site.css", "site.js", "favicon.svg")


def precache_urls():
    return [url_for(endpoint, d=None) for endpoint in PRECACHED_PAGES] \
        + [url_for("static", filename=name) for name in STATIC_FILES]


def cache_version():
    """Changes whenever a stored static file changes, so an update replaces the old copies."""
    fingerprints = current_app.extensions["assets"]
    digest = hashlib.sha256("".join(fingerprints[name] for name in STATIC_FILES).encode())
    digest.update(current_app.config.get("CONTENT_VERSION", "").encode())
    return digest.hexdigest()[:12]


@bp.get("/<edition>/manifest.webmanifest")
def manifest():
    """Lets a visitor add this edition to their home screen; the name is neutral in discreet mode."""
    name = _("Health information") if g.get("discreet") else _("Ketamine: signs, risks and help")
    body = {
        "name": name,
        "short_name": _("Health information") if g.get("discreet") else _("Ketamine help"),
        "lang": g.edition.language.tag,
        "dir": g.edition.language.direction,
        "start_url": url_for("pages.home"),
        "scope": url_for("pages.home", d=None),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4f91",
        "icons": [{"src": url_for("static", filename="favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
                  {"src": url_for("static", filename="icon-512.png"), "sizes": "512x512", "type": "image/png"}],
    }
    return current_app.response_class(json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json")


@bp.get("/<edition>/sw.js")
def service_worker():
    """The edition's service worker, with its list of pages to keep."""
    script = render_template("offline/sw.js", cache_name=f"harmreduce-{g.edition.tag}-{cache_version()}",
                             cache_prefix=f"harmreduce-{g.edition.tag}-", precache=precache_urls(),
                             scope=url_for("pages.home", d=None))
    return current_app.response_class(script, mimetype="text/javascript",
                                      headers={"Cache-Control": "no-cache"})
