"""One set of self-check scenarios (tests/scenarios/selfcheck.yaml) for both scorers.

The Python scoring (harmreduce/selfcheck/scoring.py) runs them here. The browser's scoring on the
static copy of the site (static/selfcheck.js) runs them under Node's own test runner
(tests/js/selfcheck.test.mjs) from the rules as the export serves them, and must also give
exactly what Python gave for each scenario.
"""
import copy
import json
import os
import shutil
import subprocess

import pytest
import yaml

from harmreduce import ROOT
from harmreduce.selfcheck.scoring import (
    ChecklistResult, IncompleteAnswers, InvalidAnswers, clean_answers, progress, result,
)
from harmreduce.selfcheck.static import scoring_json

SCENARIOS = yaml.safe_load((ROOT / "tests" / "scenarios" / "selfcheck.yaml").read_text(encoding="utf-8"))
NODE_TEST = ROOT / "tests" / "js" / "selfcheck.test.mjs"
NODE = shutil.which("node")


def outcome(path, answers):
    """A scenario's result as plain data: the shape static/selfcheck.js gives."""
    try:
        found = result(path, answers)
    except IncompleteAnswers as error:
        return {"error": "incomplete", "question": error.question.id}
    except InvalidAnswers as error:
        return {"error": "invalid", "codes": sorted([e.question_id, e.code] for e in error.errors)}
    answered = [{"question": a.question.id, "options": [o.value for o in a.options]} for a in found.answered]
    signs = {"signs": signs_by_level(found.signs), "urgency": list(dict.fromkeys(o.sign for o in found.signs))}
    if isinstance(found, ChecklistResult):
        return {"path": path.id,
                "groups": [{"question": g.question.id, "signs": [o.value for o in g.signs]} for g in found.groups],
                **signs, "answered": answered}
    return {"path": path.id, "score": found.score, "max_score": found.max_score, "band": found.band.id,
            **signs, "under_18": found.under_18, "never_used": found.never_used, "answered": answered}


def signs_by_level(options):
    """{level: [option values]}: which answers reached which level of data/urgency.yaml."""
    levels = {}
    for option in options:
        levels.setdefault(option.level, []).append(option.value)
    return levels


def progress_of(path, answers):
    try:
        clean = clean_answers(path, answers)
    except InvalidAnswers:
        return "invalid"
    step = progress(path, clean)
    return step and {"question": step.question.id, "number": step.number, "total": step.total}


def expected_values(found, expect):
    return {key: [a["question"] for a in found.get("answered", [])] if key == "asked" else found.get(key)
            for key in expect}


@pytest.fixture(scope="module")
def check(app):
    return app.extensions["selfcheck"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_the_python_scoring_gives_each_scenarios_outcome(check, scenario):
    found = outcome(check.path(scenario["path"]), scenario["answers"])
    assert expected_values(found, scenario["expect"]) == scenario["expect"]


def run_node(check, scenarios, folder):
    """Node's test runner on the JavaScript scoring, with the rules and scenarios written to `folder`."""
    data, cases = folder / "questions.json", folder / "scenarios.json"
    data.write_text(scoring_json(check), encoding="utf-8")
    cases.write_text(json.dumps(scenarios), encoding="utf-8")
    env = {**os.environ, "SELFCHECK_DATA": str(data), "SELFCHECK_SCENARIOS": str(cases)}
    return subprocess.run([NODE, "--test", str(NODE_TEST)], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def with_python(check, scenarios):
    cases = copy.deepcopy(scenarios)
    for case in cases:
        path = check.path(case["path"])
        case["python"] = outcome(path, case["answers"])
        case["progress"] = progress_of(path, case["answers"])
    return cases


@pytest.fixture()
def node():
    if NODE is None:
        pytest.fail("node is not installed (Node 20 is part of the set-up: see README)")
    return NODE


def test_the_javascript_scoring_gives_the_same_outcomes(check, tmp_path, node):
    run = run_node(check, with_python(check, SCENARIOS), tmp_path)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert f"# pass {len(SCENARIOS) + 3}" in run.stdout


def test_a_wrong_expectation_fails_the_javascript_test(check, tmp_path, node):
    wrong = copy.deepcopy(next(s for s in SCENARIOS if s["expect"].get("score") == 27))
    wrong["expect"]["band"] = "moderate"
    run = run_node(check, [wrong], tmp_path)
    assert run.returncode != 0
    assert "band: expected" in run.stdout


def test_javascript_that_differs_from_python_fails_the_javascript_test(check, tmp_path, node):
    cases = with_python(check, [next(s for s in SCENARIOS if s["expect"].get("score") == 26)])
    cases[0]["python"]["score"] = 25
    run = run_node(check, cases, tmp_path)
    assert run.returncode != 0
    assert "differs from the Python scoring" in run.stdout


def test_the_scenarios_cover_every_boundary_and_route(check):
    found = [outcome(check.path(s["path"]), s["answers"]) for s in SCENARIOS]
    me = [f for f in found if f.get("path") == "me"]
    someone = [f for f in found if f.get("path") == "someone"]
    scores = {f["score"] for f in me if not f["never_used"]}
    assert {0, 3, 4, 26, 27, 39} <= scores
    for band in check.path("me").bands:
        for level in ("emergency", "urgent_today", "doctor_soon"):
            assert any(f["band"] == band.id and level in f["signs"] for f in me if not f["never_used"]), (band.id, level)
    assert any(f["never_used"] and f["signs"] for f in me)
    assert any(f["never_used"] for f in me) and any(f["under_18"] and not f["never_used"] for f in me)
    assert any("emergency" in f["signs"] for f in someone)
    assert any(f["groups"] and "emergency" not in f["signs"] for f in someone)
    assert any(not f["groups"] for f in someone)
    errors = [f for f in found if "error" in f]
    assert {f["error"] for f in errors} == {"invalid", "incomplete"}
    codes = {code for f in errors for _question, code in f.get("codes", [])}
    assert {"none_with_others", "answer_for_skipped_question", "unknown_value", "unknown_question",
            "too_many_values", "repeated_value", "missing", "oversized"} <= codes
    assert len(SCENARIOS) >= 30
