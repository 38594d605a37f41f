"""Self-check scoring and routing, checked against the published ASSIST rules written out here.

The reference below is typed in from the WHO ASSIST v3.0 / NIDA-Modified ASSIST scoring
(facts.md section 6.1), not read from data/selfcheck.yaml, so a wrong score in the data file fails.
"""
import itertools

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from harmreduce.selfcheck.model import load_selfcheck
from harmreduce.selfcheck.scoring import (
    MISSING, NONE_WITH_OTHERS, OVERSIZED, REPEATED_VALUE, SKIPPED_QUESTION, TOO_MANY_VALUES,
    UNKNOWN_QUESTION, UNKNOWN_VALUE, ChecklistResult, IncompleteAnswers, Invalid, InvalidAnswers,
    ScreeningResult, SelfCheckInputError, answers_before, band_for, clean_answers, hidden_fields,
    is_complete, next_question, progress, result, result_from_form, total_score, validate_answer,
    visible_questions,
)

CHECK = load_selfcheck()
ME = CHECK.path("me")
SOMEONE = CHECK.path("someone")

# --- the published rules, typed in ---------------------------------------------------------------

FREQUENCY = ["never", "once_or_twice", "monthly", "weekly", "daily"]
FREQUENCY_LABELS = ["Never", "Once or twice", "Monthly", "Weekly", "Daily or almost daily"]
EVER = ["no", "yes_recent", "yes_earlier"]
EVER_LABELS = ["No, never", "Yes, in the past three months", "Yes, but not in the past three months"]
PUBLISHED_WEIGHTS = {
    "q2": [0, 2, 3, 4, 6],
    "q3": [0, 3, 4, 5, 6],
    "q4": [0, 4, 5, 6, 7],
    "q5": [0, 5, 6, 7, 8],
    "q6": [0, 6, 3],
    "q7": [0, 6, 3],
}
SCORED = list(PUBLISHED_WEIGHTS)
ASKED_ONLY_IF_USED_RECENTLY = ("q3", "q4", "q5")


def published_slugs(question_id):
    return FREQUENCY if question_id in ("q2", "q3", "q4", "q5") else EVER


def published_score(question_id, value):
    return PUBLISHED_WEIGHTS[question_id][published_slugs(question_id).index(value)]


def reference_score(answers):
    return sum(published_score(q, answers[q]) for q in SCORED if q in answers)


def reference_band(score):
    if score <= 3:
        return "lower"
    return "moderate" if score <= 26 else "high"


BASE = {"age": "no", "q1": "yes", "warning_signs": ["none"], "red_flags": ["none"]}


def me_form(**answers):
    return {**BASE, **answers}


LOWER = me_form(q2="once_or_twice", q3="never", q4="never", q5="never", q6="no", q7="no")        # 2
MODERATE = me_form(q2="weekly", q3="monthly", q4="never", q5="never", q6="yes_earlier", q7="no")  # 11
HIGH = me_form(q2="daily", q3="daily", q4="daily", q5="daily", q6="yes_recent", q7="yes_recent")  # 39
NEVER_USED = me_form(q1="no")
BAND_CASES = {"lower": LOWER, "moderate": MODERATE, "high": HIGH}
ALL_SCORE_CASES = {**BAND_CASES, "never_used": NEVER_USED}


