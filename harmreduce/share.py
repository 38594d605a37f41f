"""Share kit for outreach workers: a link and QR code for any page, in any language and
country; printable pocket cards and leaflets; a "show this screen" help card; discreet links.

Everything works without JavaScript: the share page is a GET form that reloads with the
choices. Cards, leaflets and QR codes live under the *chosen* edition, so they come out in
that language with that country's numbers without any extra parameter.
"""
import io
from dataclasses import dataclass

import segno
from flask import Blueprint, Response, abort, current_app, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, Form, SelectField

from .editions import Edition
from .i18n import country_name
from .layout import countries_by_name, public_url
from .urls import editions

bp = Blueprint("share", __name__)

# The pages worth handing to someone, in the order the form offers them.
SHAREABLE = {
    "home": ("pages.home", _l("Home page")),
    "signs": ("content.signs", _l("Signs of a problem")),
    "bladder": ("content.bladder", _l("Ketamine and the bladder")),
    "risks": ("content.risks", _l("Long-term risks")),
    "self-check": ("selfcheck.start", _l("Self-check")),
    "help": ("help.help_page", _l("Get help")),
    "urgent": ("help.urgent", _l("Urgent help")),
    "worried": ("content.worried", _l("Worried about someone")),
    "getting-help": ("content.getting_help", _l("What getting help looks like")),
}
NO_COUNTRY = "none"
# High error correction: the code still scans from a creased or dirty card.
QR_ERROR_CORRECTION = "h"


class ShareForm(Form):
    page = SelectField(_l("Page"))
    language = SelectField(_l("Language"))
    country = SelectField(_l("Country"))
    discreet = BooleanField(_l("Discreet link: the preview and tab title say only “Health information”"))

    def __init__(self, args, edition):
        # Until the visitor chooses, offer this page's own edition and the home page.
        formdata = MultiDict({"page": "home", "language": edition.language.tag,
                              "country": edition.country.lower() if edition.country else NO_COUNTRY})
        for key in ("page", "language", "country", "discreet"):
            if key in args:
                formdata.setlist(key, args.getlist(key))
        super().__init__(formdata)
        self.page.choices = [(key, str(label)) for key, (_endpoint, label) in SHAREABLE.items()]
        self.language.choices = [(language.tag, language.native_name) for language in editions().languages]
        self.country.choices = [(code.lower(), country_name(code)) for code in countries_by_name()] \
            + [(NO_COUNTRY, _("No country (international help)"))]


@dataclass(frozen=True)
class ShareTarget:
    """A page in an edition, optionally as a discreet link."""

    page: str
    edition: Edition
    discreet: bool

    @property
    def path(self):
        endpoint = SHAREABLE[self.page][0]
        return url_for(endpoint, edition=self.edition.tag, d=self.discreet_flag)

    @property
    def url(self):
        return public_url(self.path)

    def kit_url(self, endpoint, **extra):
        """A share-kit resource (QR code, card, leaflet) for this target, under its edition."""
        return url_for(endpoint, edition=self.edition.tag, page=self.page, d=self.discreet_flag, **extra)

    @property
    def discreet_flag(self):
        """The query value that marks a discreet link (None: no parameter at all)."""
        return "1" if self.discreet else None


def target_from_form(form):
    language = editions().language(form.language.data)
    country = None if form.country.data == NO_COUNTRY else form.country.data.upper()
    return ShareTarget(form.page.data, Edition(language, country), bool(form.discreet.data))


def target_from_args():
    """The target named by a kit URL: this edition, ?page=…, and ?d=1 for a discreet link."""
    page = request.args.get("page", "home")
    if page not in SHAREABLE:
        abort(404)
    return ShareTarget(page, g.edition, g.get("discreet", False))


def qr_code(url):
    return segno.make(url, error=QR_ERROR_CORRECTION, micro=False)


def qr_svg_inline(url, title):
    """The QR code as inline SVG that scales with CSS (viewBox, no fixed size), on white."""
    return Markup(qr_code(url).svg_inline(scale=1, border=4, omitsize=True, light="#fff", title=title))


@bp.get("/<edition>/share")
def share():
    """Choose a page, a language and a country; get the link, QR code, card and leaflet."""
    form = ShareForm(request.args, g.edition)
    if not form.validate():
        return render_template("share/share.html", form=form, target=None), 400
    target = target_from_form(form)
    qr = qr_svg_inline(target.url, _("QR code for %(url)s", url=target.url))
    return render_template("share/share.html", form=form, target=target, qr=qr)


def _download(body, mimetype, target, extension):
    name = f"harmreduce-{target.edition.tag}-{target.page}{'-discreet' if target.discreet else ''}.{extension}"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/<edition>/share/qr.svg")
def qr_svg():
    """The QR code as a stand-alone SVG file, sized for print (1 mm per module)."""
    target = target_from_args()
    buffer = io.BytesIO()
    qr_code(target.url).save(buffer, kind="svg", unit="mm", scale=1, border=4, light="#fff",
                             title=target.url)
    return _download(buffer.getvalue(), "image/svg+xml", target, "svg")


@bp.get("/<edition>/share/qr.png")
def qr_png():
    """The QR code as a PNG, large enough to print sharply at 3 cm."""
    target = target_from_args()
    buffer = io.BytesIO()
    qr_code(target.url).save(buffer, kind="png", scale=12, border=4)
    return _download(buffer.getvalue(), "image/png", target, "png")


def _help_numbers():
    """The first service of each kind with a number to call. A card has no room for the caution an
    enforcement-run line needs, so such a line is never a key number."""
    directory = current_app.extensions["directory"]

    def first(kind):
        callable_ = [r for r in directory.resources(g.edition.country, (kind,)) if r.phones and not r.enforcement]
        return tuple(callable_[:1])

    return {"emergency": first("emergency"), "drug_help": first("drug_helpline"), "crisis": first("crisis_line")}


@bp.get("/<edition>/share/card")
def card():
    """A pocket card to print: QR code, one line on the site, the country's key numbers."""
    target = target_from_args()
    size = request.args.get("size", "card")
    if size not in ("card", "a6"):
        abort(404)
    qr = qr_svg_inline(target.url, _("QR code for %(url)s", url=target.url))
    return render_template("share/card.html", target=target, qr=qr, size=size, **_help_numbers())


@bp.get("/<edition>/share/leaflet")
def leaflet():
    """A one-page A4 leaflet: the signs, the bladder warning signs, QR code and numbers."""
    target = target_from_args()
    qr = qr_svg_inline(target.url, _("QR code for %(url)s", url=target.url))
    return render_template("share/leaflet.html", target=target, qr=qr, **_help_numbers())


@bp.get("/<edition>/show")
def show_screen():
    """Large-type help card to hand a phone to someone: the country's urgent and help numbers."""
    return render_template("share/show.html", **_help_numbers())
