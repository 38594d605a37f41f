"""Help cards as visitors see them: who runs each service, what it costs, how old its information
is, when it is next checked, a way to report a wrong number, and enforcement-run lines labelled.

`card_problems` reads a rendered page and compares every card with its resource in the data; it is
run on every edition and proven on planted defects first.
"""
import datetime
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from babel.dates import format_date

from harmreduce import create_app

from .helpers import all_editions

APP = create_app({"TESTING": True})
DIRECTORY = APP.extensions["directory"]
EDITIONS = all_editions(APP)
CARD = re.compile(r'<li class="resource[^"]*" id="[^"]+" data-resource="([a-z0-9-]+)">(.*?)</li>', re.S)


def cards(html):
    return CARD.findall(html)


def card_problems(html, country):
    """What is missing or wrong on each card of a page, compared with the directory."""
    problems = []
    for resource_id, body in cards(html):
        resource = next(r for r in DIRECTORY.resources(country) if r.id == resource_id)

        def problem(text):
            problems.append(f"{resource_id}: {text}")

        operator = re.search(r'<p class="operator" data-operator="([a-z]+)">(.+?)</p>', body)
        if not operator or operator[1] != resource.operator.type:
            problem("no 'Run by' line for its operator")
        if resource.enforcement and ('data-caution' not in body or operator[1] != "enforcement"):
            problem("an enforcement-run line without its label and caution")
        cost = re.search(r'data-cost="([a-z_]+)"', body)
        if (cost[1] if cost else "unknown") != resource.cost:
            problem(f"says cost {cost[1] if cost else 'nothing'}, the data says {resource.cost}")
        if "data-dates" not in body:
            problem("no evidence and next-check dates")
        if f'data-due-after="{resource.next_check.isoformat()}"' not in body:
            problem("no next-check note")
        if 'class="meta report"' not in body:
            problem("no report link")
    return problems


def test_card_problems_finds_planted_defects():
    html = APP.test_client().get("/en-my/help").get_data(as_text=True)
    assert cards(html) and not card_problems(html, "MY")
    enforcement = next(r for r in DIRECTORY.resources("MY") if r.enforcement)
    unlabelled = html.replace('<div class="caution" data-caution>', '<div>', 1)
    assert f"{enforcement.id}: an enforcement-run line without its label and caution" in card_problems(unlabelled, "MY")
    gb = APP.test_client().get("/en-gb/help").get_data(as_text=True)
    assert 'data-cost="national_rate"' in gb and not card_problems(gb, "GB")
    wrong_cost = gb.replace('data-cost="national_rate"', 'data-cost="free"', 1)
    assert any("the data says national_rate" in p for p in card_problems(wrong_cost, "GB"))
    no_report = html.replace('class="meta report"', 'class="meta"', 1)
    assert any("no report link" in p for p in card_problems(no_report, "MY"))


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_card_of_every_edition_says_who_runs_it_its_cost_dates_and_how_to_report(edition):
    client = APP.test_client()
    last = edition.rsplit("-", 1)[-1].upper()
    country = last if "-" in edition and last in DIRECTORY.country_codes() else None
    for path in ("/help", "/urgent"):
        html = client.get(f"/{edition}{path}").get_data(as_text=True)
        assert cards(html), (edition, path)
        assert not card_problems(html, country), (edition, path, card_problems(html, country))


def test_a_card_says_how_old_its_information_is_and_when_it_is_next_checked():
    html = APP.test_client().get("/en-gb/help").get_data(as_text=True)
    frank = dict(cards(html))["gb-frank"]
    resource = DIRECTORY.by_id("gb-frank")
    assert "Checked" not in frank and "Information collected" not in frank
    when = (f"Information from {resource.evidence}" if len(resource.evidence or "") == 4
            else "Information from " + datetime.date.fromisoformat(resource.evidence[:7] + "-01").strftime("%B %Y"))
    assert when in frank
    assert f"next check {resource.next_check.strftime('%B %Y')}" in frank
    assert "Costs the same as an ordinary call" in frank and "Free of charge" not in frank


def test_past_its_next_check_a_card_says_the_number_may_have_changed_and_gives_the_emergency_number():
    later = create_app({"TESTING": True, "DIRECTORY_TODAY": "2099-01-01"}).test_client()
    for edition, number in (("en-gb", "999"), ("ar-gb", "999"), ("en", None)):
        html = later.get(f"/{edition}/help").get_data(as_text=True)
        notes = re.findall(r'<p class="due" data-due-after="[0-9-]+"( hidden)?>([^<]*)</p>', html)
        assert notes and all(not hidden for hidden, _text in notes), edition
        if number:
            assert all(number in text for _hidden, text in notes), edition
    now = APP.test_client().get("/en-gb/help").get_data(as_text=True)
    assert re.findall(r'<p class="due" data-due-after="[0-9-]+"( hidden)?>', now) and \
        all(re.findall(r'<p class="due" data-due-after="[0-9-]+"( hidden)?>', now)), "not due today"
    assert "This information is past its next check, so the number may have changed. In an emergency, call 999." \
        in later.get("/en-gb/help").get_data(as_text=True)


def test_report_a_problem_opens_the_visitors_mail_app_naming_resource_and_edition():
    client = create_app({"TESTING": True, "CONTACT_EMAIL": "numbers@example.org"}).test_client()
    html = client.get("/fr-be/help").get_data(as_text=True)
    links = re.findall(r'<p class="meta report"><a href="([^"]+)">', html)
    assert links and len(links) == len(cards(html))
    link = links[0].replace("&amp;", "&")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "numbers@example.org"
    query = parse_qs(parts.query)
    first_id = cards(html)[0][0]
    assert f"[{first_id}, fr-be]" in query["subject"][0]
    assert "santé" in unquote(query["body"][0])  # the template is in the page's language
    about = client.get("/fr-be/about").get_data(as_text=True)
    assert 'id="contact"' in about and "mailto:numbers@example.org" in about


