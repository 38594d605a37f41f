"""The help directory: every helpline, crisis line and service the site shows, per country.

It is read from data/helplines.yaml and checked when the app starts: a missing field, an
unknown kind, a display number that does not match the number a link dials, or a duplicate id
stops start-up with a message naming the file, the entry and the field. Nothing here needs a
request, so the rules are tested as plain functions.

Only `verified` entries are shown. `single-source` entries stay in the file, exactly like the
others, until someone confirms them; `withheld` keeps a verified entry off the site too.
"""
import datetime
import re
from dataclasses import dataclass

from .datafile import DataFileError, only_known_fields, read_yaml, require

# urgent_care: same-day medical help that is not the emergency number (NHS 111 in the UK).
KINDS = ("emergency", "urgent_care", "drug_helpline", "crisis_line", "treatment_finder", "family_support",
         "text", "chat")
# What a call costs, as the service describes it. Only `free` lets a page say "free".
COSTS = ("free", "charged", "varies", "unknown")
STATUSES = ("verified", "single-source")
# message_app: a WhatsApp/WeChat number. No link: tel:/sms: would open the wrong app.
PHONE_TYPES = ("call", "sms", "message_app")
INTERNATIONAL = "INTL"

_RESOURCE_FIELDS = ("id", "kinds", "cost", "description", "phones", "url", "hours", "languages",
                    "languages_note", "status", "recheck", "as_of", "sources")
# A resource has a `name` (the service's own, never translated: "FRANK") or a `generic_name`
# (a plain description in English, translated like any text: "Emergency services").
_NAME_FIELDS = ("name", "generic_name")
_OPTIONAL_RESOURCE_FIELDS = ("withheld",) + _NAME_FIELDS
_PHONE_FIELDS = ("display", "dial", "type", "note")

