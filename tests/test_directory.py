"""The help directory: the real data files, their traceability to the brief, and bad files.

A wrong helpline number hurts someone, so every number in data/countries/*/directory.yaml is
checked against the research files it came from (shared/brief/helplines*.yaml), digit by digit.
"""
import datetime
import re
from pathlib import Path

import pytest
import yaml

from harmreduce.datafile import DataFileError
from harmreduce.directory import KINDS, Channel, add_months, load_directory

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BRIEF_DIR = ROOT.parent / "shared" / "brief"
BRIEF_FILES = ("helplines.yaml", "helplines-depth.yaml", "helplines-new-countries.yaml")

# Resources we added that are in no brief file: id -> where they come from.
ADDED = {"gb-adfam": "facts.md reference [51] (the depth pass lists Adfam with another URL)"}
# Verified brief entries we left out: (country, brief name) -> why.
OMITTED = {
    ("AT", "Österreichischer Suchthilfekompass (Gesundheit Österreich GmbH)"):
        "no phone and no URL in the brief",
}


@pytest.fixture(scope="module")
def directory():
    return load_directory(DATA)


@pytest.fixture(scope="module")
def brief():
    """Every brief entry per country, from all the brief's directory files, with its file name."""
    if not (BRIEF_DIR / BRIEF_FILES[0]).exists():
        pytest.skip(f"research files in {BRIEF_DIR} not found: traceability can only be checked next to the brief")
    entries = {}
    for name in BRIEF_FILES:
        path = BRIEF_DIR / name
        if not path.exists():
            continue
        for country, block in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            for entry in block.get("resources") or []:
                entries.setdefault(country, []).append(dict(entry, brief_file=name))
    return entries


def digits(text):
    return re.sub(r"[^0-9]", "", str(text or ""))


def digits_and_spaces(text):
    """Join digit groups split by spaces or dashes: '0300 123 6600' -> '03001236600'."""
    return re.sub(r"(?<=\d)[ \-](?=\d)", "", str(text or ""))


def printed_digits(entry):
    """Every digit run a brief entry prints for its service: phone, quote, note and channels."""
    texts = [entry.get("phone"), entry.get("quote"), entry.get("note")]
    texts += [f"{c.get('value')} {c.get('note')}" for c in entry.get("channels") or []]
    return [digits(digits_and_spaces(text)) for text in texts if text]


def shown_numbers(directory, country):
    return [phone.display for resource in directory.resources(country) for phone in resource.phones]


def by_id(directory, country, resource_id):
    return next(r for r in directory.countries[country] if r.id == resource_id)


# ------------------------------------------------------------------ the real files

def test_real_files_load_with_every_country_and_the_international_fallback(directory):
    assert "INTL" in directory.countries and "INTL" not in directory.country_codes()
    assert directory.country_codes()[:3] == ("US", "GB", "IE")  # data/countries.yaml order
    assert all(directory.resources(code) for code in directory.country_codes())


def test_a_visitor_in_the_uk_sees_frank_at_the_national_rate_samaritans_and_family_support(directory):
    frank = next(r for r in directory.resources("GB") if r.name == "FRANK")
    assert frank.kinds[0] == "drug_helpline" and frank.cost == "national_rate" and not frank.free
    assert frank.phones[0].display == "0300 123 6600" and frank.phones[0].href == "tel:03001236600"
    assert frank.operator.type == "health"
    assert "116 123" in shown_numbers(directory, "GB")
    assert "gb-adfam" in [r.id for r in directory.resources("GB", ["family_support"])]
    assert "0800 1111" in [p.display for r in directory.resources("GB", ["youth_helpline"]) for p in r.phones]
    assert directory.emergency("GB").phones[0].dial == "999"


def test_a_visitor_in_the_us_sees_911_for_emergencies_and_988_as_a_crisis_line(directory):
    assert directory.emergency("US").phones[0].display == "911"
    crisis = directory.resources("US", ["crisis_line"])
    assert "988" in [phone.dial for resource in crisis for phone in resource.phones]


