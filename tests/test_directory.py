"""The help directory: the real data file, its traceability to the brief, and bad files.

A wrong helpline number hurts someone, so every number in data/helplines.yaml is checked
against the research file it came from (shared/brief/helplines.yaml), digit by digit.
"""
import datetime
import re
from pathlib import Path

import pytest
import yaml

from harmreduce.datafile import DataFileError
from harmreduce.directory import KINDS, Phone, load_directory

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "helplines.yaml"
BRIEF = ROOT.parent / "shared" / "brief" / "helplines.yaml"

# Entries we added that are not in the brief: (country, id).
ADDED = {("GB", "gb-adfam")}  # facts.md reference [51]
# Brief entries we left out: (country, brief name) -> why.
OMITTED = {
    ("IE", "Interactive map of publicly funded drug treatment and family-support services "
           "(Dept of Health / Health Research Board)"): "no phone and no URL in the brief",
    ("AT", "Österreichischer Suchthilfekompass (Gesundheit Österreich GmbH)"):
        "no phone and no URL in the brief",
}


@pytest.fixture(scope="module")
def directory():
    return load_directory(DATA)


@pytest.fixture(scope="module")
def brief():
    if not BRIEF.exists():
        pytest.skip(f"research file {BRIEF} not found: traceability can only be checked next to the brief")
    return yaml.safe_load(BRIEF.read_text(encoding="utf-8"))


def digits(text):
    return re.sub(r"[^0-9]", "", str(text or ""))


def digits_and_spaces(text):
    """Join digit groups split by spaces or dashes: '0300 123 6600' -> '03001236600'."""
    return re.sub(r"(?<=\d)[ \-](?=\d)", "", str(text or ""))


def shown_numbers(directory, country):
    return [phone.display for resource in directory.resources(country) for phone in resource.phones]


def by_id(directory, country, resource_id):
    return next(r for r in directory.countries[country] if r.id == resource_id)


# ------------------------------------------------------------------ the real file

def test_real_file_loads_with_every_country_and_the_international_fallback(directory):
    assert directory.checked == datetime.date(2026, 11, 21)
    assert "INTL" in directory.countries and "INTL" not in directory.country_codes()
    assert directory.country_codes()[:3] == ("US", "GB", "IE")  # file order
    assert all(directory.resources(code) for code in directory.country_codes())


def test_a_visitor_in_the_uk_sees_frank_samaritans_and_family_support(directory):
    frank = next(r for r in directory.resources("GB") if r.name == "FRANK")
    assert frank.kinds == ("drug_helpline",) and frank.cost == "charged" and not frank.free
    assert frank.phones[0].display == "0300 123 6600" and frank.phones[0].href == "tel:03001236600"
    assert "116 123" in shown_numbers(directory, "GB")
    assert [r.id for r in directory.resources("GB", ["family_support"])] == ["gb-adfam"]
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
    everything = [r for resources in directory.countries.values() for r in resources]
    single = [r for r in everything if r.status == "single-source"]
    assert single and not any(r.shown for r in single)
    for country, number in [("IE", "1800 459 459"), ("US", "741741"), ("BR", "132"), ("MY", "03-7627 2929")]:
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


def test_descriptions_carry_no_phone_numbers(directory):
    """Descriptions are translated; numbers come only from `phones` so no translator can mistype one."""
    for resources in directory.countries.values():
        numbers = {phone.dial for resource in resources for phone in resource.phones}
        for resource in resources:
            for text in (resource.description, resource.hours, resource.languages_note):
                runs = set(re.findall(r"\d+", digits_and_spaces(text)))
                assert not runs & numbers, (resource.id, text)


@pytest.mark.parametrize("phone, href", [
    (Phone("0300 123 6600", "03001236600", "call", None), "tel:03001236600"),
    (Phone("82111", "82111", "sms", None), "sms:82111"),
    (Phone("988", "988", "call", "then press 1"), "tel:988"),
    (Phone("+65 6669 1771", "+6566691771", "call", None), "tel:+6566691771"),
])
def test_phone_href(phone, href):
    assert phone.href == href


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
    parts = re.split(r"\s+/\s*|\s+or\s+", phone_field)
    return [digits(re.sub(r"\(.*?\)|\bthen\b.*", "", part)) for part in parts]