def test_without_a_contact_address_the_report_link_opens_the_about_pages_contact_section(client):
    html = client.get("/en-gb/help").get_data(as_text=True)
    assert set(re.findall(r'<p class="meta report"><a href="([^"]+)">', html)) == {"/en-gb/about#contact"}
    about = client.get("/en-gb/about").get_data(as_text=True)
    assert 'id="contact"' in about and "no contact address" in about and "mailto:" not in about


def test_an_enforcement_run_line_is_labelled_and_says_what_contacting_it_can_lead_to(client):
    enforcement = [(code, r) for code, r in DIRECTORY.all_resources() if r.enforcement and r.shown]
    assert enforcement
    for code, resource in enforcement:
        html = client.get(f"/en-{code.lower()}/help").get_data(as_text=True)
        body = dict(cards(html))[resource.id]
        assert "Run by law enforcement" in body and "run by law enforcement, not by a health service" in body
        for consequence, words in (("police", "police involvement"), ("compulsory_treatment", "compulsory treatment")):
            assert (words in body) == (consequence in resource.caution.may_lead_to), resource.id


def test_not_listed_numbers_are_dialled_and_shown_on_no_page(client):
    for code, banned in DIRECTORY.not_listed.items():
        if not banned:
            continue
        numbers = {re.sub(r"[^0-9]", "", n.number) for n in banned}
        for path in ("help", "urgent", "worried", "show", "share/card"):
            edition = "en" if code == "INTL" else f"en-{code.lower()}"
            html = client.get(f"/{edition}/{path}").get_data(as_text=True)
            dialled = {re.sub(r"[^0-9]", "", n) for n in re.findall(r'href="(?:tel|sms):([^"]+)"', html)}
            shown = {re.sub(r"[^0-9]", "", n) for n in re.findall(r'<bdi dir="ltr">([0-9 +()\-.]+)</bdi>', html)}
            assert not numbers & (dialled | shown), (code, path)


def test_a_country_without_a_drug_helpline_says_so_plainly(client):
    assert "data-no-drug-helpline" in client.get("/en-at/help").get_data(as_text=True)
    assert "data-no-drug-helpline" not in client.get("/en-gb/help").get_data(as_text=True)
    assert "data-no-drug-helpline" not in client.get("/en/help").get_data(as_text=True)


def test_the_change_log_lists_what_was_added_with_a_link_to_its_card(client):
    html = client.get("/en-gb/help/changes").get_data(as_text=True)
    assert "Changes to the help list: United Kingdom" in html
    day = format_date(datetime.date(2026, 12, 8), "long", locale="en")
    assert re.search(r'<li data-change="added" data-resource="gb-childline">\s*<time datetime="2026-12-08">'
                     rf'{day}</time>: added <a href="/en-gb/help#gb-childline"><bdi>Childline</bdi>', html)
    assert 'href="/en-gb/help/changes"' in client.get("/en-gb/help").get_data(as_text=True)
    for edition in ("en", "ar-be", "zh-hant-tw", "de-at"):
        assert client.get(f"/{edition}/help/changes").status_code == 200


def test_the_change_log_names_a_withdrawn_service_and_why(tmp_path):
    import shutil

    shutil.copytree(APP.config["DATA_DIR"], tmp_path / "data")
    path = tmp_path / "data" / "countries" / "gb" / "directory.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\n" if "changes:" in path.read_text(encoding="utf-8") else "\nchanges:\n") +
        "- date: 2099-01-01\n  resource: gb-gone\n  change: withdrawn\n  name: Old Line\n  reason: closed\n",
        encoding="utf-8")
    html = create_app({"TESTING": True, "DATA_DIR": tmp_path / "data"}).test_client() \
        .get("/en-gb/help/changes").get_data(as_text=True)
    day = format_date(datetime.date(2099, 1, 1), "long", locale="en")
    assert re.search(rf"{day}</time>: removed <bdi>Old Line</bdi> \(the service has closed\)", html)


def test_under_18s_see_their_countrys_youth_lines_and_families_see_family_support(client):
    answers = {"age": "yes", "q1": "no", "warning_signs": "none", "red_flags": "none", "_continue": "red_flags"}
    html = client.post("/en-gb/self-check/me", data=answers).get_data(as_text=True)
    under_18 = html.split('id="under-18-heading"', 1)[1].split("</section>", 1)[0]
    assert "Childline" in under_18 and "0800 1111" in under_18 and "sometimes to the police" in under_18
    adult = client.post("/en-gb/self-check/me", data=dict(answers, age="no")).get_data(as_text=True)
    assert "Lines for children and young people" not in adult


def test_an_enforcement_run_line_is_never_a_key_number_on_cards_and_the_show_screen(client):
    for code, resource in DIRECTORY.all_resources():
        if not (resource.enforcement and resource.shown and resource.phones):
            continue
        for path in ("show", "share/card", "share/leaflet"):
            html = client.get(f"/en-{code.lower()}/{path}").get_data(as_text=True)
            assert '<dl class="key-numbers">' in html and resource.phones[0].href not in html, (resource.id, path)


def test_the_static_self_check_shows_under_18s_their_countrys_youth_lines():
    html = create_app({"TESTING": True, "STATIC_EXPORT": True}).test_client().get("/en-gb/self-check") \
        .get_data(as_text=True)
    under_18 = html.split('id="me-under-18-heading"', 1)[1].split("</section>", 1)[0]
    assert 'id="me-under-18-gb-childline"' in under_18 and "0800 1111" in under_18