def test_a_visitor_in_mexico_sees_linea_de_la_vida(directory):
    linea = next(r for r in directory.resources("MX") if r.name == "Línea de la Vida")
    assert [phone.display for phone in linea.phones] == ["800 911 2000"]
    assert directory.emergency("MX").phones[0].display == "911"


def test_without_a_country_the_international_fallback_is_shown(directory):
    assert directory.emergency(None).phones[0].display == "112"
    assert "https://findahelpline.com" in [r.url for r in directory.resources(None)]


def test_country_codes_are_case_insensitive_and_unknown_ones_are_an_error(directory):
    assert directory.resources("gb") == directory.resources("GB")
    with pytest.raises(KeyError):
        directory.resources("XX")


def test_kinds_filter_without_reordering(directory):
    everything = directory.resources("GB")
    chosen = directory.resources("GB", ("crisis_line", "drug_helpline"))
    assert chosen == tuple(r for r in everything if r.is_a(("crisis_line", "drug_helpline")))
    assert directory.resources("GB", "emergency") == directory.resources("GB", ["emergency"])
    with pytest.raises(ValueError):
        directory.resources("GB", ["helpline"])


def test_single_source_entries_are_kept_but_never_shown(directory):
    everything = [r for _code, r in directory.all_resources()]
    single = [r for r in everything if r.status == "single-source"]
    assert single and not any(r.shown for r in single)
    for country, number in [("IE", "1800 459 459"), ("US", "741741"), ("MY", "03-7627 2929")]:
        assert number in [p.display for r in directory.countries[country] for p in r.phones]  # kept
        assert number not in shown_numbers(directory, country)  # not shown


def test_withheld_entries_are_not_shown(directory):
    trimbos = by_id(directory, "NL", "nl-drugs-infolijn")
    assert trimbos.status == "verified" and trimbos.withheld and not trimbos.shown
    assert "0900-1995" not in shown_numbers(directory, "NL")


def test_every_country_has_an_emergency_number_to_call(directory):
    for country in directory.country_codes() + (None,):
        emergency = directory.emergency(country)
        assert emergency is not None and emergency.shown and emergency.phones[0].type == "call", country


# The brief's coverage table (helplines-depth-notes.md): where it verified a service for families
# (dedicated, general, regional or old) or a youth line, the country must show one.
# Left out where the notes say "do not publish until confirmed" (withheld in our data): Austria's
# relatives' hotline and Brazil's Ligue 132 (family), New Zealand's Youthline (youth).
FAMILY_VERIFIED = {"US", "GB", "CA", "AU", "NZ", "DE", "CH", "FR", "BE", "ES", "NL", "IT", "PT", "TW", "SG", "ZA"}
YOUTH_VERIFIED = {"US", "GB", "IE", "CA", "AU", "DE", "AT", "CH", "FR", "BE", "ES", "NL", "IT", "PT", "CN", "SG",
                  "MY", "IN", "ZA"}
# No drug line was verified here, or only one that is withheld or single-source (the help page says so):
# Ireland's HSE line is single-source, Brazil's Ligue 132 withheld.
NO_DRUG_HELPLINE = {"AT", "CN", "MY", "IE", "BR"}


@pytest.mark.parametrize("country", [c for c in yaml.safe_load((DATA / "countries.yaml").read_text())["countries"]])
def test_every_country_shows_emergency_drug_help_crisis_and_where_verified_family_and_youth(directory, country):
    assert directory.emergency(country)
    assert directory.resources(country, ["crisis_line"]), country
    assert bool(directory.resources(country, ["drug_helpline"])) == (country not in NO_DRUG_HELPLINE), country
    if country in FAMILY_VERIFIED:
        assert directory.resources(country, ["family_support"]), country
    if country in YOUTH_VERIFIED:
        assert directory.resources(country, ["youth_helpline"]), country


