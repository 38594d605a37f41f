"""The edition in every URL: read it, check it, keep it in every link.

Every page of the site lives under /<edition>/ (e.g. /es-mx/help). The edition is taken out of
the URL values before a view runs (views never see it) and put back by url_for, so a link
always stays in the visitor's language and country.
"""
from flask import abort, current_app, g, redirect, request
from werkzeug.exceptions import NotFound


class UnknownEdition(NotFound):
    """A URL names a language or country we do not offer."""


def editions():
    return current_app.extensions["editions"]


def init_app(app):
    app.url_value_preprocessor(pull_edition)
    app.url_defaults(push_edition)


def pull_edition(endpoint, values):
    if not values or "edition" not in values:
        return
    segment = values.pop("edition")
    parsed = editions().parse(segment)
    if parsed.edition is None:
        raise UnknownEdition()
    if not parsed.canonical:
        abort(redirect(canonical_url(segment, parsed.edition.tag), 301))
    g.edition = parsed.edition
    # A discreet link (?d=1) keeps drug words out of the tab title and link previews, on this
    # page and every page reached from it.
    g.discreet = request.args.get("d") == "1"


def push_edition(endpoint, values):
    if "edition" not in g or not current_app.url_map.is_endpoint_expecting(endpoint, "edition"):
        return
    values.setdefault("edition", g.edition.tag)
    if g.get("discreet"):
        values.setdefault("d", "1")


def canonical_url(segment, tag):
    """The same address with the edition segment spelled canonically (query string kept)."""
    rest = request.path[len(segment) + 1:]
    query = request.query_string.decode("latin-1")
    return f"{request.script_root}/{tag}{rest}" + (f"?{query}" if query else "")


def negotiated_edition():
    """The edition a visitor's browser asks for (Accept-Language only: no IP, no cookie)."""
    return editions().negotiate(request.accept_languages)


def current_edition():
    """The page's edition; for pages outside the edition routes (errors), the one the path
    starts with if it names one, else the browser's."""
    if "edition" in g:
        return g.edition
    first_segment = request.path.lstrip("/").split("/", 1)[0]
    return editions().parse(first_segment).edition or negotiated_edition()
