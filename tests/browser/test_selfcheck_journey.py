"""The self-check in Chromium against the real server: keyboard only, with and without JavaScript.

The question and result pages are only reached by POST, so the crawl-based gates never see them:
the axe and Nu checks for them live here.
"""
import re
import urllib.parse
import urllib.request

import pytest

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .gates import axe_violations, vnu_errors
from .visitors import focused, tab_to

# Answers by question id: the index of the option to choose (radios) or the indexes to tick.
MODERATE_WITH_BLADDER_SIGNS = {
    "age": 1,              # No, I am eighteen or older
    "q1": 0,               # Yes
    "q2": 3,               # Weekly (4)
    "q3": 2,               # Monthly (4)
    "q4": 1,               # Once or twice (4)
    "q5": 0,               # Never (0)
    "q6": 2,               # Yes, but not in the past three months (3)
    "q7": 0,               # No, never (0)           -> 15, moderate
    "warning_signs": [0, 2],  # pain passing urine, blood in urine
    "red_flags": [7],      # None of these
}
SOMEONE_WITH_AN_EMERGENCY = {"changes": [0], "health": [9], "affected": [0], "urgent": [1]}
# Values that must never reach the access log (the access log keeps paths only).
ANSWER_VALUES = ["weekly", "monthly", "once_or_twice", "yes_earlier", "pain_passing_urine", "blood_in_urine",
                 "spaced_out", "breathing", "_continue", "warning_signs"]


def answer_with_keyboard(page, choice):
    """Choose on the current question with Tab, Arrow keys and Space, then Continue with Enter."""
    question_id = page.locator("button[name=_continue]").get_attribute("value")
    inputs = page.locator(f"input[name='{question_id}']")
    if isinstance(choice, int):  # radios: one tab stop, arrows move and select
        tab_to(page, f"input[name='{question_id}']")
        if choice == 0:
            page.keyboard.press("Space")
        for _ in range(choice):
            page.keyboard.press("ArrowDown")
        expect(inputs.nth(choice)).to_be_checked()
    else:  # checkboxes: each is a tab stop, Space ticks
        for index in choice:
            tab_to(page, f"#{inputs.nth(index).get_attribute('id')}")
            page.keyboard.press("Space")
            expect(inputs.nth(index)).to_be_checked()
    tab_to(page, "button[name=_continue]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return question_id


def answer_everything(page, answers):
    asked = []
    while page.locator("button[name=_continue]").count():
        expect(page.locator("legend .caption")).to_contain_text(f"Question {len(asked) + 1} of ")
        asked.append(answer_with_keyboard(page, answers[page.locator("button[name=_continue]").get_attribute("value")]))
    return asked


def test_from_the_home_page_through_every_question_to_the_result_by_keyboard(visitor, live_server):
    visitor.goto("/en-gb/")
    tab_to(visitor, "a[href='/en-gb/self-check']")
    expect(visitor.locator(":focus")).to_contain_text("I’m worried about my own use")
    visitor.keyboard.press("Enter")
    expect(visitor).to_have_url(re.compile(r"/en-gb/self-check$"))
    expect(visitor.locator("h1")).to_have_text("Ketamine self-check")

    tab_to(visitor, "form[action='/en-gb/self-check/me'] button")
    visitor.keyboard.press("Enter")
    expect(visitor.locator("legend h1")).to_have_text("Are you under eighteen?")

    asked = answer_everything(visitor, MODERATE_WITH_BLADDER_SIGNS)
    assert asked == list(MODERATE_WITH_BLADDER_SIGNS)

    main = visitor.locator("main")
    expect(visitor.locator("h1")).to_have_text("Your self-check result")
    expect(main).to_contain_text("Your result: Moderate risk")
    expect(main.locator("[data-callout=urgent_today] h2")).to_have_text("Get medical help today")
    expect(main.locator("[data-callout=doctor_soon] h2")).to_have_text("See a doctor soon")
    expect(main).to_contain_text("If you use ketamine, tell the doctor")
    expect(main).to_contain_text("0300 123 6600")
    expect(main).to_contain_text("Score: 15 out of 39")
    expect(main).to_contain_text("This is not a diagnosis")
    assert "?" not in visitor.url and visitor.url.endswith("/en-gb/self-check/me")
    if visitor.javascript:
        expect(visitor.locator("[data-print]")).to_be_visible()
        expect(visitor.locator("[data-print-hint]")).to_be_hidden()
    else:
        expect(visitor.locator("[data-print]")).to_be_hidden()
        expect(visitor.locator("[data-print-hint]")).to_be_visible()
    assert visitor.context.cookies() == []

    log = live_server.access_log.read_text()
    assert "POST /en-gb/self-check/me" in log
    for value in ANSWER_VALUES:
        assert value not in log, value


def test_about_someone_with_an_emergency_sign_by_keyboard(visitor, live_server):
    visitor.goto("/en-us/self-check")
    tab_to(visitor, "form[action='/en-us/self-check/someone'] button")
    with visitor.expect_navigation():
        visitor.keyboard.press("Enter")
    answer_everything(visitor, SOMEONE_WITH_AN_EMERGENCY)
    main = visitor.locator("main")
    expect(visitor.locator("h2").first).to_have_text("Call the emergency number now")
    expect(main).to_contain_text("911")
    expect(main).to_contain_text("will tell you how to give CPR")
    expect(main).to_contain_text("Detached, \"spaced out\" or confused")
    log = live_server.access_log.read_text()
    for value in ANSWER_VALUES:
        assert value not in log, value


def test_an_unanswered_question_shows_an_error_summary_that_takes_focus(page, base_url):
    page.goto(base_url + "/en-gb/self-check")
    page.get_by_role("button", name="Start the check about me").click()
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Are you under eighteen\?"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("There is a problem")
    assert focused(page, "[data-error-summary]")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's link goes to the first choice
    assert page.url.endswith("#age-yes")


def test_with_javascript_a_refresh_explains_instead_of_resending_the_answers(page, base_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "/en-gb/self-check")
    page.get_by_role("button", name="Start the check about me").click()
    page.get_by_label("No, I am eighteen or older").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("legend h1")).to_have_text("Have you ever used ketamine?")
    page.reload()
    expect(page.locator("h1")).to_have_text("Your answers were not kept")
    assert dialogs == []
    page.get_by_role("button", name="Start the check again").click()
    expect(page.locator("legend h1")).to_have_text("Are you under eighteen?")


