"""What every page's frame needs: edition, urgent number, switchers, alternates, quick exit."""
import unicodedata

from flask import current_app, request, url_for
from jinja2 import StrictUndefined

from .editions import Edition
from .i18n import country_name
from .urls import current_edition, editions


def init_app(app):
    # A template naming a variable nobody set is a bug: fail loudly (the tests render every page).
    app.jinja_env.undefined = StrictUndefined
    app.context_processor(layout_context)


def directory():
    return current_app.extensions["directory"]


def layout_context():
    edition = current_edition()
    return {
        "edition": edition,
        "editions": editions(),
        # No country chosen: no number in the header, since no single number works everywhere.
        "urgent_resource": directory().emergency(edition.country) if edition.country else None,
        "quick_exit_url": current_app.config["QUICK_EXIT_URL"],
        "edition_url": edition_url,
        "alternates": alternates,
        "countries_by_name": countries_by_name,
        "public_url": public_url,
        "urgency": current_app.extensions["urgency"],
        "help_for": help_for,
    }


def help_for(kinds):
    """The edition's help of these kinds, in that order (the international list with no country)."""
    return directory().for_kinds(current_edition().country, kinds)


def edition_url(language=None, country=False):
    """This page in another edition: another language, another country, or no country (None).

    Pages that are not under an edition (errors) link to that edition's home page instead.
    """
    current = current_edition()
    target = Edition(language or current.language, current.country if country is False else country)
    if request.url_rule is not None and "edition" in request.url_rule.arguments:
        return url_for(request.endpoint, **request.view_args, edition=target.tag)
    return url_for("pages.home", edition=target.tag)


def alternates():
    """hreflang alternates: this page in every language, with no country and with this country."""
    current = current_edition()
    links = []
    for language in editions().languages:
        links.append((language.tag, edition_url(language, None)))
        if current.country:
            links.append((f"{language.tag}-{current.country}", edition_url(language, current.country)))
    return links


def countries_by_name():
    """Country codes in the alphabetical order of their names in the page's language, with
    accents ignored ("Bélgica" between "Alemanha" and "Brasil", not after "Brasil")."""
    return sorted(editions().countries, key=lambda code: _sort_key(country_name(code)))


def _sort_key(name):
    letters = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in letters if not unicodedata.combining(char))


def public_url(path):
    """An absolute address on the public site (for previews, canonical and hreflang links)."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path
