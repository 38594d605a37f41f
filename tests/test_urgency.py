"""One urgency model (data/urgency.yaml): every surface gives each sign the model's level, every
red flag reaches the emergency number first in every country, and every promised kind of help is
there.

A visitor in Mexico with thoughts of suicide sees a crisis line; a visitor in the UK who ticks chest
pain sees "Call the emergency number now" with 999 before anything else; the printed leaflet says
when to call.
"""
import re
from html.parser import HTMLParser

import pytest

from harmreduce import create_app
from harmreduce.datafile import DataFileError
from harmreduce.urgency import LEVEL_IDS, load_urgency

from .helpers import all_editions, page_paths

APP = create_app({"TESTING": True})
URGENCY = APP.extensions["urgency"]
DIRECTORY = APP.extensions["directory"]
CHECK = APP.extensions["selfcheck"]
COUNTRY_EDITIONS = [f"en-{code.lower()}" for code in DIRECTORY.country_codes()] + ["en"]
NONE_OF_THESE = {q.id: ["none"] for path in CHECK.paths.values() for q in path.questions if q.multiple}
URGENCY_FILE = APP.config["DATA_DIR"] / "urgency.yaml"
ME_ANSWERS = {"age": "no", "q1": "yes", "q2": "once_or_twice", "q3": "never", "q4": "never", "q5": "never",
              "q6": "no", "q7": "no"}