def test_descriptions_carry_no_phone_numbers(directory):
    """Descriptions are translated; numbers come only from `channels` so no translator can mistype one."""
    for resources in directory.countries.values():
        numbers = {phone.dial for resource in resources for phone in resource.phones}
        for resource in resources:
            texts = [resource.description, resource.hours, resource.languages_note]
            texts += [text for channel in resource.channels for text in (channel.note, channel.hours)]
            for text in texts:
                runs = set(re.findall(r"\d+", digits_and_spaces(text)))
                assert not runs & numbers, (resource.id, text)


def test_enforcement_lines_carry_their_caution_and_come_after_health_lines(directory):
    enforcement = [(code, r) for code, r in directory.all_resources() if r.enforcement]
    assert enforcement, "the brief has enforcement-run lines (e.g. Malaysia's AADK)"
    for code, resource in enforcement:
        assert resource.caution is not None, resource.id
        for kind in resource.kinds:
            listed = directory.for_kinds(code, [kind])
            if resource in listed:
                assert all(not r.enforcement for r in listed[:listed.index(resource)]), resource.id


def test_not_listed_numbers_are_on_no_resource(directory):
    assert any(directory.not_listed.values())
    for code, banned in directory.not_listed.items():
        numbers = {digits(n.number) for n in banned}
        for resource in directory.countries[code]:
            assert not {digits(p.dial) for p in resource.phones} & numbers, resource.id


def test_the_change_log_names_shown_resources_newest_first(directory):
    for code in directory.countries:
        log = directory.change_log(None if code == "INTL" else code)
        assert [c.date for c in log] == sorted((c.date for c in log), reverse=True)
    gb = directory.change_log("GB")
    assert any(c.resource == "gb-childline" and c.change == "added" for c in gb)


@pytest.mark.parametrize("channel, href", [
    (Channel("call", "0300 123 6600", "03001236600"), "tel:03001236600"),
    (Channel("sms", "82111", "82111"), "sms:82111"),
    (Channel("call", "+65 6669 1771", "+6566691771"), "tel:+6566691771"),
    (Channel("whatsapp", "9151 1767", "91511767"), None),
    (Channel("chat", url="https://www.childline.org.uk"), "https://www.childline.org.uk"),
    (Channel("email", address="helpline@example.org"), "mailto:helpline@example.org"),
])
def test_channel_href(channel, href):
    assert channel.href == href


def test_phone_notes_from_compound_numbers(directory):
    veterans = by_id(directory, "US", "us-veterans-crisis-line")
    assert (veterans.phones[0].dial, veterans.phones[0].note) == ("988", "then press 1")
    assert veterans.phones[1].href == "sms:838255"
    south_africa = directory.emergency("ZA")
    assert [(p.dial, p.note) for p in south_africa.phones] == [("10177", None), ("112", "from a mobile")]
    sns24 = by_id(directory, "PT", "pt-sns24-aconselhamento-psicologico")
    assert (sns24.phones[0].display, sns24.phones[0].note) == ("808 24 24 24", "option 4")
    assert [p.dial for p in by_id(directory, "DE", "de-telefonseelsorge").phones] == [
        "08001110111", "08001110222", "116123"]


# ------------------------------------------------------------------ traceability to the brief

def _brief_numbers(phone_field):
    """The numbers in a brief `phone` field: "10177 / 112 (mobile)" -> ["10177", "112"]."""
    if not phone_field:
        return []
    parts = re.split(r"\s+/\s*|\s+or\s+", str(phone_field))
    return [digits(re.sub(r"\(.*?\)|\bthen\b.*", "", part)) for part in parts]


def _entries_printing(brief, country, number):
    return [entry for entry in brief.get(country, []) if any(number in text for text in printed_digits(entry))]


def _sources_of(entries):
    return {source for entry in entries for source in entry.get("sources") or []}


