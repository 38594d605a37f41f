"""The site's foundation, as visitors meet it through the Flask test client on the real data."""
import re

import pytest

from harmreduce import create_app
from harmreduce.datafile import DataFileError
from harmreduce.security import HEADERS

from .helpers import all_editions, collect_links, page_paths


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_a_visitor_in_the_uk_finds_frank_and_samaritans(client):
    page = client.get("/en-gb/help")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "FRANK" in html and "0300 123 6600" in html and 'href="tel:03001236600"' in html
    assert "Samaritans" in html and "116 123" in html and 'href="tel:116123"' in html


def test_a_visitor_in_the_us_sees_911_and_988_on_the_urgent_page(client):
    html = client.get("/en-us/urgent").get_data(as_text=True)
    assert 'href="tel:911"' in html
    assert 'href="tel:988"' in html


def test_the_header_shows_the_countrys_emergency_number_on_every_page(client, app):
    for path in page_paths(app, "en-gb"):
        assert "Urgent help: call 999" in text_of(client.get(path)), path
    assert "Urgent help: call 911" in text_of(client.get("/en-us/"))


def test_without_a_country_help_is_international_with_a_country_chooser(client):
    page = text_of(client.get("/en/help"))
    assert "findahelpline.com" in page
    assert "Choose your country" in page
    html = client.get("/en/help").get_data(as_text=True)
    assert 'href="/en-mx/help"' in html and 'href="/en-gb/help"' in html


def test_single_source_numbers_are_kept_in_the_data_but_never_shown(client, app):
    directory = app.extensions["directory"]
    hidden = [r for resources in directory.countries.values() for r in resources if r.status != "verified"]
    assert hidden, "the data should keep its single-source entries"
    for resource in hidden:
        country = next(code for code, items in directory.countries.items() if resource in items)
        edition = "en" if country == "INTL" else f"en-{country.lower()}"
        for path in page_paths(app, edition):
            html = client.get(path).get_data(as_text=True)
            for phone in resource.phones:
                shown_elsewhere = any(phone.dial == p.dial for r in directory.resources(
                    None if country == "INTL" else country) for p in r.phones)
                if not shown_elsewhere:
                    assert f"tel:{phone.dial}\"" not in html and f"sms:{phone.dial}\"" not in html, (path, resource.id)
            assert f'id="{resource.id}"' not in html


def test_every_number_on_the_site_is_a_verified_directory_number(client, app):
    directory = app.extensions["directory"]
    verified = {p.href for resources in directory.countries.values() for r in resources if r.shown for p in r.phones}
    seen = set()
    for edition in all_editions(app):
        for path in page_paths(app, edition):
            html = client.get(path).get_data(as_text=True)
            numbers = set(re.findall(r'href="((?:tel|sms):[^"]*)"', html))
            assert numbers <= verified, (path, numbers - verified)
            seen |= numbers
    assert "tel:999" in seen and "tel:112" in seen


@pytest.mark.parametrize("accept, location", [
    ("en-GB,en;q=0.9", "/en-gb/"),
    ("en-US", "/en-us/"),
    ("en", "/en/"),
    ("", "/en/"),
])
def test_the_front_door_follows_the_browser_language(client, accept, location):
    response = client.get("/", headers={"Accept-Language": accept} if accept else {})
    assert response.status_code == 302
    assert response.headers["Location"] == location
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize("path, location", [
    ("/EN-GB/help", "/en-gb/help"),
    ("/en_GB/help", "/en-gb/help"),
    ("/En_Us/urgent?x=1", "/en-us/urgent?x=1"),
    ("/EN/", "/en/"),
])
def test_other_spellings_of_an_edition_redirect_to_the_canonical_one(client, path, location):
    response = client.get(path)
    assert response.status_code == 301
    assert response.headers["Location"] == location


@pytest.mark.parametrize("path", ["/xx-yy/help", "/en-zz/", "/klingon/", "/xx/help", "/en-gb/no-such-page",
                                  "/no-such-page", "/en-gb/help/extra", "/static/no-such-file.css"])
