"""The self-check data file (data/selfcheck.yaml), loaded into frozen dataclasses.

The file is checked in full when the app starts, because a wrong score or a broken skip rule would
otherwise give visitors a wrong risk level without any error. Every problem stops start-up with a
DataFileError naming the question and the field, e.g.
``data/selfcheck.yaml: paths.me.questions[3] (q2): field 'options[1].score': should be int, not str``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path as FilePath
from types import MappingProxyType
from typing import Mapping

from harmreduce.datafile import DataFileError, read_yaml, require

ROOT = FilePath(__file__).resolve().parents[2]
DEFAULT_PATH = ROOT / "data" / "selfcheck.yaml"

PATH_IDS = ("me", "someone")
SCORED_PATH = "me"
CHECKLIST_PATH = "someone"
QUESTION_TYPES = ("single", "multiple")
# Warning signs and red flags are not flags: an option names its sign (`sign:`, an id in
# data/urgency.yaml) and takes that sign's level from there.
FLAGS = ("under_18", "never_used")
HELP_KINDS = ("emergency", "crisis_line", "drug_helpline", "treatment_finder", "chat", "text")
REQUIRED_MESSAGES = (
    "screening_aid", "bladder", "score_not_harm", "under_18", "never_used",
    "someone_first_aid", "someone_signs", "someone_no_signs", "someone_talk", "someone_family",
)
# What the routing relies on: without it a whole route (the emergency number, a doctor, the
# under-18 line) would silently never show.
REQUIRED_FLAGS = {
    SCORED_PATH: {"under_18": "exactly one", "never_used": "exactly one"},
    CHECKLIST_PATH: {},
}
REQUIRED_LEVELS = {SCORED_PATH: ("emergency", "urgent_today", "doctor_soon"), CHECKLIST_PATH: ("emergency",)}

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
DIGIT = re.compile(r"[0-9]")

TOP_KEYS = {"sources", "bands", "messages", "paths"}
SOURCE_KEYS = {"id", "citation", "url", "facts_refs"}
BAND_KEYS = {"id", "min", "max", "label", "meaning", "next_steps", "help_kinds", "cite"}
MESSAGE_KEYS = {"title", "message", "help_kinds"}
PATH_KEYS = {"title", "text", "questions"}
QUESTION_KEYS = {"id", "type", "text", "hint", "scored", "options", "skip_if", "cite"}
OPTION_KEYS = {"value", "label", "score", "flag", "sign", "meaning", "exclusive"}
RULE_KEYS = {"question", "equals"}


# --- the model -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str
    facts_refs: tuple[int, ...]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    score: int | None = None
    flag: str | None = None
    sign: str | None = None  # a sign in data/urgency.yaml
    level: str | None = None  # that sign's level, filled in from data/urgency.yaml
    meaning: str | None = None
    exclusive: bool = False


@dataclass(frozen=True)
class SkipRule:
    """Skip the question when an earlier single-choice question was answered with `equals`."""

    question: str
    equals: str

    def applies(self, answers):
        return answers.get(self.question) == self.equals


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    options: tuple[Option, ...]
    hint: str | None = None
    scored: bool = False
    skip_if: tuple[SkipRule, ...] = ()
    cite: tuple[str, ...] = ()

    @property
    def multiple(self):
        return self.type == "multiple"

    @property
    def values(self):
        return tuple(option.value for option in self.options)

    @property
    def top_score(self):
        return max(option.score for option in self.options) if self.scored else 0

    def option(self, value):
        """The option with this value, or None."""
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class Band:
    id: str
    min: int
    max: int
    label: str
    meaning: str
    next_steps: tuple[str, ...]
    help_kinds: tuple[str, ...] = ()
    cite: tuple[str, ...] = ()

    def contains(self, score):
        return self.min <= score <= self.max


@dataclass(frozen=True)
class Message:
    title: str | None
    message: str
    help_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Path:
    id: str
    title: str
    text: str
    questions: tuple[Question, ...]
    bands: tuple[Band, ...] = ()

    @property
    def max_score(self):
        return sum(question.top_score for question in self.questions)

    def question(self, question_id):
        """The question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True, eq=False)
class SelfCheck:
    paths: Mapping[str, Path]
    messages: Mapping[str, Message]
    sources: tuple[Source, ...]

    def path(self, path_id):
        return self.paths[path_id]


# --- loading ---------------------------------------------------------------------------------


