"""Error pages: one handler for every HTTP error, in the visitor's language, never a traceback.

Unexpected exceptions reach this handler as a 500 after Flask has logged them (path and
traceback only: no query string, no form data).
"""
from flask import g, render_template
from werkzeug.exceptions import HTTPException

from .urls import UnknownEdition, current_edition


def init_app(app):
    app.register_error_handler(HTTPException, render_http_error)


def render_http_error(error):
    template = "errors/unknown_edition.html" if isinstance(error, UnknownEdition) else "errors/error.html"
    # Links on the error page need an edition even when the URL named none we offer.
    g.setdefault("edition", current_edition())
    page = render_template(template, error=error)
    methods = getattr(error, "valid_methods", None)
    headers = {"Allow": ", ".join(methods)} if methods else {}
    return page, error.code, headers