class SignMarks(HTMLParser):
    """Every element marked with a sign (data-sign), with the level it shows and the result callout
    (data-callout) it sits in, and the page's text outside those elements, source titles and the list of answers."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, callout it opens or None, whether it is a sign or a source title)
        self.signs, self.text_outside = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-sign" in attrs:
            callout = next((c for _, c, _ in reversed(self.open) if c), None)
            self.signs.append((attrs["data-sign"], attrs.get("data-level"), callout))
        if tag not in self.VOID:
            # A visitor's own answers (the summary for a doctor) repeat option labels, not levels.
            set_apart = "data-sign" in attrs or tag == "cite" or attrs.get("class") == "answers"
            self.open.append((tag, attrs.get("data-callout"), set_apart))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not any(set_apart for _, _, set_apart in self.open):
            self.text_outside.append(data)


def level_problems(html, urgency=URGENCY):
    """Sentences naming every place a page gives a sign another level than the model, or writes
    a sign's words outside the model's markup (a hand-written copy could drift)."""
    marks = SignMarks()
    marks.feed(html)
    problems = []
    for sign_id, level, callout in marks.signs:
        if sign_id not in urgency.signs:
            problems.append(f"unknown sign {sign_id!r}")
            continue
        expected = urgency.sign(sign_id).level.id
        if level != expected:
            problems.append(f"{sign_id} shown as {level}, the model says {expected}")
        if callout and callout != expected:
            problems.append(f"{sign_id} inside the {callout} callout, the model says {expected}")
    outside = re.sub(r"\s+", " ", " ".join(marks.text_outside))
    for sign in urgency.signs.values():
        if sign.text in outside:
            problems.append(f"the words of {sign.id} written by hand: {sign.text!r}")
    return problems


# --- the model ---------------------------------------------------------------------------------


def test_the_model_has_the_four_levels_in_order_and_every_red_flag_the_audit_named():
    assert tuple(level.id for level in URGENCY.levels) == LEVEL_IDS == (
        "emergency", "urgent_today", "doctor_soon", "routine")
    expected = {"unconscious": "emergency", "breathing": "emergency", "chest_pain": "emergency",
                "cannot_pass_urine": "emergency", "suicide_attempt": "emergency",
                "suicidal_thoughts": "emergency", "blood_with_pain": "emergency",
                "blood_in_urine": "urgent_today", "jaundice": "urgent_today", "severe_pain": "emergency",
                "recurring_belly_pain": "urgent_today"}
    assert {sign: URGENCY.sign(sign).level.id for sign in expected} == expected
    assert URGENCY.level("emergency").help_kinds[0] == "emergency"
    assert "crisis_line" in URGENCY.all_help_kinds(URGENCY.level("emergency"))


def test_every_sign_is_used_by_the_self_check_or_listed_on_the_urgent_page():
    used = {o.sign for path in CHECK.paths.values() for q in path.questions for o in q.options if o.sign}
    page = APP.test_client().get("/en-gb/urgent").get_data(as_text=True)
    for sign in URGENCY.signs.values():
        assert sign.id in used or f'data-sign="{sign.id}"' in page, sign.id


@pytest.mark.parametrize("change, field", [
    (lambda s: s.replace("level: emergency\n    text: Chest pain", "level: urgent\n    text: Chest pain"), "level"),
    (lambda s: s.replace("cite: [nhs-when-to-call-999]", "cite: [nhs-when-to-call-112]", 1), "cite"),
    (lambda s: s.replace("help_kinds: [crisis_line]", "help_kinds: [crisis_chat]"), "help_kinds"),
    (lambda s: s.replace("  - id: urgent_today\n", "  - id: today\n"), "id"),
], ids=["unknown level", "unknown source", "unknown help kind", "levels out of order"])
def test_a_broken_model_stops_start_up_naming_the_field(tmp_path, change, field):
    path = tmp_path / "urgency.yaml"
    path.write_text(change(URGENCY_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_urgency(path, APP.extensions["sources"])
    assert error.value.field == field


# --- every surface gives every sign the model's level ----------------------------------------------


def test_the_checker_catches_a_sign_at_another_level_and_a_hand_written_copy():
    wrong_level = '<ul><li data-sign="chest_pain" data-level="doctor_soon">Chest pain</li></ul>'
    wrong_box = ('<section data-callout="urgent_today"><ul>'
                 '<li data-sign="cannot_pass_urine" data-level="emergency">x</li></ul></section>')
    by_hand = "<p>Get medical help the same day if: Blood in the urine</p>"
    assert level_problems(wrong_level) == ["chest_pain shown as doctor_soon, the model says emergency"]
    assert level_problems(wrong_box) == ["cannot_pass_urine inside the urgent_today callout, the model says emergency"]
    assert level_problems(by_hand) == ["the words of blood_in_urine written by hand: 'Blood in the urine'"]
    assert level_problems('<li data-sign="chest_pain" data-level="emergency">Chest pain</li>') == []


SURFACES = ["/urgent", "/show", "/share/card", "/share/leaflet", "/risks/bladder", "/risks/mixing",
            "/risks/accidents", "/risks/stomach-and-liver", "/risks/mental-health", "/"]


@pytest.mark.parametrize("edition", all_editions(APP))
def test_every_surface_of_every_edition_gives_each_sign_the_models_level(edition):
    client = APP.test_client()
    for path in SURFACES:
        html = client.get(f"/{edition}{path}").get_data(as_text=True)
        problems = level_problems(html) if edition.startswith("en") else [
            p for p in level_problems(html) if "written by hand" not in p]
        assert not problems, (edition, path, problems)


def test_every_page_of_the_english_editions_keeps_the_model():
    client = APP.test_client()
    for edition in ("en-gb", "en-mx", "en"):
        for path in page_paths(APP, edition):
            assert not level_problems(client.get(path).get_data(as_text=True)), path


def every_sign_at_once(path_id):
    answers = dict(ME_ANSWERS) if path_id == "me" else {}
    for question in CHECK.path(path_id).questions:
        if question.multiple:
            signs = [o.value for o in question.options if o.sign]
            answers[question.id] = signs or ["none"]
    return answers


@pytest.mark.parametrize("path_id", ["me", "someone"])
def test_both_results_with_every_sign_ticked_keep_the_model(path_id):
    html = APP.test_client().post(f"/en-gb/self-check/{path_id}", data=every_sign_at_once(path_id)).get_data(
        as_text=True)
    assert not level_problems(html)
    callouts = re.findall(r'data-callout="([a-z_]+)"', html)
    assert callouts == ["emergency", "urgent_today", "doctor_soon"]


# --- sign or answer -> level -> numbers first, in every country ----------------------------------


def answer_cases():
    for path in CHECK.paths.values():
        for question in path.questions:
            for option in question.options:
                if option.sign:
                    yield path.id, question.id, option


def result_for(edition, path_id, question_id, option):
    answers = {**(ME_ANSWERS if path_id == "me" else {}),
               **{q: v for q, v in NONE_OF_THESE.items() if CHECK.path(path_id).question(q)},
               question_id: [option.value]}
    response = APP.test_client().post(f"/{edition}/self-check/{path_id}", data=answers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def first_number_in(html, level):
    box = html.split(f'data-callout="{level}"', 1)[1].split("</section>", 1)[0]
    return re.search(r'href="(tel:[0-9+]+)"', box), box


@pytest.mark.parametrize("edition", COUNTRY_EDITIONS)
def test_each_answer_reaches_its_level_with_the_countrys_numbers_first(edition):
    country = None if edition == "en" else edition.split("-")[1]
    emergency = DIRECTORY.emergency(country)
    crisis = DIRECTORY.resources(country, ("crisis_line",))
    for path_id, question_id, option in answer_cases():
        html = result_for(edition, path_id, question_id, option)
        level = URGENCY.sign(option.sign).level.id
        assert re.findall(r'data-callout="([a-z_]+)"', html) == [level], (edition, option.value)
        first, box = first_number_in(html, level)
        if level == "emergency":
            assert first and first[1] == emergency.phones[0].href, (edition, option.value)
            assert all(resource.id in box for resource in crisis), (edition, option.value)
        if level == "urgent_today":
            assert emergency.phones[0].href in box, (edition, option.value)
        main = html[html.index("<main"):]
        assert main.index(f'data-callout="{level}"') < main.index('id="level-heading"' if path_id == "me"
                                                                  else 'id="signs-heading"')


# --- every promise kept by the data ----------------------------------------------------------------


@pytest.mark.parametrize("edition", COUNTRY_EDITIONS)
def test_every_country_has_the_help_its_urgent_page_promises(edition):
    country = None if edition == "en" else edition.split("-")[1]
    html = APP.test_client().get(f"/{edition}/urgent").get_data(as_text=True)
    assert DIRECTORY.emergency(country) is not None or edition == "en", edition
    crisis = DIRECTORY.resources(country, ("crisis_line",))
    promises_crisis_line = "you can talk to someone at a crisis line" in html
    assert promises_crisis_line == bool(crisis), edition
    if edition != "en":
        assert crisis, f"{edition}: no crisis line, but suicidal thoughts need one (data/urgency.yaml)"


def test_a_mexican_visitor_with_suicidal_thoughts_sees_a_crisis_line():
    for edition in ("es-mx", "en-mx"):
        urgent = APP.test_client().get(f"/{edition}/urgent").get_data(as_text=True)
        assert "Línea de la Vida" in urgent.split('id="crisis"', 1)[1].split("</section>", 1)[0]
        html = result_for(edition, "me", "red_flags", CHECK.path("me").question("red_flags").option("suicidal_thoughts"))
        _first, box = first_number_in(html, "emergency")
        assert "tel:911" in box and "Línea de la Vida" in box and box.index("tel:911") < box.index("Línea de la Vida")


def test_free_is_said_only_of_services_whose_calls_are_free():
    """No page promises "free" in general; each card's cost is checked against the data in
    tests/test_directory_pages.py, the key numbers' "Free of charge" here."""
    client = APP.test_client()
    for edition in COUNTRY_EDITIONS:
        country = None if edition == "en" else edition[3:]
        for path in ("/help", "/show", "/share/card"):
            html = client.get(f"/{edition}{path}").get_data(as_text=True)
            assert "Free and confidential" not in html and "Free, private" not in html
        show = client.get(f"/{edition}/show").get_data(as_text=True)
        for number, free in re.findall(r'<dd><a href="tel:([0-9+]+)">.*?</a>( <span class="meta">Free of charge)?',
                                       show):
            resource = next(r for r in DIRECTORY.resources(country) if r.phones and r.phones[0].dial == number)
            assert bool(free) == (resource.free and not resource.is_a(("emergency",))), (edition, number)


def test_every_print_carries_the_red_flags_and_the_emergency_and_crisis_numbers():
    client = APP.test_client()
    leaflet = client.get("/en-gb/share/leaflet").get_data(as_text=True)
    nothing_ticked = {q.id: ["none"] for q in CHECK.path("me").questions if q.multiple}
    result = client.post("/en-gb/self-check/me", data={**ME_ANSWERS, **nothing_ticked}).get_data(as_text=True)
    summary = result.split('class="print-summary"', 1)[1]
    for printed in (leaflet, summary):
        for sign in URGENCY.signs_at("emergency"):
            assert f'data-sign="{sign.id}"' in printed, sign.id
        assert 'href="tel:999"' in printed and 'href="tel:116123"' in printed