def _traces_to(resource, entry):
    """True if `entry` (from the brief) is where `resource` came from."""
    if list(resource.sources) != entry["sources"] or resource.url != entry["url"]:
        return False
    printed = [digits(entry.get(field)) for field in ("phone", "quote", "note")]
    return all(any(phone.dial.lstrip("+") in text for text in printed) for phone in resource.phones)


def _pairs(directory, brief):
    """Match each of our resources to its brief entry, country by country, in file order."""
    pairs = []
    for country, resources in directory.countries.items():
        unused = [entry for entry in brief[country]["resources"] if (country, entry["name"]) not in OMITTED]
        for resource in resources:
            if (country, resource.id) in ADDED:
                continue
            match = next((entry for entry in unused if _traces_to(resource, entry)), None)
            assert match is not None, f"{country} {resource.id}: no brief entry prints these numbers/sources"
            unused.remove(match)
            pairs.append((country, resource, match))
        missing = [entry["name"] for entry in unused]
        assert not missing, f"{country}: brief entries missing from data/helplines.yaml: {missing}"
    return pairs


def test_the_same_countries_in_the_same_order_as_the_brief(directory, brief):
    assert list(directory.countries) == list(brief)


def test_every_resource_and_phone_is_printed_in_the_brief_with_the_same_status(directory, brief):
    for country, resource, entry in _pairs(directory, brief):
        assert resource.status == entry["status"], resource.id
        assert resource.recheck == bool(entry.get("recheck", False)), resource.id
        expected_as_of = entry.get("as_of")
        if isinstance(expected_as_of, datetime.date):
            expected_as_of = expected_as_of.isoformat()
        assert resource.as_of == (None if expected_as_of is None else str(expected_as_of)), resource.id


def test_every_number_in_the_brief_phone_fields_is_kept(directory, brief):
    for country, resource, entry in _pairs(directory, brief):
        ours = [phone.dial for phone in resource.phones]
        for number in _brief_numbers(entry["phone"]):
            assert number in ours, f"{country} {resource.id}: {number} from {entry['phone']!r} is missing"


def test_resource_counts_per_country_match_the_brief(directory, brief):
    for country, entry in brief.items():
        added = sum(1 for c, _ in ADDED if c == country)
        omitted = sum(1 for c, _ in OMITTED if c == country)
        assert len(directory.countries[country]) == len(entry["resources"]) - omitted + added, country


def test_omitted_entries_really_have_nothing_to_link_to(brief):
    for (country, name), _reason in OMITTED.items():
        entry = next(e for e in brief[country]["resources"] if e["name"] == name)
        assert entry["phone"] is None and entry["url"] is None


def test_our_added_resources(directory):
    adfam = by_id(directory, "GB", "gb-adfam")
    assert adfam.kinds == ("family_support",) and adfam.shown and not adfam.phones
    assert adfam.url == "https://adfam.org.uk/for-families/"
    assert adfam.sources == ("https://adfam.org.uk/for-families/",) and adfam.as_of is None


# ------------------------------------------------------------------ bad files

def _good():
    return {
        "checked": datetime.date(2026, 11, 21),
        "countries": {
            "GB": {"resources": [{
                "id": "gb-frank", "kinds": ["drug_helpline"], "cost": "charged", "name": "FRANK",
                "description": "National drugs advice service.",
                "phones": [{"display": "0300 123 6600", "dial": "03001236600", "type": "call", "note": None}],
                "url": "https://www.talktofrank.com", "hours": "24 hours a day, 7 days a week",
                "languages": ["en"], "languages_note": None, "status": "verified", "recheck": False,
                "as_of": "2021-08-13", "sources": ["https://example.org/source"],
            }]},
            "INTL": {"resources": [{
                "id": "intl-112", "kinds": ["emergency"], "cost": "free", "name": "112", "description": "Emergency number.",
                "phones": [{"display": "112", "dial": "112", "type": "call", "note": None}],
                "url": None, "hours": None, "languages": [], "languages_note": None,
                "status": "verified", "recheck": False, "as_of": None, "sources": ["https://example.org/eu"],
            }]},
        },
    }


def _frank(data):
    return data["countries"]["GB"]["resources"][0]


