"""Fuzzing: hypothesis-generated requests against every route. Whatever arrives, the site answers
with a page (never a 5xx or a traceback) and never sets a cookie."""
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmreduce import create_app

from .helpers import all_editions

APP = create_app({"TESTING": True})
EDITIONS = all_editions(APP)
PAGES = sorted({rule.rule.replace("/<edition>", "") for rule in APP.url_map.iter_rules()
                if rule.rule.startswith("/<edition>") and rule.arguments == {"edition"}})
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"]

segment = st.text(alphabet=string.ascii_letters + string.digits + "-_.~%", min_size=1, max_size=30)
odd_text = st.text(min_size=0, max_size=200)  # any unicode, including surrogates-free odd code points
long_value = st.text(alphabet=string.ascii_letters, min_size=1000, max_size=9000)
edition = st.one_of(st.sampled_from(EDITIONS), segment,
                    st.builds(lambda a, b: f"{a}-{b}", st.sampled_from(["en", "es", "zz", "EN", "x"]), segment))
path = st.one_of(
    st.builds(lambda e, p: f"/{e}{p}", edition, st.sampled_from(PAGES + ["/", ""])),
    st.builds(lambda e, s: f"/{e}/{s}", edition, segment),
    st.builds(lambda parts: "/" + "/".join(parts), st.lists(segment, min_size=1, max_size=5)),
    st.sampled_from(["/", "/healthz", "//", "/%00", "/%ff%fe", "/..%2f..%2fetc/passwd", "/static/../pyproject.toml"]),
)
query = st.dictionaries(st.one_of(segment, odd_text), st.one_of(odd_text, long_value), max_size=5)
form = st.dictionaries(st.one_of(segment, odd_text), st.one_of(odd_text, long_value), max_size=8)
# What can travel in an HTTP header: Latin-1 without control characters.
header_text = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255, exclude_categories=["Cc"]),
                      max_size=200)
headers = st.fixed_dictionaries({}, optional={
    "Accept-Language": st.one_of(header_text, st.sampled_from(["es-MX,es;q=0.9", "zh-TW", "*", ";q=x", "en-GB;q=2"])),
    "X-Forwarded-For": header_text,
    "Content-Type": st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain",
                                     "application/json", "multipart/form-data; boundary=x"]),
})


def assert_served_safely(response):
    """The promise every route keeps, whatever the request."""
    # Some routes answer with images (the share kit's QR codes): read bytes, not text.
    body = response.get_data().decode("utf-8", "replace")
    assert response.status_code < 500, (response.status_code, body[:300])
    assert "Traceback" not in body and "File \"" not in body
    assert "Set-Cookie" not in response.headers


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(method=st.sampled_from(METHODS), path=path, query=query, headers=headers, data=form)
def test_random_requests_never_crash_or_set_cookies(method, path, query, headers, data):
    client = APP.test_client()
    try:
        response = client.open(path, method=method, query_string=query, headers=headers,
                               data=data if method in ("POST", "PUT", "PATCH") else None)
    except UnicodeEncodeError:
        return  # the test client cannot send this; a real HTTP server never receives it
    assert_served_safely(response)


@FUZZ
@given(path=path, raw=st.binary(max_size=2000))
def test_random_raw_bodies_never_crash(path, raw):
    response = APP.test_client().post(path, data=raw, content_type="application/x-www-form-urlencoded")
    assert_served_safely(response)


def test_the_fuzz_check_catches_a_planted_route_that_raises():
    app = create_app({"TESTING": False})

    @app.get("/<edition>/planted")
    def planted():
        raise ValueError("planted defect")

    response = app.test_client().get("/en-gb/planted")
    try:
        assert_served_safely(response)
    except AssertionError:
        return
    raise AssertionError("a route that raises went unnoticed")