def load_selfcheck(path=DEFAULT_PATH, urgency=None):
    """Read and validate the self-check data file; raise DataFileError on the first problem.

    `urgency` is the app's urgency model (harmreduce/urgency.py); without one, the project's own
    data/urgency.yaml is read.
    """
    path = FilePath(path)
    return parse_selfcheck(read_yaml(path), _display_name(path), urgency)


def default_urgency():
    from harmreduce.sources import load_sources
    from harmreduce.urgency import load_urgency

    return load_urgency(ROOT / "data" / "urgency.yaml", load_sources(ROOT / "data" / "sources.yaml"))


def parse_selfcheck(data, file="data/selfcheck.yaml", urgency=None):
    """Build a SelfCheck from already-parsed YAML, validating everything."""
    urgency = urgency or default_urgency()
    if not isinstance(data, dict):
        raise DataFileError(file, "file", "-", "should be a mapping at the top level")
    top = _Where(file, "top level")
    top.only_known_keys(data, TOP_KEYS)
    sources = _sources(top.get(data, "sources", list), file)
    source_ids = {source.id for source in sources}
    messages = _messages(top.get(data, "messages", dict), file)
    raw_paths = top.get(data, "paths", dict)
    top.inside("paths").only_known_keys(raw_paths, set(PATH_IDS))
    paths = {path_id: _path(raw_paths, path_id, file, source_ids, urgency) for path_id in PATH_IDS}
    bands = _bands(top.get(data, "bands", list), file, source_ids, paths[SCORED_PATH].max_score)
    paths[SCORED_PATH] = replace(paths[SCORED_PATH], bands=bands)
    return SelfCheck(MappingProxyType(paths), MappingProxyType(messages), sources)