def _write(tmp_path, data):
    path = tmp_path / "helplines.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_small_good_file_loads(tmp_path):
    directory = load_directory(_write(tmp_path, _good()))
    assert [r.id for r in directory.resources("GB")] == ["gb-frank"]
    assert directory.emergency(None).phones[0].href == "tel:112"


FRANK = "countries.GB.resources[0] (gb-frank)"


def _break(change):
    data = _good()
    change(data)
    return data


@pytest.mark.parametrize("data, where, field, problem", [
    (_break(lambda d: _frank(d).pop("name")), FRANK, "name", "is missing"),
    (_break(lambda d: _frank(d).update(generic_name="Drug helpline")), FRANK, "name", "not both"),
    (_break(lambda d: _frank(d).update(kinds=["helpline"])), FRANK, "kinds", "should list one or more of"),
    (_break(lambda d: _frank(d).update(cost="cheap")), FRANK, "cost", "'cheap' is not one of"),
    (_break(lambda d: _frank(d)["phones"][0].update(dial="0300 FRANK")), f"{FRANK}.phones[0]", "dial",
     "digits only"),
    (_break(lambda d: _frank(d)["phones"][0].update(display="0300 123 6601")), f"{FRANK}.phones[0]",
     "display", "does not match dial"),
    (_break(lambda d: _frank(d)["phones"][0].update(display="+44 300 123 6600", dial="03001236600")),
     f"{FRANK}.phones[0]", "display", "does not match dial"),
    (_break(lambda d: _frank(d)["phones"][0].update(type="whatsapp")), f"{FRANK}.phones[0]", "type",
     "not one of"),
    (_break(lambda d: d["countries"]["GB"]["resources"].append(dict(_frank(d)))),
     "countries.GB.resources[1] (gb-frank)", "id", "duplicate id 'gb-frank'"),
    (_break(lambda d: _frank(d).update(id="us-frank")), "countries.GB.resources[0] (us-frank)", "id",
     "starting 'gb-'"),
    (_break(lambda d: _frank(d).update(status="probably")), FRANK, "status", "not one of"),
    (_break(lambda d: _frank(d).update(url="www.talktofrank.com")), FRANK, "url", "http"),
    (_break(lambda d: _frank(d).update(url=None, phones=[])), FRANK, "phones",
     "at least one phone number or a url"),
    (_break(lambda d: _frank(d).update(sources=[])), FRANK, "sources", "at least one source"),
    (_break(lambda d: _frank(d).update(languages=["English"])), FRANK, "languages", "ISO 639"),
    (_break(lambda d: _frank(d).update(recheck="no")), FRANK, "recheck", "should be bool"),
    (_break(lambda d: _frank(d).update(phnoes=[])), FRANK, "phnoes", "unknown field"),
    (_break(lambda d: d["countries"]["GB"].update(entries=[])), "countries.GB", "entries", "unknown field"),
    (_break(lambda d: d["countries"].update(gb=d["countries"].pop("GB"))), "countries.gb", "country code",
     "two upper-case letters"),
    (_break(lambda d: d["countries"].pop("INTL")), "countries", "INTL", "is missing"),
    (_break(lambda d: d.update(checked="soon")), "top level", "checked", "should be date"),
], ids=["missing name", "name and generic name", "bad kind", "bad cost", "letters in dial", "display digits differ", "display adds country code",
        "bad phone type", "duplicate id", "id from another country", "bad status", "url without scheme",
        "nothing to call or open", "no sources", "language not a code", "recheck not bool", "misspelt field",
        "misspelt country field", "lower-case country", "no INTL", "checked not a date"])
def test_bad_files_stop_loading_with_a_message_naming_entry_and_field(tmp_path, data, where, field, problem):
    path = _write(tmp_path, data)
    with pytest.raises(DataFileError) as caught:
        load_directory(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {where}: field '{field}': "), message
    assert problem in message


def test_invalid_yaml_stops_loading(tmp_path):
    path = tmp_path / "helplines.yaml"
    path.write_text("checked: 2026-11-21\ncountries:\n  GB: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"helplines\.yaml: file: field '-': not valid YAML"):
        load_directory(path)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        load_directory(tmp_path / "nope.yaml")


def test_kinds_are_the_documented_ones():
    assert set(KINDS) == {"emergency", "urgent_care", "drug_helpline", "crisis_line", "treatment_finder",
                          "family_support", "text", "chat"}
