"""Static export: every page of every edition written to a folder that any web server can serve.

    flask --app harmreduce export [DEST] [--languages en,es] [--editions en-gb,en]

DEST defaults to build/site. The command builds the site with STATIC_EXPORT=True and freezes it
with Frozen-Flask, one URL generator per endpoint (EDITION_ENDPOINTS): every edition (each
language alone and with every country) gets every page. A new endpoint that nobody gave a
generator fails the export (MissingURLGeneratorWarning is an error inside the command; from
outside, the same is `python -W error::flask_frozen.MissingURLGeneratorWarning -m flask ...`).

What the folder holds, and how deploy/nginx.conf serves it:

- pages as `<path>.html` (/en-gb/help -> en-gb/help.html, /en-gb/ -> en-gb/index.html), served
  at their usual extensionless addresses with `try_files $uri $uri.html`;
- index.html for /: a static host cannot read Accept-Language, so it lists the languages;
- 404.html, and <edition>/404.html for each edition, from the site's error page;
- healthz (plain text), the manifest, the service worker and the fingerprinted static files;
- <edition>/self-check/questions.json: the self-check's rules for static/selfcheck.js.

What cannot exist on a static host (NOT_EXPORTED) is left out on purpose, with the reason.
"""
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import click
from flask import current_app, g, render_template
from flask_frozen import Freezer, MimetypeMismatchWarning, MissingURLGeneratorWarning

from .editions import Edition

DEFAULT_DESTINATION = "build/site"
# Written into the folder, so a later export knows it may replace what is there.
MARKER = ".harmreduce-export"
# Files without an extension that are not pages (served as text/plain).
PLAIN_FILES = {"/healthz"}
NOT_FOUND_PATH = "__not_found__/page"


def edition_only(tag):
    yield {"edition": tag}


# Every endpoint under /<edition>/ and its URLs for one edition. The share kit's QR codes,
# cards and leaflet take ?page= and ?size=, which a static host cannot tell apart: each is
# exported once, as the share page links to it by default (this edition's home page).
EDITION_ENDPOINTS = {
    "pages.home": edition_only,
    "pages.about": edition_only,
    "pages.sources": edition_only,
    "pages.privacy": edition_only,
    "pages.accessibility": edition_only,
    "help.help_page": edition_only,
    "help.urgent": edition_only,
    "help.changes": edition_only,
    "content.signs": edition_only,
    "content.risks": edition_only,
    "content.bladder": edition_only,
    "content.memory": edition_only,
    "content.mental_health": edition_only,
    "content.dependence": edition_only,
    "content.stomach_and_liver": edition_only,
    "content.accidents": edition_only,
    "content.mixing": edition_only,
    "content.unknown_contents": edition_only,
    "content.worried": edition_only,
    "content.getting_help": edition_only,
    "selfcheck.start": edition_only,
    "selfcheck_static.questions": edition_only,
    "share.share": edition_only,
    "share.qr_svg": edition_only,
    "share.qr_png": edition_only,
    "share.card": edition_only,
    "share.leaflet": edition_only,
    "share.show_screen": edition_only,
    "offline.manifest": edition_only,
    "offline.service_worker": edition_only,
}

# Left out on purpose. Frozen-Flask is told about them so that only a forgotten endpoint fails.
NOT_EXPORTED = {
    "selfcheck.clear": "a redirect with a Clear-Site-Data header, which a static host cannot send; "
                       "the static self-check clears its answers in the page",
    "selfcheck.path": "answers are only ever POSTed, and a static host cannot answer a POST; "
                      "on the static copy the check runs in the browser (static/selfcheck.js)",
}

# Without arguments, frozen by Frozen-Flask's own generators: / (index.html, a language list in
# place of the Accept-Language redirect), /healthz and every static file.
NO_ARGUMENT_ENDPOINTS = ("pages.front_door", "pages.healthz", "static")


@dataclass(frozen=True)
class ExportReport:
    destination: Path
    editions: tuple
    pages: int
    files: int
    bytes: int
    seconds: float

    def __str__(self):
        return (f"Exported {self.pages} pages ({self.files} files, {self.bytes / 1e6:.1f} MB) for "
                f"{len(self.editions)} editions to {self.destination} in {self.seconds:.1f} s")


class SiteFreezer(Freezer):
    """Frozen-Flask with the site's file names and its deliberate omissions."""

    def __init__(self, app, tags):
        # No url_for logging: every URL comes from a generator, so nothing depends on a link.
        super().__init__(app, with_static_files=True, with_no_argument_rules=True, log_url_for=False)
        for endpoint, urls in EDITION_ENDPOINTS.items():
            self.register_generator(_generator(endpoint, urls, tags))

    def urlpath_to_filepath(self, path):
        """/en-gb/ -> en-gb/index.html; /en-gb/help -> en-gb/help.html; files keep their name.

        A page and the pages below it (/en-gb/risks, /en-gb/risks/bladder) can then both exist.
        """
        if path.endswith("/"):
            return path[1:] + "index.html"
        if path in PLAIN_FILES or "." in path.rsplit("/", 1)[-1]:
            return path[1:]
        return path[1:] + ".html"

    def _build_one(self, url, last_modified=None):
        # Frozen-Flask requests every page inside one request context, so without a fresh app
        # context per page, `g` (the page's citations, its edition) would carry over between pages.
        with self.app.app_context():
            return super()._build_one(url, last_modified)

    def _check_endpoints(self, seen_endpoints):
        super()._check_endpoints(set(seen_endpoints) | set(NOT_EXPORTED))


