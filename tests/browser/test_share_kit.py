"""Share kit in Chromium: printed cards and leaflets, the copy button, and offline use."""
import re
import subprocess

import pytest
from playwright.sync_api import expect

from .visitors import QUICK_EXIT_URL, open_tab


def pdf_facts(pdf_bytes, tmp_path):
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(pdf_bytes)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                            text=True).stdout).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    return pages, re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("edition, numbers", [
    ("en-gb", ["999", "0300 123 6600", "116 123"]),
    ("en-us", ["911", "1-800-662-4357", "988"]),
])
@pytest.mark.parametrize("kit", ["card?size=card&", "card?size=a6&", "leaflet?"])
def test_cards_and_leaflets_print_on_one_page_with_the_countrys_numbers(page, base_url, tmp_path, edition, numbers, kit):
    page.goto(f"{base_url}/{edition}/share/{kit}page=help")
    pages, text = pdf_facts(page.pdf(format="A4", print_background=True), tmp_path)
    assert pages == 1
    for number in numbers:
        assert number in text, (kit, number)
    assert "Quick exit" not in text and "Language" not in text  # only the card or leaflet is printed


def test_the_copy_button_copies_the_link(browser, base_url):
    context = browser.new_context(base_url=base_url, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/en-gb/share?page=help&language=en&country=mx")
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".copy-status")).to_have_text("Link copied")
    assert page.evaluate("() => navigator.clipboard.readText()").endswith("/en-mx/help")
    context.close()


def wait_for_offline_copies(page, path):
    page.wait_for_function("""async (path) => {
        const registration = await navigator.serviceWorker.ready;
        const names = await caches.keys();
        for (const name of names) {
            if (await (await caches.open(name)).match(path)) { return registration.active !== null; }
        }
        return false;
    }""", arg=path, timeout=15000)


def cached_urls(page):
    return page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) { urls.push(request.method + " " + request.url); }
        }
        return urls;
    }""")


def test_after_a_first_visit_the_edition_opens_offline(browser, base_url):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("/en-gb/")
    wait_for_offline_copies(page, "/en-gb/help")
    context.set_offline(True)
    page.goto("/en-gb/help")
    expect(page.locator("main")).to_contain_text("0300 123 6600")
    page.goto("/en-gb/urgent")
    expect(page.locator("main")).to_contain_text("999")
    context.close()


def test_self_check_answers_and_results_are_never_kept_offline(browser, base_url):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("/en-gb/self-check")
    wait_for_offline_copies(page, "/en-gb/help")
    page.get_by_role("button", name="Start the check about someone I care about").click()
    while page.locator("input[type=checkbox]").count():
        page.locator("input[type=checkbox]").first.check()
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text("0300 123 6600")
    urls = cached_urls(page)
    assert urls, "the edition should have been kept for offline use"
    assert not [url for url in urls if "/self-check/" in url or not url.startswith("GET ")]
    context.close()


def test_quick_exit_deletes_the_offline_copies(browser, base_url):
    page = open_tab(browser, base_url)
    context = page.context
    page.goto("/en-gb/")
    wait_for_offline_copies(page, "/en-gb/help")
    page.get_by_role("link", name=re.compile("Quick exit")).click()
    expect(page).to_have_url(QUICK_EXIT_URL)
    check = context.new_page()
    check.goto("/healthz")  # a page of the site that registers nothing
    assert check.evaluate("async () => (await caches.keys()).length") == 0
    assert check.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    context.close()