# Every answer that is a warning sign or red flag, and the level it must reach (data/urgency.yaml),
# written out by hand from facts.md section 4 and the December 2026 content audit (E1-E7).
EXPECTED_LEVELS = {
    ("me", "warning_signs"): {
        "pain_passing_urine": "doctor_soon", "often_or_urgent": "doctor_soon", "blood_in_urine": "urgent_today",
        "leaking": "doctor_soon", "repeat_infections": "doctor_soon", "lower_belly_pain": "doctor_soon",
        "belly_cramps": "urgent_today", "fever_with_bladder": "urgent_today", "yellow_skin": "urgent_today"},
    ("me", "red_flags"): {
        "suicidal_thoughts": "emergency", "chest_pain": "emergency", "breathing": "emergency",
        "cannot_pass_urine": "emergency", "blood_with_pain": "emergency", "severe_pain": "emergency",
        "confusion": "emergency"},
    ("someone", "health"): {
        "toilet_often": "doctor_soon", "pain_passing_urine": "doctor_soon", "blood_in_urine": "urgent_today",
        "leaking": "doctor_soon", "repeat_infections": "doctor_soon", "stomach_cramps": "urgent_today",
        "yellow_skin": "urgent_today"},
    ("someone", "urgent"): {
        "unconscious": "emergency", "breathing": "emergency", "chest_pain": "emergency", "seizure": "emergency",
        "confused": "emergency", "suicide_attempt": "emergency", "suicide_talk": "emergency",
        "cannot_pass_urine": "emergency", "injury": "emergency"},
}


def sign_options(path):
    """(question id, option, expected level) for every answer that is a sign on this path."""
    return [(q.id, o, EXPECTED_LEVELS[(path.id, q.id)][o.value]) for q in path.questions for o in q.options
            if o.sign]


def levels_of(outcome):
    return {option.level for option in outcome.signs}


def test_every_sign_answer_is_in_the_expected_table_and_nothing_else_is_a_sign():
    for path in (ME, SOMEONE):
        signs = {(path.id, q.id, o.value) for q in path.questions for o in q.options if o.sign}
        table = {(p, q, v) for (p, q), values in EXPECTED_LEVELS.items() if p == path.id for v in values}
        assert signs == table, path.id


# --- the data matches the published scores ------------------------------------------------------


@pytest.mark.parametrize("question_id", SCORED)
def test_each_scored_question_has_the_published_labels_and_scores(question_id):
    question = ME.question(question_id)
    labels = FREQUENCY_LABELS if published_slugs(question_id) is FREQUENCY else EVER_LABELS
    expected = list(zip(published_slugs(question_id), labels, PUBLISHED_WEIGHTS[question_id]))
    assert [(o.value, o.label, o.score) for o in question.options] == expected


def test_the_highest_possible_score_is_thirty_nine():
    assert ME.max_score == 39 == sum(max(weights) for weights in PUBLISHED_WEIGHTS.values())


@pytest.mark.parametrize("score", range(0, 40))
def test_band_for_every_possible_score(score):
    assert band_for(ME.bands, score).id == reference_band(score)


@pytest.mark.parametrize("score", [-1, 40, 1000])
def test_a_score_outside_the_bands_is_a_bug_not_a_band(score):
    with pytest.raises(ValueError):
        band_for(ME.bands, score)


# --- exhaustive: every combination of q2-q7 -----------------------------------------------------


def every_q2_to_q7_combination():
    values = [published_slugs(q) for q in SCORED]
    return [dict(zip(SCORED, combo)) for combo in itertools.product(*values)]


def test_there_are_five_thousand_six_hundred_and_twenty_five_combinations():
    assert len(every_q2_to_q7_combination()) == 5 * 5 * 5 * 5 * 3 * 3 == 5625


def test_every_combination_gives_the_published_total_and_band():
    wrong = []
    for combo in every_q2_to_q7_combination():
        if combo["q2"] == "never":
            continue  # q3-q5 are not asked then: see the next test
        outcome = result_from_form(ME, me_form(**combo))
        expected = reference_score(combo)
        if (outcome.score, outcome.band.id) != (expected, reference_band(expected)):
            wrong.append((combo, outcome.score, outcome.band.id, expected))
        assert total_score(ME, clean_answers(ME, me_form(**combo))) == expected
    assert wrong == []


