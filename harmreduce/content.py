"""Content pages: signs of a problem, the long-term risks (an overview and one page per harm),
worried about someone, and what getting help looks like.

Each view only picks its template (and, for the worried page, the country's family support);
the words and the sources they cite live in templates/content/.
"""
from flask import Blueprint, render_template

from .layout import help_for

bp = Blueprint("content", __name__)


@bp.get("/<edition>/signs")
def signs():
    """What family and friends may notice, and what a person may notice in themselves."""
    return render_template("content/signs.html")


@bp.get("/<edition>/risks")
def risks():
    """Overview of the long-term harms, linking to one page per harm."""
    return render_template("content/risks.html")


@bp.get("/<edition>/risks/bladder")
def bladder():
    """Ketamine bladder (uropathy): symptoms, the kidneys, recovery, what a doctor will do."""
    return render_template("content/bladder.html")


@bp.get("/<edition>/risks/memory")
def memory():
    """Memory and thinking problems, and what is known about recovery."""
    return render_template("content/memory.html")


@bp.get("/<edition>/risks/mental-health")
def mental_health():
    """Low mood, anxiety, unusual thoughts and suicide-related harm."""
    return render_template("content/mental_health.html")


@bp.get("/<edition>/risks/dependence")
def dependence():
    """Dependence, tolerance and withdrawal (where the sources disagree)."""
    return render_template("content/dependence.html")


@bp.get("/<edition>/risks/stomach-and-liver")
def stomach_and_liver():
    """"K-cramps" and damage to the bile ducts and liver."""
    return render_template("content/stomach_and_liver.html")


@bp.get("/<edition>/risks/accidents")
def accidents():
    """Injuries while numb or unable to move, assault, accidental deaths."""
    return render_template("content/accidents.html")


@bp.get("/<edition>/risks/mixing")
def mixing():
    """The added risk of ketamine with alcohol and other drugs (risk only, never how)."""
    return render_template("content/mixing.html")


@bp.get("/<edition>/risks/unknown-contents")
def unknown_contents():
    """Street drugs are not what they seem: ketamine sold as other drugs, and the reverse."""
    return render_template("content/unknown_contents.html")


@bp.get("/<edition>/worried")
def worried():
    """How to talk to someone, what helps and backfires, looking after yourself, family support.

    Family-support services for the country come first; where we have none, its drug helplines.
    """
    family = help_for(("family_support",))
    helplines = () if family else help_for(("drug_helpline",))
    return render_template("content/worried.html", family=family, helplines=helplines)


@bp.get("/<edition>/getting-help")
def getting_help():
    """What happens when you call a helpline or see a doctor, and how to tell them about ketamine."""
    return render_template("content/getting_help.html")
