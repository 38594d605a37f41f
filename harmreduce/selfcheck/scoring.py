"""Scoring and routing for the self-check: pure functions over the model, no Flask, no state.

Answers are a mapping of question id to the cleaned answer: a str for a single-choice question,
a frozenset of values for a checklist. Only answers to visible questions are ever kept.

How a view uses this, one question per page, without storing anything:

1. ``answers = clean_answers(path, request.form, ignore={"csrf_token"})`` turns the posted
   fields (earlier answers in hidden fields, plus this page's answer) into clean answers, or
   raises InvalidAnswers. ``error.is_user_error_on(current_id)`` tells a visitor's slip (nothing
   chosen, or "none of these" ticked with a sign) from tampering with hidden fields.
2. ``step = progress(path, answers)`` gives the next question and "question N of M"; None means
   the answers are complete and ``result(path, answers)`` can be shown.
3. ``hidden_fields(path, answers_before(path, answers, question.id))`` carries only the answers
   *before* the question on the page, so going back and changing an answer drops the later
   ones instead of leaving answers to questions that are now skipped.

Progress counts the questions that are visible given the answers so far, treating unanswered
questions as visible. Skip rules only look back, so the total can only shrink as answers come in
(answering "never" to q2 removes q3-q5: "question 3 of 10" is followed by "question 4 of 7").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from harmreduce.selfcheck.model import CHECKLIST_PATH, Band, Option, Path, Question

# Error codes. The first two can be a visitor's slip on the page they just answered;
# the rest only happen when a form was tampered with.
MISSING = "missing"
NONE_WITH_OTHERS = "none_with_others"
UNKNOWN_QUESTION = "unknown_question"
UNKNOWN_VALUE = "unknown_value"
TOO_MANY_VALUES = "too_many_values"
REPEATED_VALUE = "repeated_value"
SKIPPED_QUESTION = "answer_for_skipped_question"
OVERSIZED = "oversized"
USER_ERRORS = frozenset({MISSING, NONE_WITH_OTHERS})

# Levels (data/urgency.yaml) at which a result also says to tell the doctor about ketamine.
DOCTOR_LEVELS = ("urgent_today", "doctor_soon")

# Every real slug and id is far shorter; anything longer is junk, refused before any lookup.
MAX_FIELD_LENGTH = 64


# --- errors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invalid:
    """Why one posted field cannot be used. question_id is the field name as posted."""

    question_id: str
    code: str


class SelfCheckInputError(ValueError):
    """The answers cannot give a result. The only exception these functions raise for bad input."""


class InvalidAnswers(SelfCheckInputError):
    """Some posted fields are invalid: unknown, malformed, repeated, oversized or for skipped questions."""

    def __init__(self, errors):
        self.errors = tuple(errors)
        super().__init__(", ".join(f"{e.question_id}: {e.code}" for e in self.errors))

    def is_user_error_on(self, question_id):
        """True when the only problem is a slip on this question, not tampering."""
        return all(e.question_id == question_id and e.code in USER_ERRORS for e in self.errors)


class IncompleteAnswers(SelfCheckInputError):
    """A visible question has no answer yet, so there is no result."""

    def __init__(self, question):
        self.question = question
        super().__init__(f"{question.id}: {MISSING}")


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """The question to show next, as "question {number} of {total}"."""

    question: Question
    number: int
    total: int


@dataclass(frozen=True)
class AnsweredQuestion:
    """A question and the options chosen, in the file's order (for the "show a doctor" summary)."""

    question: Question
    options: tuple[Option, ...]


@dataclass(frozen=True)
class ScreeningResult:
    """The "me" path. Exists only for a complete, valid answer set."""

    score: int
    max_score: int
    band: Band
    signs: tuple[Option, ...]  # the warning signs and red flags ticked (options with a `sign`)
    under_18: bool
    never_used: bool
    answered: tuple[AnsweredQuestion, ...]

    @property
    def needs_doctor(self):
        """A sign that needs a doctor today or soon (not only the emergency number) was ticked."""
        return any(option.level in DOCTOR_LEVELS for option in self.signs)


@dataclass(frozen=True)
class SignGroup:
    """The signs ticked on one checklist page, each with its `meaning`."""

    question: Question
    signs: tuple[Option, ...]


@dataclass(frozen=True)
class ChecklistResult:
    """The "someone" path: signs and what they can mean, never a score."""

    groups: tuple[SignGroup, ...]
    signs: tuple[Option, ...]  # the warning signs and red flags ticked (options with a `sign`)
    answered: tuple[AnsweredQuestion, ...]

    @property
    def any_signs(self):
        return bool(self.groups)


# --- routing -----------------------------------------------------------------------------------


def is_skipped(question, answers):
    return any(rule.applies(answers) for rule in question.skip_if)


def visible_questions(path: Path, answers: Mapping) -> tuple[Question, ...]:
    """The questions to ask given the answers so far; unanswered questions count as visible."""
    return tuple(q for q in path.questions if not is_skipped(q, answers))


def next_question(path, answers):
    """The first visible question without an answer, or None when the answers are complete."""
    return next((q for q in visible_questions(path, answers) if q.id not in answers), None)


def is_complete(path, answers):
    return next_question(path, answers) is None


def progress(path, answers):
    """The next question and its place among the visible questions, or None when complete."""
    visible = visible_questions(path, answers)
    for number, question in enumerate(visible, start=1):
        if question.id not in answers:
            return Progress(question, number, len(visible))
    return None


def answers_before(path, answers, question_id):
    """Only the answers to questions that come before question_id in the path."""
    earlier = []
    for question in path.questions:
        if question.id == question_id:
            break
        earlier.append(question.id)
    return {qid: answers[qid] for qid in earlier if qid in answers}


