"""The help directory: every helpline, crisis line and service the site shows, per country.

Each country's directory is `data/countries/<cc>/directory.yaml` (data/countries/README.md has the
schema), in the order `data/countries.yaml` lists the countries, plus `data/countries/intl/` for
the international fallback. Everything is checked when the app starts: a missing field, an unknown
kind, a display number that does not match the number a link dials, a duplicate id, a "free" text
on a charged line, an enforcement-run line without its caution or a number on the country's
`not_listed` list stops start-up with a message naming the file, the entry and the field. Nothing
here needs a request, so the rules are tested as plain functions.

Only `verified` entries are shown. `single-source` entries stay in the file, exactly like the
others, until someone confirms them; `withheld` keeps a verified entry off the site too.
"""
import calendar
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from .datafile import DataFileError, one_of, only_known_fields, read_yaml, require

# urgent_care: same-day medical help that is not the emergency number (NHS 111 in the UK).
KINDS = ("emergency", "urgent_care", "drug_helpline", "crisis_line", "treatment_finder", "family_support",
         "youth_helpline", "text", "chat")
# What contacting the service costs, as the service describes it. Only `free` lets a page say "free".
COSTS = ("free", "national_rate", "charged", "varies", "unknown")
# Who runs the service. `enforcement` (police, a narcotics board, an interior ministry) is never
# presented as confidential help: such a line needs a `caution`. `unknown`: the sources do not say,
# and the card says so rather than guess.
OPERATOR_TYPES = ("health", "ngo", "government", "enforcement", "emergency", "other", "unknown")
CONSEQUENCES = ("police", "compulsory_treatment", "registration")
STATUSES = ("verified", "single-source")
# Channels reached with a number. Message apps get no link: tel:/sms: would open the wrong app.
NUMBERED_CHANNELS = ("call", "sms", "whatsapp", "line", "kakaotalk", "wechat")
CHANNEL_TYPES = NUMBERED_CHANNELS + ("chat", "email")
CONFIDENTIALITY_BY = ("service", "report")
NOT_LISTED_REASONS = ("misprint", "obsolete", "crime_report", "not_help", "unverified")
CHANGE_TYPES = ("added", "changed", "withdrawn")
CHANGED_FIELDS = ("numbers", "hours", "cost", "operator", "status", "channels", "details")
WITHDRAWN_REASONS = ("closed", "not_confirmed", "replaced")
INTERNATIONAL = "INTL"
# Months until the next check: sooner where the evidence is weak, old or undated.
RECHECK_MONTHS, CHECK_MONTHS = 6, 12

_RESOURCE_FIELDS = ("id", "kinds", "description", "operator", "cost", "channels", "url", "hours", "languages",
                    "languages_note", "confidentiality", "status", "recheck", "evidence", "reviewed", "sources")
# A resource has a `name` (the service's own, never translated: "FRANK") or a `generic_name`
# (a plain description in English, translated like any text: "Emergency services").
_NAME_FIELDS = ("name", "generic_name")
_OPTIONAL_RESOURCE_FIELDS = ("withheld", "caution") + _NAME_FIELDS
_CHANNEL_FIELDS = ("type", "display", "dial", "url", "address", "hours", "note")