def test_every_combination_that_answers_q3_to_q5_after_never_is_refused():
    refused = 0
    for combo in every_q2_to_q7_combination():
        if combo["q2"] != "never":
            continue
        with pytest.raises(InvalidAnswers) as error:
            result_from_form(ME, me_form(**combo))
        assert {(e.question_id, e.code) for e in error.value.errors} == {
            (q, SKIPPED_QUESTION) for q in ASKED_ONLY_IF_USED_RECENTLY}
        refused += 1
    assert refused == 5 * 5 * 5 * 3 * 3


@pytest.mark.parametrize("q6", EVER)
@pytest.mark.parametrize("q7", EVER)
def test_never_in_the_past_three_months_scores_only_q6_and_q7(q6, q7):
    outcome = result_from_form(ME, me_form(q2="never", q6=q6, q7=q7))
    expected = published_score("q6", q6) + published_score("q7", q7)
    assert (outcome.score, outcome.band.id) == (expected, reference_band(expected))


def test_the_extreme_scores_land_in_the_outer_bands():
    assert result_from_form(ME, HIGH).score == 39
    assert result_from_form(ME, HIGH).band.id == "high"
    assert result_from_form(ME, me_form(q2="never", q6="no", q7="no")).band.id == "lower"


# --- skip rules and progress ---------------------------------------------------------------------


def ids(questions):
    return [q.id for q in questions]


def test_everything_is_asked_of_someone_who_used_in_the_past_three_months():
    assert ids(visible_questions(ME, clean_answers(ME, LOWER))) == [
        "age", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "warning_signs", "red_flags"]


def test_never_in_the_past_three_months_skips_q3_to_q5_only():
    answers = clean_answers(ME, {"age": "no", "q1": "yes", "q2": "never"})
    assert ids(visible_questions(ME, answers)) == [
        "age", "q1", "q2", "q6", "q7", "warning_signs", "red_flags"]


def test_never_used_skips_every_assist_question_but_still_asks_signs_and_red_flags():
    answers = clean_answers(ME, {"age": "no", "q1": "no"})
    assert ids(visible_questions(ME, answers)) == ["age", "q1", "warning_signs", "red_flags"]
    assert next_question(ME, answers).id == "warning_signs"


def test_someone_who_never_used_gets_score_zero_in_the_lower_band_with_its_own_wording():
    outcome = result_from_form(ME, NEVER_USED)
    assert (outcome.score, outcome.band.id, outcome.never_used) == (0, "lower", True)
    assert "never_used" in CHECK.messages


@pytest.mark.parametrize("question_id", SCORED)
def test_never_used_with_any_assist_answer_is_refused(question_id):
    value = published_slugs(question_id)[0]
    with pytest.raises(InvalidAnswers) as error:
        result_from_form(ME, {**NEVER_USED, question_id: value})
    assert Invalid(question_id, SKIPPED_QUESTION) in error.value.errors


def walk(path, final_answers):
    """Answer one question per page, as a visitor does, recording each "question N of M"."""
    answers, steps = {}, []
    while (step := progress(path, answers)) is not None:
        steps.append((step.question.id, step.number, step.total))
        answers = clean_answers(path, {**hidden_form(path, answers), step.question.id: final_answers[step.question.id]})
    return answers, steps


def hidden_form(path, answers):
    return MultiDict(list(hidden_fields(path, answers)))


def test_progress_counts_every_question_for_a_full_walk():
    answers, steps = walk(ME, LOWER)
    assert steps == [(qid, n, 10) for n, qid in enumerate(ids(ME.questions), start=1)]
    assert is_complete(ME, answers)


def test_progress_total_shrinks_when_never_skips_questions():
    _, steps = walk(ME, me_form(q2="never", q6="no", q7="no"))
    assert steps == [("age", 1, 10), ("q1", 2, 10), ("q2", 3, 10), ("q6", 4, 7), ("q7", 5, 7),
                     ("warning_signs", 6, 7), ("red_flags", 7, 7)]


def test_progress_for_someone_who_never_used():
    _, steps = walk(ME, NEVER_USED)
    assert steps == [("age", 1, 10), ("q1", 2, 10), ("warning_signs", 3, 4), ("red_flags", 4, 4)]


