"""Fingerprinted static files: /static/site.3f9a1c0b2d.css, cached by browsers for a year.

The hash of a file's contents goes into its name, so a changed file gets a new address and a
visitor never runs an old script with a new page. url_for('static', filename='site.css')
gives the fingerprinted address everywhere, including the service worker's list.
"""
import hashlib
import re
from pathlib import Path

from flask import abort, current_app, send_from_directory

IMMUTABLE = "public, max-age=31536000, immutable"
FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{10})(?P<suffix>\.[A-Za-z0-9]+)$")


def fingerprint_static_files(folder):
    """{"site.css": "site.3f9a1c0b2d.css", …} for every file under the static folder."""
    names = {}
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            name = path.relative_to(folder).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            names[name] = f"{name[:-len(path.suffix)]}.{digest}{path.suffix}" if path.suffix else name
    return names


def init_app(app):
    app.extensions["assets"] = fingerprint_static_files(app.static_folder)
    app.url_defaults(fingerprint_static_url)
    app.view_functions["static"] = serve_static


def fingerprint_static_url(endpoint, values):
    if endpoint == "static" and "filename" in values:
        values["filename"] = current_app.extensions["assets"].get(values["filename"], values["filename"])


def serve_static(filename):
    """A fingerprinted name is served for a year; a plain name (old links) for five minutes."""
    match = FINGERPRINTED.match(filename)
    if match:
        original = match["stem"] + match["suffix"]
        if current_app.extensions["assets"].get(original) != filename:
            abort(404)
        response = send_from_directory(current_app.static_folder, original, max_age=31536000)
        response.headers["Cache-Control"] = IMMUTABLE
        return response
    return send_from_directory(current_app.static_folder, filename, max_age=300)