def test_unknown_editions_and_pages_are_a_helpful_404(client, path):
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'href="/en/"' in html or 'href="/en-gb/"' in html
    assert "Traceback" not in html


def test_an_unknown_edition_lists_the_languages_and_countries_we_offer(client):
    page = text_of(client.get("/xx-yy/help"))
    assert "We don’t have that language or country" in page
    assert "English" in page and "Mexico" in page


def test_every_page_sets_no_cookie_and_sends_the_security_headers(client, app):
    paths = ["/", "/healthz", "/en-gb/no-such-page", "/xx/"] + page_paths(app, "en-gb") + page_paths(app, "en")
    for path in paths:
        response = client.get(path)
        assert "Set-Cookie" not in response.headers, path
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (path, name)
        assert "Strict-Transport-Security" not in response.headers


def test_the_content_security_policy_allows_nothing_inline_or_from_elsewhere():
    policy = HEADERS["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "*" not in policy and "http" not in policy


def test_hsts_is_sent_over_https_when_configured():
    app = create_app({"TESTING": True, "HSTS": True})
    client = app.test_client()
    assert "max-age=" in client.get("/en/", base_url="https://example.org").headers["Strict-Transport-Security"]
    assert "Strict-Transport-Security" not in client.get("/en/").headers


def test_no_page_loads_anything_from_another_host(client, app):
    for edition in ("en", "en-gb", "en-us"):
        for path in page_paths(app, edition) + ["/xx/"]:
            fetched = collect_links(client.get(path).get_data(as_text=True)).fetched
            for url in fetched:
                assert url.startswith("/") and not url.startswith("//"), (path, url)


def test_every_page_has_quick_exit_urgent_help_switchers_and_footer(client, app):
    for path in page_paths(app, "en-gb") + ["/en-gb/no-such-page"]:
        html = client.get(path).get_data(as_text=True)
        assert "data-quick-exit" in html and 'rel="noreferrer"' in html, path
        assert 'href="/en-gb/urgent"' in html, path
        for footer in ("about", "privacy", "accessibility"):
            assert f'href="/en-gb/{footer}"' in html, (path, footer)
        assert '<html lang="en" dir="ltr">' in html, path


def test_the_switchers_keep_the_visitor_on_the_same_page(client):
    html = client.get("/en-gb/urgent").get_data(as_text=True)
    assert 'href="/en-us/urgent"' in html  # country switcher
    assert 'href="/en/urgent"' in html  # no country
    assert 'hreflang="en-GB" href="http://localhost:8000/en-gb/urgent"' in html


def test_the_home_page_has_three_doors_and_urgent_help(client):
    page = text_of(client.get("/en-gb/"))
    for door in ("I’m worried about someone", "I’m worried about my own use", "I work with people who use drugs"):
        assert door in page


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_data(as_text=True) == "ok\n"


def test_oversized_bodies_get_413_on_any_route(client):
    body = "x" * (64 * 1024 + 1)
    for path in ("/en-gb/help", "/", "/nowhere"):
        response = client.post(path, data=body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 413, path
        assert "Set-Cookie" not in response.headers


def test_a_wrong_method_is_405_with_a_page_not_a_crash(client):
    response = client.delete("/en-gb/help")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_an_error_inside_a_view_is_a_plain_500_page_without_a_traceback():
    app = create_app({"TESTING": False, "PROPAGATE_EXCEPTIONS": False})

    @app.get("/<edition>/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/en-gb/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Something went wrong" in html
    assert "secret internals" not in html and "Traceback" not in html
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_broken_help_directory_stops_start_up_naming_entry_and_field(tmp_path):
    import shutil

    shutil.copytree(create_app.__globals__["ROOT"] / "data", tmp_path, dirs_exist_ok=True)
    gb = tmp_path / "countries" / "gb" / "directory.yaml"
    broken = gb.read_text(encoding="utf-8").replace('dial: "03001236600"', 'dial: "0300 FRANK"', 1)
    assert broken != gb.read_text(encoding="utf-8")
    gb.write_text(broken, encoding="utf-8")
    with pytest.raises(DataFileError) as failure:
        create_app({"DATA_DIR": tmp_path})
    message = str(failure.value)
    assert "gb/directory.yaml" in message and "gb-frank" in message and "dial" in message


def test_a_broken_editions_file_stops_start_up(tmp_path):
    import shutil

    shutil.copytree(create_app.__globals__["ROOT"] / "data", tmp_path, dirs_exist_ok=True)
    (tmp_path / "editions.yaml").write_text("default_language: en\nlanguages:\n  - tag: en\n    locale: xx_NOPE\n")
    with pytest.raises(DataFileError, match=r"languages\[0\].*locale"):
        create_app({"DATA_DIR": tmp_path})


def test_without_a_country_the_header_links_urgent_help_without_guessing_a_number(client):
    header = text_of(client.get("/en/")).split("Language")[0]
    assert "Urgent help" in header and "call" not in header


def test_the_urgent_page_shows_crisis_lines_before_the_red_flags(client):
    page = text_of(client.get("/en-gb/urgent"))
    assert page.index("116 123") < page.index("Call the emergency number now, or go to the emergency department, for:")


def test_every_page_names_its_canonical_address_and_its_editions_in_other_languages(client, app):
    html = client.get("/en-us/help").get_data(as_text=True)
    assert '<link rel="canonical" href="http://localhost:8000/en-us/help">' in html
    assert '<meta property="og:url" content="http://localhost:8000/en-us/help">' in html
    for language in app.extensions["editions"].languages:
        assert f'hreflang="{language.tag}" href="http://localhost:8000/{language.tag}/help"' in html
        assert f'hreflang="{language.tag}-US" href="http://localhost:8000/{language.tag}-us/help"' in html
    assert 'hreflang="x-default" href="http://localhost:8000/en/help"' in html


def test_services_without_a_name_of_their_own_are_described_in_the_page_language(client, app):
    html = client.get("/en-mx/urgent").get_data(as_text=True)
    assert "Emergency services" in html and ">Emergencias<" not in html
    generic = [r for resources in app.extensions["directory"].countries.values() for r in resources if r.generic]
    assert {r.name for r in generic} == {"Emergency services", "Ambulance", "European emergency number"}


def test_a_services_languages_are_named_in_the_page_language_without_guessing_a_script(client):
    page = text_of(client.get("/en-tw/help"))
    assert "Languages: Chinese" in page and "Simplified" not in page
    assert "Languages: English, Cantonese, and Chinese" in text_of(client.get("/en-hk/help"))


def test_the_country_list_is_alphabetical_with_accents_ignored():
    from harmreduce.layout import _sort_key

    names = ["Brasil", "Áustria", "Bélgica", "Alemanha", "Índia", "Irlanda"]
    assert sorted(names, key=_sort_key) == ["Alemanha", "Áustria", "Bélgica", "Brasil", "Índia", "Irlanda"]


@pytest.mark.parametrize("accept, location", [
    ("es-MX,es;q=0.9", "/es-mx/"),
    ("zh-TW", "/zh-hant-tw/"),
    ("zh-HK", "/zh-hant-hk/"),
    ("zh-CN", "/zh-hans-cn/"),
    ("zh", "/zh-hans/"),
    ("ar", "/ar/"),
    ("pt-BR", "/pt-br/"),
    ("de-AT,de;q=0.8", "/de-at/"),
])
def test_the_front_door_speaks_every_offered_language(client, accept, location):
    assert client.get("/", headers={"Accept-Language": accept}).headers["Location"] == location


def test_a_visitor_in_mexico_reads_the_help_page_in_spanish(client):
    page = client.get("/es-mx/help")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="es" dir="ltr">' in html
    assert "Línea de la Vida" in html and 'href="tel:8009112000"' in html


def test_arabic_pages_are_right_to_left_with_numbers_kept_left_to_right(client):
    html = client.get("/ar-de/help").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<bdi dir="ltr">01806 313031</bdi>' in html