def test_with_javascript_the_browsers_back_button_explains_instead_of_a_resubmission_prompt(page, base_url):
    page.goto(base_url + "/en-gb/self-check")
    page.get_by_role("button", name="Start the check about me").click()
    page.get_by_label("No, I am eighteen or older").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("legend h1")).to_have_text("Have you ever used ketamine?")
    page.go_back()
    expect(page.locator("h1")).to_have_text("Your answers were not kept")
    expect(page.locator("main")).to_contain_text("starts again")


def test_ticking_none_of_these_unticks_the_signs_with_javascript(page, base_url):
    page.goto(base_url + "/en-gb/self-check")
    page.get_by_role("button", name="Start the check about someone I care about").click()
    page.get_by_label("Sudden changes in mood").check()
    page.get_by_label("None of these").check()
    expect(page.get_by_label("Sudden changes in mood")).not_to_be_checked()
    page.get_by_label("Money problems").check()
    expect(page.get_by_label("None of these")).not_to_be_checked()


def test_printing_the_result_shows_only_the_summary_for_a_doctor(page, base_url):
    page.goto(base_url + "/en-gb/self-check")
    page.get_by_role("button", name="Start the check about me").click()
    for label in ["No, I am eighteen or older", "Yes", "Monthly", "Never", "Never", "Never", "No, never",
                  "No, never"]:
        page.locator("fieldset").get_by_label(label, exact=True).check()
        page.get_by_role("button", name="Continue").click()
    for _ in range(2):
        page.get_by_label("None of these").check()
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Your self-check result")
    page.emulate_media(media="print")
    expect(page.locator(".print-summary")).to_be_visible()
    expect(page.locator(".print-summary")).to_contain_text("Score: 3 out of 39. Level: Lower risk.")
    expect(page.locator(".print-summary")).to_contain_text("Monthly")
    for hidden in ["header", "footer", "h1", "[data-print]", ".resource-list"]:
        expect(page.locator(hidden).first).to_be_hidden()


