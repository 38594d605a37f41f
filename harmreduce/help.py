"""Getting help: the country's helplines and services, and the urgent-help page."""
from flask import Blueprint, current_app, g, render_template

from .layout import help_for

bp = Blueprint("help", __name__)

# Order of sections on the help page: what most people need first.
HELP_SECTIONS = ("drug_helpline", "crisis_line", "urgent_care", "text", "chat", "treatment_finder",
                 "family_support", "youth_helpline")


@bp.get("/<edition>/help")
def help_page():
    """Drug helplines, crisis lines, treatment finders and family support for the country."""
    sections = [(kind, help_for((kind,))) for kind in HELP_SECTIONS]
    return render_template("help/help.html", sections=[s for s in sections if s[1]],
                           emergency=help_for(("emergency",)), no_drug_helpline=not dict(sections)["drug_helpline"])


@bp.get("/<edition>/help/changes")
def changes():
    """The directory's public change log for this edition's country: added, changed, withdrawn."""
    directory = current_app.extensions["directory"]
    return render_template("help/changes.html", changes=directory.change_log(g.edition.country),
                           resource=directory.by_id)


@bp.get("/<edition>/urgent")
def urgent():
    """Every red flag and warning sign by its level (data/urgency.yaml), what to do while
    waiting, and the numbers each level needs."""
    return render_template("help/urgent.html", emergency=help_for(("emergency",)),
                           crisis=help_for(("crisis_line",)))
