"""The self-check as visitors use it, through the Flask test client on the real data files.

A `Visitor` reads each page's own form (hidden fields, the Continue and Back buttons) and posts
what a browser would, so the journeys prove the pages carry the answers, not the test.
"""
import logging
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from harmreduce.selfcheck.scoring import SelfCheckInputError, clean_answers, result

from .helpers import collect_links


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


# --- reading the page's forms ----------------------------------------------------------------


class Forms(HTMLParser):
    """Every form on a page: its action, hidden fields, choices and submit buttons."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action"), "method": attrs.get("method"),
                               "hidden": [], "choices": [], "buttons": []})
        elif tag == "input" and self.forms:
            if attrs.get("type") == "hidden":
                self.forms[-1]["hidden"].append((attrs["name"], attrs["value"]))
            else:
                self.forms[-1]["choices"].append(attrs)
        elif tag == "button" and self.forms and attrs.get("type") == "submit":
            self.forms[-1]["buttons"].append((attrs.get("name"), attrs.get("value")))


def forms_of(html):
    parser = Forms()
    parser.feed(html)
    return parser.forms


def form_with_button(html, name):
    return next((form for form in forms_of(html) if any(button[0] == name for button in form["buttons"])), None)


class Visitor:
    """Someone using the check with a browser: every response is kept for the privacy checks."""

    def __init__(self, client, edition):
        self.client, self.edition, self.responses = client, edition, []

    def open(self, method, url, **kwargs):
        response = self.client.open(url, method=method, **kwargs)
        self.responses.append((method, url, response))
        return response

    def start(self, path_id):
        """Open the start page and press that path's start button."""
        start = self.open("GET", f"/{self.edition}/self-check")
        assert start.status_code == 200
        action = f"/{self.edition}/self-check/{path_id}"
        form = next(form for form in forms_of(start.get_data(as_text=True)) if form["action"] == action)
        assert form["hidden"] == [] and form["method"] == "post"
        return self.open("POST", action, data={})

    def answer(self, page, values):
        """Choose `values` on the page's question and press Continue."""
        html = page.get_data(as_text=True)
        form = form_with_button(html, "_continue")
        question_id = dict(form["buttons"])["_continue"]
        offered = {choice["value"] for choice in form["choices"] if choice["name"] == question_id}
        values = [values] if isinstance(values, str) else values
        assert set(values) <= offered, (question_id, values, offered)
        data = MultiDict(form["hidden"] + [(question_id, value) for value in values] + [("_continue", question_id)])
        return self.open("POST", form["action"], data=data)

    def back(self, page):
        form = form_with_button(page.get_data(as_text=True), "_back")
        return self.open("POST", form["action"], data=MultiDict(form["hidden"] + [("_back", "1")]))

    def complete(self, path_id, answers):
        """Answer every question the pages ask, from `answers` (question id -> value or values)."""
        page = self.start(path_id)
        asked = []
        while (form := form_with_button(page.get_data(as_text=True), "_continue")) is not None:
            question_id = dict(form["buttons"])["_continue"]
            asked.append(question_id)
            page = self.answer(page, answers[question_id])
            assert page.status_code == 200, (question_id, page.status_code)
        return page, asked


def question_on(page):
    form = form_with_button(page.get_data(as_text=True), "_continue")
    return dict(form["buttons"])["_continue"] if form else None


def checked_on(page):
    form = form_with_button(page.get_data(as_text=True), "_continue")
    return {choice["value"] for choice in form["choices"] if "checked" in choice}


# --- answer sets ---------------------------------------------------------------------------------

NO_SIGNS = {"warning_signs": ["none"], "red_flags": ["none"]}
LOWER = {"age": "no", "q1": "yes", "q2": "once_or_twice", "q3": "never", "q4": "never", "q5": "never",
         "q6": "no", "q7": "no", **NO_SIGNS}                                   # score 2
MODERATE = {**LOWER, "q2": "weekly", "q3": "monthly", "q6": "yes_earlier"}     # 4 + 4 + 3 = 11
HIGH = {"age": "no", "q1": "yes", "q2": "daily", "q3": "daily", "q4": "daily", "q5": "daily",
        "q6": "yes_recent", "q7": "yes_recent", **NO_SIGNS}                    # 39
