"""The self-check on a static copy of the site (STATIC_EXPORT), where nothing can be POSTed.

The start page then carries every question of both paths, in one form per path, and every
possible result block, hidden; static/selfcheck.js routes and scores in the browser and shows the
blocks that apply. It reads the rules from `scoring_data()`, exported from data/selfcheck.yaml as
JSON at /<edition>/self-check/questions.json: ids, values, scores, skip rules, flags, signs with
their levels (from data/urgency.yaml) and band ranges only. Every word stays in the templates,
translated as on the server.

The answers never leave the page: no request carries them, nothing is stored.
"""
import hashlib
import json

from flask import Blueprint, current_app, url_for

from ..layout import help_for
from .model import CHECKLIST_PATH, SCORED_PATH
from .views import FALLBACK_KINDS, YOUTH_KINDS, _url_if_exists, family_help

bp = Blueprint("selfcheck_static", __name__)


def scoring_data(check):
    """The rules of both paths as plain data (JSON-ready). No text: the page holds the words."""
    return {"paths": {path.id: _path_data(path) for path in check.paths.values()}}


def _path_data(path):
    data = {"id": path.id, "questions": [_question_data(question) for question in path.questions]}
    if path.bands:
        data["max_score"] = path.max_score
        data["bands"] = [{"id": band.id, "min": band.min, "max": band.max} for band in path.bands]
    return data


def _question_data(question):
    return {
        "id": question.id,
        "type": question.type,
        "scored": question.scored,
        "skip_if": [{"question": rule.question, "equals": rule.equals} for rule in question.skip_if],
        "options": [_option_data(option) for option in question.options],
    }


def _option_data(option):
    data = {"value": option.value}
    if option.score is not None:
        data["score"] = option.score
    if option.flag:
        data["flag"] = option.flag
    if option.sign:
        data["sign"] = option.sign
        data["level"] = option.level
    if option.exclusive:
        data["exclusive"] = True
    return data


def scoring_json(check):
    return json.dumps(scoring_data(check), sort_keys=True, separators=(",", ":"))


def data_version(check):
    """Changes with the rules, so a page never pairs with an older copy of them."""
    return hashlib.sha256(scoring_json(check).encode()).hexdigest()[:10]


@bp.get("/<edition>/self-check/questions.json")
def questions():
    body = scoring_json(current_app.extensions["selfcheck"])
    return current_app.response_class(body, mimetype="application/json")


# --- what the static start page shows ---------------------------------------------------------


def next_help_variants(check):
    """The help list under "What you can do next", for every result that can come out.

    Mirrors harmreduce.selfcheck.views._result: a band's help kinds, or the fallback kinds when
    the country has none of them; after "never used", nothing for adults and the fallback kinds
    for under-18s. Each variant is (the conditions that pick it, the resources).
    """
    path = check.path(SCORED_PATH)
    variants = [(f"used band:{band.id}", help_for(band.help_kinds) or help_for(FALLBACK_KINDS))
                for band in path.bands]
    variants.append(("never_used under_18", help_for(FALLBACK_KINDS)))
    return [(when, resources) for when, resources in variants if resources]


def static_selfcheck():
    """Everything the static start page needs beyond the data file: the country's help."""
    check = current_app.extensions["selfcheck"]
    return {
        "check": check,
        "questions_url": f"{url_for('selfcheck_static.questions')}?v={data_version(check)}",
        "next_help": next_help_variants(check),
        "family": family_help(),
        "youth": help_for(YOUTH_KINDS),
        "worried_url": _url_if_exists("content.worried"),
        "scored_path": SCORED_PATH,
        "checklist_path": CHECKLIST_PATH,
    }


def init_app(app):
    """Only for a static export: the data route and the start page's context."""
    app.register_blueprint(bp)
    app.jinja_env.globals["static_selfcheck"] = static_selfcheck