_COUNTRY = re.compile(r"[A-Z]{2}")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DIAL = re.compile(r"\+?[0-9]+")
_DISPLAY = re.compile(r"\+?[0-9][0-9 ()\-.]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_URL = re.compile(r"https?://\S+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")
_EVIDENCE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Words that promise or deny a free call, for the cost check. "not a free number" promises nothing.
_SAYS_FREE = re.compile(r"(?<!not )(?<!not a )\b(free(phone)?|toll-free)\b", re.IGNORECASE)
_SAYS_CHARGED = re.compile(r"national rate|per call|per minute|premium rate|\bcharged\b|\bcosts? \d",
                           re.IGNORECASE)


def add_months(day, months):
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Channel:
    """One way to reach a service: a number to call or text, a message app, a web chat or email."""
    type: str
    display: str | None = None
    dial: str | None = None
    url: str | None = None
    address: str | None = None
    hours: str | None = None
    note: str | None = None

    @property
    def href(self):
        """The link that starts the contact (tel:988, sms:82111, a chat page, mailto:); None for apps."""
        if self.type in ("call", "sms"):
            return f"{'sms' if self.type == 'sms' else 'tel'}:{self.dial}"
        if self.type == "chat":
            return self.url
        if self.type == "email":
            return f"mailto:{self.address}"
        return None


@dataclass(frozen=True)
class Operator:
    type: str
    name: str | None


@dataclass(frozen=True)
class Confidentiality:
    """What the service says about confidentiality, in its own words (or as reported), with source."""
    quote: str
    language: str
    source: str
    by: str


@dataclass(frozen=True)
class Caution:
    """What contacting an enforcement-run line can lead to, as sources say."""
    may_lead_to: tuple[str, ...]
    source: str | None


@dataclass(frozen=True)
class Resource:
    id: str
    kinds: tuple[str, ...]
    name: str
    description: str
    operator: Operator
    cost: str
    channels: tuple[Channel, ...]
    url: str | None
    hours: str | None
    languages: tuple[str, ...]
    languages_note: str | None
    confidentiality: Confidentiality | None
    status: str
    recheck: bool
    evidence: str | None
    reviewed: datetime.date
    sources: tuple[str, ...]
    caution: Caution | None = None
    withheld: str | None = None
    generic: bool = False

    @property
    def free(self):
        return self.cost == "free"

    @property
    def phones(self):
        """The channels reached with a number, in file order (calls, texts, message apps)."""
        return tuple(channel for channel in self.channels if channel.dial)

    @property
    def enforcement(self):
        return self.operator.type == "enforcement"

    def is_a(self, kinds):
        return any(kind in kinds for kind in self.kinds)

    @property
    def shown(self):
        """Only verified entries reach a visitor."""
        return self.status == "verified" and self.withheld is None

    @property
    def next_check(self):
        """When someone should next open the service's own pages: sooner for weak or undated evidence."""
        months = RECHECK_MONTHS if self.recheck or self.evidence is None else CHECK_MONTHS
        return add_months(self.reviewed, months)

    def overdue(self, today):
        return today > self.next_check


@dataclass(frozen=True)
class NotListed:
    """A number that must never be shown for a country: a misprint, a crime-report line…"""
    number: str
    reason: str
    why: str  # for maintainers, never shown (so not translated)
    source: str


@dataclass(frozen=True)
class Change:
    """One line of the public change log."""
    date: datetime.date
    country: str
    resource: str
    change: str
    name: str | None = None  # given for a withdrawn resource, which may be gone from the file
    fields: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class Directory:
    countries: dict[str, tuple[Resource, ...]]
    not_listed: dict[str, tuple[NotListed, ...]]
    changes: dict[str, tuple[Change, ...]]

    def country_codes(self):
        """Every country in order, without the international fallback."""
        return tuple(code for code in self.countries if code != INTERNATIONAL)

    def _code(self, country):
        code = INTERNATIONAL if country is None else country.upper()
        if code not in self.countries:
            raise KeyError(f"no help directory for country {country!r}")
        return code

    def resources(self, country, kinds=None):
        """The shown resources for a country (None: international), in file order.

        `kinds` keeps only resources with at least one of those kinds; it filters, it does not reorder.
        """
        code = self._code(country)
        if isinstance(kinds, str):
            kinds = (kinds,)
        if kinds is not None:
            kinds = tuple(kinds)
            unknown = [kind for kind in kinds if kind not in KINDS]
            if unknown:
                raise ValueError(f"unknown resource kind(s): {', '.join(unknown)}")
        return tuple(resource for resource in self.countries[code]
                     if resource.shown and (kinds is None or resource.is_a(kinds)))

    def for_kinds(self, country, kinds):
        """The shown resources of these kinds in the order the kinds are named (then file order),
        each once: a drug helpline that is also a crisis line is listed where it first fits.
        Enforcement-run lines come after every health and NGO line of the same kind."""
        found = []
        for kind in kinds:
            of_kind = self.resources(country, (kind,))
            found.extend(r for r in sorted(of_kind, key=lambda r: r.enforcement) if r not in found)
        return tuple(found)

    def emergency(self, country):
        """The first shown emergency resource with a phone number (None: international)."""
        for resource in self.resources(country, ("emergency",)):
            if resource.phones:
                return resource
        return None

    def all_resources(self):
        """(country, resource) for every resource in the files, shown or not."""
        return [(code, resource) for code, resources in self.countries.items() for resource in resources]

    def due(self, today, within_days=0):
        """Every resource whose next check falls on or before `today` + `within_days`, soonest first."""
        horizon = today + datetime.timedelta(days=within_days)
        found = [(code, resource) for code, resource in self.all_resources() if resource.next_check <= horizon]
        return sorted(found, key=lambda pair: (pair[1].next_check, pair[1].id))

    def change_log(self, country):
        """The changes for a country's edition (None: international), newest first."""
        return tuple(sorted(self.changes[self._code(country)], key=lambda change: change.date, reverse=True))

    def by_id(self, resource_id):
        for _code, resource in self.all_resources():
            if resource.id == resource_id:
                return resource
        return None


def load_directory(data_dir):
    """Read and check data/countries.yaml and every country's directory.yaml."""
    data_dir = Path(data_dir)
    index = data_dir / "countries.yaml"
    data = read_yaml(index)
    only_known_fields(data, ("countries",), index, "top level")
    codes = require(data, "countries", list, index, "top level")
    for code in codes:
        if not isinstance(code, str) or not _COUNTRY.fullmatch(code):
            raise DataFileError(index, "countries", "country code", f"{code!r} should be two upper-case letters "
                                                                   "(ISO 3166-1)")
    if len(set(codes)) != len(codes):
        raise DataFileError(index, "countries", "country code", "a country is listed twice")

    seen_ids = {}
    countries, not_listed, changes = {}, {}, {}
    for code in list(codes) + [INTERNATIONAL]:
        path = data_dir / "countries" / code.lower() / "directory.yaml"
        entry = read_yaml(path)
        only_known_fields(entry, ("resources", "not_listed", "changes"), path, "top level")
        not_listed[code] = tuple(_not_listed(item, index_, path)
                                 for index_, item in enumerate(entry.get("not_listed") or []))
        items = require(entry, "resources", list, path, "top level")
        countries[code] = tuple(_resource(item, code, number, path, seen_ids, not_listed[code])
                                for number, item in enumerate(items))
        changes[code] = _changes(entry.get("changes") or [], code, countries[code], path)
    return Directory(countries=countries, not_listed=not_listed, changes=changes)


def _text(item, key, path, where, optional=False):
    value = require(item, key, (str, type(None)) if optional else str, path, where)
    if value is not None and not value.strip():
        raise DataFileError(path, where, key, "is empty" + (" (use null)" if optional else ""))
    return value


def _url(value, path, where, key):
    if value is not None and not _URL.fullmatch(value):
        raise DataFileError(path, where, key, f"{value!r} should start with http:// or https://")
    return value


def _resource(item, code, index, path, seen_ids, not_listed):
    where = f"resources[{index}]"
    if not isinstance(item, dict):
        raise DataFileError(path, where, "-", "should be a mapping")
    if isinstance(item.get("id"), str):
        where = f"{where} ({item['id']})"
    only_known_fields(item, _RESOURCE_FIELDS + _OPTIONAL_RESOURCE_FIELDS, path, where)

    def text(key, optional=False):
        return _text(item, key, path, where, optional)

    resource_id = text("id")
    if not _ID.fullmatch(resource_id) or not resource_id.startswith(code.lower() + "-"):
        raise DataFileError(path, where, "id", f"{resource_id!r} should be a lower-case slug starting "
                                               f"'{code.lower()}-' (letters, digits, hyphens)")
    if resource_id in seen_ids:
        raise DataFileError(path, where, "id",
                            f"duplicate id {resource_id!r} (first used at {seen_ids[resource_id]})")
    seen_ids[resource_id] = f"{path}: {where}"

    kinds = require(item, "kinds", list, path, where)
    if not kinds or any(kind not in KINDS for kind in kinds) or len(set(kinds)) != len(kinds):
        raise DataFileError(path, where, "kinds", f"{kinds!r} should list one or more of: {', '.join(KINDS)}, "
                                                  "each once")
    status = one_of(item, "status", STATUSES, path, where)

    channels = tuple(_channel(channel, f"{where}.channels[{number}]", path)
                     for number, channel in enumerate(require(item, "channels", list, path, where)))
    url = _url(text("url", optional=True), path, where, "url")
    if not channels and url is None:
        raise DataFileError(path, where, "channels", "a resource needs at least one channel or a url")
    for number, channel in enumerate(channels):
        for banned in not_listed:
            if channel.dial and channel.dial.lstrip("+") == _digits(banned.number):
                raise DataFileError(path, f"{where}.channels[{number}]", "dial",
                                    f"{channel.display} is on this country's not_listed list "
                                    f"({banned.reason}: {banned.why})")

    languages = require(item, "languages", list, path, where)
    for language in languages:
        if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
            raise DataFileError(path, where, "languages",
                                f"{language!r} should be an ISO 639 code such as 'en' "
                                "(free text goes in languages_note)")

    sources = require(item, "sources", list, path, where)
    if not sources:
        raise DataFileError(path, where, "sources", "needs at least one source")
    for source in sources:
        if not isinstance(source, str) or not _URL.fullmatch(source):
            raise DataFileError(path, where, "sources", f"{source!r} should be a http(s):// URL")

    named = [field for field in _NAME_FIELDS if field in item]
    if not named:
        raise DataFileError(path, where, "name", "is missing (or give generic_name for a plain description)")
    if len(named) > 1:
        raise DataFileError(path, where, "name", "give name or generic_name, not both")

    operator = _operator(require(item, "operator", dict, path, where), path, f"{where}.operator")
    caution = _caution(item.get("caution"), path, f"{where}.caution")
    if operator.type == "enforcement" and caution is None:
        raise DataFileError(path, where, "caution", "an enforcement-run line needs a caution: what contacting "
                                                    "it can lead to, as sources say (may_lead_to: [] if "
                                                    "they say nothing)")
    reviewed = require(item, "reviewed", datetime.date, path, where)
    if isinstance(reviewed, datetime.datetime):
        raise DataFileError(path, where, "reviewed", "should be a date (YYYY-MM-DD), not a date-time")
    resource = Resource(
        id=resource_id, kinds=tuple(kinds), name=text(named[0]), generic=named[0] == "generic_name",
        description=text("description"), operator=operator, cost=_cost(item, channels, path, where),
        channels=channels, url=url, hours=text("hours", optional=True), languages=tuple(languages),
        languages_note=text("languages_note", optional=True),
        confidentiality=_confidentiality(item.get("confidentiality", ...), path, where),
        status=status, recheck=require(item, "recheck", bool, path, where),
        evidence=_evidence(item, path, where), reviewed=reviewed, sources=tuple(sources), caution=caution,
        withheld=text("withheld", optional=True) if "withheld" in item else None,
    )
    return resource


def _cost(item, channels, path, where):
    """The cost, checked against what the entry's own words say about it."""
    cost = one_of(item, "cost", COSTS, path, where)
    texts = {"description": item.get("description"), "hours": item.get("hours"),
             "languages_note": item.get("languages_note")}
    texts.update({f"channels[{n}].note": channel.note for n, channel in enumerate(channels)})
    for field, text in texts.items():
        if not text:
            continue
        # "Free from mobiles; a landline pays a local call" is a cost that varies.
        if _SAYS_FREE.search(text) and cost not in ("free", "varies"):
            raise DataFileError(path, where, "cost", f"is {cost!r} but {field} says it is free: {text!r}")
        if _SAYS_CHARGED.search(text) and cost == "free":
            raise DataFileError(path, where, "cost", f"is 'free' but {field} says it is charged: {text!r}")
    return cost


def _evidence(item, path, where):
    value = require(item, "evidence", (str, int, datetime.date, type(None)), path, where)
    if value is None:
        return None
    value = value.isoformat() if isinstance(value, datetime.date) else str(value)
    match = _EVIDENCE.fullmatch(value)
    if not match:
        raise DataFileError(path, where, "evidence", f"{value!r} should be YYYY, YYYY-MM or YYYY-MM-DD (or null)")
    try:
        datetime.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        raise DataFileError(path, where, "evidence", f"{value!r} is not a real date") from None
    return value


def _operator(item, path, where):
    only_known_fields(item, ("type", "name"), path, where)
    kind = one_of(item, "type", OPERATOR_TYPES, path, where)
    name = _text(item, "name", path, where, optional=True)
    if kind == "other" and name is None:
        raise DataFileError(path, where, "name", "an operator of type 'other' needs its name")
    return Operator(type=kind, name=name)


def _caution(item, path, where):
    if item is None:
        return None
    only_known_fields(item, ("may_lead_to", "source"), path, where)
    may_lead_to = require(item, "may_lead_to", list, path, where)
    unknown = [value for value in may_lead_to if value not in CONSEQUENCES]
    if unknown:
        raise DataFileError(path, where, "may_lead_to", f"{unknown!r}: use {', '.join(CONSEQUENCES)}")
    source = _url(_text(item, "source", path, where, optional=True), path, where, "source")
    if may_lead_to and source is None:
        raise DataFileError(path, where, "source", "say where the sources say so")
    return Caution(may_lead_to=tuple(may_lead_to), source=source)


def _confidentiality(item, path, where):
    if item is ...:
        raise DataFileError(path, where, "confidentiality", "is missing (null where the brief quotes nothing)")
    if item is None:
        return None
    where = f"{where}.confidentiality"
    only_known_fields(item, ("quote", "language", "source", "by"), path, where)
    language = _text(item, "language", path, where)
    if not _LANGUAGE.fullmatch(language):
        raise DataFileError(path, where, "language", f"{language!r} should be an ISO 639 code such as 'en'")
    by = one_of(item, "by", CONFIDENTIALITY_BY, path, where)
    return Confidentiality(quote=_text(item, "quote", path, where), language=language,
                           source=_url(_text(item, "source", path, where), path, where, "source"), by=by)


def _channel(item, where, path):
    if not isinstance(item, dict):
        raise DataFileError(path, where, "-", "should be a mapping with type and a number, url or address")
    only_known_fields(item, _CHANNEL_FIELDS, path, where)
    values = {key: _text(item, key, path, where, optional=True) if key in item else None
              for key in _CHANNEL_FIELDS if key != "type"}
    kind = one_of(item, "type", CHANNEL_TYPES, path, where)
    display, dial = values["display"], values["dial"]
    needed = {"call": ("display", "dial"), "sms": ("display", "dial"), "chat": ("url",), "email": ("address",)}
    for key in needed.get(kind, ("display",)):
        if values[key] is None:
            raise DataFileError(path, where, key, f"is missing (a {kind} channel needs it)")
    if kind not in NUMBERED_CHANNELS and (display or dial):
        raise DataFileError(path, where, "display", f"a {kind} channel has no number")
    if dial is not None:
        if not _DIAL.fullmatch(dial):
            raise DataFileError(path, where, "dial", f"{dial!r} should be digits only, with an optional +")
        if not _DISPLAY.fullmatch(display.strip()):
            raise DataFileError(path, where, "display",
                                f"{display!r} should be the number as printed: digits, spaces, dashes, brackets")
        if _digits(display, keep_plus=True) != dial:
            raise DataFileError(path, where, "display", f"{display!r} does not match dial {dial!r} "
                                                        "(the digits, and any leading +, must be the same)")
    _url(values["url"], path, where, "url")
    if values["address"] is not None and not _EMAIL.fullmatch(values["address"]):
        raise DataFileError(path, where, "address", f"{values['address']!r} is not an email address")
    return Channel(type=kind, **values)


def _digits(text, keep_plus=False):
    return re.sub(r"[^0-9+]" if keep_plus else r"[^0-9]", "", text)


def _not_listed(item, index, path):
    where = f"not_listed[{index}]"
    only_known_fields(item, ("number", "reason", "why", "source"), path, where)
    reason = one_of(item, "reason", NOT_LISTED_REASONS, path, where)
    number = _text(item, "number", path, where)
    if not _digits(number):
        raise DataFileError(path, where, "number", f"{number!r} has no digits")
    return NotListed(number=number, reason=reason, why=_text(item, "why", path, where),
                     source=_text(item, "source", path, where))


def _changes(items, code, resources, path):
    """The change log: append-only, each line about a resource that is shown or was withdrawn."""
    by_id = {resource.id: resource for resource in resources}
    withdrawn = {item.get("resource") for item in items if isinstance(item, dict) and item.get("change") == "withdrawn"}
    changes, previous = [], None
    for index, item in enumerate(items):
        where = f"changes[{index}]"
        only_known_fields(item, ("date", "resource", "change", "name", "fields", "reason"), path, where)
        date = require(item, "date", datetime.date, path, where)
        if previous and date < previous:
            raise DataFileError(path, where, "date", f"{date} is before the line above: append new changes "
                                                     "at the end")
        previous = date
        resource_id = _text(item, "resource", path, where)
        change = one_of(item, "change", CHANGE_TYPES, path, where)
        resource = by_id.get(resource_id)
        name = _text(item, "name", path, where, optional=True) if "name" in item else None
        fields = require(item, "fields", list, path, where) if change == "changed" else item.get("fields") or []
        reason = one_of(item, "reason", WITHDRAWN_REASONS, path, where) if change == "withdrawn" else None
        if change == "withdrawn":
            if name is None:
                raise DataFileError(path, where, "name", "a withdrawn resource needs its name (it may be gone "
                                                         "from the file)")
            if resource is not None and resource.shown:
                raise DataFileError(path, where, "resource", f"{resource_id} is withdrawn but still shown")
        elif not (resource is not None and resource.shown) and resource_id not in withdrawn:
            raise DataFileError(path, where, "resource", f"{resource_id!r} is not a shown resource of this "
                                                         "country (the log only tells visitors about "
                                                         "what they can see)")
        if change == "changed" and (not fields or any(field not in CHANGED_FIELDS for field in fields)):
            raise DataFileError(path, where, "fields", f"{fields!r} should list one or more of: "
                                                       f"{', '.join(CHANGED_FIELDS)}")
        changes.append(Change(date=date, country=code, resource=resource_id, change=change,
                              name=name, fields=tuple(fields),
                              reason=reason))
    return tuple(changes)