RED_FLAG = {**LOWER, "warning_signs": ["yellow_skin"], "red_flags": ["suicidal_thoughts", "severe_pain"]}
BLADDER = {**LOWER, "warning_signs": ["pain_passing_urine", "leaking"]}
# A result's callout for each level of data/urgency.yaml (templates/help/_urgency.html).
EMERGENCY, TODAY, SOON = ('data-callout="emergency"', 'data-callout="urgent_today"', 'data-callout="doctor_soon"')
NEVER_USED = {"age": "no", "q1": "no", **NO_SIGNS}
UNDER_18 = {**MODERATE, "age": "yes"}
SIGNS = {"changes": ["mood", "money"], "health": ["toilet_often"], "affected": ["none"], "urgent": ["none"]}
SIGNS_EMERGENCY = {**SIGNS, "urgent": ["breathing"]}
NO_SIGNS_SOMEONE = {"changes": ["none"], "health": ["none"], "affected": ["none"], "urgent": ["none"]}

# What each edition must show: emergency numbers, and the drug or family help of that country.
COUNTRIES = {
    "en-gb": {"emergency": ["tel:999"], "crisis": ["tel:116123"], "helpline": ["FRANK", "0300 123 6600"],
              "finder": ["FRANK: find support near you"], "family": ["Adfam", "FRANK"]},
    "en-us": {"emergency": ["tel:911"], "crisis": ["tel:988"], "helpline": ["SAMHSA", "1-800-662-4357"],
              "finder": ["FindTreatment.gov"], "family": ["SAMHSA", "1-800-662-4357"]},
    "en": {"emergency": ["tel:112"], "crisis": ["tel:116123"], "helpline": ["findahelpline.com"],
           "finder": ["findahelpline.com"], "family": ["findahelpline.com"]},
}
EDITIONS = list(COUNTRIES)


@pytest.fixture()
def visitor(client):
    return lambda edition="en-gb": Visitor(client, edition)


def result_html(visitor, edition, path_id, answers):
    page, _asked = visitor(edition).complete(path_id, answers)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'class="selfcheck-result"' in html
    return html


def assert_shows(html, expected):
    for item in expected:
        assert item in html, item


# --- journeys ------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_lower_risk_result_says_so_in_plain_words_with_the_countrys_helpline(visitor, edition):
    html = result_html(visitor, edition, "me", LOWER)
    page = text_of(html)
    assert "Your result: Lower risk" in page
    assert "Lower risk does not mean no risk" in page
    assert "Score: 2 out of 39" in page
    assert "This is not a diagnosis" in page and "screening aid" in page
    assert_shows(html, COUNTRIES[edition]["helpline"])
    assert EMERGENCY not in html and TODAY not in html and SOON not in html
    assert "does not measure harm" not in page


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_moderate_result_points_to_a_doctor_a_helpline_and_the_treatment_finder(visitor, edition):
    html = result_html(visitor, edition, "me", MODERATE)
    page = text_of(html)
    assert "Your result: Moderate risk" in page and "Score: 11 out of 39" in page
    assert "Talk to your doctor" in page
    assert_shows(html, COUNTRIES[edition]["helpline"] + COUNTRIES[edition]["finder"])


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_high_result_points_to_a_specialist_service_first(visitor, edition):
    html = result_html(visitor, edition, "me", HIGH)
    page = text_of(html)
    assert "Your result: High risk" in page and "Score: 39 out of 39" in page
    assert "Contact a specialist drug service" in page
    finder = COUNTRIES[edition]["finder"][0]
    assert finder in html
    if edition != "en":
        assert html.index(finder) < html.index(COUNTRIES[edition]["helpline"][-1])