_COUNTRY = re.compile(r"[A-Z]{2}")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DIAL = re.compile(r"\+?[0-9]+")
_DISPLAY = re.compile(r"\+?[0-9][0-9 ()\-]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Phone:
    display: str
    dial: str
    type: str
    note: str | None

    @property
    def href(self):
        """The link that starts a call or a text message (tel:988, sms:82111); None for app numbers."""
        if self.type == "message_app":
            return None
        return f"{'sms' if self.type == 'sms' else 'tel'}:{self.dial}"


@dataclass(frozen=True)
class Resource:
    id: str
    kinds: tuple[str, ...]
    cost: str
    name: str
    description: str
    phones: tuple[Phone, ...]
    url: str | None
    hours: str | None
    languages: tuple[str, ...]
    languages_note: str | None
    status: str
    recheck: bool
    as_of: str | None
    sources: tuple[str, ...]
    withheld: str | None = None
    generic: bool = False

    @property
    def free(self):
        return self.cost == "free"

    def is_a(self, kinds):
        return any(kind in kinds for kind in self.kinds)

    @property
    def shown(self):
        """Only verified entries reach a visitor."""
        return self.status == "verified" and self.withheld is None


@dataclass(frozen=True)
class Directory:
    checked: datetime.date
    countries: dict[str, tuple[Resource, ...]]

    def country_codes(self):
        """Every country in file order, without the international fallback."""
        return tuple(code for code in self.countries if code != INTERNATIONAL)

    def resources(self, country, kinds=None):
        """The shown resources for a country (None: international), in file order.

        `kinds` keeps only resources with at least one of those kinds; it filters, it does not reorder.
        """
        code = INTERNATIONAL if country is None else country.upper()
        if code not in self.countries:
            raise KeyError(f"no help directory for country {country!r}")
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
        each once: a drug helpline that is also a crisis line is listed where it first fits."""
        found = []
        for kind in kinds:
            found.extend(r for r in self.resources(country, (kind,)) if r not in found)
        return tuple(found)

    def emergency(self, country):
        """The first shown emergency resource with a phone number (None: international)."""
        for resource in self.resources(country, ("emergency",)):
            if resource.phones:
                return resource
        return None


def load_directory(path):
    """Read and check data/helplines.yaml; raise DataFileError naming entry and field."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, "file", "-", "should be a mapping with 'checked' and 'countries'")
    only_known_fields(data, ("checked", "countries"), path, "top level")
    checked = require(data, "checked", datetime.date, path, "top level")
    if isinstance(checked, datetime.datetime):
        raise DataFileError(path, "top level", "checked", "should be a date (YYYY-MM-DD), not a date-time")
    countries = require(data, "countries", dict, path, "top level")
    if INTERNATIONAL not in countries:
        raise DataFileError(path, "countries", INTERNATIONAL, "is missing (the international fallback)")

    seen_ids = {}
    loaded = {}
    for code, entry in countries.items():
        where = f"countries.{code}"
        if not isinstance(code, str) or not (code == INTERNATIONAL or _COUNTRY.fullmatch(code)):
            raise DataFileError(path, where, "country code",
                                f"{code!r} should be two upper-case letters (ISO 3166-1) or {INTERNATIONAL}")
        only_known_fields(entry, ("resources",), path, where)
        items = require(entry, "resources", list, path, where)
        loaded[code] = tuple(_resource(item, code, index, path, seen_ids) for index, item in enumerate(items))
    return Directory(checked=checked, countries=loaded)


def _resource(item, code, index, path, seen_ids):
    where = f"countries.{code}.resources[{index}]"
    if not isinstance(item, dict):
        raise DataFileError(path, where, "-", "should be a mapping")
    if isinstance(item.get("id"), str):
        where = f"{where} ({item['id']})"
    only_known_fields(item, _RESOURCE_FIELDS + _OPTIONAL_RESOURCE_FIELDS, path, where)

    def text(key, optional=False):
        value = require(item, key, (str, type(None)) if optional else str, path, where)
        if value is not None and not value.strip():
            raise DataFileError(path, where, key, "is empty" + (" (use null)" if optional else ""))
        return value

    resource_id = text("id")
    if not _ID.fullmatch(resource_id) or not resource_id.startswith(code.lower() + "-"):
        raise DataFileError(path, where, "id", f"{resource_id!r} should be a lower-case slug starting "
                                               f"'{code.lower()}-' (letters, digits, hyphens)")
    if resource_id in seen_ids:
        raise DataFileError(path, where, "id",
                            f"duplicate id {resource_id!r} (first used at {seen_ids[resource_id]})")
    seen_ids[resource_id] = where

    kinds = require(item, "kinds", list, path, where)
    if not kinds or any(kind not in KINDS for kind in kinds) or len(set(kinds)) != len(kinds):
        raise DataFileError(path, where, "kinds", f"{kinds!r} should list one or more of: {', '.join(KINDS)}, "
                                                  "each once")
    cost = text("cost")
    if cost not in COSTS:
        raise DataFileError(path, where, "cost", f"{cost!r} is not one of: {', '.join(COSTS)}")
    status = text("status")
    if status not in STATUSES:
        raise DataFileError(path, where, "status", f"{status!r} is not one of: {', '.join(STATUSES)}")

    phones = tuple(_phone(phone, f"{where}.phones[{number}]", path)
                   for number, phone in enumerate(require(item, "phones", list, path, where)))
    url = text("url", optional=True)
    if url is not None and not _URL.fullmatch(url):
        raise DataFileError(path, where, "url", f"{url!r} should start with http:// or https:// (or be null)")
    if not phones and url is None:
        raise DataFileError(path, where, "phones", "a resource needs at least one phone number or a url")

    languages = require(item, "languages", list, path, where)
    for language in languages:
        if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
            raise DataFileError(path, where, "languages",
                                f"{language!r} should be an ISO 639 code such as 'en' "
                                "(free text goes in languages_note)")

    as_of = require(item, "as_of", (str, int, datetime.date, type(None)), path, where)
    if isinstance(as_of, datetime.date):
        as_of = as_of.isoformat()
    elif as_of is not None:
        as_of = str(as_of)

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
    return Resource(
        id=resource_id, kinds=tuple(kinds), cost=cost, name=text(named[0]), generic=named[0] == "generic_name",
        description=text("description"),
        phones=phones, url=url, hours=text("hours", optional=True), languages=tuple(languages),
        languages_note=text("languages_note", optional=True), status=status,
        recheck=require(item, "recheck", bool, path, where), as_of=as_of, sources=tuple(sources),
        withheld=text("withheld", optional=True) if "withheld" in item else None,
    )


def _phone(item, where, path):
    if not isinstance(item, dict):
        raise DataFileError(path, where, "-", "should be a mapping with display, dial, type and note")
    only_known_fields(item, _PHONE_FIELDS, path, where)
    display = require(item, "display", str, path, where)
    dial = require(item, "dial", str, path, where)
    kind = require(item, "type", str, path, where)
    note = require(item, "note", (str, type(None)), path, where)
    if not _DIAL.fullmatch(dial):
        raise DataFileError(path, where, "dial", f"{dial!r} should be digits only, with an optional +")
    if not _DISPLAY.fullmatch(display.strip()):
        raise DataFileError(path, where, "display",
                            f"{display!r} should be the number as printed: digits, spaces, dashes, brackets")
    if re.sub(r"[^0-9+]", "", display) != dial:
        raise DataFileError(path, where, "display", f"{display!r} does not match dial {dial!r} "
                                                    "(the digits, and any leading +, must be the same)")
    if kind not in PHONE_TYPES:
        raise DataFileError(path, where, "type", f"{kind!r} is not one of: {', '.join(PHONE_TYPES)}")
    if note is not None and not note.strip():
        raise DataFileError(path, where, "note", "is empty (use null)")
    return Phone(display=display, dial=dial, type=kind, note=note)
