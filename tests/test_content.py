"""The content pages (signs, risks, worried, getting help) as visitors meet them: every page is
there in every edition, two clicks from home, sourced and dated, and built so that a screen reader
and a 320-pixel phone can use it."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from harmreduce import create_app

from .helpers import collect_links, page_paths

ROOT = Path(__file__).resolve().parent.parent

RISK_PAGES = ["risks/bladder", "risks/memory", "risks/mental-health", "risks/dependence",
              "risks/stomach-and-liver", "risks/accidents", "risks/mixing", "risks/unknown-contents"]
CONTENT_PAGES = ["signs", "risks", *RISK_PAGES, "worried", "getting-help"]
FRAME_PAGES = ["about", "sources", "privacy", "accessibility", "help", "urgent"]


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class Outline(HTMLParser):
    """Headings, ids, links and paragraphs of a page, for structural checks."""

    BLOCKS = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure",
              "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol",
              "p", "pre", "section", "table", "ul", "figcaption", "li"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.ids, self.links, self.block_in_p = [], [], [], []
        self._heading = self._link = None
        self._in_p = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if self._in_p and tag in self.BLOCKS:
            self.block_in_p.append(tag)
        if tag == "p":
            self._in_p = True
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        if tag == "a" and attrs.get("href"):
            self._link = [attrs["href"], attrs.get("aria-label") or ""]

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_p = False
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None
        if tag == "a" and self._link:
            self.links.append((self._link[0], re.sub(r"\s+", " ", self._link[1]).strip()))
            self._link = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data
        if self._link:
            self._link[1] += data


def outline(html):
    parser = Outline()
    parser.feed(html)
    return parser


# ---- every page is there ---------------------------------------------------------------------

@pytest.mark.parametrize("edition", ["en-gb", "en"])
@pytest.mark.parametrize("page", CONTENT_PAGES + FRAME_PAGES + [""])
def test_every_page_exists_in_each_edition(client, edition, page):
    assert client.get(f"/{edition}/{page}").status_code == 200


def test_every_page_is_two_clicks_from_home(client):
    home = "/en-gb/"
    seen, frontier = {home}, [home]
    for _click in range(2):
        following = []
        for path in frontier:
            for href in collect_links(client.get(path).get_data(as_text=True)).links:
                target = href.split("#")[0]
                if target.startswith("/en-gb/") and target not in seen:
                    seen.add(target)
                    following.append(target)
        frontier = following
    missing = [page for page in CONTENT_PAGES + FRAME_PAGES if f"/en-gb/{page}" not in seen]
    assert missing == []


def test_the_home_page_doors_lead_to_the_right_pages(client, app):
    html = client.get("/en-gb/").get_data(as_text=True)
    doors = html.split('class="doors"', 1)[1].split("</ul>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', doors)
    assert hrefs == ["/en-gb/worried", "/en-gb/self-check", "/en-gb/share"]
    learn_more = html.split('class="learn-more"', 1)[1].split("</ul>", 1)[0]
    for page in ("signs", "risks", "getting-help", "worried"):
        assert f'href="/en-gb/{page}"' in learn_more, page


# ---- sourced and dated -----------------------------------------------------------------------

@pytest.mark.parametrize("page", CONTENT_PAGES + ["about"])
def test_every_content_page_has_numbered_sources_and_a_review_date(client, page):
    html = client.get(f"/en-gb/{page}").get_data(as_text=True)
    assert 'id="page-sources-heading"' in html and ">Sources</h2>" in html, page
    assert re.search(r"Last reviewed: (?:November|December) 2026", text_of(html)), page
    cited = set(re.findall(r'<a class="cite" href="#source-(\d+)">', html))
    listed = set(re.findall(r'<li id="source-(\d+)" value="\d+">', html))
    assert cited and cited == listed, (page, cited ^ listed)


def test_every_cite_in_the_templates_names_a_known_source(app):
    known = set(app.extensions["sources"])
    used = set()
    for template in (ROOT / "templates").rglob("*.html"):
        for call in re.findall(r"cite\(([^)]*)\)", template.read_text(encoding="utf-8")):
            used.update(re.findall(r'"([^"]+)"', call))
    assert used, "no citations found"
    assert used - known == set(), "cited but not in data/sources.yaml"


def test_the_sources_page_lists_every_source_any_page_cites(client, app):
    sources_page = client.get("/en-gb/sources").get_data(as_text=True)
    listed = re.findall(r'<li id="ref-([^"]+)">', sources_page)
    assert listed == list(app.extensions["sources"]), "every source, once, in file order"
    assert '<ol class="all-sources">' in sources_page
    for edition in ("en-gb", "en"):
        for path in page_paths(app, edition):
            for ref in re.findall(r'href="/[^"]*/sources#ref-([^"]+)"', client.get(path).get_data(as_text=True)):
                assert ref in listed, (path, ref)


def test_every_source_has_its_facts_reference_title_publisher_and_link():
    data = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text(encoding="utf-8"))
    for entry in data["sources"]:
        assert isinstance(entry["ref"], int) and entry["ref"] > 0, entry["id"]
        assert entry["title"].strip() and entry["publisher"].strip(), entry["id"]
        assert entry["url"].startswith(("https://", "http://")), entry["id"]


# ---- no figure without its source ------------------------------------------------------------

class PercentCheck(HTMLParser):
    """Every paragraph, list item, heading or caption with a % sign must also hold a citation."""

    BLOCKS = {"p", "li", "td", "th", "dd", "dt", "figcaption", "caption", "blockquote",
              "h1", "h2", "h3", "h4", "h5", "h6", "title", "desc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open, self.unsourced, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag in self.BLOCKS:
            self.open.append({"tag": tag, "text": "", "cited": False})
        if tag == "a" and ("class", "cite") in attrs:
            for block in self.open:
                block["cited"] = True

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in self.BLOCKS and self.open and self.open[-1]["tag"] == tag:
            block = self.open.pop()
            if "%" in block["text"] and not block["cited"]:
                self.unsourced.append(block["text"].strip())

    def handle_data(self, data):
        if self._skip:
            return
        if not self.open and "%" in data:
            self.unsourced.append(data.strip())
        for block in self.open:
            block["text"] += data


def unsourced_percentages(html):
    check = PercentCheck()
    check.feed(html)
    return check.unsourced


def test_the_percentage_check_catches_a_figure_without_a_source():
    assert unsourced_percentages("<p>About 26% of people who use ketamine.</p>")
    assert unsourced_percentages('<ul><li>26%</li><li>x<a class="cite" href="#source-1">[1]</a></li></ul>')
    assert not unsourced_percentages('<p>26%<sup><a class="cite" href="#source-1">[1]</a></sup></p>')


def test_no_percentage_appears_without_a_citation_beside_it(client, app):
    for edition in ("en-gb", "en"):
        for path in page_paths(app, edition):
            assert unsourced_percentages(client.get(path).get_data(as_text=True)) == [], path


# ---- the bladder diagram ---------------------------------------------------------------------

def test_the_bladder_page_has_an_accessible_diagram_of_the_urinary_tract(client):
    html = client.get("/en-gb/risks/bladder").get_data(as_text=True)
    svg = re.search(r"<svg\b[^>]*>.*?</svg>", html, re.S)
    assert svg, "the diagram is inline SVG, so its labels are translated with the page"
    svg = svg.group(0)
    opening = re.match(r"<svg\b[^>]*>", svg).group(0)
    assert 'role="img"' in opening
    label_id = re.search(r'aria-labelledby="([^"]+)"', opening).group(1)
    title = re.search(rf'<title id="{label_id}">([^<]+)</title>', svg)
    assert title and "urinary tract" in title.group(1)
    desc_id = re.search(r'aria-describedby="([^"]+)"', opening).group(1)
    assert re.search(rf'<desc id="{desc_id}">[^<]*kidneys[^<]*</desc>', svg)
    for label in ("Kidneys", "Ureters", "Bladder", "Urethra", "can swell", "can narrow", "lining inflamed"):
        assert f">{label}</text>" in svg, label
    assert " style=" not in svg and "<style" not in svg
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert "<ul>" in caption
    for organ in ("Bladder:", "Ureters:", "Kidneys:"):
        assert organ in text_of(caption), organ


# ---- worried about someone: the country's family support ---------------------------------------

def family_section(html):
    return text_of(html.split('id="family-support"', 1)[1].split("</section>", 1)[0])


def test_a_family_in_the_uk_is_shown_adfam(client):
    section = family_section(client.get("/en-gb/worried").get_data(as_text=True))
    assert "Support for families: United Kingdom" in section
    assert "Adfam" in section and "adfam.org.uk/for-families" in section


def test_a_family_in_australia_is_shown_family_drug_support(client):
    # The December 2026 depth pass verified it (helplines-depth.yaml); it was single-source before.
    section = family_section(client.get("/en-au/worried").get_data(as_text=True))
    assert "Family Drug Support" in section and "1300 368 186" in section


def test_a_country_without_family_services_gets_its_drug_helplines(client):
    section = family_section(client.get("/en-hk/worried").get_data(as_text=True))
    assert "We have not found a service just for families" in section
    assert "186 186" in section


def test_a_country_with_neither_says_so_and_points_to_its_help_page(client):
    html = client.get("/en-at/worried").get_data(as_text=True)
    section = family_section(html)
    assert "We have not yet found a family support service or a drug helpline" in section
    assert 'href="/en-at/help"' in html.split('id="family-support"', 1)[1].split("</section>", 1)[0]


def test_without_a_country_the_worried_page_offers_a_country_chooser(client):
    html = client.get("/en/worried").get_data(as_text=True)
    assert "Choose your country" in text_of(html)
    assert 'href="/en-gb/worried"' in html and 'href="/en-au/worried"' in html
    assert 'href="/en/help"' in html


# ---- every risk page ends with a doctor and with help ------------------------------------------

@pytest.mark.parametrize("page", RISK_PAGES)
def test_every_risk_page_ends_with_when_to_see_a_doctor_and_where_to_get_help(client, page):
    html = client.get(f"/en-gb/{page}").get_data(as_text=True)
    headings = [text for _level, text in outline(html).headings]
    assert "When to see a doctor" in headings, page
    assert headings.index("When to see a doctor") > len(headings) - 5, "near the end"
    help_links = html.split('class="next-steps"', 1)[1]
    assert 'href="/en-gb/help"' in help_links and "Helplines and services: United Kingdom" in text_of(help_links)
    assert 'href="/en-gb/urgent"' in help_links
    assert 'href="/en-gb/risks"' in html


def test_the_help_link_names_no_country_on_an_international_page(client):
    html = client.get("/en/risks/bladder").get_data(as_text=True)
    assert "Helplines and services that work internationally" in text_of(html)


def test_tell_your_doctor_about_ketamine_is_on_the_bladder_and_getting_help_pages(client):
    assert "Tell your doctor that you use ketamine." in text_of(client.get("/en-gb/risks/bladder").get_data(as_text=True))
    assert "“I use ketamine.”" in text_of(client.get("/en-gb/getting-help").get_data(as_text=True))


def test_the_signs_page_starts_with_caution_and_ends_with_next_steps(client):
    html = client.get("/en-gb/signs").get_data(as_text=True)
    main = text_of(html.split('<main', 1)[1])
    assert main.index("not specific to ketamine") < main.index("What family and friends may notice")
    for page in ("worried", "getting-help", "help", "urgent"):
        assert f'href="/en-gb/{page}"' in html, page


def test_withdrawal_is_described_as_disputed(client):
    text = text_of(client.get("/en-gb/risks/dependence").get_data(as_text=True))
    assert "the sources disagree" in text and "Experts do not agree" in text


# ---- structure a screen reader can follow ------------------------------------------------------

VAGUE_LINK_TEXT = {"", "here", "click here", "read more", "more", "link", "this"}


@pytest.mark.parametrize("page", CONTENT_PAGES + ["", "about", "sources", "privacy", "accessibility"])
def test_headings_ids_links_and_paragraphs_are_well_formed(client, page):
    structure = outline(client.get(f"/en-gb/{page}").get_data(as_text=True))
    levels = [level for level, _text in structure.headings]
    assert levels[0] == 1 and levels.count(1) == 1, page
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:])), (page, levels)
    assert all(text for _level, text in structure.headings), "empty heading"
    duplicates = {i for i in structure.ids if structure.ids.count(i) > 1}
    assert duplicates == set(), (page, duplicates)
    vague = [href for href, text in structure.links if text.lower().strip(" .") in VAGUE_LINK_TEXT]
    assert vague == [], (page, vague)
    assert structure.block_in_p == [], (page, structure.block_in_p)