@pytest.mark.parametrize("edition", EDITIONS)
def test_red_flags_put_urgent_help_for_the_country_first_whatever_the_score(visitor, edition):
    html = result_html(visitor, edition, "me", RED_FLAG)
    page = text_of(html)
    assert EMERGENCY in html and TODAY in html and "Your result: Lower risk" in page
    main = html[html.index("<main"):]
    urgent_at = main.index(EMERGENCY)
    assert urgent_at < main.index(TODAY) < main.index("Your result: Lower risk")
    emergency_box = main[urgent_at:main.index(TODAY)]
    assert_shows(emergency_box, COUNTRIES[edition]["emergency"] + COUNTRIES[edition]["crisis"])
    assert emergency_box.index(COUNTRIES[edition]["emergency"][0]) < emergency_box.index(COUNTRIES[edition]["crisis"][0])
    assert "does not measure harm that may already be there" in page


@pytest.mark.parametrize("answers, heading", [
    (RED_FLAG, EMERGENCY), ({**HIGH, "red_flags": ["cannot_pass_urine"]}, EMERGENCY),
    ({**HIGH, "red_flags": ["chest_pain"]}, EMERGENCY), ({**LOWER, "warning_signs": ["yellow_skin"]}, TODAY),
    ({**LOWER, "warning_signs": ["blood_in_urine"]}, TODAY)],
    ids=["lower", "retention", "chest pain", "jaundice", "blood in urine"])
def test_any_red_flag_routes_to_urgent_help_first(visitor, answers, heading):
    html = result_html(visitor, "en-gb", "me", answers)
    main = html[html.index("<main"):]
    assert main.index(heading) < main.index("Your result:")


def test_bladder_signs_say_see_a_doctor_and_mention_ketamine_whatever_the_score(visitor):
    html = result_html(visitor, "en-gb", "me", BLADDER)
    page = text_of(html)
    assert SOON in html and "If you use ketamine, tell the doctor" in page
    assert "Your result: Lower risk" in page
    assert html.index(SOON) < html.index("Your result: Lower risk")
    assert EMERGENCY not in html and TODAY not in html


def test_a_bladder_sign_without_ketamine_use_does_not_blame_ketamine(visitor):
    html = result_html(visitor, "en-gb", "me", {**NEVER_USED, "warning_signs": ["leaking"]})
    page = text_of(html)
    assert SOON in html and "You have not used ketamine" in page
    assert "If you use ketamine, tell the doctor" not in page and "Stopping early" not in page


def test_someone_who_never_used_ketamine_gets_their_own_message_and_no_level(visitor):
    visitor_ = visitor("en-gb")
    page, asked = visitor_.complete("me", NEVER_USED)
    assert asked == ["age", "q1", "warning_signs", "red_flags"]
    html = page.get_data(as_text=True)
    text = text_of(html)
    assert "You have not used ketamine" in text
    assert "Your result:" not in text and "Score:" not in text
    assert "No use of ketamine reported" in text
    assert 'action="/en-gb/self-check/someone"' in html


def test_under_18s_are_pointed_to_someone_they_can_talk_to(visitor):
    page = text_of(result_html(visitor, "en-gb", "me", UNDER_18))
    assert "If you are under eighteen" in page and "an adult you trust" in page
    assert "designed for adults" in page
    assert "If you are under eighteen" not in text_of(result_html(visitor, "en-gb", "me", MODERATE))


@pytest.mark.parametrize("edition", EDITIONS)
def test_about_someone_groups_the_signs_with_what_they_can_mean(visitor, edition, app):
    html = result_html(visitor, edition, "someone", SIGNS)
    page = text_of(html)
    assert "What the signs you ticked can mean" in page and "not a diagnosis" in page
    assert "Sudden changes in mood" in page and "Money problems" in page
    assert "many possible causes, including bladder damage from ketamine" in page
    main = text_of(html[html.index("<main"):html.index("</main>")])
    assert EMERGENCY not in html and "Score" not in main and "risk" not in main.lower()
    assert SOON in html
    assert "Starting the conversation" in page and "Support for you" in page
    assert_shows(html, COUNTRIES[edition]["family"])
    if "content.worried" in app.view_functions:
        assert f'href="/{edition}/worried"' in html


