"""Editions: which language and country a URL or a browser asks for (pure functions)."""
import pytest

from harmreduce.editions import Editions, Language

EDITIONS = Editions(
    [Language("en", "en"), Language("es", "es"), Language("zh-hans", "zh_Hans"), Language("zh-hant", "zh_Hant"),
     Language("pt", "pt")],
    ["GB", "MX", "US", "HK", "TW", "CN", "BR", "FR"],
    "en",
)


@pytest.mark.parametrize("segment, tag, canonical", [
    ("en", "en", True),
    ("en-gb", "en-gb", True),
    ("es-mx", "es-mx", True),
    ("zh-hant-hk", "zh-hant-hk", True),
    ("zh-hans", "zh-hans", True),
    ("pt-br", "pt-br", True),
    ("EN-GB", "en-gb", False),
    ("en_GB", "en-gb", False),
    ("Zh_Hant_HK", "zh-hant-hk", False),
])
def test_a_url_segment_names_an_edition(segment, tag, canonical):
    parsed = EDITIONS.parse(segment)
    assert parsed.edition.tag == tag
    assert parsed.canonical is canonical


@pytest.mark.parametrize("segment", ["xx", "en-zz", "en-gbr", "fr-fr", "", "-", "en-", "zh", "zh-hk", "en-gb-x"])
def test_unknown_languages_and_countries_name_no_edition(segment):
    assert EDITIONS.parse(segment).edition is None


@pytest.mark.parametrize("header, tag", [
    ([("es-MX", 1), ("es", 0.9)], "es-mx"),
    ([("en-GB", 1)], "en-gb"),
    ([("en", 1)], "en"),
    ([("zh-TW", 1)], "zh-hant-tw"),
    ([("zh-CN", 1)], "zh-hans-cn"),
    ([("zh-HK", 1)], "zh-hant-hk"),
    ([("pt-BR", 1)], "pt-br"),
    ([("pt-PT", 1)], "pt"),  # Portugal is not an edition: language only
    ([("de-DE", 1), ("es", 0.5)], "es"),  # German not offered: the next language the visitor reads
    ([("fr-FR", 1), ("en", 0.5)], "en-fr"),  # the header names France: keep its numbers
    ([("ja", 1)], "en"),
    ([], "en"),
    ([("*", 1)], "en"),
    ([("en-US", 1), ("es-MX", 0.8)], "en-us"),
])
def test_the_browser_language_picks_the_edition(header, tag):
    assert EDITIONS.negotiate(header).tag == tag


def test_native_names_and_directions_come_from_babel():
    assert Language("es", "es").native_name == "Español"
    assert Language("zh-hant", "zh_Hant").native_name.startswith("中文")
    assert Language("ar", "ar").direction == "rtl"
    assert Language("en", "en").direction == "ltr"
