"""The self-check data file loads, says what the brief asks, and a broken copy stops start-up clearly."""
import re

import pytest
import yaml

from harmreduce.datafile import DataFileError
from harmreduce.i18n import extract_yaml
from harmreduce.selfcheck.model import DEFAULT_PATH, default_urgency, load_selfcheck

CHECK = load_selfcheck()
URGENCY = default_urgency()
ME = CHECK.path("me")
SOMEONE = CHECK.path("someone")


def visitor_strings(check):
    """Every string the self-check can show a visitor."""
    for path in check.paths.values():
        yield path.title
        yield path.text
        for question in path.questions:
            yield question.text
            if question.hint:
                yield question.hint
            for option in question.options:
                yield option.label
                if option.meaning:
                    yield option.meaning
        for band in path.bands:
            yield from (band.label, band.meaning, *band.next_steps)
    for message in check.messages.values():
        yield from filter(None, (message.title, message.message))


# --- the real file ---------------------------------------------------------------------------------


def test_the_real_file_loads_with_both_paths():
    assert list(CHECK.paths) == ["me", "someone"]


def test_the_me_path_asks_in_the_order_of_the_brief():
    assert [q.id for q in ME.questions] == [
        "age", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "warning_signs", "red_flags"]


def test_the_bands_are_the_published_ones():
    assert [(b.id, b.min, b.max) for b in ME.bands] == [("lower", 0, 3), ("moderate", 4, 26), ("high", 27, 39)]
    assert SOMEONE.bands == ()


def test_only_the_assist_items_are_scored():
    assert [q.id for q in ME.questions if q.scored] == ["q2", "q3", "q4", "q5", "q6", "q7"]
    assert not any(q.scored for q in SOMEONE.questions)


def test_the_assist_items_say_ketamine_and_keep_the_three_month_window():
    for question_id in ("q1", "q2", "q3", "q4", "q5", "q6", "q7"):
        assert "ketamine" in ME.question(question_id).text
    for question_id in ("q2", "q3", "q4", "q5"):
        assert "In the past three months" in ME.question(question_id).text


def test_the_high_band_routes_to_a_specialist_service():
    high = ME.bands[-1]
    assert any("specialist" in step for step in high.next_steps)
    assert "treatment_finder" in high.help_kinds


def test_every_checklist_ends_with_an_exclusive_none_option():
    for path in CHECK.paths.values():
        for question in path.questions:
            if question.multiple:
                assert [o.value for o in question.options if o.exclusive] == ["none"]
                assert question.options[-1].exclusive


def test_the_sources_cite_nida_2012_and_who_assist_v3():
    by_id = {source.id: source for source in CHECK.sources}
    assert by_id["nida_2012"].facts_refs == (78,)
    assert "archives.drugabuse.gov" in by_id["nida_2012"].url
    assert set(by_id["who_assist_v3"].facts_refs) == {70, 71}
    for question_id in ("q1", "q2", "q3", "q4", "q5", "q6", "q7"):
        assert set(ME.question(question_id).cite) == {"nida_2012", "who_assist_v3"}


USAGE_ADVICE = re.compile(
    r"\b(doses?|dosing|mg|grams?|milligrams?|bumps?|lines? of|safer|safely|how much|snort\w*|inject\w*|"
    r"buy\w*|dealers?|prices?|purity|test kits?|redos\w*)\b", re.IGNORECASE)


def test_no_visitor_string_gives_usage_advice():
    offending = [text for text in visitor_strings(CHECK) if USAGE_ADVICE.search(text)]
    assert offending == []


def test_no_visitor_string_uses_stigmatising_words():
    stigma = re.compile(r"\b(addicts?|abusers?|abuse|junkies?|clean|dirty)\b", re.IGNORECASE)
    assert [text for text in visitor_strings(CHECK) if stigma.search(text)] == []


def test_every_visitor_string_is_extracted_for_translation():
    keys = "text hint label meaning title message next_steps"
    with DEFAULT_PATH.open("rb") as handle:
        extracted = {message for _, _, message, _ in extract_yaml(handle, [], [], {"keys": keys})}
    assert set(visitor_strings(CHECK)) - extracted == set()


def test_source_citations_are_not_extracted_for_translation():
    with DEFAULT_PATH.open("rb") as handle:
        extracted = {m for _, _, m, _ in extract_yaml(handle, [], [], {"keys": "text hint label meaning title message next_steps"})}
    assert not any(source.citation in extracted for source in CHECK.sources)


# --- broken copies ---------------------------------------------------------------------------------


def real_data():
    with DEFAULT_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def question(data, path_id, question_id):
    return next(q for q in data["paths"][path_id]["questions"] if q["id"] == question_id)


def set_in(*keys_and_value):
    """A mutation that sets a nested key: set_in('bands', 1, 'min', 5)."""
    *keys, last, value = keys_and_value

    def mutate(data):
        target = data
        for key in keys:
            target = target[key]
        target[last] = value
    return mutate