@pytest.mark.parametrize("edition", EDITIONS)
def test_about_someone_with_an_emergency_sign_shows_urgent_help_first(visitor, edition):
    html = result_html(visitor, edition, "someone", SIGNS_EMERGENCY)
    main = html[html.index("<main"):]
    urgent_at = main.index(EMERGENCY)
    assert urgent_at < main.index("What the signs you ticked can mean")
    assert "will tell you how to give CPR" in main[urgent_at:]
    assert_shows(main[urgent_at:main.index("What the signs you ticked")], COUNTRIES[edition]["emergency"])


def test_about_someone_with_nothing_ticked_still_offers_a_next_step(visitor):
    page = text_of(result_html(visitor, "en-gb", "someone", NO_SIGNS_SOMEONE))
    assert "You did not tick any signs" in page and "trust that feeling" in page
    assert "Adfam" in page


def test_the_result_has_a_printable_summary_of_the_answers_for_a_doctor(visitor):
    html = result_html(visitor, "en-gb", "me", MODERATE)
    summary = text_of(html[html.index('class="print-summary"'):])
    assert "Summary to show a doctor" in summary
    assert "In the past three months, how often have you used ketamine? Weekly" in summary
    assert "Score: 11 out of 39. Level: Moderate risk." in summary
    assert re.search(r"Ketamine self-check, \w[^.]* 20\d\d\.", summary)
    assert "data-print hidden" in html and "use your browser’s Print option" in summary
    assert "Nothing is saved on this site, so if you leave this page or refresh it, your answers are gone." in text_of(html)
    assert 'href="/en-gb/self-check/clear">Clear my answers' in html


# --- one question per page -----------------------------------------------------------------------


def test_each_page_asks_one_question_with_progress_a_hint_and_a_fieldset(visitor):
    page = visitor().start("me")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count("<fieldset") == 1 and "<legend>" in html
    assert re.search(r"<legend>\s*<span class=\"caption\">About me · Question 1 of 10</span>\s*<h1>Are you under eighteen\?</h1>", html)
    assert 'aria-describedby="age-hint"' in html and 'id="age-hint"' in html
    assert html.count('type="radio"') == 2 and 'name="_continue" value="age"' in html
    assert 'href="/en-gb/self-check/clear">Clear my answers and start again' in html
    assert '<meta name="robots" content="noindex">' in html


def test_checklists_are_checkboxes_with_an_exclusive_none(visitor):
    page = visitor().start("someone")
    html = page.get_data(as_text=True)
    assert 'type="checkbox"' in html and 'value="none" data-exclusive' in html
    assert "Question 1 of 4" in html


def test_answering_never_skips_the_recent_use_questions_and_the_total_shrinks(visitor):
    visitor_ = visitor()
    page = visitor_.start("me")
    page = visitor_.answer(page, "no")
    page = visitor_.answer(page, "yes")
    assert question_on(page) == "q2" and "Question 3 of 10" in text_of(page.get_data(as_text=True))
    page = visitor_.answer(page, "never")
    assert question_on(page) == "q6"
    assert "Question 4 of 7" in text_of(page.get_data(as_text=True))


def test_back_shows_the_previous_question_with_its_answer_chosen(visitor):
    visitor_ = visitor()
    page = visitor_.start("me")
    for value in ("no", "yes", "weekly"):
        page = visitor_.answer(page, value)
    assert question_on(page) == "q3"
    page = visitor_.back(page)
    assert page.status_code == 200 and question_on(page) == "q2"
    assert checked_on(page) == {"weekly"}
    form = form_with_button(page.get_data(as_text=True), "_continue")
    assert form["hidden"] == [("age", "no"), ("q1", "yes")]
    page = visitor_.answer(page, "never")  # changing the answer drops the questions it skips
    assert question_on(page) == "q6"


def test_back_from_the_result_reopens_the_last_question(visitor):
    visitor_ = visitor()
    page, _asked = visitor_.complete("someone", SIGNS)
    page = visitor_.back(page)
    assert question_on(page) == "urgent" and checked_on(page) == {"none"}


def test_back_on_the_first_question_goes_to_the_start_page(visitor, client):
    page = visitor().start("me")
    html = page.get_data(as_text=True)
    assert form_with_button(html, "_back") is None
    assert 'class="back-link" href="/en-gb/self-check"' in html
    response = client.post("/en-gb/self-check/me", data={"_back": "1"})
    assert response.status_code == 303 and response.headers["Location"] == "/en-gb/self-check"


