"""Editions: the language and country that every URL carries, e.g. /es-mx/help or /en/help.

Language and country are independent. "en" alone is the no-country edition (international
resources plus a country chooser). Everything here is a plain function over plain data so
the rules can be tested without a request.
"""
from dataclasses import dataclass
from functools import cached_property

from babel import Locale, UnknownLocaleError

from .datafile import DataFileError, read_yaml, require


@dataclass(frozen=True)
class Language:
    tag: str
    locale: str

    @cached_property
    def babel(self):
        return Locale.parse(self.locale)

    @property
    def direction(self):
        return self.babel.text_direction

    @property
    def native_name(self):
        """The language's own name for itself, from Babel's locale data."""
        name = self.babel.get_display_name(self.babel)
        return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class Edition:
    language: Language
    country: str | None = None

    @property
    def tag(self):
        return f"{self.language.tag}-{self.country.lower()}" if self.country else self.language.tag


@dataclass(frozen=True)
class Parsed:
    """What a URL segment names: an edition, and whether the segment was spelled canonically."""

    edition: Edition | None
    canonical: bool


class Editions:
    def __init__(self, languages, countries, default_language):
        self.languages = tuple(languages)
        self.countries = tuple(countries)
        self.default_language = default_language
        self._by_tag = {language.tag: language for language in self.languages}

    def language(self, tag):
        return self._by_tag.get(tag)

    def parse(self, segment):
        """Read a URL segment such as "en-gb", "EN_GB" or "zh-hant-hk" into an edition.

        Upper case and "_" are accepted but reported as non-canonical so the caller can
        redirect to the one spelling that links and caches share.
        """
        normal = segment.lower().replace("_", "-")
        for tag in sorted(self._by_tag, key=len, reverse=True):
            if normal == tag:
                return Parsed(Edition(self._by_tag[tag]), normal == segment)
            if normal.startswith(tag + "-"):
                country = normal[len(tag) + 1:].upper()
                if country in self.countries:
                    return Parsed(Edition(self._by_tag[tag], country), normal == segment)
        return Parsed(None, False)

    def negotiate(self, accept_languages):
        """Pick the edition for a visitor from their Accept-Language preferences.

        `accept_languages` is a sequence of (value, quality) pairs, best first. The country is
        taken only from a range that names one we support; we never guess it any other way.
        """
        for value, _quality in accept_languages:
            language = self._match_language(value)
            if language is None:
                continue
            return Edition(language, self._country_for(language, accept_languages))
        return Edition(self._by_tag[self.default_language])

    def _match_language(self, value):
        locale = _parse_locale(value)
        if locale is None:
            return None
        candidates = [lang for lang in self.languages if lang.babel.language == locale.language]
        if len(candidates) > 1 and locale.script:
            # Babel fills in the likely script (zh-TW -> Hant), so regional tags pick the right one;
            # a bare "zh" takes whichever Chinese comes first in data/editions.yaml.
            candidates = [lang for lang in candidates if lang.babel.script == locale.script] or candidates
        return candidates[0] if candidates else None

    def _country_for(self, language, accept_languages):
        """A country the header names: preferably on a range in the chosen language."""
        named = [(_parse_locale(value), value) for value, _quality in accept_languages]
        named = [(locale, value) for locale, value in named if locale and locale.territory in self.countries]
        same_language = [locale for locale, value in named if self._match_language(value) == language]
        chosen = (same_language or [locale for locale, _value in named] or [None])[0]
        return chosen.territory if chosen else None


def _parse_locale(value):
    try:
        return Locale.parse(value.replace("_", "-"), sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def load_editions(path, countries):
    """Load data/editions.yaml; countries come from the help directory."""
    data = read_yaml(path)
    languages = []
    for index, entry in enumerate(require(data, "languages", list, path, "top level")):
        where = f"languages[{index}]"
        tag = require(entry, "tag", str, path, where)
        locale = require(entry, "locale", str, path, where)
        if tag != tag.lower():
            raise DataFileError(path, where, "tag", "should be lower case")
        try:
            Locale.parse(locale)
        except (ValueError, UnknownLocaleError):
            raise DataFileError(path, where, "locale", f"'{locale}' is not a locale Babel knows") from None
        languages.append(Language(tag, locale))
    default = require(data, "default_language", str, path, "top level")
    if default not in {language.tag for language in languages}:
        raise DataFileError(path, "top level", "default_language", f"'{default}' is not in languages")
    return Editions(languages, countries, default)
