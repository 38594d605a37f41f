"""harmreduce: recognise ketamine harms and reach professional help.

`create_app()` builds the site. Data files are loaded and validated here, once, so a broken
file stops start-up with a message that names the file, the entry and the field.
"""
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import assets, directory_views, errors, export, i18n, layout, page_cache, security, sources, urls
from .directory import load_directory
from .editions import load_editions
from .urgency import load_urgency

ROOT = Path(__file__).resolve().parent.parent


class DefaultConfig:
    DATA_DIR = ROOT / "data"
    # Answers are small; anything bigger is not a visitor filling in a form.
    MAX_CONTENT_LENGTH = 64 * 1024
    MAX_FORM_MEMORY_SIZE = 64 * 1024
    MAX_FORM_PARTS = 200
    # Where the quick-exit button goes: a neutral page that says nothing about this site.
    QUICK_EXIT_URL = "https://www.wikipedia.org/"
    # Set when the site is served over HTTPS (directly or behind a TLS-terminating proxy).
    HSTS = False
    # Number of trusted proxies in front of the app (0 = none); sets ProxyFix.
    TRUSTED_PROXIES = 0
    # Absolute base for links and QR codes that leave the site (share kit, Open Graph).
    PUBLIC_BASE_URL = "http://localhost:8000"
    # Rendered pages kept in memory per process (0 turns the cache off). A page is ~10 KB.
    PAGE_CACHE_SIZE = 4096
    # Where "Report a problem with this number" writes to (HARMREDUCE_CONTACT_EMAIL); without it
    # the link opens the About page's contact section.
    CONTACT_EMAIL = None
    # A fixed date for the directory's "past its next check" notes (tests); None: today.
    DIRECTORY_TODAY = None
    # Set only by the static export (harmreduce/export.py): pages for a host that cannot run code,
    # e.g. the self-check runs in the browser instead of POSTing.
    STATIC_EXPORT = False


def create_app(test_config=None):
    """Build the Flask app; `test_config` overrides settings (tests, other data files)."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.config.from_object(DefaultConfig)
    app.config.from_prefixed_env("HARMREDUCE")
    if test_config:
        app.config.update(test_config)

    data_dir = Path(app.config["DATA_DIR"])
    app.extensions["directory"] = directory = load_directory(data_dir)
    app.extensions["editions"] = load_editions(data_dir / "editions.yaml", directory.country_codes())

    sources.init_app(app, data_dir / "sources.yaml")
    app.extensions["urgency"] = load_urgency(data_dir / "urgency.yaml", app.extensions["sources"])
    i18n.init_app(app)
    layout.init_app(app)
    directory_views.init_app(app)
    urls.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    page_cache.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    export.init_app(app)
    # Outermost, so the page cache sees the scheme and host the proxy reports.
    if app.config["TRUSTED_PROXIES"]:
        count = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    return app


def _register_blueprints(app):
    from . import content, help, offline, pages, selfcheck, share

    app.register_blueprint(pages.bp)
    app.register_blueprint(help.bp)
    app.register_blueprint(content.bp)
    app.register_blueprint(selfcheck.bp)
    app.register_blueprint(share.bp)
    app.register_blueprint(offline.bp)