def _generator(endpoint, urls, tags):
    def generate():
        for tag in tags:
            for values in urls(tag):
                yield endpoint, values
    generate.__name__ = f"urls_for_{endpoint}"
    return generate


def create_export_app(**config):
    from . import create_app

    # PROPAGATE_EXCEPTIONS: a page that fails stops the export with its own traceback.
    return create_app({"STATIC_EXPORT": True, "PAGE_CACHE_SIZE": 0, "PROPAGATE_EXCEPTIONS": True, **config})


def edition_tags(app, languages=None, editions=None):
    """The editions to export: every language (or those named) alone and with every country,
    or exactly the editions named."""
    offered = app.extensions["editions"]
    known = [language.tag for language in offered.languages]
    for tag in languages or ():
        if tag not in known:
            raise click.BadParameter(f"{tag!r} is not an offered language ({', '.join(known)})", param_hint="--languages")
    tags = []
    for language in offered.languages:
        if languages and language.tag not in languages:
            continue
        tags.append(language.tag)
        tags.extend(Edition(language, country).tag for country in offered.countries)
    if editions:
        for tag in editions:
            parsed = offered.parse(tag)
            if parsed.edition is None or not parsed.canonical:
                raise click.BadParameter(f"{tag!r} is not an edition we offer (e.g. en-gb, en)", param_hint="--editions")
        tags = [tag for tag in tags if tag in editions]
    return tuple(tags)


def export_site(destination, languages=None, editions=None, app=None):
    """Write the static site to `destination`; returns an ExportReport."""
    started = time.perf_counter()
    destination = Path(destination).resolve()
    _check_destination(destination)
    app = app or create_export_app()
    tags = edition_tags(app, languages, editions)
    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_REMOVE_EXTRA_FILES=True,
        FREEZER_DESTINATION_IGNORE=[MARKER],
        # The one extensionless file that is not a page (/healthz); nginx's default_type agrees.
        FREEZER_DEFAULT_MIMETYPE="text/plain",
        FREEZER_REDIRECT_POLICY="error",
    )
    freezer = SiteFreezer(app, tags)
    with warnings.catch_warnings():
        # A forgotten endpoint, or a file a web server would send with another type, fails the export.
        warnings.simplefilter("error", MissingURLGeneratorWarning)
        warnings.simplefilter("error", MimetypeMismatchWarning)
        for _page in freezer.freeze_yield():
            pass
    _remove_empty_folders(destination)
    _write_not_found_pages(app, destination, tags)
    (destination / MARKER).write_text("Written by `flask --app harmreduce export`; the next export replaces it all.\n")
    files = [path for path in destination.rglob("*") if path.is_file() and path.name != MARKER]
    return ExportReport(destination, tags, pages=sum(path.suffix == ".html" for path in files), files=len(files),
                        bytes=sum(path.stat().st_size for path in files), seconds=time.perf_counter() - started)


def _check_destination(destination):
    if destination.exists() and any(destination.iterdir()) and not (destination / MARKER).exists():
        raise click.ClickException(
            f"{destination} is not empty and holds no earlier export. The export deletes files it did "
            "not write, so it only writes to an empty folder or over an earlier export.")


def _remove_empty_folders(destination):
    """What an earlier export left behind (Frozen-Flask removes its old files, not their folders)."""
    for folder in sorted((p for p in destination.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _write_not_found_pages(app, destination, tags):
    """404.html for any address, and <edition>/404.html in each edition's language and country."""
    client = app.test_client()
    for prefix in ("", *(f"{tag}/" for tag in tags)):
        response = client.get(f"/{prefix}{NOT_FOUND_PATH}")
        if response.status_code != 404:
            raise RuntimeError(f"/{prefix}{NOT_FOUND_PATH} answered {response.status_code}, not 404")
        (destination / f"{prefix}404.html").write_bytes(response.data)


# --- the static copy's own views (STATIC_EXPORT only) -----------------------------------------

def language_chooser():
    """/ on a static host, which cannot read Accept-Language: every language, each linking home."""
    offered = current_app.extensions["editions"]
    g.edition = Edition(offered.language(offered.default_language))
    return render_template("export/index.html")


@click.command("export")
@click.argument("destination", default=DEFAULT_DESTINATION, type=click.Path(file_okay=False, path_type=Path))
@click.option("--languages", help="Only these languages, comma-separated (e.g. en,es): each alone and with every country.")
@click.option("--editions", help="Only these editions, comma-separated (e.g. en-gb,en).")
@click.option("--public-base-url", help="The address the copy will be served at (canonical links, QR codes).")
def export_command(destination, languages, editions, public_base_url):
    """Write every page of every edition to DESTINATION (default build/site) for a static host."""
    config = {"PUBLIC_BASE_URL": public_base_url} if public_base_url else {}
    report = export_site(destination, languages=_split(languages), editions=_split(editions),
                         app=create_export_app(**config))
    click.echo(str(report))


def _split(value):
    return [item.strip() for item in value.split(",") if item.strip()] if value else None


def init_app(app):
    app.cli.add_command(export_command)
    if app.config["STATIC_EXPORT"]:
        from .selfcheck import static

        static.init_app(app)
        app.view_functions["pages.front_door"] = language_chooser
