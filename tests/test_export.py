"""The static export (harmreduce/export.py): what it writes, that nothing is missed or broken,
and that the normal server is unchanged. Serving the export with nginx, in Chromium, is
tests/browser/test_static_export.py."""
import json
import re
import subprocess
import sys
from urllib.parse import urlsplit

import click
import pytest
from flask import url_for
from flask_frozen import MissingURLGeneratorWarning

from harmreduce import ROOT, create_app
from harmreduce.export import (
    EDITION_ENDPOINTS, MARKER, NO_ARGUMENT_ENDPOINTS, NOT_EXPORTED, create_export_app, edition_tags, export_site,
)
from harmreduce.selfcheck.static import scoring_data

from .helpers import all_editions, collect_links, page_paths

EDITIONS = ("en-gb", "en")


@pytest.fixture(scope="module")
def export_app():
    return create_export_app()


@pytest.fixture(scope="module")
def exported(export_app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export") / "site"
    return export_site(folder, editions=list(EDITIONS), app=export_app)


def files_of(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != MARKER)


def url_of(name):
    """The address a file is served at (deploy/nginx.conf's try_files)."""
    if name == "index.html" or name.endswith("/index.html"):
        return "/" + name[:-len("index.html")]
    return "/" + (name[:-len(".html")] if name.endswith(".html") else name)


def file_for(folder, path):
    """The exported file nginx serves for an address, or None."""
    candidates = [path + "index.html"] if path.endswith("/") else [path, path + ".html"]
    return next((folder / c.lstrip("/") for c in candidates if (folder / c.lstrip("/")).is_file()), None)


# --- every endpoint is handled on purpose ------------------------------------------------------


def test_every_endpoint_is_exported_or_left_out_on_purpose(export_app):
    rules = {rule.endpoint: rule for rule in export_app.url_map.iter_rules()}
    with_edition = {endpoint for endpoint, rule in rules.items() if "edition" in rule.arguments}
    assert with_edition == set(EDITION_ENDPOINTS) | set(NOT_EXPORTED)
    assert not set(EDITION_ENDPOINTS) & set(NOT_EXPORTED)
    assert {endpoint for endpoint, rule in rules.items() if not rule.arguments} | {"static"} == set(NO_ARGUMENT_ENDPOINTS)
    client = export_app.test_client()
    for endpoint in NOT_EXPORTED:
        if rules[endpoint].arguments - {"edition"}:
            continue
        # Left out with only an edition: allowed for a redirect (nothing to write), never for a page.
        with export_app.test_request_context():
            address = url_for(endpoint, edition="en-gb")
        assert client.get(address).status_code == 303, f"{endpoint}: a page of the edition alone can be exported"


def test_the_editions_are_every_language_alone_and_with_every_country(export_app):
    assert edition_tags(export_app) == tuple(all_editions(export_app))
    assert edition_tags(export_app, editions=["en-gb", "en"]) == ("en", "en-gb")
    with pytest.raises(click.BadParameter):
        edition_tags(export_app, editions=["en-xx"])
    with pytest.raises(click.BadParameter):
        edition_tags(export_app, editions=["EN-GB"])
    with pytest.raises(click.BadParameter):
        edition_tags(export_app, languages=["xx"])


def test_a_forgotten_endpoint_fails_the_export(tmp_path):
    app = create_export_app()
    app.add_url_rule("/<edition>/forgotten", "forgotten", lambda: "a page nobody gave a URL generator")
    with pytest.raises(MissingURLGeneratorWarning, match="forgotten"):
        export_site(tmp_path / "site", editions=["en"], app=app)


def test_the_documented_command_line_runs_with_missing_generators_as_errors(tmp_path):
    run = subprocess.run([sys.executable, "-W", "error::flask_frozen.MissingURLGeneratorWarning", "-m", "flask",
                          "--app", "harmreduce", "export", str(tmp_path / "site"), "--editions", "en-ie"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert re.match(r"Exported \d+ pages \(\d+ files, [\d.]+ MB\) for 1 editions to .+ in [\d.]+ s$", run.stdout.strip())
    assert (tmp_path / "site" / "en-ie" / "help.html").is_file()


# --- what is written ---------------------------------------------------------------------------


def test_every_page_of_each_edition_is_written_once(exported, export_app):
    names = set(files_of(exported.destination))
    for tag in EDITIONS:
        for path in page_paths(export_app, tag):
            assert url_of(f"{path.lstrip('/')}{'index.html' if path.endswith('/') else '.html'}") == path
            assert file_for(exported.destination, path), path
        for name in ("manifest.webmanifest", "sw.js", "self-check/questions.json", "share/qr.svg", "share/qr.png",
                     "404.html"):
            assert f"{tag}/{name}" in names
    assert {"index.html", "404.html", "healthz"} <= names
    static = {name for name in names if name.startswith("static/")}
    assert static == {f"static/{name}" for name in export_app.extensions["assets"].values()}
    pages_per_edition = len(page_paths(export_app, "en")) + 1  # + 404.html
    assert exported.pages == len(EDITIONS) * pages_per_edition + 2  # + index.html, 404.html
    assert exported.files == len(names)
    assert exported.bytes == sum((exported.destination / name).stat().st_size for name in names)


def test_every_file_is_what_the_site_answers_at_its_address(exported, export_app):
    """Byte for byte: nothing (such as a page's numbered sources) carries over between pages."""
    client = export_app.test_client()
    for name in files_of(exported.destination):
        if name.endswith("404.html"):
            continue
        response = client.get(url_of(name))
        assert response.status_code == 200, name
        assert response.data == (exported.destination / name).read_bytes(), name


def test_every_link_and_file_a_page_uses_is_in_the_export(exported):
    folder = exported.destination
    broken = []
    for name in files_of(folder):
        if not name.endswith(".html"):
            continue
        html = (folder / name).read_text(encoding="utf-8")
        found = collect_links(html)
        targets = found.links + found.fetched + re.findall(r'data-questions="([^"]+)"', html)
        for target in targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "inline:")):
                continue
            path = parts.path
            edition = path.strip("/").split("/", 1)[0]
            if edition not in EDITIONS and edition != "static" and path != "/":
                continue  # the switchers link to every edition; only two are exported here
            if file_for(folder, path) is None:
                broken.append((name, target))
    assert broken == []


def test_the_offline_files_name_only_exported_addresses(exported):
    folder = exported.destination
    for tag in EDITIONS:
        worker = (folder / tag / "sw.js").read_text()
        precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", worker).group(1))
        manifest = json.loads((folder / tag / "manifest.webmanifest").read_text())
        for path in precache + [manifest["start_url"], manifest["scope"]] + [i["src"] for i in manifest["icons"]]:
            assert file_for(folder, path), (tag, path)


def test_the_front_page_lists_every_language_and_the_404_pages_are_in_their_edition(exported, export_app):
    folder = exported.destination
    index = (folder / "index.html").read_text()
    for language in export_app.extensions["editions"].languages:
        assert f'href="/{language.tag}/"' in index
    assert 'href="/en-gb/"' in index  # and the country chooser
    assert "Page not found" in (folder / "404.html").read_text()
    gb = (folder / "en-gb" / "404.html").read_text()
    assert "Page not found" in gb and 'href="/en-gb/help"' in gb and "Urgent help: call 999" in gb
    assert (folder / "healthz").read_text() == "ok\n"


def test_a_new_export_replaces_an_earlier_one_but_never_fills_a_folder_it_did_not_write(tmp_path, export_app):
    site = tmp_path / "site"
    export_site(site, editions=["en-ie"], app=export_app)
    (site / "stale.html").write_text("from an earlier export")
    report = export_site(site, editions=["en"], app=export_app)
    assert not (site / "stale.html").exists() and not (site / "en-ie").exists()
    assert report.pages > 0 and (site / "en" / "help.html").is_file()

    other = tmp_path / "not-an-export"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    with pytest.raises(click.ClickException, match="not empty"):
        export_site(other, editions=["en"], app=export_app)
    assert (other / "notes.txt").read_text() == "keep me"


def test_the_command_prints_pages_and_time(tmp_path):
    runner = create_app({"TESTING": True}).test_cli_runner()
    result = runner.invoke(args=["export", str(tmp_path / "site"), "--editions", "en-nz",
                                 "--public-base-url", "https://example.org"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Exported \d+ pages .* for 1 editions .* in [\d.]+ s", result.output)
    assert 'href="https://example.org/en-nz/help"' in (tmp_path / "site" / "en-nz" / "help.html").read_text()


# --- the self-check on the static copy ---------------------------------------------------------

ALLOWED_KEYS = {"paths", "id", "questions", "type", "scored", "skip_if", "options", "value", "score", "flag",
                "sign", "level", "exclusive", "question", "equals", "bands", "min", "max", "max_score"}


def test_the_self_checks_rules_are_exported_without_any_text(export_app):
    check = export_app.extensions["selfcheck"]
    data = scoring_data(check)
    texts = {q.text for p in check.paths.values() for q in p.questions} \
        | {o.label for p in check.paths.values() for q in p.questions for o in q.options}

    def walk(value):
        if isinstance(value, dict) and set(value) == set(check.paths):
            for item in value.values():
                walk(item)
        elif isinstance(value, dict):
            assert set(value) <= ALLOWED_KEYS, set(value) - ALLOWED_KEYS
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            assert value not in texts and re.fullmatch(r"[a-z0-9_]+", value), value

    walk(data)
    assert [b["id"] for b in data["paths"]["me"]["bands"]] == ["lower", "moderate", "high"]
    assert data["paths"]["me"]["max_score"] == 39


def test_the_static_start_page_holds_every_question_and_result_block(exported, export_app):
    check = export_app.extensions["selfcheck"]
    html = (exported.destination / "en-gb" / "self-check.html").read_text()
    assert 'src="/static/selfcheck.' in html and "<script>" not in html
    assert "On this copy of the site the self-check needs JavaScript" in html
    assert 'action="/en-gb/self-check/' not in html  # no form posts to the server's check
    names = {}
    for path in check.paths.values():
        form = html.split(f'data-selfcheck-form="{path.id}"', 1)[1].split("</form>", 1)[0]
        for question in path.questions:
            assert f'data-question="{question.id}"' in form
            for option in question.options:
                assert f'name="{question.id}" value="{option.value}"' in form
            names.setdefault(question.id, path.id)
    assert len(names) == sum(len(p.questions) for p in check.paths.values()), "input names must not repeat"
    messages = check.messages
    for key in ("never_used", "under_18", "screening_aid", "someone_signs", "someone_no_signs", "someone_talk",
                "someone_family"):
        assert messages[key].title in html, key
    for key in ("bladder", "score_not_harm", "someone_first_aid"):
        assert messages[key].message in html, key
    urgency = export_app.extensions["urgency"]
    for level in urgency.levels[:3]:
        for path in check.paths.values():
            assert f'data-callout="{level.id}"' in html and f'data-when="level:{level.id}"' in html
        for sign in urgency.signs_at(level.id):
            assert f'data-when="urgency:{sign.id}"' in html, sign.id
    for band in check.path("me").bands:
        assert f"Your result: {band.label}" in html
    assert "0300 123 6600" in html and 'href="tel:999"' in html  # the country's help, in the result blocks
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids must be unique on the page"


def test_the_normal_server_is_unchanged(client, app):
    html = client.get("/en-gb/self-check").get_data(as_text=True)
    assert "data-static-selfcheck" not in html and "/static/selfcheck." not in html
    assert 'action="/en-gb/self-check/me"' in html
    assert client.get("/en-gb/self-check/questions.json").status_code == 404
    assert client.get("/").status_code == 302
    assert not app.config["STATIC_EXPORT"]