def hidden_fields(path, answers):
    """(name, value) pairs to carry answers in hidden inputs: one pair per ticked value."""
    pairs = []
    for question in path.questions:
        if question.id in answers:
            pairs.extend((question.id, option.value) for option in _chosen(question, answers))
    return tuple(pairs)


# --- cleaning posted answers -------------------------------------------------------------------


def validate_answer(question, raw_values):
    """The cleaned answer (str, or frozenset for a checklist) for the posted values, or an Invalid."""
    values = _as_values(raw_values)
    code = _answer_problem(question, values)
    if code:
        return Invalid(question.id, code)
    return frozenset(values) if question.multiple else values[0]


def _answer_problem(question, values):
    if not values:
        return MISSING
    if len(values) > (len(question.options) if question.multiple else 1):
        return TOO_MANY_VALUES
    if any(not isinstance(v, str) or len(v) > MAX_FIELD_LENGTH for v in values):
        return OVERSIZED
    if any(question.option(v) is None for v in values):
        return UNKNOWN_VALUE
    if len(set(values)) != len(values):
        return REPEATED_VALUE
    if len(values) > 1 and any(question.option(v).exclusive for v in values):
        return NONE_WITH_OTHERS
    return None


def clean_answers(path, form, *, ignore=()):
    """Clean answers from posted fields, or raise InvalidAnswers listing every bad field.

    `form` maps field names to a list of values (``request.form.to_dict(flat=False)``), a single
    str, or is a MultiDict (anything with ``getlist``). Fields named in `ignore` (a CSRF token,
    the button pressed) are left alone; every other field must be a question of this path.
    Absent fields are simply unanswered: `progress` will ask them.
    """
    fields = _fields(form)
    _refuse_oversized(path, fields, ignore)
    errors = [Invalid(name, UNKNOWN_QUESTION) for name in fields
              if name not in ignore and path.question(name) is None]
    answers = {}
    for question in path.questions:
        if question.id not in fields:
            continue
        cleaned = _clean_one(question, fields[question.id], answers)
        if isinstance(cleaned, Invalid):
            errors.append(cleaned)
        else:
            answers[question.id] = cleaned
    if errors:
        raise InvalidAnswers(errors)
    return answers


def _clean_one(question, values, answers_so_far):
    # Skip rules only look back, so the answers cleaned so far decide whether this one is asked.
    if is_skipped(question, answers_so_far):
        return Invalid(question.id, SKIPPED_QUESTION)
    return validate_answer(question, values)


def _fields(form):
    if hasattr(form, "getlist"):
        return {name: list(form.getlist(name)) for name in form.keys()}
    return {name: _as_values(values) for name, values in form.items()}


def _refuse_oversized(path, fields, ignore):
    # Room for a few stray fields, so they are reported by name as unknown questions.
    too_many = len(fields) > 2 * (len(path.questions) + len(ignore))
    too_long = [name for name in fields if not isinstance(name, str) or len(name) > MAX_FIELD_LENGTH]
    if too_many or too_long:
        raise InvalidAnswers([Invalid(str(name)[:MAX_FIELD_LENGTH], OVERSIZED) for name in too_long]
                             or [Invalid("*", OVERSIZED)])


# --- scoring -----------------------------------------------------------------------------------


def total_score(path, answers):
    """The ASSIST Specific Substance Involvement Score: the sum of the scored answers given."""
    return sum(option.score for question in visible_questions(path, answers) if question.scored
               for option in _chosen(question, answers))


def band_for(bands, score):
    """The band holding this score; a score outside every band is a bug, not a visitor's error."""
    band = next((band for band in bands if band.contains(score)), None)
    if band is None:
        raise ValueError(f"score {score} is outside every band")
    return band


def result(path, answers):
    """The result for a complete, valid answer set, or SelfCheckInputError.

    The answers are checked again here, so no caller can get a result from unchecked data.
    """
    answers = clean_answers(path, {qid: _as_values(value) for qid, value in answers.items()})
    missing = next_question(path, answers)
    if missing is not None:
        raise IncompleteAnswers(missing)
    if path.id == CHECKLIST_PATH:
        return _checklist_result(path, answers)
    return _screening_result(path, answers)


def result_from_form(path, form, *, ignore=()):
    """clean_answers then result: a result, or SelfCheckInputError."""
    return result(path, clean_answers(path, form, ignore=ignore))


def _screening_result(path, answers):
    score = total_score(path, answers)
    answered = _answered(path, answers)
    return ScreeningResult(
        score=score, max_score=path.max_score, band=band_for(path.bands, score),
        signs=_signs(answered),
        under_18=bool(_flagged(answered, "under_18")), never_used=bool(_flagged(answered, "never_used")),
        answered=answered,
    )


def _checklist_result(path, answers):
    answered = _answered(path, answers)
    groups = tuple(SignGroup(a.question, signs) for a in answered
                   if (signs := tuple(o for o in a.options if not o.exclusive)))
    return ChecklistResult(groups=groups, signs=_signs(answered), answered=answered)


def _answered(path, answers):
    return tuple(AnsweredQuestion(q, _chosen(q, answers))
                 for q in visible_questions(path, answers) if q.id in answers)


def _signs(answered):
    return tuple(option for a in answered for option in a.options if option.sign)


def _flagged(answered, flag):
    return tuple(option for a in answered for option in a.options if option.flag == flag)


def _chosen(question, answers):
    """The chosen options in the file's order, whatever order they were posted in."""
    chosen = _as_values(answers.get(question.id, ()))
    return tuple(option for option in question.options if option.value in chosen)


def _as_values(answer):
    """A list of posted values from a str, a list/tuple/set of them, or anything else (kept whole)."""
    return list(answer) if isinstance(answer, (list, tuple, set, frozenset)) else [answer]
