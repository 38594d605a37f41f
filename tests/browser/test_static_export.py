"""The static export served by nginx (Debian's nginx-light) with the shipped deploy/nginx.conf.

A session fixture exports a few editions (English for the United Kingdom and with no country,
plus one other language if one is offered) and starts nginx on a free port. Then: the Nu HTML
Checker and axe, the journeys, the self-check in the browser with and without JavaScript
(keyboard only, and every scenario's result compared with the server's), and what nginx sends:
security headers, compression, caching, types, 404 pages and a private access log.

The exported pages are byte for byte what the server answers (tests/test_export.py), and the
server's pages are crawled by the axe and Nu gates; so axe runs here on what only the static copy
has (the front page, the 404 pages and every state of the self-check) and on a few pages besides.
"""
import datetime
import gzip
import mimetypes
import re
import urllib.parse

import pytest
from playwright.sync_api import expect
from werkzeug.datastructures import MultiDict

from harmreduce import security
from harmreduce.export import MARKER, export_site
from harmreduce.selfcheck.scoring import clean_answers, visible_questions

from ..test_selfcheck_scenarios import SCENARIOS
from .conftest import COUNTRY_FOR_LANGUAGE, free_port
from .gates import axe_violations, vnu_errors
from .nginx import SHIPPED_CONFIG, NginxServer
from .visitors import QUICK_EXIT_URL, focused, open_tab, tab_to

MODERATE_WITH_BLADDER_SIGNS = {  # as in test_selfcheck_journey.py: score 15, moderate
    "age": 1, "q1": 0, "q2": 3, "q3": 2, "q4": 1, "q5": 0, "q6": 2, "q7": 0, "warning_signs": [0, 2], "red_flags": [7],
}
SOMEONE_WITH_AN_EMERGENCY = {"changes": [0], "health": [9], "affected": [0], "urgent": [1]}


def answers_of(name):
    """The answers of the scenario in tests/scenarios/selfcheck.yaml whose name starts so."""
    return next(s["answers"] for s in SCENARIOS if s["name"].startswith(name))


ANSWER_VALUES = ["weekly", "monthly", "once_or_twice", "yes_earlier", "pain_passing_urine", "blood_in_urine",
                 "spaced_out", "breathing", "warning_signs"]


# --- the export and the server -----------------------------------------------------------------


@pytest.fixture(scope="session")
def static_editions(site_app):
    languages = site_app.extensions["editions"].languages
    other = next((language for language in languages if language.tag != "en"), None)
    extra = [f"{other.tag}-{COUNTRY_FOR_LANGUAGE.get(other.tag, 'gb')}"] if other else []
    return ["en-gb", "en", *extra]


@pytest.fixture(scope="session")
def static_export(tmp_path_factory, static_editions):
    report = export_site(tmp_path_factory.mktemp("static") / "site", editions=static_editions)
    assert report.seconds < 60
    return report


@pytest.fixture(scope="session")
def static_site(static_export, tmp_path_factory):
    server = NginxServer(static_export.destination, free_port(), tmp_path_factory.mktemp("nginx"))
    yield server
    server.stop()


@pytest.fixture()
def on_static(browser, static_site):
    """A browser tab on the static copy, with JavaScript."""
    page = open_tab(browser, static_site.url)
    yield page
    page.context.close()


@pytest.fixture(params=["javascript", "no-javascript"])
def static_visitor(request, browser, static_site):
    page = open_tab(browser, static_site.url, javascript=request.param == "javascript")
    yield page
    page.context.close()


def html_files(report, prefix=""):
    return sorted(p for p in report.destination.rglob("*.html") if p.relative_to(report.destination).as_posix().startswith(prefix))


def url_of(report, file):
    name = file.relative_to(report.destination).as_posix()
    if name.endswith("index.html"):
        return "/" + name[:-len("index.html")]
    return "/" + (name[:-len(".html")] if name.endswith(".html") else name)


# --- the gates -----------------------------------------------------------------------------------


def test_every_exported_page_is_valid_html(static_export):
    assert vnu_errors(html_files(static_export)) == []