def _matches(brief, country, resource):
    """The brief entries this resource came from: those printing its numbers, or its url."""
    if resource.phones:
        return [e for p in resource.phones for e in _entries_printing(brief, country, digits(p.dial))]
    return [e for e in brief.get(country, []) if resource.url and e.get("url") == resource.url]


def test_every_number_is_printed_in_a_brief_entry_for_its_country(directory, brief):
    for country, resource in directory.all_resources():
        for phone in resource.phones:
            assert _entries_printing(brief, country, digits(phone.dial)), \
                f"{resource.id}: {phone.display} is printed in no brief entry for {country}"


def test_every_source_is_a_source_of_the_brief_entries_printing_the_number(directory, brief):
    for country, resource in directory.all_resources():
        if resource.id in ADDED:
            continue
        matched = _matches(brief, country, resource)
        assert matched, f"{resource.id}: no brief entry prints its numbers or url"
        extra = set(resource.sources) - _sources_of(matched)
        assert not extra, f"{resource.id}: sources not given for this service in the brief: {extra}"


def test_a_shown_resource_is_verified_in_the_brief(directory, brief):
    for country, resource in directory.all_resources():
        if not resource.shown or resource.id in ADDED:
            continue
        first = (_entries_printing(brief, country, digits(resource.phones[0].dial)) if resource.phones
                 else _matches(brief, country, resource))
        verified = [e for e in first if e["status"] == "verified" and set(e["sources"]) & set(resource.sources)]
        assert verified, f"{resource.id}: shown, but no verified brief entry with its sources prints it"


def test_every_verified_brief_entry_is_in_the_directory(directory, brief):
    for country, entries in brief.items():
        if country not in directory.countries:
            continue  # a country the site does not offer yet
        ours = directory.countries[country]
        for entry in entries:
            if entry["status"] != "verified" or (country, entry["name"]) in OMITTED:
                continue
            numbers = _brief_numbers(entry.get("phone"))
            if numbers:
                found = [r for r in ours if numbers[0] in [digits(p.dial) for p in r.phones]]
            else:
                found = [r for r in ours if r.url and r.url == entry.get("url")
                         or set(r.sources) & set(entry.get("sources") or [])]
            assert found, f"{country}: {entry['name']!r} ({entry['brief_file']}) is missing"


def test_omitted_entries_really_have_nothing_to_link_to(brief):
    for (country, name), _reason in OMITTED.items():
        entry = next(e for e in brief[country] if e["name"] == name)
        assert entry["phone"] is None and entry["url"] is None


def test_our_added_resources(directory):
    adfam = by_id(directory, "GB", "gb-adfam")
    assert "family_support" in adfam.kinds and adfam.shown and not adfam.phones


# ------------------------------------------------------------------ dates and the due list

def test_add_months_keeps_the_day_or_the_months_last():
    assert add_months(datetime.date(2026, 11, 21), 6) == datetime.date(2027, 5, 21)
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2026, 12, 8), 12) == datetime.date(2027, 12, 8)


def test_next_check_is_sooner_for_rechecks_and_undated_evidence(tmp_path):
    data = _good()
    gb = data["gb"]["resources"]
    gb.append(dict(_frank(data), id="gb-frank-recheck", recheck=True))
    gb.append(dict(_frank(data), id="gb-frank-undated", evidence=None))
    directory = load_directory(_write(tmp_path, data))
    frank, recheck, undated = directory.countries["GB"]
    assert frank.next_check == datetime.date(2027, 11, 21)
    assert recheck.next_check == undated.next_check == datetime.date(2027, 5, 21)
    assert not frank.overdue(datetime.date(2027, 11, 21)) and frank.overdue(datetime.date(2027, 11, 22))