def on_question(path_id, question_id, change):
    return lambda data: change(question(data, path_id, question_id))


def remove(key):
    return lambda mapping: mapping.pop(key)


def drop_none_option(q):
    q["options"] = [o for o in q["options"] if not o.get("exclusive")]


def no_emergency_signs(data):
    """Every red flag of the "me" path turned into a see-a-doctor-soon sign."""
    for q in data["paths"]["me"]["questions"]:
        for option in q["options"]:
            if option.get("sign") and URGENCY.sign(option["sign"]).level.id == "emergency":
                option["sign"] = "leaking_urine"


BROKEN = {
    "score written as text": (
        on_question("me", "q2", lambda q: q["options"][1].update(score="2")),
        "paths.me.questions[2] (q2)", "options[1].score", "should be int, not str"),
    "score written as true": (
        on_question("me", "q2", lambda q: q["options"][1].update(score=True)),
        "paths.me.questions[2] (q2)", "options[1].score", "should be int, not bool"),
    "score missing on a scored question": (
        on_question("me", "q4", lambda q: q["options"][0].pop("score")),
        "paths.me.questions[4] (q4)", "options[0].score", "is missing"),
    "score on an unscored question": (
        on_question("me", "age", lambda q: q["options"][0].update(score=1)),
        "paths.me.questions[0] (age)", "options[0].score", "scored"),
    "negative score": (
        on_question("me", "q6", lambda q: q["options"][0].update(score=-1)),
        "paths.me.questions[6] (q6)", "options[0].score", "negative"),
    "duplicate question id": (
        on_question("me", "q3", lambda q: q.update(id="q2")),
        "paths.me.questions[3] (q2)", "id", "duplicate id 'q2'"),
    "duplicate option value": (
        on_question("me", "q2", lambda q: q["options"][2].update(value="once_or_twice")),
        "paths.me.questions[2] (q2)", "options[2].value", "duplicate value"),
    "no options": (
        on_question("me", "q2", lambda q: q.update(options=[])),
        "paths.me.questions[2] (q2)", "options", "should not be empty"),
    "option value that is not a slug": (
        on_question("me", "q2", lambda q: q["options"][1].update(value="Once or twice")),
        "paths.me.questions[2] (q2)", "options[1].value", "slug"),
    "option that is not a mapping": (
        on_question("me", "q2", lambda q: q["options"].__setitem__(1, "Once or twice")),
        "paths.me.questions[2] (q2)", "options[1]", "should be a mapping"),
    "skip rule pointing forward": (
        on_question("me", "q2", lambda q: q.update(skip_if=[{"question": "q3", "equals": "never"}])),
        "paths.me.questions[2] (q2)", "skip_if[0].question", "earlier question"),
    "skip rule to an unknown question": (
        on_question("me", "q6", lambda q: q.update(skip_if={"question": "q9", "equals": "no"})),
        "paths.me.questions[6] (q6)", "skip_if[0].question", "'q9'"),
    "skip rule with an unknown value": (
        on_question("me", "q3", lambda q: q["skip_if"][1].update(equals="nope")),
        "paths.me.questions[3] (q3)", "skip_if[1].equals", "never, once_or_twice"),
    "skip rule on a checklist": (
        on_question("me", "red_flags", lambda q: q.update(skip_if=[{"question": "warning_signs", "equals": "none"}])),
        "paths.me.questions[9] (red_flags)", "skip_if[0].question", "single-choice"),
    "a red-flag question that can be skipped": (
        on_question("me", "red_flags", lambda q: q.update(skip_if={"question": "q1", "equals": "no"})),
        "paths.me.questions[9] (red_flags)", "skip_if", "asked of everyone"),
    "a bladder question that can be skipped": (
        on_question("me", "warning_signs", lambda q: q.update(skip_if={"question": "q1", "equals": "no"})),
        "paths.me.questions[8] (warning_signs)", "skip_if", "asked of everyone"),
    "skip rule with a typo in a key": (
        on_question("me", "q4", lambda q: q["skip_if"][0].update(equal="no")),
        "paths.me.questions[4] (q4)", "skip_if[0].equal", "unknown field"),
    "gap between bands": (
        set_in("bands", 1, "min", 5), "bands[1] (moderate)", "min", "should be 4"),
    "overlapping bands": (
        set_in("bands", 2, "min", 26), "bands[2] (high)", "min", "should be 27"),
    "first band not starting at zero": (
        set_in("bands", 0, "min", 1), "bands[0] (lower)", "min", "should be 0"),
    "last band not reaching the top score": (
        set_in("bands", 2, "max", 40), "bands[2] (high)", "max", "should be 39"),
    "a score change that the bands do not follow": (
        on_question("me", "q5", lambda q: q["options"][4].update(score=9)),
        "bands[2] (high)", "max", "should be 40"),
    "band with no next steps": (
        set_in("bands", 1, "next_steps", []), "bands[1] (moderate)", "next_steps", "should not be empty"),
    "next step with digits": (
        set_in("bands", 0, "next_steps", 0, "Call 111."), "bands[0] (lower)", "next_steps[0]", "digits"),
    "question text missing": (
        on_question("me", "q4", remove("text")), "paths.me.questions[4] (q4)", "text", "is missing"),
    "question text with digits": (
        on_question("me", "q2", lambda q: q.update(text="In the past 3 months, how often have you used ketamine?")),
        "paths.me.questions[2] (q2)", "text", "digits"),
    "unknown question type": (
        on_question("me", "q1", lambda q: q.update(type="radio")), "paths.me.questions[1] (q1)", "type", "single, multiple"),
    "misspelt key": (
        on_question("me", "q2", lambda q: q.update(scord=True)), "paths.me.questions[2] (q2)", "scord", "unknown field"),
    "scored checklist": (
        on_question("me", "warning_signs", lambda q: q.update(scored=True)),
        "paths.me.questions[8] (warning_signs)", "scored", "single"),
    "checklist without none of these": (
        on_question("me", "warning_signs", drop_none_option),
        "paths.me.questions[8] (warning_signs)", "options", "exactly one exclusive"),
    "exclusive option on a single question": (
        on_question("me", "age", lambda q: q["options"][1].update(exclusive=True)),
        "paths.me.questions[0] (age)", "options[1].exclusive", "only multiple-choice"),
    "unknown flag": (
        on_question("me", "warning_signs", lambda q: q["options"][0].update(flag="bladdr")),
        "paths.me.questions[8] (warning_signs)", "options[0].flag", "under_18"),
    "unknown sign": (
        on_question("me", "warning_signs", lambda q: q["options"][0].update(sign="bladder_pain")),
        "paths.me.questions[8] (warning_signs)", "options[0].sign", "pain_passing_urine"),
    "a sign on a 'none of these' option": (
        on_question("me", "red_flags", lambda q: q["options"][-1].update(sign="chest_pain")),
        "paths.me.questions[9] (red_flags)", "options[7].exclusive", "cannot carry a flag, a sign"),
    "no red flags left to ask": (
        no_emergency_signs, "paths.me", "questions", "at level 'emergency'"),
    "a sign without a meaning": (
        on_question("someone", "changes", lambda q: q["options"][0].pop("meaning")),
        "paths.someone.questions[0] (changes)", "options[0].meaning", "is missing"),
    "unknown source cited": (
        on_question("me", "q2", lambda q: q.update(cite=["nida_2021"])),
        "paths.me.questions[2] (q2)", "cite[0]", "nida_2012"),
    "missing message": (
        lambda data: data["messages"].pop("bladder"), "messages", "bladder", "is missing"),
    "message text missing": (
        lambda data: data["messages"]["bladder"].pop("message"), "messages.bladder", "message", "is missing"),
    "missing path": (
        lambda data: data["paths"].pop("someone"), "paths", "someone", "is missing"),
    "unknown help kind": (
        set_in("bands", 2, "help_kinds", ["rehab"]), "bands[2] (high)", "help_kinds[0]", "treatment_finder"),
}