def test_what_only_the_static_copy_has_has_no_axe_violations(on_static):
    failures = {}
    for path in ["/", "/404-check-me", "/en-gb/no-such-page", "/en-gb/", "/en-gb/help", "/en/self-check"]:
        on_static.goto(path)
        failures[path] = axe_violations(on_static)
    for state, path_id, answers in [("error", "me", {}),
                                    ("me", "me", {"age": "yes", "q1": "yes", "q2": "daily", "q3": "daily", "q4": "daily",
                                                  "q5": "daily", "q6": "yes_recent", "q7": "no",
                                                  "warning_signs": ["leaking"], "red_flags": ["severe_pain"]}),
                                    ("never-used", "me", {"age": "no", "q1": "no", "warning_signs": ["none"],
                                                          "red_flags": ["none"]}),
                                    ("someone", "someone", {"changes": ["money"], "health": ["memory"],
                                                            "affected": ["unsteady"], "urgent": ["seizure"]})]:
        on_static.goto("/en-gb/self-check")
        answer_by_script(on_static, path_id, answers)
        failures[f"self-check {state}"] = axe_violations(on_static)
    assert {key: value for key, value in failures.items() if value} == {}


def test_the_self_check_page_as_it_is_without_its_script_has_no_axe_violations(browser, static_site):
    # axe needs scripts in the page: the self-check's own script is what stays out.
    context = browser.new_context(base_url=static_site.url)
    page = context.new_page()
    page.route("**/static/selfcheck.*.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto("/en-gb/self-check")
    expect(page.locator("[data-selfcheck-needs-js]")).to_be_visible()
    assert axe_violations(page) == []
    context.close()


# --- nginx ----------------------------------------------------------------------------------------


def config_headers():
    return dict(re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;$', SHIPPED_CONFIG.read_text(), re.MULTILINE))


def test_the_nginx_config_sends_exactly_the_sites_security_headers():
    assert config_headers() == security.HEADERS
    assert f'add_header Strict-Transport-Security "{security.HSTS_VALUE}" always;' in SHIPPED_CONFIG.read_text()


@pytest.mark.parametrize("path", ["/", "/en-gb/", "/en-gb/help", "/en-gb/self-check", "/en-gb/self-check/questions.json",
                                  "/en-gb/manifest.webmanifest", "/en-gb/sw.js", "/healthz", "/en-gb", "/en-gb/nope",
                                  "/xx/help", "/static/site.css"])
def test_every_response_carries_the_security_headers_and_no_cookie(static_site, path):
    status, headers, _body = static_site.get(path)
    assert status in (200, 301, 404)
    for name, value in security.HEADERS.items():
        assert headers[name] == value, (path, name)
    assert "Set-Cookie" not in headers
    assert headers["Server"] == "nginx"  # no version


def test_every_exported_file_is_served_at_its_address_with_its_type(static_site, static_export):
    for file in sorted(p for p in static_export.destination.rglob("*") if p.is_file() and p.name != MARKER):
        if file.name == "404.html":
            continue
        status, headers, body = static_site.get(url_of(static_export, file))
        assert status == 200, file
        assert body == file.read_bytes(), file
        expected = mimetypes.guess_type(file.name)[0] or "text/plain"
        assert headers.get_content_type() == expected, file


def test_html_css_javascript_json_svg_and_the_manifest_are_compressed(static_site, static_export):
    css = next((static_export.destination / "static").glob("site.*.css")).name
    js = next((static_export.destination / "static").glob("site.*.js")).name
    for path in ["/en-gb/help", f"/static/{css}", f"/static/{js}", "/en-gb/self-check/questions.json",
                 "/en-gb/share/qr.svg", "/en-gb/self-check"]:
        status, headers, body = static_site.get(path, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in headers["Vary"]
        assert gzip.decompress(body)
    _status, headers, body = static_site.get("/en-gb/help")
    assert "Content-Encoding" not in headers and body.startswith(b"<!doctype html>")


def test_fingerprinted_files_are_cached_for_a_year_and_pages_revalidated(static_site, static_export):
    for file in (static_export.destination / "static").iterdir():
        _status, headers, _body = static_site.get(f"/static/{file.name}")
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", file.name
    assert static_site.get("/en-gb/help")[1]["Cache-Control"] == "no-cache"
    assert static_site.get("/en-gb/sw.js")[1]["Cache-Control"] == "no-cache"
    assert static_site.get("/en-gb/self-check")[1]["Cache-Control"] == "no-store"  # as on the server


def test_addresses_work_as_on_the_server(static_site):
    status, headers, _body = static_site.get("/en-gb")
    assert status == 301 and headers["Location"] == "/en-gb/"
    assert static_site.get("/en-gb/risks")[0] == 200 and static_site.get("/en-gb/risks/bladder")[0] == 200
    assert static_site.get("/en-gb/help.html")[0] == 200
    for path in ["/en-gb/help/", "/en-gb/self-check/me", f"/{MARKER}", "/en-gb/share/", "/static/"]:
        assert static_site.get(path)[0] == 404, path
    status, _headers, body = static_site.get("/en-gb/nope")
    assert status == 404 and b"Page not found" in body and b"Urgent help: call 999" in body
    status, _headers, body = static_site.get("/xx/help")
    assert status == 404 and b"Page not found" in body and b'href="/en/urgent"' in body
    assert static_site.get("/healthz")[2] == b"ok\n"


def test_the_access_log_holds_no_query_strings_answers_or_addresses(static_site):
    static_site.get("/en-gb/help?name=private-answer&q=ketamine")
    static_site.get("/en-gb/nothing-here?secret=private-answer")
    body = urllib.parse.urlencode({"q2": "weekly", "warning_signs": "blood_in_urine"}).encode()
    status, _headers, _body = static_site.get("/en-gb/self-check", method="POST", data=body)
    assert status == 405  # a form that somehow posted reaches no one
    log = static_site.access_log.read_text()
    assert '"GET /en-gb/help HTTP/1.1" 200' in log and '"POST /en-gb/self-check HTTP/1.1" 405' in log
    logs = log + static_site.error_log.read_text()
    for private in ["private-answer", "ketamine", "?", "127.0.0.1", "weekly", "blood_in_urine"]:
        assert private not in logs, private


# --- journeys ---------------------------------------------------------------------------------------


def test_from_the_front_page_to_a_language_and_to_help(static_visitor):
    static_visitor.goto("/")
    expect(static_visitor.locator("h1")).to_contain_text("Ketamine")
    static_visitor.get_by_role("link", name="United Kingdom", exact=True).click()
    expect(static_visitor).to_have_url(re.compile(r"/en-gb/$"))
    static_visitor.locator("footer").get_by_role("link", name="Get help").click()
    expect(static_visitor).to_have_url(re.compile(r"/en-gb/help$"))
    expect(static_visitor.locator("main")).to_contain_text("0300 123 6600")


def test_urgent_help_is_one_tap_from_every_page(static_visitor, static_export):
    for file in html_files(static_export, "en-gb/"):
        if file.name == "404.html" or "share/" in file.as_posix():
            continue  # the share kit's cards and leaflet have no header: they are for printing
        static_visitor.goto(url_of(static_export, file))
        static_visitor.locator("header").get_by_role("link", name=re.compile("Urgent help")).click()
        expect(static_visitor).to_have_url(re.compile(r"/en-gb/urgent$"))
        expect(static_visitor.locator("main")).to_contain_text("999")


def test_a_copy_made_before_a_cards_next_check_says_so_once_the_visitors_date_has_passed_it(on_static):
    # The page was exported today, before every next check; the visitor opens it years later.
    on_static.goto("/en-gb/help")
    note = on_static.locator("#gb-frank p.due")
    expect(note).to_be_hidden()
    on_static.clock.set_fixed_time(datetime.datetime(2099, 1, 1))
    on_static.reload()
    expect(note).to_be_visible()
    expect(note).to_contain_text("the number may have changed. In an emergency, call 999.")


def test_quick_exit_leaves_at_once(static_visitor):
    static_visitor.goto("/en-gb/self-check")
    static_visitor.get_by_role("link", name=re.compile("Quick exit")).click()
    expect(static_visitor).to_have_url(QUICK_EXIT_URL)


def test_the_country_and_language_switchers_lead_to_exported_pages(static_visitor, site_app):
    static_visitor.goto("/en-gb/urgent")
    static_visitor.locator("summary", has_text="Country").click()
    static_visitor.get_by_role("link", name="Other country (international help)").click()
    expect(static_visitor).to_have_url(re.compile(r"/en/urgent$"))
    expect(static_visitor.locator("main")).to_contain_text("Choose your country")
    static_visitor.locator("summary", has_text="Language").click()
    language = site_app.extensions["editions"].languages[0]
    static_visitor.get_by_role("link", name=language.native_name, exact=True).click()
    expect(static_visitor).to_have_url(re.compile(rf"/{language.tag}/urgent$"))


def test_no_page_scrolls_sideways_at_320_px(browser, static_site, static_export):
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=static_site.url)
    page = context.new_page()
    too_wide = {}
    paths = [url_of(static_export, f) for f in html_files(static_export, "en-gb/") if "share/" not in f.as_posix()]
    for path in ["/", *paths, "self-check: result"]:
        if path == "self-check: result":
            page.goto("/en-gb/self-check")
            answer_by_script(page, "me", answers_of("blood in the urine is for today"))
        else:
            page.goto(path)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    context.close()
    assert too_wide == {}


# --- the self-check in the browser ------------------------------------------------------------------


def answer_with_keyboard(page, form, answers):
    """Each question still shown, in order: Tab, Space and arrows, as on the server's pages."""
    asked = []
    for group in form.locator("[data-question]").all():
        if not group.is_visible():
            continue
        question_id = group.get_attribute("data-question")
        asked.append(question_id)
        choice = answers[question_id]
        inputs = group.locator("input")
        if isinstance(choice, int):
            tab_to(page, f"[data-question='{question_id}'] input", limit=80)
            if choice == 0:
                page.keyboard.press("Space")
            for _ in range(choice):
                page.keyboard.press("ArrowDown")
            expect(inputs.nth(choice)).to_be_checked()
        else:
            for index in choice:
                tab_to(page, f"#{inputs.nth(index).get_attribute('id')}", limit=80)
                page.keyboard.press("Space")
                expect(inputs.nth(index)).to_be_checked()
    tab_to(page, f"#{form.get_attribute('id')} button[type=submit]", limit=80)
    page.keyboard.press("Enter")
    return asked


def answer_by_script(page, path_id, answers):
    """Open a path's form, tick the answers and send the form (the page's own handlers run)."""
    page.get_by_role("button", name="Start the check about me" if path_id == "me"
                     else "Start the check about someone I care about").first.click()
    page.evaluate("""([pathId, answers]) => {
        const form = document.querySelector(`form[data-selfcheck-form="${pathId}"]`);
        form.querySelector("[data-clear]").click();
        for (const [question, value] of Object.entries(answers)) {
            for (const one of [].concat(value)) {
                form.querySelector(`input[name="${question}"][value="${one}"]`).checked = true;
            }
        }
        form.dispatchEvent(new Event("change", {bubbles: true}));
        form.requestSubmit();
    }""", [path_id, answers])


def assert_nothing_kept(page, url):
    assert page.url == url
    assert page.context.cookies() == []
    assert page.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]


def test_by_keyboard_from_the_home_page_through_every_question_to_the_result(on_static, static_site):
    page = on_static
    page.goto("/en-gb/")
    tab_to(page, "a[href='/en-gb/self-check']", limit=80)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en-gb/self-check$"))
    expect(page.locator("[data-selfcheck-needs-js]")).to_be_hidden()
    tab_to(page, "button[data-start=me]", limit=80)
    page.keyboard.press("Enter")
    form = page.locator("form[data-selfcheck-form=me]")
    expect(form).to_be_visible()
    assert focused(page, "#me-form-heading")
    expect(form.locator("[data-question=q6] .caption")).to_have_text("About me · Question 7 of 10")

    asked = answer_with_keyboard(page, form, MODERATE_WITH_BLADDER_SIGNS)
    assert asked == list(MODERATE_WITH_BLADDER_SIGNS)

    result = page.locator("[data-selfcheck-result=me]")
    expect(result).to_be_visible()
    assert focused(page, "[data-selfcheck-result=me] [data-result-heading]")
    expect(result).to_contain_text("Your result: Moderate risk")
    expect(result.locator("[data-callout=urgent_today] h2")).to_have_text("Get medical help today")
    expect(result.locator("[data-callout=doctor_soon] h2")).to_have_text("See a doctor soon")
    expect(result).to_contain_text("If you use ketamine, tell the doctor")
    expect(result).to_contain_text("0300 123 6600")
    expect(result).to_contain_text("Score: 15 out of 39")
    expect(result).to_contain_text("Blood in your urine")  # the answers, for a doctor
    expect(result.locator("[data-callout=emergency]")).to_be_hidden()
    expect(result.locator("[data-callout=urgent_today] [data-sign=blood_in_urine]")).to_be_visible()
    expect(result.locator("[data-callout=urgent_today] [data-sign=jaundice]")).to_be_hidden()
    assert_nothing_kept(page, static_site.url + "/en-gb/self-check")

    log = static_site.access_log.read_text()
    assert "GET /en-gb/self-check/questions.json" in log
    for value in ANSWER_VALUES:
        assert value not in log, value


def test_skip_rules_hide_questions_and_renumber_as_answers_change(on_static):
    page = on_static
    page.goto("/en-gb/self-check")
    page.get_by_role("button", name="Start the check about me").click()
    form = page.locator("form[data-selfcheck-form=me]")
    form.get_by_label("Never", exact=True).first.check()  # q2
    expect(form.locator("[data-question=q3]")).to_be_hidden()
    expect(form.locator("[data-question=q6] .caption")).to_have_text("About me · Question 4 of 7")
    form.locator("[data-question=q1]").get_by_label("No").check()
    for question in ["q2", "q3", "q6", "q7"]:
        expect(form.locator(f"[data-question={question}]")).to_be_hidden()
    expect(form.locator("[data-question=red_flags] .caption")).to_have_text("About me · Question 4 of 4")
    form.locator("[data-question=q1]").get_by_label("Yes").check()
    expect(form.locator("[data-question=q6] .caption")).to_have_text("About me · Question 4 of 7")


def test_an_unanswered_question_shows_an_error_summary_that_takes_focus(on_static, static_site):
    page = on_static
    page.goto("/en-gb/self-check")
    page.get_by_role("button", name="Start the check about me").click()
    page.locator("form[data-selfcheck-form=me]").get_by_label("No, I am eighteen or older").check()
    page.locator("form[data-selfcheck-form=me]").get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Ketamine self-check"))
    summary = page.locator("form[data-selfcheck-form=me] [data-problem-summary]")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.locator("li")).to_have_count(9)  # every visible question but the one answered
    assert focused(page, "form[data-selfcheck-form=me] [data-problem-summary]")
    expect(page.locator("#me-q1-error-missing")).to_be_visible()
    assert "me-q1-error-missing" in page.locator("[data-question=q1] fieldset").get_attribute("aria-describedby")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's first link goes to the first choice of q1
    assert focused(page, "#me-q1-yes")
    assert_nothing_kept(page, static_site.url + "/en-gb/self-check")
    expect(page.locator("[data-selfcheck-result=me]")).to_be_hidden()


