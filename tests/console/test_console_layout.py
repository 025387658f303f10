"""The console at tablet width and from the keyboard: nothing scrolls sideways, the first Tab
lands on a visible skip link, focus is always drawn, and targets are at least 24 px."""
import pytest
from selenium.webdriver.common.keys import Keys

pytestmark = pytest.mark.broker

TARGETS = "a, button, input, select, textarea"


def test_tablet_width_and_keyboard(platform, console_url, account, browser):
    browser.driver.set_window_size(768, 1024)
    browser.open(f"{console_url}/login")
    browser.check_screen("tablet-login")
    browser.log_in(console_url, account("operator"))
    for page in ("queue", "organisations"):
        browser.open(f"{console_url}/{page}")
        assert browser.driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"), page
        browser.check_screen(f"tablet-{page}")
        small = browser.driver.execute_script(
            "return [...document.querySelectorAll(arguments[0])].filter(e => e.type !== 'hidden')"
            ".map(e => e.getBoundingClientRect()).filter(r => r.width > 0 &&"
            " (r.height < 24 || r.width < 24)).length", TARGETS)
        assert small == 0, page

    browser.find("body").send_keys(Keys.TAB)
    focused = browser.driver.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    assert browser.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.top >= 0", focused)
    outline = browser.driver.execute_script(
        "return getComputedStyle(arguments[0]).outlineStyle", focused)
    assert outline != "none"
    browser.check_screen("tablet-skip-link-focused")
    focused.send_keys(Keys.TAB)
    assert browser.driver.execute_script(
        "return getComputedStyle(document.activeElement).outlineStyle") != "none"
