"""What a help card needs beyond the data: its dates in the page's language, whether it is past
its next check, and the link that reports a wrong number; and `flask directory due`, the list of
what maintainers should check next.

"Today" is the machine's date unless the DIRECTORY_TODAY setting fixes it (tests, and anyone
checking how the site will look on a later date).
"""
import datetime
from urllib.parse import quote

import click
from babel.dates import format_skeleton
from babel.lists import format_list
from flask import current_app, url_for
from flask.cli import with_appcontext
from flask_babel import format_date, get_locale, gettext

from .i18n import month_year
from .urls import current_edition


def init_app(app):
    app.jinja_env.filters.update(evidence_date=evidence_date, long_date=lambda day: format_date(day, "long"))
    app.jinja_env.globals.update(join_list=join_list)
    app.cli.add_command(directory_cli)
    app.context_processor(lambda: {"directory_today": directory_today, "report_link": report_link,
                                   "contact_email": current_app.config.get("CONTACT_EMAIL")})


def join_list(items, names=None):
    """"phone numbers and opening hours", joined the way the page's language joins a list;
    `names` maps each item to its words first."""
    return format_list([names[item] if names else item for item in items], locale=get_locale())


def directory_today():
    fixed = current_app.config.get("DIRECTORY_TODAY")
    if isinstance(fixed, str):
        return datetime.date.fromisoformat(fixed)
    return fixed or datetime.date.today()


def evidence_date(value):
    """ "2022" reads as a year ("2022年" in Chinese); "2021-08" and "2021-08-13" as "August 2021"."""
    if len(value) == 4:
        return format_skeleton("y", datetime.date(int(value), 1, 1), locale=get_locale())
    return month_year(datetime.date.fromisoformat(value[:7] + "-01"))


def report_link(resource):
    """A mailto: link that names the resource and the edition, or the About page's contact section.

    Nothing is sent to this site: the visitor's own mail app opens, so it works on a static copy.
    """
    address = current_app.config.get("CONTACT_EMAIL")
    if not address:
        return url_for("pages.about", _anchor="contact")
    edition = current_edition()
    name = gettext(resource.name) if resource.generic else resource.name
    subject = gettext("Problem with a help number: %(service)s [%(id)s, %(edition)s]",
                      service=name, id=resource.id, edition=edition.tag)
    body = gettext("What is wrong (the number, the opening hours, the service has closed…)?\n\n\n"
                   "Where did you find the right details, if you know?\n\n\n"
                   "Please do not write anything about your own or anyone else’s health.")
    return f"mailto:{address}?subject={quote(subject)}&body={quote(body)}"


@click.group("directory")
def directory_cli():
    """Look after the help directory."""


@directory_cli.command("due")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Pretend it is this date (YYYY-MM-DD); default: today.")
@click.option("--within", type=click.IntRange(min=0), default=30, show_default=True,
              help="Also list resources whose next check falls within this many days.")
@with_appcontext
def due(today, within):
    """List every resource due for a check or overdue, soonest first, with its sources.

    Shown and hidden entries alike: a single-source entry waits for someone to confirm it.
    """
    today = today.date() if today else directory_today()
    found = current_app.extensions["directory"].due(today, within)
    if not found:
        click.echo(f"Nothing is due by {today + datetime.timedelta(days=within)}.")
        return
    overdue = sum(1 for _code, resource in found if resource.overdue(today))
    click.echo(f"{len(found)} resource(s) due by {today + datetime.timedelta(days=within)}, "
               f"{overdue} of them overdue on {today}:")
    for code, resource in found:
        state = "OVERDUE" if resource.overdue(today) else "due"
        shown = "shown" if resource.shown else "not shown"
        click.echo(f"\n{resource.id}  [{code}]  {state}: next check {resource.next_check}  ({shown}, {resource.status}"
                   f"{', recheck' if resource.recheck else ''})")
        click.echo(f"  evidence {resource.evidence or 'undated'} · reviewed {resource.reviewed}")
        for source in resource.sources:
            click.echo(f"  {source}")
