"""The site's frame pages: the language-choosing front door, home, about, sources, privacy,
accessibility, and the load balancer's health check."""
from flask import Blueprint, redirect, render_template, url_for

from .urls import negotiated_edition

bp = Blueprint("pages", __name__)


@bp.get("/")
def front_door():
    """Send a visitor to their browser's language (and country, if the browser names one)."""
    response = redirect(url_for("pages.home", edition=negotiated_edition().tag), 302)
    response.headers["Vary"] = "Accept-Language"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/healthz")
def healthz():
    """For load balancers: the app started, so its data files loaded and validated."""
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


@bp.get("/<edition>/")
def home():
    """Three doors: worried about someone, about my own use, I work with people who use drugs."""
    return render_template("pages/home.html")


@bp.get("/<edition>/about")
def about():
    """Who made the site, what it is and is not, the medical disclaimer."""
    return render_template("pages/about.html")


@bp.get("/<edition>/sources")
def sources():
    """Every reference the site cites, numbered, with publisher, year and link."""
    return render_template("pages/sources.html")


@bp.get("/<edition>/privacy")
def privacy():
    """What is collected (nothing), what the server logs, how quick exit works."""
    return render_template("pages/privacy.html")


@bp.get("/<edition>/accessibility")
def accessibility():
    """The accessibility statement."""
    return render_template("pages/accessibility.html")