def test_about_someone_with_an_emergency_sign_by_keyboard(on_static, static_site):
    page = on_static
    page.goto("/en/self-check")
    tab_to(page, "button[data-start=someone]", limit=80)
    page.keyboard.press("Enter")
    answer_with_keyboard(page, page.locator("form[data-selfcheck-form=someone]"), SOMEONE_WITH_AN_EMERGENCY)
    result = page.locator("[data-selfcheck-result=someone]")
    expect(result.locator("h2").first).to_have_text("What the signs you noticed can mean")
    expect(result.locator("h2").nth(1)).to_have_text("Call the emergency number now")
    expect(result).to_contain_text("findahelpline")
    expect(result).to_contain_text("You have not chosen a country")
    expect(result).to_contain_text("Detached, \"spaced out\" or confused")
    assert_nothing_kept(page, static_site.url + "/en/self-check")


def test_clearing_the_answers_empties_the_form_and_hides_the_result(on_static):
    page = on_static
    page.goto("/en-gb/self-check")
    answer_by_script(page, "me", answers_of("never used (q1 no)"))
    result = page.locator("[data-selfcheck-result=me]")
    expect(result).to_contain_text("You have not used ketamine")
    result.get_by_role("button", name="Clear my answers and start again").click()
    expect(result).to_be_hidden()
    assert page.locator("form[data-selfcheck-form=me] input:checked").count() == 0
    assert focused(page, "#me-form-heading")