def test_nothing_chosen_shows_the_question_again_with_an_error_summary(client):
    response = client.post("/en-gb/self-check/me", data={"age": "no", "_continue": "q1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r"<title>Error: Have you ever used ketamine\? – ", html)
    assert 'role="alert"' in html and "There is a problem" in html
    assert '<a href="#q1-yes">Select an answer</a>' in html
    assert 'id="q1-error"' in html and 'aria-describedby="q1-hint q1-error"' in html
    assert '<input type="hidden" name="age" value="no">' in html
    assert 'id="q1-yes"' in html


def test_none_of_these_with_a_sign_is_an_error_that_keeps_the_ticks(client):
    data = MultiDict([("changes", "mood"), ("changes", "none"), ("_continue", "changes")])
    response = client.post("/en-gb/self-check/someone", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<title>Error: " in html
    assert "There is a problem" in html and "on its own" in html
    assert re.search(r'value="mood"\s+checked', html) and re.search(r'value="none"\s+checked', html)


def test_an_unticked_checklist_is_an_error(client):
    response = client.post("/en-gb/self-check/someone", data={"_continue": "changes"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<title>Error: " in html and "Select all that apply" in html


# --- refresh, bookmarks, wrong requests ---------------------------------------------------------


@pytest.mark.parametrize("path_id", ["me", "someone"])
def test_opening_a_question_address_directly_explains_that_answers_are_never_kept(client, path_id):
    response = client.get(f"/en-gb/self-check/{path_id}?age=no&q1=yes")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Your answers were not kept" in html and "starts again" in html
    assert response.headers["Cache-Control"] == "no-store"
    form = form_with_button(html, None) or forms_of(html)[0]
    assert form["action"] == f"/en-gb/self-check/{path_id}" and form["hidden"] == []
    assert 'name="age"' not in html and "q1=yes" not in html


def test_an_unknown_path_is_404(client):
    assert client.get("/en-gb/self-check/them").status_code == 404
    assert client.post("/en-gb/self-check/them", data={"age": "no"}).status_code == 404


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("url", ["/en-gb/self-check", "/en-gb/self-check/me"])
def test_other_methods_are_a_405_page(client, method, url):
    response = client.open(url, method=method, data={"age": "no"})
    assert response.status_code == 405
    assert "That did not work" in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]


def test_a_body_over_64_kb_is_413(client):
    response = client.post("/en-gb/self-check/me", data={"age": "no", "junk": "x" * (65 * 1024)})
    assert response.status_code == 413
    assert "Set-Cookie" not in response.headers


TAMPERED = {
    "unknown value": [("age", "maybe"), ("_continue", "age")],
    "unknown field": [("age", "no"), ("name", "Sam"), ("_continue", "q1")],
    "empty value": [("age", ""), ("_continue", "age")],
    "repeated single answer": [("age", "yes"), ("age", "no"), ("_continue", "age")],
    "repeated checklist value": [("changes", "mood"), ("changes", "mood"), ("_continue", "changes")],
    "repeated continue": [("age", "no"), ("_continue", "age"), ("_continue", "age")],
    "continue names no question": [("age", "no"), ("_continue", "nope")],
    "back and continue together": [("age", "no"), ("_continue", "age"), ("_back", "1")],
    "answer to a skipped question": [("age", "no"), ("q1", "no"), ("q2", "daily"), ("_continue", "q2")],
    "hidden answer removed": [("age", "no"), ("q2", "daily"), ("_continue", "q2")],
    "answers after the page": [("age", "no"), ("q1", "yes"), ("q2", "daily"), ("_continue", "q1")],
    "page not yet reached": [("age", "no"), ("_continue", "q3")],
    "oversized value": [("age", "n" * 5000), ("_continue", "age")],
    "oversized field name": [("a" * 5000, "no"), ("_continue", "age")],
    "oversized control": [("age", "no"), ("_back", "1" * 100)],
    "back over a gap": [("age", "no"), ("q2", "daily"), ("_back", "1")],
    "missing answer with a bad hidden one": [("age", "maybe"), ("_continue", "q1")],
}


@pytest.mark.parametrize("fields", TAMPERED.values(), ids=TAMPERED.keys())
def test_tampered_forms_get_a_clear_400_page_and_never_a_result(client, fields):
    path_id = "someone" if fields[0][0] == "changes" else "me"
    response = client.post(f"/en-gb/self-check/{path_id}", data=MultiDict(fields))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "We could not use those answers" in html and "Start the check again" in html
    assert "selfcheck-result" not in html and "Traceback" not in html
    assert response.headers["Cache-Control"] == "no-store"


def test_a_complete_set_with_one_answer_tampered_never_gives_a_result(client):
    fields = [(q, v) for q, values in HIGH.items() for v in ([values] if isinstance(values, str) else values)]
    fields = [(q, "sometimes" if q == "q4" else v) for q, v in fields] + [("_continue", "red_flags")]
    response = client.post("/en-gb/self-check/me", data=MultiDict(fields))
    assert response.status_code == 400 and "selfcheck-result" not in response.get_data(as_text=True)


def test_a_json_or_empty_body_starts_the_check_instead_of_failing(client):
    response = client.post("/en-gb/self-check/me", json={"age": "no"})
    assert response.status_code == 200 and question_on(response) == "age"


# --- privacy: no cookie, no cache, nothing in a URL or a log --------------------------------------

ALL_JOURNEYS = [("me", LOWER), ("me", MODERATE), ("me", HIGH), ("me", RED_FLAG), ("me", NEVER_USED),
                ("me", UNDER_18), ("someone", SIGNS), ("someone", SIGNS_EMERGENCY)]
ANSWER_VALUES = {value for answers in (HIGH, RED_FLAG, SIGNS_EMERGENCY, BLADDER, MODERATE)
                 for values in answers.values() for value in ([values] if isinstance(values, str) else values)}
DISTINCT_VALUES = {value for value in ANSWER_VALUES if len(value) > 4}  # "no", "yes", "none" are ordinary words


@pytest.fixture()
def every_response(visitor):
    """Each journey, in two countries, plus Back, an error and a tampered post: every response."""
    responses = []
    for edition in ("en-gb", "en-us"):
        for path_id, answers in ALL_JOURNEYS:
            visitor_ = visitor(edition)
            page, _asked = visitor_.complete(path_id, answers)
            visitor_.back(page)
            visitor_.open("POST", f"/{edition}/self-check/me", data={"_continue": "age"})
            visitor_.open("POST", f"/{edition}/self-check/me", data={"age": "maybe", "_continue": "age"})
            visitor_.open("GET", f"/{edition}/self-check/{path_id}")
            responses.extend(visitor_.responses)
    return responses


def test_no_response_sets_a_cookie(every_response):
    assert every_response
    for method, url, response in every_response:
        assert "Set-Cookie" not in response.headers, (method, url)


def test_every_question_and_result_page_says_no_store(every_response):
    posts = [(url, response) for method, url, response in every_response if method == "POST"]
    assert len(posts) > 50
    for _method, url, response in every_response:
        assert response.headers["Cache-Control"] == "no-store", url


def test_no_answer_ever_appears_in_a_url(every_response):
    for method, url, response in every_response:
        assert "?" not in url
        assert "?" not in response.headers.get("Location", "")
        html = response.get_data(as_text=True)
        for form in forms_of(html):
            assert "?" not in (form["action"] or ""), form["action"]
            if form["method"] == "post":
                assert re.fullmatch(r"/[a-z-]+/self-check/(me|someone)", form["action"]), form["action"]
        for link in collect_links(html).links:
            if link.startswith("/"):
                assert "?" not in link and "=" not in link, (url, link)
                assert not any(value in link for value in DISTINCT_VALUES), (url, link)


def test_no_answer_is_ever_written_to_a_log(visitor, caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("harmreduce", "werkzeug", "flask.app", "gunicorn.access"):
        caplog.set_level(logging.DEBUG, logger=name)
    for path_id, answers in ALL_JOURNEYS:
        page, _asked = visitor("en-gb").complete(path_id, answers)
        visitor("en-gb").open("POST", "/en-gb/self-check/me", data={"age": "maybe", "q7": "yes_recent"})
    logged = "\n".join(f"{record.name} {record.getMessage()}" for record in caplog.records)
    for value in DISTINCT_VALUES | {"suicidal_thoughts", "yes_recent", "daily"}:
        assert value not in logged, value


# --- hypothesis: whatever is posted --------------------------------------------------------------

def _paths(app):
    return {path_id: app.extensions["selfcheck"].path(path_id) for path_id in ("me", "someone")}


def _form_strategy(app):
    paths = _paths(app).values()
    ids = sorted({q.id for p in paths for q in p.questions})
    values = sorted({o.value for p in paths for q in p.questions for o in q.options})
    odd = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
    key = st.one_of(st.sampled_from(ids + ["_continue", "_back"]), odd,
                    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=300))
    value = st.one_of(st.sampled_from(values + ids + ["1", ""]), odd, st.text(min_size=65, max_size=3000,
                      alphabet=st.characters(blacklist_categories=("Cs",))))
    return st.lists(st.tuples(key, value), max_size=30)


def _valid_complete(path, pairs):
    answers_only = MultiDict([(k, v) for k, v in pairs if k not in ("_continue", "_back")])
    try:
        result(path, clean_answers(path, answers_only))
        return True
    except SelfCheckInputError:
        return False


def test_random_form_posts_never_crash_and_never_give_a_result_from_bad_answers(app):
    paths = _paths(app)
    client = app.test_client()

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(path_id=st.sampled_from(sorted(paths)), pairs=_form_strategy(app),
           edition=st.sampled_from(["en-gb", "en-us", "en"]))
    def post_anything(path_id, pairs, edition):
        response = client.post(f"/{edition}/self-check/{path_id}", data=MultiDict(pairs))
        html = response.get_data(as_text=True)
        assert response.status_code in (200, 303, 400, 413), response.status_code
        assert "Traceback" not in html and 'File "' not in html
        assert "Set-Cookie" not in response.headers
        if response.status_code != 303:
            assert response.headers["Cache-Control"] == "no-store"
        if "selfcheck-result" in html:
            assert _valid_complete(paths[path_id], pairs), pairs

    post_anything()


def test_random_posts_built_from_real_answers_reach_results_only_when_complete(app):
    """Mostly-real forms (the real ids and values, some dropped or doubled) exercise the result path."""
    paths = _paths(app)
    client = app.test_client()

    def real_pairs(path):
        per_question = []
        for question in path.questions:
            choices = st.sampled_from([o.value for o in question.options])
            picks = st.lists(choices, min_size=0, max_size=3) if question.multiple else \
                st.one_of(st.just([]), choices.map(lambda v: [v]), st.lists(choices, min_size=2, max_size=2))
            per_question.append(picks.map(lambda vs, qid=question.id: [(qid, v) for v in vs]))
        ids = [q.id for q in path.questions]
        control = st.one_of(st.just([]), st.sampled_from(ids).map(lambda q: [("_continue", q)]),
                            st.just([("_back", "1")]))
        return st.tuples(st.tuples(*per_question), control).map(
            lambda parts: [pair for group in parts[0] for pair in group] + parts[1])

    seen = {"result": 0}

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data(), path_id=st.sampled_from(sorted(paths)))
    def post_real(data, path_id):
        pairs = data.draw(real_pairs(paths[path_id]))
        response = client.post(f"/en-gb/self-check/{path_id}", data=MultiDict(pairs))
        html = response.get_data(as_text=True)
        assert response.status_code in (200, 303, 400)
        if "selfcheck-result" in html:
            seen["result"] += 1
            assert _valid_complete(paths[path_id], pairs), pairs

    post_real()
    assert seen["result"] > 0


def test_clear_my_answers_goes_back_to_the_start_and_has_the_browser_drop_its_copies(client):
    response = client.get("/en-gb/self-check/clear")
    assert response.status_code == 303 and response.headers["Location"] == "/en-gb/self-check"
    # The back/forward cache keeps whole pages despite no-store; this takes them out of it.
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert response.headers["Cache-Control"] == "no-store"
