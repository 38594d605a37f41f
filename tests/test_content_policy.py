"""The line the site never crosses (CONTENT_POLICY.md): risk and help, never usage advice, never
stigma. Every page of every edition is rendered, its visible text is checked against the word list
for its language (data/content_policy/<language>.yaml), and the checker is shown to catch planted
usage advice so it cannot quietly pass everything."""
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from .helpers import page_paths

ROOT = Path(__file__).resolve().parent.parent
POLICY_DIR = ROOT / "data" / "content_policy"


# ---- the checker -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    pattern: str
    why: str
    example: str

    @property
    def regex(self):
        return re.compile(self.pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Policy:
    language: str
    forbidden: tuple
    allowed_phrases: tuple


def load_policy(language):
    """The word lists for one language; fails if the file is missing or malformed."""
    path = POLICY_DIR / f"{language}.yaml"
    assert path.exists(), f"{language}: no content-policy word list at {path.relative_to(ROOT)}"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) == {"forbidden", "allowed_phrases"}, f"{path.name}: keys should be forbidden, allowed_phrases"
    rules = []
    for index, entry in enumerate(data["forbidden"]):
        assert set(entry) == {"pattern", "why", "example"}, f"{path.name}: forbidden[{index}] needs pattern, why, example"
        assert all(isinstance(entry[key], str) and entry[key].strip() for key in entry), f"{path.name}: forbidden[{index}]"
        re.compile(entry["pattern"])  # a broken pattern fails here, naming the file by traceback
        rules.append(Rule(entry["pattern"], entry["why"], entry["example"]))
    phrases = tuple(data["allowed_phrases"] or ())
    assert rules, f"{path.name}: no forbidden patterns"
    assert all(isinstance(p, str) and p.strip() for p in phrases), f"{path.name}: empty allowed phrase"
    return Policy(language, tuple(rules), phrases)


def _phrase_regex(phrase):
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def violations(text, policy):
    """(matched words, why, the text around them) for every forbidden match in `text`.

    Reviewed allowed phrases are cut out first, so only those exact words are excused.
    """
    for phrase in policy.allowed_phrases:
        text = _phrase_regex(phrase).sub(" \u2016 ", text)
    found = []
    for rule in policy.forbidden:
        for match in rule.regex.finditer(text):
            around = text[max(0, match.start() - 60):match.end() + 60]
            found.append((match.group(0), rule.why, around.strip()))
    return found


class VisibleText(HTMLParser):
    """What a visitor sees or hears: text (including the page title and an SVG's title and
    description), alt text, ARIA labels and the meta description. Scripts and styles are not
    text. Source titles inside <cite> are kept apart: they are other people's words."""

    HIDDEN = {"script", "style", "template"}
    SPOKEN_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.cited, self._hidden, self._cite = [], [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag == "cite":
            self._cite = []
        if tag == "meta" and attrs.get("name") == "description":
            self.parts.append(attrs.get("content") or "")
        self.parts.extend(attrs[name] for name in self.SPOKEN_ATTRIBUTES if attrs.get(name))
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self._hidden -= 1
        elif tag == "cite" and self._cite is not None:
            self.cited.append(re.sub(r"\s+", " ", "".join(self._cite)).strip())
            self._cite = None
        self.parts.append(" ")

    def handle_data(self, data):
        if self._hidden:
            return
        (self._cite if self._cite is not None else self.parts).append(data)

    @property
    def text(self):
        return re.sub(r"\s+", " ", unescape("".join(self.parts))).strip()


def read_page(page_html):
    reader = VisibleText()
    reader.feed(page_html)
    reader.close()
    return reader


# ---- the word lists ----------------------------------------------------------------------------

def languages(app):
    return [language.tag for language in app.extensions["editions"].languages]


def test_every_language_the_site_offers_has_a_word_list(app):
    for language in languages(app):
        load_policy(language)


def test_a_language_without_a_word_list_fails_loudly():
    with pytest.raises(AssertionError, match="no content-policy word list"):
        load_policy("xx-no-such-language")


def test_every_forbidden_pattern_catches_its_own_example(app):
    for language in languages(app):
        policy = load_policy(language)
        for rule in policy.forbidden:
            assert rule.regex.search(rule.example), (language, rule.pattern, rule.example)
            assert violations(rule.example, policy), (language, "an allowed phrase hides the example", rule.example)


# ---- the checker can fail ----------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Start with 50 mg and redose after an hour.",
    "Buy it from a trusted vendor.",
    "Addicts should be kept away from children.",
    "A safe amount for a beginner is half a gram.",
    "Snort a line, then wait an hour before having more.",
    "Start low, go slow.",
    "Take a tolerance break every few weeks.",
    "Test your ketamine with a purity test kit first.",
    "She has been clean for a year.",
    "Drug abuse is a choice.",
    "Ketamine users often have bladder pain.",
    "The usual dosage is 0.5 g.",
    "Here is how much to take.",
    "Use no more than twice a week.",
    "Ask your dealer about the price.",
    "It is easy to order online.",
    "Look for keys and straws in their room.",
    "Do a couple of bumps at most.",
    "Call the crisis line, then do another line.",
    "At higher doses, you can redose less often.",
])
def test_the_checker_catches_planted_usage_advice_and_stigma(sentence):
    assert violations(sentence, load_policy("en")), sentence