def test_the_due_list_has_what_is_due_within_the_window_soonest_first(tmp_path):
    data = _good()
    data["gb"]["resources"].append(dict(_frank(data), id="gb-overdue", reviewed=datetime.date(2025, 1, 1)))
    directory = load_directory(_write(tmp_path, data))
    today = datetime.date(2026, 12, 1)
    assert [r.id for _c, r in directory.due(today)] == ["gb-overdue"]
    assert [r.id for _c, r in directory.due(today, within_days=365)] == ["gb-overdue", "intl-112", "gb-frank"]


def test_the_due_command_prints_overdue_entries_with_their_sources(tmp_path):
    from harmreduce import create_app

    data = _good()
    data["gb"]["resources"].append(dict(_frank(data), id="gb-overdue", reviewed=datetime.date(2025, 1, 1),
                                        sources=["https://example.org/old"]))
    _write(tmp_path, data)
    for name in ("editions.yaml", "sources.yaml", "selfcheck.yaml", "urgency.yaml"):
        (tmp_path / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    app = create_app({"DATA_DIR": tmp_path})
    result = app.test_cli_runner().invoke(args=["directory", "due", "--today", "2026-12-01", "--within", "0"])
    assert result.exit_code == 0, result.output
    assert "1 resource(s) due by 2026-12-01, 1 of them overdue" in result.output
    assert "gb-overdue  [GB]  OVERDUE: next check 2026-01-01" in result.output
    assert "https://example.org/old" in result.output and "gb-frank " not in result.output
    later = app.test_cli_runner().invoke(args=["directory", "due", "--today", "2026-12-01", "--within", "400"])
    assert "gb-frank  [GB]  due: next check 2027-11-21" in later.output


def test_the_real_directory_is_not_overdue_today(directory):
    overdue = [r.id for _c, r in directory.due(datetime.date.today()) if r.overdue(datetime.date.today())]
    if overdue:
        pytest.xfail(f"due for a check (run `flask --app harmreduce directory due`): {overdue}")


# ------------------------------------------------------------------ bad files

def _good():
    frank = {
        "id": "gb-frank", "kinds": ["drug_helpline"], "name": "FRANK", "description": "National drugs advice service.",
        "operator": {"type": "health", "name": "UK Government"}, "cost": "national_rate",
        "channels": [{"type": "call", "display": "0300 123 6600", "dial": "03001236600"}],
        "url": "https://www.talktofrank.com", "hours": "24 hours a day, 7 days a week",
        "languages": ["en"], "languages_note": None, "confidentiality": None, "status": "verified",
        "recheck": False, "evidence": "2021-08-13", "reviewed": datetime.date(2026, 11, 21),
        "sources": ["https://example.org/source"],
    }
    emergency = {
        "id": "intl-112", "kinds": ["emergency"], "generic_name": "Emergency number", "description": "Emergency number.",
        "operator": {"type": "emergency", "name": None}, "cost": "free",
        "channels": [{"type": "call", "display": "112", "dial": "112"}],
        "url": None, "hours": None, "languages": [], "languages_note": None, "confidentiality": None,
        "status": "verified", "recheck": False, "evidence": None, "reviewed": datetime.date(2026, 11, 21),
        "sources": ["https://example.org/eu"],
    }
    return {"countries": {"countries": ["GB"]}, "gb": {"resources": [frank]}, "intl": {"resources": [emergency]}}


def _frank(data):
    return data["gb"]["resources"][0]


def _write(tmp_path, data):
    (tmp_path / "countries.yaml").write_text(yaml.safe_dump(data["countries"]), encoding="utf-8")
    for folder, content in data.items():
        if folder == "countries":
            continue
        (tmp_path / "countries" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "countries" / folder / "directory.yaml").write_text(
            yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp_path


def test_a_small_good_file_loads(tmp_path):
    directory = load_directory(_write(tmp_path, _good()))
    assert [r.id for r in directory.resources("GB")] == ["gb-frank"]
    assert directory.emergency(None).phones[0].href == "tel:112"


FRANK = "resources[0] (gb-frank)"
GB, INTL = "countries/gb/directory.yaml", "countries/intl/directory.yaml"


def _break(change):
    data = _good()
    change(data)
    return data


def _enforcement(data):
    _frank(data)["operator"] = {"type": "enforcement", "name": "Narcotics Board"}


def _log(*entries):
    return lambda d: d["gb"].update(changes=list(entries))


BAD = [
    ("missing name", lambda d: _frank(d).pop("name"), GB, FRANK, "name", "is missing"),
    ("name and generic name", lambda d: _frank(d).update(generic_name="Drug helpline"), GB, FRANK, "name", "not both"),
    ("bad kind", lambda d: _frank(d).update(kinds=["helpline"]), GB, FRANK, "kinds", "should list one or more of"),
    ("bad cost", lambda d: _frank(d).update(cost="cheap"), GB, FRANK, "cost", "'cheap' is not one of"),
    ("says free but is charged", lambda d: _frank(d).update(description="Free, confidential advice."),
     GB, FRANK, "cost", "is 'national_rate' but description says it is free"),
    ("free but a note says national rate",
     lambda d: (_frank(d).update(cost="free"), _frank(d)["channels"][0].update(note="national rate")),
     GB, FRANK, "cost", "is 'free' but channels[0].note says it is charged"),
    ("letters in dial", lambda d: _frank(d)["channels"][0].update(dial="0300 FRANK"), GB, f"{FRANK}.channels[0]",
     "dial", "digits only"),
    ("display digits differ", lambda d: _frank(d)["channels"][0].update(display="0300 123 6601"), GB,
     f"{FRANK}.channels[0]", "display", "does not match dial"),
    ("display adds country code", lambda d: _frank(d)["channels"][0].update(display="+44 300 123 6600"), GB,
     f"{FRANK}.channels[0]", "display", "does not match dial"),
    ("bad channel type", lambda d: _frank(d)["channels"][0].update(type="pager"), GB, f"{FRANK}.channels[0]",
     "type", "not one of"),
    ("chat without url", lambda d: _frank(d)["channels"].append({"type": "chat"}), GB, f"{FRANK}.channels[1]",
     "url", "is missing"),
    ("email not an address", lambda d: _frank(d)["channels"].append({"type": "email", "address": "frank"}), GB,
     f"{FRANK}.channels[1]", "address", "not an email address"),
    ("duplicate id", lambda d: d["gb"]["resources"].append(dict(_frank(d))), GB, "resources[1] (gb-frank)", "id",
     "duplicate id 'gb-frank'"),
    ("id from another country", lambda d: _frank(d).update(id="us-frank"), GB, "resources[0] (us-frank)", "id",
     "starting 'gb-'"),
    ("bad status", lambda d: _frank(d).update(status="probably"), GB, FRANK, "status", "not one of"),
    ("url without scheme", lambda d: _frank(d).update(url="www.talktofrank.com"), GB, FRANK, "url", "http"),
    ("nothing to call or open", lambda d: _frank(d).update(url=None, channels=[]), GB, FRANK, "channels",
     "at least one channel or a url"),
    ("no sources", lambda d: _frank(d).update(sources=[]), GB, FRANK, "sources", "at least one source"),
    ("language not a code", lambda d: _frank(d).update(languages=["English"]), GB, FRANK, "languages", "ISO 639"),
    ("recheck not bool", lambda d: _frank(d).update(recheck="no"), GB, FRANK, "recheck", "should be bool"),
    ("misspelt field", lambda d: _frank(d).update(chanels=[]), GB, FRANK, "chanels", "unknown field"),
    ("no operator", lambda d: _frank(d).pop("operator"), GB, FRANK, "operator", "is missing"),
    ("bad operator type", lambda d: _frank(d)["operator"].update(type="police"), GB, f"{FRANK}.operator", "type",
     "not one of"),
    ("other without a name", lambda d: _frank(d).update(operator={"type": "other", "name": None}), GB,
     f"{FRANK}.operator", "name", "needs its name"),
    ("enforcement without its caution", _enforcement, GB, FRANK, "caution", "an enforcement-run line needs a caution"),
    ("caution without a source",
     lambda d: (_enforcement(d), _frank(d).update(caution={"may_lead_to": ["police"], "source": None})),
     GB, f"{FRANK}.caution", "source", "say where"),
    ("no confidentiality field", lambda d: _frank(d).pop("confidentiality"), GB, FRANK, "confidentiality",
     "is missing"),
    ("confidentiality without its source",
     lambda d: _frank(d).update(confidentiality={"quote": "Anonymous.", "language": "en", "by": "service"}),
     GB, f"{FRANK}.confidentiality", "source", "is missing"),
    ("evidence not a date", lambda d: _frank(d).update(evidence="2021 (repo)"), GB, FRANK, "evidence",
     "should be YYYY, YYYY-MM or YYYY-MM-DD"),
    ("evidence not a real date", lambda d: _frank(d).update(evidence="2021-13"), GB, FRANK, "evidence",
     "not a real date"),
    ("reviewed not a date", lambda d: _frank(d).update(reviewed="soon"), GB, FRANK, "reviewed", "should be date"),
    ("a not_listed number on a card",
     lambda d: d["gb"].update(not_listed=[{"number": "0300 123 6600", "reason": "crime_report",
                                           "why": "Reports crime.", "source": "notes.md"}]),
     GB, f"{FRANK}.channels[0]", "dial", "not_listed list (crime_report"),
    ("change log names an unknown resource", _log({"date": datetime.date(2026, 12, 8), "resource": "gb-nope",
                                                   "change": "added"}),
     GB, "changes[0]", "resource", "is not a shown resource"),
    ("change log out of order", _log(
        {"date": datetime.date(2026, 12, 8), "resource": "gb-frank", "change": "added"},
        {"date": datetime.date(2026, 12, 1), "resource": "gb-frank", "change": "changed", "fields": ["hours"]}),
     GB, "changes[1]", "date", "append new changes at the end"),
    ("withdrawn without a name", _log({"date": datetime.date(2026, 12, 8), "resource": "gb-gone",
                                       "change": "withdrawn", "reason": "closed"}),
     GB, "changes[0]", "name", "needs its name"),
    ("changed without fields", _log({"date": datetime.date(2026, 12, 8), "resource": "gb-frank",
                                     "change": "changed", "fields": []}),
     GB, "changes[0]", "fields", "should list one or more of"),
    ("misspelt country field", lambda d: d["gb"].update(entries=[]), GB, "top level", "entries", "unknown field"),
    ("lower-case country", lambda d: d["countries"].update(countries=["gb"]), "countries.yaml", "countries",
     "country code", "two upper-case letters"),
    ("no INTL folder", lambda d: d.pop("intl"), INTL, "file", "-", "file not found"),
]


@pytest.mark.parametrize("change, file, where, field, problem", [case[1:] for case in BAD],
                         ids=[case[0] for case in BAD])
def test_bad_files_stop_loading_with_a_message_naming_file_entry_and_field(tmp_path, change, file, where, field,
                                                                           problem):
    _write(tmp_path, _break(change))
    with pytest.raises(DataFileError) as caught:
        load_directory(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / file}: {where}: field '{field}': "), message
    assert problem in message


def test_invalid_yaml_stops_loading(tmp_path):
    _write(tmp_path, _good())
    (tmp_path / "countries" / "gb" / "directory.yaml").write_text("resources: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"gb/directory\.yaml: file: field '-': not valid YAML"):
        load_directory(tmp_path)


def test_kinds_are_the_documented_ones():
    assert set(KINDS) == {"emergency", "urgent_care", "drug_helpline", "crisis_line", "treatment_finder",
                          "family_support", "youth_helpline", "text", "chat"}
