"""Translations: the catalogue matches the code, every offered language is complete and clean,
and no English is left on a page in another language."""
import html
import os
import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from harmreduce import ROOT
from harmreduce.editions import Language

from .helpers import page_paths

TRANSLATIONS = ROOT / "translations"


def catalogue(path):
    with path.open("rb") as handle:
        return read_po(handle)


def message_ids(cat):
    return {message.id for message in cat if message.id}


def offered_languages(app):
    """Every language the site offers, plus any named in HARMREDUCE_CHECK_LANGUAGES ("es:es pt:pt"),
    so a translator can check a catalogue before the language is switched on."""
    languages = [language for language in app.extensions["editions"].languages if language.tag != "en"]
    for item in os.environ.get("HARMREDUCE_CHECK_LANGUAGES", "").split():
        tag, _, locale = item.partition(":")
        if tag not in {language.tag for language in languages}:
            languages.append(Language(tag, locale or tag))
    return languages


def po_file(language):
    return TRANSLATIONS / language.locale / "LC_MESSAGES" / "messages.po"


def test_the_template_catalogue_is_up_to_date_with_the_code(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "--no-location",
                    "-F", "babel.cfg", "-k", "_l", "-o", str(fresh), "."], cwd=ROOT, check=True)
    committed, extracted = message_ids(catalogue(TRANSLATIONS / "messages.pot")), message_ids(catalogue(fresh))
    assert extracted - committed == set(), "run: flask --app harmreduce translate update"
    assert committed - extracted == set(), "run: flask --app harmreduce translate update"


def test_every_offered_language_has_a_complete_catalogue(app):
    expected = message_ids(catalogue(TRANSLATIONS / "messages.pot"))
    for language in offered_languages(app):
        cat = catalogue(po_file(language))
        assert message_ids(cat) >= expected, f"{language.tag}: run translate update"
        problems = []
        for message in cat:
            if not message.id or message.id not in expected:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                problems.append(("fuzzy", message.id))
            elif not all(strings):
                problems.append(("empty", message.id))
            elif strings[0] == (message.id if isinstance(message.id, str) else message.id[0]) \
                    and re.search(r"[a-z]{3,}", re.sub(r"%\([a-z_]+\)[sd]", "", strings[0])):
                problems.append(("copied English", message.id))
        assert problems == [], f"{language.tag}: {problems[:10]} ({len(problems)} in all)"


def test_plural_forms_are_right_for_each_language(app):
    for language in offered_languages(app):
        cat = catalogue(po_file(language))
        assert cat.plural_forms == catalogue_plural_forms(language.locale), language.tag


def catalogue_plural_forms(locale):
    from babel.messages.catalog import Catalog

    return Catalog(locale=locale).plural_forms


def test_msgfmt_check_passes_on_every_catalogue():
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_dennis_lint_passes_on_every_catalogue():
    # W302 (translation identical to the English) is left to the completeness test above, which
    # allows "(%(note)s)" but not a copied English sentence.
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "dennis-cmd"), "lint", "--strict", "--excluderules", "W302",
                             str(TRANSLATIONS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def english_sentences():
    """Messages long enough that finding one verbatim on a page means it was not translated."""
    ids = message_ids(catalogue(TRANSLATIONS / "messages.pot"))
    for message_id in ids:
        text = message_id if isinstance(message_id, str) else message_id[0]
        plain = re.sub(r"<[^>]+>|%\([a-z_]+\)s", " ", text)
        if len(re.findall(r"[A-Za-z]{2,}", plain)) >= 4:
            yield re.sub(r"\s+", " ", plain).strip()


def visible_text(page_html):
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page_html)
    # A service's own words quoted in their language (<q lang="en">) are not English left behind.
    body = re.sub(r'(?s)<(q|span)\b[^>]*\blang="[^"]*"[^>]*>.*?</\1>', " ", body)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_no_english_is_left_on_a_page_in_another_language(app):
    client = app.test_client()
    # A service's own name (from the help directory) is not English left behind, even where a
    # message happens to repeat it, e.g. "Opioid Treatment Access Line".
    names = " ".join(resource.name for resources in app.extensions["directory"].countries.values()
                     for resource in resources)
    sentences = [s for s in english_sentences() if len(s) > 20 and s not in names]
    editions = app.extensions["editions"]
    for language in [lang for lang in editions.languages if lang.tag != editions.default_language]:
        for edition in (language.tag, f"{language.tag}-gb"):
            for path in page_paths(app, edition):
                text = visible_text(client.get(path).get_data(as_text=True))
                left = [s for s in sentences if s in text]
                assert left == [], (path, left[:5])


def test_the_english_check_catches_a_planted_untranslated_sentence():
    sentences = [s for s in english_sentences() if len(s) > 20]
    planted = "<p>Texto traducido. " + sentences[0] + "</p>"
    assert any(s in visible_text(planted) for s in sentences)


@pytest.mark.parametrize("tag", ["ar"])
def test_right_to_left_languages_get_dir_rtl(app, tag):
    language = app.extensions["editions"].language(tag)
    if language is None:
        pytest.skip(f"{tag} is not offered yet")
    html_text = app.test_client().get(f"/{tag}/").get_data(as_text=True)
    assert f'<html lang="{tag}" dir="rtl">' in html_text