def test_from_never_used_to_the_check_about_someone(on_static):
    page = on_static
    page.goto("/en-gb/self-check")
    answer_by_script(page, "me", answers_of("never used (q1 no)"))
    page.locator("[data-selfcheck-result=me]").get_by_role("button", name="Start the check about someone I care about").click()
    expect(page.locator("[data-selfcheck-result=me]")).to_be_hidden()
    expect(page.locator("form[data-selfcheck-form=me]")).to_be_hidden()
    expect(page.locator("form[data-selfcheck-form=someone]")).to_be_visible()
    assert focused(page, "#someone-form-heading")


def test_printing_the_result_shows_only_the_summary_for_a_doctor(on_static):
    page = on_static
    page.goto("/en-gb/self-check")
    page.emulate_media(media="print")
    expect(page.locator("h1")).to_be_visible()  # before a result, the page prints as it is
    answer_by_script(page, "me", answers_of("3 is the top of lower"))
    summary = page.locator("[data-selfcheck-result=me] .print-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Score: 3 out of 39. Level: Lower risk.")
    expect(summary).to_contain_text("Monthly")
    for hidden in ["header", "footer", "h1", "form[data-selfcheck-form=me]", "[data-selfcheck-print]"]:
        expect(page.locator(hidden).first).to_be_hidden()