def test_hidden_fields_carry_answers_back_unchanged():
    answers = clean_answers(ME, {**HIGH, "warning_signs": ["leaking", "blood_in_urine"]})
    assert clean_answers(ME, hidden_form(ME, answers)) == answers
    assert ("warning_signs", "blood_in_urine") in hidden_fields(ME, answers)


def test_going_back_keeps_only_the_earlier_answers():
    answers = clean_answers(ME, HIGH)
    assert answers_before(ME, answers, "q2") == {"age": "no", "q1": "yes"}
    changed = clean_answers(ME, {**hidden_form(ME, answers_before(ME, answers, "q1")), "q1": "no"})
    assert next_question(ME, changed).id == "warning_signs"


# --- red flags, bladder signs and age route whatever the score ------------------------------------


@pytest.mark.parametrize("case", ALL_SCORE_CASES)
@pytest.mark.parametrize("question_id,option,level", sign_options(ME), ids=lambda x: getattr(x, "value", x))
def test_each_sign_reaches_its_level_whatever_the_score(case, question_id, option, level):
    plain = result_from_form(ME, ALL_SCORE_CASES[case])
    outcome = result_from_form(ME, {**ALL_SCORE_CASES[case], question_id: [option.value]})
    assert outcome.signs == (option,) and option.level == level
    assert (outcome.score, outcome.band) == (plain.score, plain.band)
    assert plain.signs == ()
    assert outcome.needs_doctor == (level in ("urgent_today", "doctor_soon"))


@pytest.mark.parametrize("case", ALL_SCORE_CASES)
def test_every_sign_at_once_is_listed_in_the_files_order(case):
    red = [o.value for o in ME.question("red_flags").options if not o.exclusive]
    outcome = result_from_form(ME, {**ALL_SCORE_CASES[case], "red_flags": list(reversed(red)),
                                    "warning_signs": ["yellow_skin"]})
    assert [o.value for o in outcome.signs] == ["yellow_skin", *red]
    assert levels_of(outcome) == {"emergency", "urgent_today"}  # yellow skin is for today


def test_the_warning_block_holds_the_bladder_liver_and_kidney_signs():
    values = [o.value for o in ME.question("warning_signs").options]
    assert values == ["pain_passing_urine", "often_or_urgent", "blood_in_urine", "leaking", "repeat_infections",
                      "lower_belly_pain", "belly_cramps", "fever_with_bladder", "yellow_skin", "none"]


def test_chest_pain_and_retention_are_emergencies_and_belly_pain_is_its_own_answer():
    red_flags = ME.question("red_flags")
    assert red_flags.option("chest_pain").level == red_flags.option("cannot_pass_urine").level == "emergency"
    assert red_flags.option("severe_pain").sign == "severe_pain" and red_flags.option("severe_pain").level == "emergency"
    assert ME.question("warning_signs").option("yellow_skin").level == "urgent_today"


@pytest.mark.parametrize("case", ALL_SCORE_CASES)
def test_under_18_changes_nothing_but_the_under_18_line(case):
    adult = result_from_form(ME, {**ALL_SCORE_CASES[case], "age": "no"})
    young = result_from_form(ME, {**ALL_SCORE_CASES[case], "age": "yes"})
    assert (young.score, young.band, young.signs) == (adult.score, adult.band, adult.signs)
    assert young.under_18 and not adult.under_18


def test_the_result_lists_each_answer_for_the_doctor_summary():
    outcome = result_from_form(ME, me_form(q2="never", q6="no", q7="yes_earlier"))
    assert [(a.question.id, [o.value for o in a.options]) for a in outcome.answered] == [
        ("age", ["no"]), ("q1", ["yes"]), ("q2", ["never"]), ("q6", ["no"]), ("q7", ["yes_earlier"]),
        ("warning_signs", ["none"]), ("red_flags", ["none"])]
    assert isinstance(outcome, ScreeningResult) and outcome.max_score == 39


