"""Share kit: links, QR codes, cards, leaflets, discreet links, the show-this-screen card, and
the offline manifest and service worker, through the Flask test client on the real data."""
import json
import re
import subprocess

import pytest

from harmreduce.share import SHAREABLE

from .test_site import text_of

BASE = "http://localhost:8000"
# Words that must never appear in a discreet link's title or preview, in any language we offer.
DRUG_WORDS = ["ketamin", "kétamine", "ketamina", "كيتامين", "氯胺酮", "克他命", "k仔", "drug", "droga", "drogue",
              "droge", "mdma", "毒品", "藥物", "药物", "مخدر", "sucht", "verslaving", "addiction", "dipendenza",
              "adicción", "dependência", "bladder", "vejiga", "vessie", "blase", "blaas", "vescica", "bexiga", "膀胱",
              "مثانة", "self-check"]


def meta(html, name):
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_an_outreach_worker_gets_a_link_for_mexico(client):
    html = client.get("/en-gb/share?page=help&language=en&country=mx").get_data(as_text=True)
    assert f"{BASE}/en-mx/help" in html
    assert "<svg" in html and 'class="segno"' in html
    assert 'href="/en-mx/share/qr.svg?page=help"' in html and 'href="/en-mx/share/qr.png?page=help"' in html
    assert 'href="/en-mx/share/card?page=help&amp;size=card"' in html
    assert 'href="/en-mx/share/leaflet?page=help"' in html


def test_the_share_page_starts_with_this_edition_and_works_without_choices(client):
    html = client.get("/en-us/share").get_data(as_text=True)
    assert f"{BASE}/en-us/" in html
    assert '<option selected value="us">' in html or 'value="us" selected' in html


def test_no_country_shares_the_international_edition(client):
    assert f"{BASE}/en/urgent" in client.get("/en-gb/share?page=urgent&language=en&country=none").get_data(as_text=True)


@pytest.mark.parametrize("query", ["page=nope", "language=xx", "country=zz", "page=help&page=urgent&language=en&country=zz"])
def test_a_bad_choice_is_explained_not_guessed(client, query):
    response = client.get(f"/en-gb/share?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "There is a problem" in html and title(html).startswith("Error:")


def test_every_shareable_page_exists(client):
    for key in SHAREABLE:
        html = client.get(f"/en-gb/share?page={key}&language=en&country=gb").get_data(as_text=True)
        path = re.search(rf'href="(/en-gb[^"]*)">{re.escape(BASE)}', html).group(1)
        assert client.get(path).status_code == 200, key


def decode_qr(png_bytes, tmp_path):
    image = tmp_path / "qr.png"
    image.write_bytes(png_bytes)
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True)
    return result.stdout.strip()


@pytest.mark.parametrize("edition", ["es-mx", "en-mx"])
def test_the_qr_code_for_the_help_page_decodes_to_exactly_its_link(client, app, tmp_path, edition):
    if app.extensions["editions"].parse(edition).edition is None:
        pytest.skip(f"{edition} is not offered yet")
    response = client.get(f"/{edition}/share/qr.png?page=help")
    assert response.mimetype == "image/png"
    assert "attachment" in response.headers["Content-Disposition"]
    assert decode_qr(response.data, tmp_path) == f"{BASE}/{edition}/help"


def test_the_qr_code_follows_the_configured_public_address(tmp_path):
    from harmreduce import create_app

    app = create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://help.example.org"})
    png = app.test_client().get("/en-gb/share/qr.png?page=urgent&d=1").data
    assert decode_qr(png, tmp_path) == "https://help.example.org/en-gb/urgent?d=1"


def test_the_svg_qr_code_is_a_print_sized_download(client):
    response = client.get("/en-gb/share/qr.svg?page=help")
    assert response.mimetype == "image/svg+xml"
    assert 'width="' in response.get_data(as_text=True) and 'mm"' in response.get_data(as_text=True)


@pytest.mark.parametrize("edition, numbers", [
    ("en-gb", ["999", "0300 123 6600", "116 123"]),
    ("en-us", ["911", "1-800-662-4357", "988"]),
])
@pytest.mark.parametrize("kit", ["card?size=card&", "card?size=a6&", "leaflet?"])
def test_cards_and_leaflets_carry_the_countrys_numbers(client, edition, numbers, kit):
    page = text_of(client.get(f"/{edition}/share/{kit}page=help"))
    for number in numbers:
        assert number in page, (edition, kit, number)
    assert f"{BASE}/{edition}/help" in page


def test_the_show_screen_is_a_large_help_card_without_navigation(client):
    html = client.get("/en-gb/show").get_data(as_text=True)
    assert "999" in html and "0300 123 6600" in html and "116 123" in html
    assert "switchers" not in html and "data-quick-exit" in html


def test_a_discreet_link_says_nothing_about_drugs_in_title_or_previews(client, app):
    for language in app.extensions["editions"].languages:
        for key, (endpoint, _label) in SHAREABLE.items():
            with app.test_request_context():
                from flask import url_for
                path = url_for(endpoint, edition=f"{language.tag}-gb", d="1")
            html = client.get(path).get_data(as_text=True)
            preview = " ".join(filter(None, [title(html), meta(html, "description"), meta(html, "og:title"),
                                             meta(html, "og:description"), meta(html, "og:image:alt")])).lower()
            assert not [word for word in DRUG_WORDS if word in preview], (path, preview)
            assert re.fullmatch(rf"{BASE}/static/preview\.[0-9a-f]{{10}}\.png", meta(html, "og:image"))


def test_a_discreet_link_stays_discreet_as_the_visitor_moves_on(client):
    html = client.get("/en-gb/help?d=1").get_data(as_text=True)
    assert 'href="/en-gb/urgent?d=1"' in html and 'href="/en-gb/signs?d=1"' in html
    assert title(html) == "Health information"


def test_a_normal_link_has_a_proper_translated_preview(client):
    html = client.get("/en-gb/risks/bladder").get_data(as_text=True)
    assert "ketamine" in (meta(html, "og:title") + meta(html, "og:description")).lower()
    assert re.fullmatch(rf"{BASE}/static/preview\.[0-9a-f]{{10}}\.png", meta(html, "og:image"))
    assert meta(html, "og:locale") == "en"


def test_each_edition_has_a_manifest_starting_at_its_home_page(client):
    manifest = json.loads(client.get("/en-mx/manifest.webmanifest").data)
    assert manifest["start_url"] == "/en-mx/" and manifest["scope"] == "/en-mx/"
    assert manifest["lang"] == "en"
    assert json.loads(client.get("/en-mx/manifest.webmanifest?d=1").data)["name"] == "Health information"


def test_the_service_worker_keeps_the_edition_but_never_the_self_check(client):
    script = client.get("/en-gb/sw.js").get_data(as_text=True)
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", script).group(1))
    assert "/en-gb/help" in precache and "/en-gb/urgent" in precache
    assert [url for url in precache if re.fullmatch(r"/static/site\.[0-9a-f]{10}\.css", url)]
    assert not [url for url in precache if "/self-check/" in url or "?" in url]
    assert 'request.method === "GET"' in script and "self-check/" in script
