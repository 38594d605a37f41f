"""The self-check pages: one question per page, and nothing kept anywhere.

Each page is the answer to a POST. The form carries the earlier answers in hidden fields, the
view cleans them (harmreduce.selfcheck.scoring), shows the next question or the result, and
forgets them. No session, no cookie, no query string, nothing in a log; every response here says
``Cache-Control: no-store``.

Two fields are not answers: the Continue button (``_continue``, valued with the id of the question
the page asked, so "nothing chosen" can be told from "just arrived") and the Back button
(``_back``). A visitor's slip (nothing chosen, "none of these" with a sign) shows the question
again with an error; anything else that does not fit (unknown values, answers to skipped or later
questions, repeated or oversized fields) is a 400 page that offers a fresh start.
"""
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import format_date

from ..layout import help_for
from .model import CHECKLIST_PATH, PATH_IDS, load_selfcheck
from .scoring import (
    MAX_FIELD_LENGTH, InvalidAnswers, SelfCheckInputError, answers_before, clean_answers, hidden_fields,
    progress, result, visible_questions,
)

bp = Blueprint("selfcheck", __name__)

CONTINUE = "_continue"
BACK = "_back"
CONTROLS = frozenset({CONTINUE, BACK})

# Where a result's help list has nothing of the kinds asked for (e.g. no drug helpline in the
# international list), these still give a visitor somewhere to turn.
FALLBACK_KINDS = ("treatment_finder", "drug_helpline", "crisis_line")
YOUTH_KINDS = ("youth_helpline",)


@bp.record_once
def load_data(state):
    """Read and validate data/selfcheck.yaml once, at start-up: a broken file stops the app."""
    app = state.app
    app.extensions["selfcheck"] = load_selfcheck(Path(app.config["DATA_DIR"]) / "selfcheck.yaml",
                                                 app.extensions["urgency"])


@bp.after_request
def never_store(response):
    """Answers are on these pages: no browser or proxy may keep a copy."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(400)
def unusable_answers(error):
    """A form that was changed or broken in transit: say so plainly and offer a fresh start."""
    return render_template("selfcheck/invalid.html", path=_path_or_none()), 400


@bp.get("/<edition>/self-check")
def start():
    """What the check is, that nothing is kept, and the two ways in: about me, about someone."""
    return render_template("selfcheck/start.html", check=_check())


@bp.get("/<edition>/self-check/clear")
def clear():
    """"Clear my answers": back to the start, and tell the browser to drop what it kept of this
    site. Browsers keep whole pages for Back (the back/forward cache) even when told not to store
    them; Clear-Site-Data ("storage" is what makes Chromium evict them) takes the result pages out
    of it, so Back cannot bring the answers back. Like Quick exit, it also drops the offline copies."""
    response = redirect(url_for(".start"), 303)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route(f"/<edition>/self-check/<any({', '.join(PATH_IDS)}):path_id>", methods=["GET", "POST"])
def path(path_id):
    """POST: take the answers so far and show the next question or the result.

    GET (a refresh, a bookmark, a shared link): there are no answers to show, because none are
    kept, so explain that and offer to start again.
    """
    check_path = _check().path(path_id)
    if request.method == "GET":
        return render_template("selfcheck/restart.html", path=check_path)
    return _answer(check_path)


# --- one POST --------------------------------------------------------------------------------


def _answer(path):
    controls = _controls(path)
    try:
        answers = clean_answers(path, request.form, ignore=CONTROLS)
    except InvalidAnswers as error:
        return _slip(path, controls, error)
    if BACK in controls:
        return _back(path, answers)
    asked = controls.get(CONTINUE)
    if asked is not None:
        _check_page(path, answers, asked)
    step = progress(path, answers)
    if step is None:
        return _result(path, answers)
    if step.question.id == asked:
        return _question(path, step, answers, error="missing")
    return _question(path, step, answers)


def _controls(path):
    """The buttons pressed: at most one of each, short, and Continue names a question here."""
    controls = {}
    for name in CONTROLS & set(request.form.keys()):
        values = request.form.getlist(name)
        if len(values) != 1 or len(values[0]) > MAX_FIELD_LENGTH:
            abort(400)
        controls[name] = values[0]
    if len(controls) > 1 or (CONTINUE in controls and path.question(controls[CONTINUE]) is None):
        abort(400)
    return controls


def _check_page(path, answers, asked):
    """The posted answers must be exactly those up to the question the page asked."""
    earlier = answers_before(path, answers, asked)
    later = set(answers) - set(earlier) - {asked}
    step = progress(path, earlier)
    if later or step is None or step.question.id != asked:
        abort(400)


def _slip(path, controls, error):
    """Nothing chosen, or "none of these" with a sign: ask again. Anything else is a 400."""
    asked = controls.get(CONTINUE)
    if asked is None or not error.is_user_error_on(asked):
        abort(400)
    form = request.form.copy()
    chosen = form.poplist(asked)
    try:
        answers = clean_answers(path, form, ignore=CONTROLS)
    except InvalidAnswers:
        abort(400)
    _check_page(path, answers, asked)
    return _question(path, progress(path, answers), answers, error=error.errors[0].code, chosen=chosen)


def _back(path, answers):
    """Show the last answered question again, its answer chosen, later answers dropped."""
    answered = [q for q in visible_questions(path, answers) if q.id in answers]
    if not answered:
        return redirect(url_for(".start"), 303)
    previous = answered[-1]
    earlier = answers_before(path, answers, previous.id)
    step = progress(path, earlier)
    if step is None or step.question.id != previous.id:
        abort(400)
    chosen = answers[previous.id]
    return _question(path, step, earlier, chosen=[chosen] if isinstance(chosen, str) else sorted(chosen))


# --- pages -----------------------------------------------------------------------------------


def _question(path, step, answers, error=None, chosen=()):
    earlier = answers_before(path, answers, step.question.id)
    return render_template("selfcheck/question.html", path=path, step=step, error=error,
                           chosen=set(chosen), hidden=hidden_fields(path, earlier),
                           has_earlier=bool(earlier))


def _result(path, answers):
    try:
        outcome = result(path, answers)
    except SelfCheckInputError:
        abort(400)
    check = _check()
    context = {"path": path, "result": outcome, "check": check, "hidden": hidden_fields(path, answers),
               "today": format_date(format="long")}
    if path.id == CHECKLIST_PATH:
        return render_template("selfcheck/result_someone.html", **context,
                               family=family_help(),
                               worried_url=_url_if_exists("content.worried"))
    next_help = help_for(() if outcome.never_used else outcome.band.help_kinds)
    if not next_help and (outcome.under_18 or not outcome.never_used):
        next_help = help_for(FALLBACK_KINDS)
    return render_template("selfcheck/result_me.html", **context, next_help=next_help,
                           youth=help_for(YOUTH_KINDS) if outcome.under_18 else ())


# --- helpers ---------------------------------------------------------------------------------


def _check():
    return current_app.extensions["selfcheck"]


def _path_or_none():
    path_id = (request.view_args or {}).get("path_id")
    return _check().paths.get(path_id)


def family_help():
    """For someone worried about another person: family support first, then professional help
    (a drug helpline, or the fallback kinds). A peer group alone is not professional help."""
    family = help_for(("family_support",))
    professional = help_for(("drug_helpline",)) or help_for(FALLBACK_KINDS)
    return family + tuple(resource for resource in professional if resource not in family)


def _url_if_exists(endpoint):
    return url_for(endpoint) if endpoint in current_app.view_functions else None