# --- the gates, on the pages only a POST reaches -------------------------------------------------


def post(base_url, path, fields):
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(base_url + path, data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:  # the 400 page is a page too
        return error.read().decode()


EVERY_KIND_OF_PAGE = {
    "question": ("/en-gb/self-check/me", [("age", "no"), ("_continue", "age")]),
    "checklist": ("/en-gb/self-check/someone", []),
    "error": ("/en-gb/self-check/me", [("age", "no"), ("_continue", "q1")]),
    "checklist-error": ("/en-gb/self-check/someone", [("changes", "none"), ("changes", "mood"), ("_continue", "changes")]),
    "result-me": ("/en-gb/self-check/me", [("age", "yes"), ("q1", "yes"), ("q2", "daily"), ("q3", "daily"),
                                           ("q4", "daily"), ("q5", "daily"), ("q6", "yes_recent"), ("q7", "no"),
                                           ("warning_signs", "leaking"), ("red_flags", "severe_pain"),
                                           ("_continue", "red_flags")]),
    "result-never-used": ("/en/self-check/me", [("age", "no"), ("q1", "no"), ("warning_signs", "none"),
                                                ("red_flags", "none"), ("_continue", "red_flags")]),
    "result-someone": ("/en-us/self-check/someone", [("changes", "money"), ("health", "memory"),
                                                     ("affected", "unsteady"), ("urgent", "seizure"),
                                                     ("_continue", "urgent")]),
    "invalid": ("/en-gb/self-check/me", [("age", "maybe"), ("_continue", "age")]),
}


def open_posted(page, base_url, path, fields):
    """Post `fields` from a page of the site, as its own form would."""
    page.goto(base_url + "/en-gb/self-check")
    with page.expect_navigation():
        page.evaluate("""([action, fields]) => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = action;
            for (const [name, value] of fields) {
                const input = document.createElement("input");
                input.type = "hidden"; input.name = name; input.value = value;
                form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        }""", [path, fields])


NOT_CRAWLED_GET_PAGES = ["/en-gb/self-check/me", "/en/self-check/someone"]  # reached by buttons, not links


def test_question_error_and_result_pages_have_no_axe_violations(page, base_url):
    failures = {}
    for path in NOT_CRAWLED_GET_PAGES:
        page.goto(base_url + path)
        if violations := axe_violations(page):
            failures[path] = violations
    for name, (path, fields) in EVERY_KIND_OF_PAGE.items():
        open_posted(page, base_url, path, fields)
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
    assert failures == {}


def test_question_error_and_result_pages_are_valid_html(base_url, tmp_path):
    files = []
    for name, (path, fields) in EVERY_KIND_OF_PAGE.items():
        file = tmp_path / f"{name}.html"
        file.write_text(post(base_url, path, fields), encoding="utf-8")
        files.append(file)
    assert vnu_errors(files + [base_url + path for path in NOT_CRAWLED_GET_PAGES]) == []


# --- three red flags end to end: the level, the emergency number first, and the print -------------


def post_answers(page, path, answers):
    """Submit a complete answer set as the question pages would (one POST, no query string)."""
    fields = "".join(f'<input type="hidden" name="{name}" value="{value}">'
                     for name, values in answers.items() for value in ([values] if isinstance(values, str) else values))
    page.set_content(f'<form method="post" action="{path}">{fields}<button>Go</button></form>')
    with page.expect_navigation():
        page.locator("button").click()


ME_LOWER = {"age": "no", "q1": "yes", "q2": "once_or_twice", "q3": "never", "q4": "never", "q5": "never",
            "q6": "no", "q7": "no", "warning_signs": ["none"]}


@pytest.mark.parametrize("edition, path, answers, emergency, crisis", [
    ("en-gb", "me", {**ME_LOWER, "red_flags": ["chest_pain"]}, "999", None),
    ("en-gb", "me", {**ME_LOWER, "red_flags": ["cannot_pass_urine"]}, "999", None),
    ("en-mx", "someone", {"changes": ["none"], "health": ["none"], "affected": ["none"], "urgent": ["suicide_talk"]},
     "911", "Línea de la Vida"),
], ids=["chest pain", "cannot pass urine", "talked about ending their life (Mexico)"])
def test_a_red_flag_puts_the_emergency_number_first_on_screen_and_on_paper(visitor, live_server, edition, path,
                                                                           answers, emergency, crisis):
    visitor.goto(f"/{edition}/")
    post_answers(visitor, f"{live_server.url}/{edition}/self-check/{path}", answers)
    main = visitor.locator("main")
    callout = main.locator("[data-callout]").first
    expect(callout).to_have_attribute("data-callout", "emergency")
    expect(callout.locator("h2")).to_have_text("Call the emergency number now")
    expect(callout.locator(".resource .phone a").first).to_have_text(emergency)
    if crisis:
        expect(callout).to_contain_text(crisis)
    visitor.emulate_media(media="print")
    printed = main.locator(".print-summary .print-help")
    expect(printed).to_be_visible()
    expect(printed).to_contain_text("Call the emergency number now, or go to the emergency department, for:")
    expect(printed.locator("[data-sign=cannot_pass_urine]")).to_be_visible()
    expect(printed.locator(".key-numbers")).to_contain_text(emergency)
    visitor.emulate_media(media="screen")


@pytest.fixture(params=["javascript", "no-javascript"])
def everyday_chrome(request, browser_type, browser_type_launch_args, base_url):
    """A tab in Chromium as visitors run it: with the back/forward cache that Playwright turns off,
    which keeps whole pages for Back even when they say no-store."""
    browser = browser_type.launch(**browser_type_launch_args, ignore_default_args=["--disable-back-forward-cache"])
    # No request routing here (open_tab's stand-in for the quick-exit site): with it, Chromium
    # does not act on Clear-Site-Data.
    page = browser.new_context(java_script_enabled=request.param == "javascript", base_url=base_url).new_page()
    page.javascript = request.param == "javascript"
    yield page
    browser.close()


def test_after_clear_my_answers_back_does_not_bring_the_result_back(everyday_chrome):
    page = everyday_chrome
    page.goto("/en-gb/self-check")
    page.get_by_role("button", name="Start the check about me").click()
    answer_everything(page, MODERATE_WITH_BLADDER_SIGNS)
    expect(page.get_by_role("heading", name="Summary to show a doctor")).to_be_visible()
    page.get_by_role("link", name="Clear my answers and start again").click()
    expect(page).to_have_url(re.compile(r"/en-gb/self-check$"))
    page.wait_for_timeout(500)  # the browser clears site data in the background, as a person reads
    try:
        page.go_back(wait_until="commit")
    except PlaywrightError as error:
        # Without JavaScript the result was the answer to a POST: once out of the cache, Chromium
        # shows its own "confirm form resubmission" page instead.
        assert "ERR_CACHE_MISS" in str(error)
    page.wait_for_timeout(500)  # a restore from the cache fires no load event; a reload does
    page.wait_for_load_state()
    html = page.content()
    assert "Summary to show a doctor" not in html and "weekly" not in html
    assert not page.locator("input[type=hidden][name^=q]").count()


def test_with_javascript_back_to_a_result_after_leaving_it_shows_no_answers(everyday_chrome):
    page = everyday_chrome
    if not page.javascript:
        pytest.skip("without JavaScript the browser shows its cached copy: only Clear my answers removes it")
    page.goto("/en-gb/self-check")
    page.get_by_role("button", name="Start the check about me").click()
    answer_everything(page, MODERATE_WITH_BLADDER_SIGNS)
    page.locator("footer").get_by_role("link", name="Get help").click()
    expect(page).to_have_url(re.compile(r"/en-gb/help$"))
    page.go_back(wait_until="commit")
    page.wait_for_timeout(500)
    page.wait_for_load_state()
    assert "Summary to show a doctor" not in page.content()
    expect(page.locator("h1")).to_have_text("Your answers were not kept")