# --- the "someone" path ---------------------------------------------------------------------------

NOTHING_NOTICED = {q.id: ["none"] for q in SOMEONE.questions}


def test_nothing_noticed_gives_no_signs_and_no_emergency():
    outcome = result_from_form(SOMEONE, NOTHING_NOTICED)
    assert isinstance(outcome, ChecklistResult)
    assert not outcome.any_signs and not outcome.signs and not hasattr(outcome, "score")


@pytest.mark.parametrize("question_id,option,level", sign_options(SOMEONE), ids=lambda x: getattr(x, "value", x))
def test_each_someone_sign_reaches_its_level(question_id, option, level):
    outcome = result_from_form(SOMEONE, {**NOTHING_NOTICED, question_id: [option.value]})
    assert outcome.signs == (option,) and levels_of(outcome) == {level}


def test_ticked_signs_are_grouped_by_page_with_their_meanings():
    outcome = result_from_form(SOMEONE, {**NOTHING_NOTICED, "changes": ["money", "mood"],
                                         "health": ["toilet_often"]})
    assert [(g.question.id, [s.value for s in g.signs]) for g in outcome.groups] == [
        ("changes", ["mood", "money"]), ("health", ["toilet_often"])]
    assert all(sign.meaning for group in outcome.groups for sign in group.signs)
    assert [o.value for o in outcome.signs] == ["toilet_often"] and levels_of(outcome) == {"doctor_soon"}


def test_the_someone_progress_counts_each_page():
    _, steps = walk(SOMEONE, NOTHING_NOTICED)
    assert steps == [(q.id, n, len(SOMEONE.questions)) for n, q in enumerate(SOMEONE.questions, start=1)]


# --- bad input never yields a result --------------------------------------------------------------

TAMPERED = {
    "unknown value": ({**LOWER, "q2": "sometimes"}, "q2", UNKNOWN_VALUE),
    "score posted instead of a value": ({**LOWER, "q2": "6"}, "q2", UNKNOWN_VALUE),
    "empty value": ({**LOWER, "q2": ""}, "q2", UNKNOWN_VALUE),
    "answer for a skipped question": ({**me_form(q2="never", q6="no", q7="no"), "q3": "never"}, "q3", SKIPPED_QUESTION),
    "two values for a single question": ({**LOWER, "q2": ["weekly", "daily"]}, "q2", TOO_MANY_VALUES),
    "the same value twice for a single question": ({**LOWER, "q2": ["weekly", "weekly"]}, "q2", TOO_MANY_VALUES),
    "a value repeated in a checklist": ({**LOWER, "warning_signs": ["leaking", "leaking"]}, "warning_signs", REPEATED_VALUE),
    "more values than options": ({**LOWER, "red_flags": ["none"] * 50}, "red_flags", TOO_MANY_VALUES),
    "none of these with a sign": ({**LOWER, "red_flags": ["none", "severe_pain"]}, "red_flags", NONE_WITH_OTHERS),
    "unknown question id": ({**LOWER, "q8": "no"}, "q8", UNKNOWN_QUESTION),
    "a field with no values": ({**LOWER, "q7": []}, "q7", MISSING),
    "an oversized value": ({**LOWER, "q2": "x" * 10_000}, "q2", OVERSIZED),
    "an oversized field name": ({**LOWER, "q" * 10_000: "no"}, "q" * 64, OVERSIZED),
    "too many fields": ({**LOWER, **{f"f{i}": "x" for i in range(100)}}, "*", OVERSIZED),
}


@pytest.mark.parametrize("form,question_id,code", TAMPERED.values(), ids=TAMPERED.keys())
def test_tampered_input_never_yields_a_result(form, question_id, code):
    with pytest.raises(InvalidAnswers) as error:
        result_from_form(ME, form)
    assert Invalid(question_id, code) in error.value.errors


