"""Languages: Flask-Babel set-up, names from Babel's locale data, and gettext for data files.

Text that lives in data files (help-directory descriptions, self-check questions) is extracted
into the same catalogue as the templates by `extract_yaml`, so translators see one file.
"""
import datetime
import subprocess
import sys
from pathlib import Path

import click
import yaml
from babel.dates import format_skeleton
from babel.lists import format_list
from flask_babel import Babel, get_locale, gettext
from markupsafe import escape

from .urls import current_edition

ROOT = Path(__file__).resolve().parent.parent


def init_app(app):
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    Babel(app, locale_selector=select_locale)
    # Whole paragraphs are messages: trimming keeps template indentation out of msgids.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.globals.update(country_name=country_name, language_name=language_name,
                                 resource_languages=resource_languages)
    app.jinja_env.filters.update(month_year=month_year, translated=translated, service_name=service_name)
    app.cli.add_command(translate)


def select_locale():
    return current_edition().language.locale


def country_name(code):
    """A country's name in the page's language, from Babel's locale data."""
    return get_locale().territories.get(code, code)


# Codes whose own name Babel's locale data lacks: Mandarin is named as Chinese.
LANGUAGE_NAME_FALLBACKS = {"cmn": "zh"}


def language_name(code):
    """A language's name (ISO 639 code) in the page's language, without a guessed script or
    region (Babel would call Mandarin "Chinese (Simplified, China)")."""
    names = get_locale().languages
    return names.get(code) or names.get(LANGUAGE_NAME_FALLBACKS.get(code, ""), code)


def translated(text):
    """Text from a data file in the page's language, escaped like any other value.

    (Jinja's `_()` would mark it safe and apply %-formatting to it.)
    """
    return escape(gettext(text))


def service_name(resource):
    """A help service's name: its own name as it is, or a generic description translated."""
    return translated(resource.name) if resource.generic else resource.name


def resource_languages(resource):
    """"English, Spanish and Portuguese", listed the way the page's language lists things."""
    return format_list([language_name(code) for code in resource.languages], locale=get_locale())


def month_year(value):
    """"November 2026" in the page's language; accepts a date or an ISO date string."""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return format_skeleton("yMMMM", value, locale=get_locale())


def extract_yaml(fileobj, keywords, comment_tags, options):
    """Babel extractor: every string under a key listed in the `keys` option becomes a message.

    A list under such a key contributes each of its strings. Line numbers point at the value.
    """
    keys = set(options.get("keys", "").split())
    root = yaml.compose(fileobj.read().decode("utf-8"))
    for key, node in _walk(root):
        if key in keys:
            for scalar in _strings(node):
                yield scalar.start_mark.line + 1, "gettext", scalar.value, []


def _walk(node, key=None):
    yield key, node
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            yield from _walk(value, key_node.value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, key)


def _strings(node):
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value:
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.tag == "tag:yaml.org,2002:str":
                yield item


@click.group()
def translate():
    """Translation commands: update and compile the gettext catalogues."""


def _pybabel(*args):
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


@translate.command()
def extract():
    """Write translations/messages.pot from the templates, code and data files."""
    _pybabel("extract", "--no-location", "--sort-output", "--add-comments=Translators:", "-F", "babel.cfg",
             "-k", "_l", "-o", "translations/messages.pot", ".")


@translate.command()
def update():
    """Extract, then merge new messages into every language's catalogue."""
    extract.callback()
    _pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", "-i", "translations/messages.pot", "-d", "translations")


@translate.command(name="compile")
def compile_catalogues():
    """Compile every catalogue to .mo (what the running site reads)."""
    _pybabel("compile", "--statistics", "-d", "translations")


@translate.command()
@click.argument("locale")
def init(locale):
    """Start a catalogue for a new language, e.g. `flask translate init zh_Hant`."""
    _pybabel("init", "-i", "translations/messages.pot", "-d", "translations", "-l", locale)