@pytest.mark.parametrize("mutate,where,field,problem", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_copy_names_the_question_and_field(tmp_path, mutate, where, field, problem):
    data = real_data()
    mutate(data)
    broken = tmp_path / "selfcheck.yaml"
    broken.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_selfcheck(broken)
    assert (error.value.where, error.value.field) == (where, field), str(error.value)
    assert problem in error.value.problem
    assert str(error.value).startswith(f"{broken}: {where}: field '{field}': ")


def test_an_unquoted_no_is_caught_because_yaml_reads_it_as_false(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace('value: "no"', "value: no", 1)
    broken = tmp_path / "selfcheck.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"questions\[0\] \(age\): field 'options\[1\].value': should be str, not bool"):
        load_selfcheck(broken)


def test_invalid_yaml_stops_start_up(tmp_path):
    broken = tmp_path / "selfcheck.yaml"
    broken.write_text("paths: [\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid YAML"):
        load_selfcheck(broken)


def test_a_missing_file_stops_start_up(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        load_selfcheck(tmp_path / "nowhere.yaml")


def test_the_real_file_is_named_relative_to_the_repository_in_errors(monkeypatch):
    data = real_data()
    data["bands"][0]["max"] = 2
    from harmreduce.selfcheck import model

    monkeypatch.setattr(model, "read_yaml", lambda path: data)
    with pytest.raises(DataFileError) as error:
        load_selfcheck()
    assert str(error.value).startswith("data/selfcheck.yaml: bands[1] (moderate): field 'min': should be 3")


def test_a_top_level_that_is_not_a_mapping_stops_start_up(tmp_path):
    broken = tmp_path / "selfcheck.yaml"
    broken.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="mapping at the top level"):
        load_selfcheck(broken)