@pytest.mark.parametrize("question_id", ["age", "q1", "q2", "q5", "q7", "warning_signs", "red_flags"])
def test_a_missing_answer_never_yields_a_result(question_id):
    form = {k: v for k, v in HIGH.items() if k != question_id}
    with pytest.raises(IncompleteAnswers) as error:
        result_from_form(ME, form)
    assert error.value.question.id == question_id


def test_result_checks_answers_again_so_unchecked_data_cannot_slip_through():
    for bad in ({**clean_answers(ME, LOWER), "q2": "sometimes"}, {**clean_answers(ME, LOWER), "q9": "yes"}):
        with pytest.raises(InvalidAnswers):
            result(ME, bad)


def test_a_forgotten_answer_on_the_current_page_is_the_visitors_slip_not_tampering():
    with pytest.raises(InvalidAnswers) as slip:
        clean_answers(ME, {**BASE, "red_flags": ["none", "severe_pain"]})
    assert slip.value.is_user_error_on("red_flags")
    with pytest.raises(InvalidAnswers) as tampered:
        clean_answers(ME, {**BASE, "q1": "maybe"})
    assert not tampered.value.is_user_error_on("red_flags")


def test_fields_the_view_owns_can_be_ignored():
    assert clean_answers(ME, {"csrf_token": "abc", "age": "yes"}, ignore={"csrf_token"}) == {"age": "yes"}
    with pytest.raises(InvalidAnswers):
        clean_answers(ME, {"csrf_token": "abc", "age": "yes"})


def test_a_werkzeug_multidict_with_repeated_fields_is_read_as_posted():
    form = MultiDict([("age", "no"), ("q1", "yes"), ("q2", "never"), ("q6", "no"), ("q7", "no"),
                      ("warning_signs", "leaking"), ("warning_signs", "blood_in_urine"), ("red_flags", "none")])
    assert clean_answers(ME, form)["warning_signs"] == frozenset({"leaking", "blood_in_urine"})
    with pytest.raises(InvalidAnswers):
        clean_answers(ME, MultiDict([("q1", "yes"), ("q1", "no")]))


@pytest.mark.parametrize("raw,expected", [
    (["weekly"], "weekly"), ("weekly", "weekly"), ([], Invalid("q2", MISSING)),
    (["weekly", "daily"], Invalid("q2", TOO_MANY_VALUES)), (["often"], Invalid("q2", UNKNOWN_VALUE)),
])
def test_validate_answer_for_a_single_question(raw, expected):
    assert validate_answer(ME.question("q2"), raw) == expected


def test_validate_answer_for_a_checklist_returns_a_set():
    question = ME.question("warning_signs")
    assert validate_answer(question, ["leaking", "belly_cramps"]) == frozenset({"leaking", "belly_cramps"})
    assert validate_answer(question, ["none", "leaking"]) == Invalid("warning_signs", NONE_WITH_OTHERS)


# --- property tests: random posts ------------------------------------------------------------------

CHECKLISTS = {q.id: [o.value for o in q.options if not o.exclusive]
              for path in (ME, SOMEONE) for q in path.questions if q.multiple}
SINGLE_VALUES = {"age": ["yes", "no"], "q1": ["yes", "no"], **{q: published_slugs(q) for q in SCORED}}


def reference_visible(form):
    """Which "me" questions are asked, from the ASSIST skip rules written out by hand."""
    asked = ["age", "q1"]
    if form.get("q1") == ["yes"]:
        asked.append("q2")
        if form.get("q2") != ["never"]:
            asked += ["q3", "q4", "q5"]
        asked += ["q6", "q7"]
    return asked + ["warning_signs", "red_flags"]


def as_lists(form):
    return {k: [v] if isinstance(v, str) else list(v) for k, v in form.items()}


def reference_accepts(form, visible):
    """A form is usable only if it answers exactly the visible questions, each one validly."""
    form = as_lists(form)
    if set(form) != set(visible(form)):
        return False
    return all(reference_answer_ok(qid, values) for qid, values in form.items())


