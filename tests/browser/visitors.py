"""Browser tabs as a visitor has them, and the keyboard moves the journeys make."""
import re

QUICK_EXIT_URL = "https://www.wikipedia.org/"


def stand_in_for_neutral_site(context):
    """Answer for the quick-exit site: this machine has no internet, and tests must not use it."""
    context.route(re.compile(r"^https://www\.wikipedia\.org/.*"),
                  lambda route: route.fulfill(body="<title>Wikipedia</title>", content_type="text/html"))


def open_tab(browser, base_url, javascript=True):
    """A new browser context on base_url (JavaScript on or off); close it with page.context.close()."""
    context = browser.new_context(java_script_enabled=javascript, base_url=base_url)
    stand_in_for_neutral_site(context)
    page = context.new_page()
    page.javascript = javascript
    return page


def focused(page, selector):
    return page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