def test_without_javascript_the_page_explains_and_links_to_help(browser, static_site):
    context = browser.new_context(java_script_enabled=False, base_url=static_site.url)
    page = context.new_page()
    page.goto("/en-gb/self-check")
    note = page.locator("[data-selfcheck-needs-js]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("On this copy of the site the self-check needs JavaScript. You can still get help:")
    expect(page.locator("form")).to_have_count(2)
    for form in page.locator("form").all():
        expect(form).to_be_hidden()
    expect(page.locator("[data-selfcheck-result]").first).to_be_hidden()
    note.get_by_role("link", name="Urgent help").click()
    expect(page).to_have_url(re.compile(r"/en-gb/urgent$"))
    page.go_back()
    page.locator("[data-selfcheck-needs-js]").get_by_role("link", name="Get help").click()
    expect(page).to_have_url(re.compile(r"/en-gb/help$"))
    context.close()


def test_when_the_rules_cannot_be_loaded_the_explanation_stays(browser, static_site):
    context = browser.new_context(base_url=static_site.url)
    page = context.new_page()
    page.route("**/self-check/questions.json*", lambda route: route.fulfill(status=404, body="not here"))
    page.goto("/en-gb/self-check")
    page.wait_for_timeout(300)
    expect(page.locator("[data-selfcheck-needs-js]")).to_be_visible()
    expect(page.locator("[data-static-selfcheck]")).to_be_hidden()
    context.close()


# --- the same result as the server, scenario by scenario ---------------------------------------------

SECTION_TEXTS = """(box) => {
    const lines = [];
    for (const section of box.querySelectorAll(":scope > section")) {
        if (section.closest("[hidden]") || !section.checkVisibility()) { continue; }
        const heading = section.querySelector("h2");
        if (/(your-answers|kept)-heading$/.test(heading.id)) { continue; }  // the controls differ, by design
        const clone = section.cloneNode(true);
        if (/summary-heading$/.test(heading.id)) { clone.querySelector("p").remove(); }  // today's date
        section.after(clone);
        const text = clone.innerText;
        clone.remove();
        lines.push(...text.replace(/\\[\\d+\\]/g, "").split("\\n").map((l) => l.trim()).filter(Boolean));
    }
    return lines;
}"""


def server_result(client, check, path_id, answers):
    """The server's result page for a complete answer set, posted as its last question's page would."""
    path = check.path(path_id)
    clean = clean_answers(path, answers)
    last = [q for q in visible_questions(path, clean) if q.id in clean][-1]
    form = MultiDict([(q, v) for q, value in answers.items() for v in ([value] if isinstance(value, str) else value)])
    form.add("_continue", last.id)
    response = client.post(f"/en-gb/self-check/{path_id}", data=form)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_scenario_shows_the_same_result_as_on_the_server(browser, static_site, site_app):
    client, check = site_app.test_client(), site_app.extensions["selfcheck"]
    context = browser.new_context(base_url=static_site.url)
    server_page, static_page = context.new_page(), context.new_page()
    served = {}
    # The server's page, shown at an address of the static site so it gets the same stylesheet.
    context.route("**/server-result", lambda route: route.fulfill(body=served["html"], content_type="text/html"))
    static_page.goto("/en-gb/self-check")
    differences = {}
    for scenario in [s for s in SCENARIOS if "error" not in s["expect"]]:
        served["html"] = server_result(client, check, scenario["path"], scenario["answers"])
        server_page.goto("/server-result")
        expected = server_page.locator("main .selfcheck-result").evaluate(SECTION_TEXTS)
        assert len(expected) > 8, expected
        answer_by_script(static_page, scenario["path"], scenario["answers"])
        box = static_page.locator(f"[data-selfcheck-result={scenario['path']}]")
        expect(box).to_be_visible()
        shown = box.evaluate(SECTION_TEXTS)
        if shown != expected:
            differences[scenario["name"]] = [line for line in expected if line not in shown] \
                + ["(shown, not expected:)"] + [line for line in shown if line not in expected]
    context.close()
    assert differences == {}