def reference_answer_ok(question_id, values):
    if question_id in CHECKLISTS:
        if values == ["none"]:
            return True
        return bool(values) and len(set(values)) == len(values) and set(values) <= set(CHECKLISTS[question_id])
    return len(values) == 1 and values[0] in SINGLE_VALUES[question_id]


@st.composite
def valid_me_forms(draw):
    form = {"age": draw(st.sampled_from(["yes", "no"])), "q1": draw(st.sampled_from(["yes", "no"]))}
    if form["q1"] == "yes":
        form["q2"] = draw(st.sampled_from(FREQUENCY))
        if form["q2"] != "never":
            form.update({q: draw(st.sampled_from(FREQUENCY)) for q in ASKED_ONLY_IF_USED_RECENTLY})
        form.update({q: draw(st.sampled_from(EVER)) for q in ("q6", "q7")})
    form.update({q: draw(checklist_answers(q)) for q in ("warning_signs", "red_flags")})
    return form


def checklist_answers(question_id):
    signs = st.lists(st.sampled_from(CHECKLISTS[question_id]), min_size=1, unique=True)
    return st.one_of(st.just(["none"]), signs)


JUNK_TEXT = st.one_of(st.sampled_from(["", "none", "never", "yes", "no", "6", "daily", "q2", "NONE", " yes"]),
                      st.text(max_size=80))
ANY_NAME = st.one_of(st.sampled_from([q.id for q in ME.questions] + [q.id for q in SOMEONE.questions]), JUNK_TEXT)
ANY_VALUES = st.one_of(JUNK_TEXT, st.lists(JUNK_TEXT, max_size=4))


@st.composite
def mutated(draw, forms):
    form = dict(draw(forms))
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        action = draw(st.sampled_from(["drop", "set", "add"]))
        if action == "drop" and form:
            form.pop(draw(st.sampled_from(sorted(form))))
        else:
            form[draw(ANY_NAME)] = draw(ANY_VALUES)
    return form


def assert_result_only_for_usable_forms(path, form, visible):
    try:
        outcome = result_from_form(path, form)
    except SelfCheckInputError:
        event("refused")
        assert not reference_accepts(form, visible), form
        return None
    event("result")
    assert reference_accepts(form, visible), form
    return outcome


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(form=st.one_of(valid_me_forms(), mutated(valid_me_forms())))
def test_random_me_forms_give_a_result_exactly_when_complete_and_valid(form):
    outcome = assert_result_only_for_usable_forms(ME, form, reference_visible)
    if outcome is not None:
        form = {k: v[0] if k in SINGLE_VALUES else v for k, v in as_lists(form).items()}
        expected = reference_score(form)
        assert (outcome.score, outcome.band.id) == (expected, reference_band(expected))
        ticked = [("red_flags", v) for v in form["red_flags"]] + [("warning_signs", v) for v in form["warning_signs"]]
        assert levels_of(outcome) == {EXPECTED_LEVELS[("me", q)][v] for q, v in ticked if v != "none"}


@st.composite
def valid_someone_forms(draw):
    return {q.id: draw(checklist_answers(q.id)) for q in SOMEONE.questions}


@settings(max_examples=300, deadline=None)
@given(form=st.one_of(valid_someone_forms(), mutated(valid_someone_forms())))
def test_random_someone_forms_give_a_result_exactly_when_complete_and_valid(form):
    outcome = assert_result_only_for_usable_forms(SOMEONE, form, lambda _: [q.id for q in SOMEONE.questions])
    if outcome is not None:
        assert ("emergency" in levels_of(outcome)) == (as_lists(form)["urgent"] != ["none"])


@settings(max_examples=300, deadline=None)
@given(form=st.dictionaries(st.text(max_size=100), ANY_VALUES, max_size=30))
def test_arbitrary_posts_only_ever_raise_the_documented_error(form):
    for path in (ME, SOMEONE):
        try:
            result_from_form(path, form)
        except SelfCheckInputError:
            pass