def _display_name(path):
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class _Where:
    """Where in the file we are, so every error names the entry and the field."""

    file: str
    where: str
    prefix: str = ""

    def fail(self, field, problem):
        raise DataFileError(self.file, self.where, self.prefix + field, problem)

    def inside(self, field):
        return replace(self, prefix=f"{self.prefix}{field}.")

    def get(self, mapping, key, kind, *, optional=False):
        if optional and isinstance(mapping, dict) and key not in mapping:
            return None
        try:
            value = require(mapping, key, kind, self.file, self.where)
        except DataFileError as error:
            self.fail(key, error.problem)
        if isinstance(value, bool) and kind is int:
            self.fail(key, "should be int, not bool")
        if isinstance(value, (list, dict, str)) and not value:
            self.fail(key, "should not be empty")
        return value

    def text(self, mapping, key, *, optional=False):
        """A visitor-facing string: translated, so numbers must be written as words."""
        value = self.get(mapping, key, str, optional=optional)
        return value if value is None else self.words(value, key)

    def words(self, value, field):
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "should be a non-empty str")
        if DIGIT.search(value):
            self.fail(field, "should not contain digits: write numbers as words (numbers come from data)")
        return value

    def slug(self, mapping, key):
        value = self.get(mapping, key, str)
        if not SLUG.match(value):
            self.fail(key, f"should be a lower-case slug like 'once_or_twice', not {value!r}")
        return value

    def mapping(self, value, field):
        if not isinstance(value, dict):
            self.fail(field, f"should be a mapping, not {type(value).__name__}")
        return value

    def only_known_keys(self, mapping, allowed):
        for key in mapping:
            if key not in allowed:
                self.fail(str(key), f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def choice(self, mapping, key, allowed, *, optional=False):
        value = self.get(mapping, key, str, optional=optional)
        if value is not None and value not in allowed:
            self.fail(key, f"should be one of {', '.join(allowed)}, not {value!r}")
        return value

    def choices(self, mapping, key, allowed):
        values = self.get(mapping, key, list, optional=True) or []
        for i, value in enumerate(values):
            if value not in allowed:
                self.fail(f"{key}[{i}]", f"should be one of {', '.join(sorted(allowed))}, not {value!r}")
        return tuple(values)


def _entry_where(file, where, index, entry):
    """'paths.me.questions[3] (q2)': the index always, the id when there is a readable one."""
    label = f"{where}[{index}]"
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        label += f" ({entry['id']})"
    return _Where(file, label)


def _unique(ids, where, field):
    seen = set()
    for i, value in enumerate(ids):
        if value in seen:
            where(i).fail(field, f"duplicate {field} {value!r}")
        seen.add(value)


def _sources(raw, file):
    sources = []
    for i, entry in enumerate(raw):
        at = _entry_where(file, "sources", i, entry)
        at.mapping(entry, "-")
        at.only_known_keys(entry, SOURCE_KEYS)
        refs = at.get(entry, "facts_refs", list, optional=True) or []
        for j, ref in enumerate(refs):
            if type(ref) is not int:
                at.fail(f"facts_refs[{j}]", f"should be int, not {type(ref).__name__}")
        sources.append(Source(at.slug(entry, "id"), at.get(entry, "citation", str),
                              at.get(entry, "url", str), tuple(refs)))
    _unique([s.id for s in sources], lambda i: _entry_where(file, "sources", i, raw[i]), "id")
    return tuple(sources)


def _messages(raw, file):
    for key in REQUIRED_MESSAGES:
        if key not in raw:
            raise DataFileError(file, "messages", key, "is missing")
    messages = {}
    for key, entry in raw.items():
        at = _Where(file, f"messages.{key}")
        at.mapping(entry, "-")
        at.only_known_keys(entry, MESSAGE_KEYS)
        messages[key] = Message(at.text(entry, "title", optional=True), at.text(entry, "message"),
                                at.choices(entry, "help_kinds", HELP_KINDS))
    return messages


def _path(raw_paths, path_id, file, source_ids, urgency):
    at = _Where(file, f"paths.{path_id}")
    entry = _Where(file, "paths").get(raw_paths, path_id, dict)
    at.only_known_keys(entry, PATH_KEYS)
    raw_questions = at.get(entry, "questions", list)
    questions = []
    for i, raw in enumerate(raw_questions):
        where = _entry_where(file, f"paths.{path_id}.questions", i, raw)
        questions.append(_question(raw, where, path_id, questions, source_ids, urgency))
    _unique([q.id for q in questions],
            lambda i: _entry_where(file, f"paths.{path_id}.questions", i, raw_questions[i]), "id")
    path = Path(path_id, at.text(entry, "title"), at.text(entry, "text"), tuple(questions))
    _check_required_flags(path, at)
    _check_required_levels(path, at)
    return path


def _question(raw, at, path_id, earlier, source_ids, urgency):
    at.mapping(raw, "-")
    at.only_known_keys(raw, QUESTION_KEYS)
    question_id = at.slug(raw, "id")
    kind = at.choice(raw, "type", QUESTION_TYPES)
    scored = at.get(raw, "scored", bool, optional=True) or False
    if scored and path_id != SCORED_PATH:
        at.fail("scored", f"only questions in the '{SCORED_PATH}' path are scored")
    if scored and kind != "single":
        at.fail("scored", "a scored question must be type 'single'")
    options = _options(at.get(raw, "options", list), at, scored, path_id, urgency)
    question = Question(
        id=question_id, type=kind, text=at.text(raw, "text"), options=options,
        hint=at.text(raw, "hint", optional=True), scored=scored,
        skip_if=_skip_rules(raw, at, earlier), cite=at.choices(raw, "cite", source_ids),
    )
    _check_exclusive(question, at)
    _check_always_asked(question, at)
    return question


def _options(raw_options, at, scored, path_id, urgency):
    options = []
    for i, raw in enumerate(raw_options):
        field = f"options[{i}]"
        at.mapping(raw, field)
        inner = at.inside(field)
        inner.only_known_keys(raw, OPTION_KEYS)
        option = Option(
            value=inner.slug(raw, "value"), label=inner.text(raw, "label"),
            score=inner.get(raw, "score", int, optional=True),
            flag=inner.choice(raw, "flag", FLAGS, optional=True),
            sign=inner.choice(raw, "sign", tuple(urgency.signs), optional=True),
            meaning=inner.text(raw, "meaning", optional=True),
            exclusive=inner.get(raw, "exclusive", bool, optional=True) or False,
        )
        _check_option(option, inner, scored, path_id)
        if option.sign:
            option = replace(option, level=urgency.sign(option.sign).level.id)
        options.append(option)
    _unique([o.value for o in options], lambda i: at.inside(f"options[{i}]"), "value")
    return tuple(options)


def _check_option(option, at, scored, path_id):
    if scored and option.score is None:
        at.fail("score", "is missing: every option of a scored question needs an int score")
    if not scored and option.score is not None:
        at.fail("score", "only options of a scored question (scored: true) have a score")
    if scored and option.score < 0:
        at.fail("score", "should not be negative")
    if option.exclusive and (option.flag or option.sign or option.meaning):
        at.fail("exclusive", "a 'none of these' option cannot carry a flag, a sign or a meaning")
    if path_id == CHECKLIST_PATH and not option.exclusive and option.meaning is None:
        at.fail("meaning", "is missing: every sign in the 'someone' path says what it can mean")


def _check_exclusive(question, at):
    exclusive = [i for i, option in enumerate(question.options) if option.exclusive]
    if question.multiple and len(exclusive) != 1:
        at.fail("options", "a multiple-choice checklist needs exactly one exclusive 'none of these' option")
    if not question.multiple and exclusive:
        at.fail(f"options[{exclusive[0]}].exclusive",
                "only multiple-choice questions have an exclusive option")


def _check_always_asked(question, at):
    # Questions that route to urgent help or a doctor must reach everyone, whatever the other answers.
    if any(o.sign for o in question.options) and question.skip_if:
        at.fail("skip_if", "a question with warning signs or red flags (sign:) is asked of everyone: "
                           "it cannot be skipped")


def _skip_rules(raw, at, earlier):
    """skip_if is one rule or a list of rules; the question is skipped when any of them applies."""
    if "skip_if" not in raw:
        return ()
    value = raw["skip_if"]
    rules = [value] if isinstance(value, dict) else value
    if not isinstance(rules, list) or not rules:
        at.fail("skip_if", "should be a rule {question: ..., equals: ...} or a non-empty list of rules")
    return tuple(_skip_rule(rule, at, f"skip_if[{i}]", earlier) for i, rule in enumerate(rules))


def _skip_rule(rule, at, field, earlier):
    at.mapping(rule, field)
    inner = at.inside(field)
    inner.only_known_keys(rule, RULE_KEYS)
    target_id = inner.get(rule, "question", str)
    equals = inner.get(rule, "equals", str)
    target = next((q for q in earlier if q.id == target_id), None)
    if target is None:
        inner.fail("question", f"should name an earlier question in this path, not {target_id!r}")
    if target.multiple:
        inner.fail("question", f"should name a single-choice question; {target_id!r} is multiple")
    if equals not in target.values:
        values = ", ".join(target.values)
        inner.fail("equals", f"should be one of {target_id}'s values ({values}), not {equals!r}")
    return SkipRule(target_id, equals)


def _check_required_flags(path, at):
    flags = [o.flag for q in path.questions for o in q.options if o.flag]
    for flag, rule in REQUIRED_FLAGS.get(path.id, {}).items():
        count = flags.count(flag)
        if count == 0 or (rule == "exactly one" and count != 1):
            at.fail("questions", f"should have {rule} option with flag '{flag}', found {count}")


def _check_required_levels(path, at):
    levels = {o.level for q in path.questions for o in q.options}
    for level in REQUIRED_LEVELS[path.id]:
        if level not in levels:
            at.fail("questions", f"should have at least one option whose sign is at level '{level}'")


def _bands(raw, file, source_ids, max_score):
    bands = []
    for i, entry in enumerate(raw):
        at = _entry_where(file, "bands", i, entry)
        at.mapping(entry, "-")
        at.only_known_keys(entry, BAND_KEYS)
        raw_steps = at.get(entry, "next_steps", list)
        steps = [at.words(step, f"next_steps[{j}]") for j, step in enumerate(raw_steps)]
        band = Band(
            id=at.slug(entry, "id"), min=at.get(entry, "min", int), max=at.get(entry, "max", int),
            label=at.text(entry, "label"), meaning=at.text(entry, "meaning"), next_steps=tuple(steps),
            help_kinds=at.choices(entry, "help_kinds", HELP_KINDS),
            cite=at.choices(entry, "cite", source_ids),
        )
        _check_band_range(band, bands[-1] if bands else None, at)
        bands.append(band)
    _unique([b.id for b in bands], lambda i: _entry_where(file, "bands", i, raw[i]), "id")
    if bands[-1].max != max_score:
        _entry_where(file, "bands", len(raw) - 1, raw[-1]).fail(
            "max", f"should be {max_score}, the highest possible score "
                   f"(the top option of every scored question added up), not {bands[-1].max}")
    return tuple(bands)


def _check_band_range(band, previous, at):
    expected_min = previous.max + 1 if previous else 0
    if band.min != expected_min:
        reason = f"one more than the previous band's max ({previous.max})" if previous else "the lowest score"
        at.fail("min", f"should be {expected_min}, {reason}, not {band.min}: "
                       "bands must not overlap or leave gaps")
    if band.max < band.min:
        at.fail("max", f"should be at least min ({band.min}), not {band.max}")