@pytest.mark.parametrize("sentence", [
    "Ketamine can leave a person unable to move or respond.",
    "Regular ketamine use can damage the bladder; stopping early gives it the best chance to recover.",
    "Taking ketamine with alcohol or any other drug makes serious harm more likely.",
    "A person can pass out and choke, and their breathing can slow down or stop.",
    "Tell your doctor that you use ketamine.",
    "If someone is unconscious, call an ambulance and stay with them.",
    "Drug helplines and crisis lines are listed for your country. Stay on the line.",
    "People with ketamine use disorder often have cravings when they stop.",
    "Specialist treatments include botulinum toxin injections into the bladder.",
    "Using more, more often and for longer is linked with worse symptoms.",
    "These signs are worth a conversation.",
])
def test_correct_risk_and_help_sentences_pass(sentence):
    assert violations(sentence, load_policy("en")) == [], sentence


def test_source_titles_are_set_apart_but_everything_else_is_read():
    page = read_page('<title>Risks</title><p>Bladder <a href="#">damage</a>.</p>'
                     '<ol><li><a href="#"><cite>Ketamine abuse uropathy</cite></a>. Journal, 2012.</li></ol>'
                     '<script>var dose = 1;</script><img alt="a dealer">')
    assert "Bladder damage" in page.text and "a dealer" in page.text
    assert "abuse" not in page.text and "dose" not in page.text
    assert page.cited == ["Ketamine abuse uropathy"]


# ---- every page of every edition ---------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(app):
    """{language: {path: VisibleText}} for every page, in the language alone and with every country."""
    client = app.test_client()
    countries = [code.lower() for code in app.extensions["editions"].countries]
    pages = {}
    for language in languages(app):
        pages[language] = {}
        for edition in [language] + [f"{language}-{country}" for country in countries]:
            for path in page_paths(app, edition):
                response = client.get(path)
                assert response.status_code == 200, path
                pages[language][path] = read_page(response.get_data(as_text=True))
    return pages


def test_no_page_gives_usage_advice_or_uses_stigmatising_words(rendered):
    problems = []
    for language, pages in rendered.items():
        policy = load_policy(language)
        for path, page in pages.items():
            problems.extend((path, *found) for found in violations(page.text, policy))
    unique = {(words.lower(), why, around) for _path, words, why, around in problems}
    assert problems == [], f"{len(unique)} different problems, e.g. {sorted(unique)[:8]}; first on {problems[0][0]}"


def test_only_source_titles_are_set_apart_in_cite(app, rendered):
    titles = {source.title for source in app.extensions["sources"].values()}
    for pages in rendered.values():
        for path, page in pages.items():
            assert set(page.cited) <= titles, (path, set(page.cited) - titles)


def test_every_allowed_phrase_is_needed_and_still_used(rendered):
    for language, pages in rendered.items():
        policy = load_policy(language)
        bare = Policy(language, policy.forbidden, ())
        for phrase in policy.allowed_phrases:
            assert violations(phrase, bare), f"{language}: '{phrase}' is allowed but nothing forbids it"
            regex = _phrase_regex(phrase)
            assert any(regex.search(page.text) for page in pages.values()), \
                f"{language}: '{phrase}' is allowed but no page uses it any more"
