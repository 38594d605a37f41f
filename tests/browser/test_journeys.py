"""Journeys a person makes, in Chromium, with and without JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from .visitors import QUICK_EXIT_URL, stand_in_for_neutral_site


@pytest.fixture()
def neutral_site(context):
    stand_in_for_neutral_site(context)


def test_quick_exit_button_leaves_at_once_and_back_does_not_return(page, base_url, neutral_site):
    page.goto(base_url + "/en-gb/help")
    page.get_by_role("link", name=re.compile("Quick exit")).click()
    expect(page).to_have_url(QUICK_EXIT_URL)
    page.go_back()
    assert "/en-gb/help" not in page.url


def test_pressing_escape_three_times_leaves_and_back_does_not_return(page, base_url, neutral_site):
    page.goto(base_url + "/en-gb/urgent")
    for _ in range(3):
        page.keyboard.press("Escape")
    expect(page).to_have_url(QUICK_EXIT_URL)
    page.go_back()
    assert "/en-gb/urgent" not in page.url


def test_pressing_escape_once_does_nothing(page, base_url):
    page.goto(base_url + "/en-gb/urgent")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.endswith("/en-gb/urgent")


def test_quick_exit_works_without_javascript(visitor):
    visitor.goto("/en-gb/help")
    visitor.get_by_role("link", name=re.compile("Quick exit")).click()
    expect(visitor).to_have_url(QUICK_EXIT_URL)


def test_the_country_switcher_keeps_you_on_the_same_page(visitor):
    visitor.goto("/en-gb/urgent")
    visitor.get_by_text("Country: United Kingdom").click()
    visitor.get_by_role("link", name="United States", exact=True).click()
    expect(visitor).to_have_url(re.compile(r"/en-us/urgent$"))
    expect(visitor.locator("header")).to_contain_text("911")


def test_the_language_switcher_keeps_you_on_the_same_page(visitor, site_app):
    languages = site_app.extensions["editions"].languages
    other = next((language for language in languages if language.tag != "en"), languages[0])
    visitor.goto("/en-gb/help")
    visitor.locator("summary", has_text="Language").click()
    visitor.get_by_role("link", name=other.native_name, exact=True).click()
    expect(visitor).to_have_url(re.compile(rf"/{other.tag}-gb/help$"))


def test_urgent_help_is_one_tap_from_every_page(visitor, crawled_pages):
    for path in [p for p in crawled_pages if p.startswith("/en-gb/")]:
        visitor.goto(path)
        visitor.locator("header").get_by_role("link", name=re.compile("Urgent help")).click()
        expect(visitor).to_have_url(re.compile(r"/en-gb/urgent$"))
        expect(visitor.locator("main")).to_contain_text("999")


def test_a_keyboard_user_can_skip_to_the_content_and_reach_quick_exit(page, base_url):
    page.goto(base_url + "/en-gb/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to main content")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("data-quick-exit", "")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


@pytest.mark.parametrize("width, height", [(320, 640), (640, 400)], ids=["320px", "200%-zoom"])
def test_no_page_scrolls_sideways_on_a_small_screen_or_at_200_percent(browser, base_url, crawled_pages, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=base_url)
    page = context.new_page()
    too_wide = {}
    for path in crawled_pages:
        page.goto(path)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[path] = scroll_width
        assert page.locator("[data-quick-exit]").is_visible(), path
    context.close()
    assert too_wide == {}


def test_the_access_log_holds_no_query_strings_and_no_addresses(page, live_server):
    page.goto(live_server.url + "/en-gb/help?name=private-answer&q=ketamine")
    log = live_server.access_log.read_text()
    assert "/en-gb/help" in log
    assert "private-answer" not in log and "?" not in log and "127.0.0.1" not in log
