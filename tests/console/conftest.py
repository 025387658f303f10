"""The console in headless Chromium (Debian's chromium + chromium-driver, same version, no
download) against the real running platform. Every screen a test visits is checked with
axe-core (vendored from npm, axe-core 4.14.1) and saved as a screenshot under artifacts/."""
import re
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from gateway.console.accounts import create_account
from services.common.database import database_url, make_engine
from tests.support.platform import running_platform
from tests.support.rabbitmq import private_vhost
from tests.support.smtp import SmtpSink

HERE = Path(__file__).parent
ARTIFACTS = HERE / "artifacts"
AXE = (HERE / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PASSWORD = "console-test-password"
# Few failures before a lock-out, so the test reaches it quickly.
LOCKOUT_FAILURES = 3


@pytest.fixture(scope="session")
def smtp_sink():
    """A real SMTP server the platform's notifications send to (password reset e-mails)."""
    with SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="session")
def platform(tmp_path_factory, smtp_sink):
    """One platform for every screen's tests: starting one costs more than a module's tests."""
    env = {"KYODO_CONSOLE_LOCKOUT_FAILURES": str(LOCKOUT_FAILURES),
           # webhook endpoints on loopback (the operations screens' failing endpoint)
           "KYODO_WEBHOOKS_ALLOW_PRIVATE": "on",
           "KYODO_SMTP_PORT": str(smtp_sink.port)}
    with private_vhost() as vhost_uri, \
            running_platform(tmp_path_factory.mktemp("platform"), vhost_uri, env) as running:
        yield running


@pytest.fixture(scope="session")
def console_url(platform):
    return f"http://127.0.0.1:{platform.ports.of('gateway')}/console"


@pytest.fixture(scope="session")
def gateway_engine(platform):
    engine = make_engine(database_url("gateway"))  # the platform's, while its environment holds
    yield engine
    engine.dispose()


@pytest.fixture
def account(gateway_engine):
    """Make an account: (role, subject_id=None, totp_secret=None) -> its e-mail."""
    def make(role: str, subject_id: str | None = None, totp_secret: str | None = None) -> str:
        email = f"{role}-{uuid.uuid4().hex[:8]}@example.jp"
        create_account(gateway_engine, email, PASSWORD, role, datetime.now(timezone.utc),
                       subject_id=subject_id, totp_secret=totp_secret)
        return email
    return make


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--lang=ja"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    yield Browser(driver)
    driver.quit()


def _replaced(page):
    """Selenium's staleness_of, also knowing chromedriver's other answer for an element of the
    document a navigation is tearing down at that instant (seen under load): it is not there."""
    def replaced(driver) -> bool:
        try:
            return staleness_of(page)(driver)
        except WebDriverException as error:
            if "does not belong to the document" in (error.msg or ""):
                return True
            raise
    return replaced


class Browser:
    def __init__(self, driver):
        self.driver = driver

    def open(self, url: str) -> None:
        self.driver.get(url)

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, css: str, text: str) -> None:
        element = self.find(css)
        element.clear()
        element.send_keys(text)

    def submit(self, css: str) -> None:
        """Press a button as a keyboard user does (focus, Enter), and wait for the next page."""
        button = self.find(css)
        self.driver.execute_script("arguments[0].focus()", button)
        self._navigating(lambda: button.send_keys("\n"))

    def follow(self, link_text: str) -> None:
        """Follow a link by (the start of) its text, with the keyboard, and wait for the next page."""
        link = self.driver.find_element(By.PARTIAL_LINK_TEXT, link_text)
        self._navigating(lambda: link.send_keys("\n"))

    def follow_css(self, css: str) -> None:
        """Follow the link a CSS selector names, with the keyboard."""
        link = self.find(css)
        self._navigating(lambda: link.send_keys("\n"))

    def _navigating(self, action) -> None:
        page = self.find("html")
        action()
        WebDriverWait(self.driver, 30).until(_replaced(page))

    @property
    def text(self) -> str:
        return self.find("body").text

    @property
    def path(self) -> str:
        return "/" + self.driver.current_url.split("/", 3)[3]

    def log_in(self, console_url: str, email: str, password: str = PASSWORD) -> None:
        self.open(f"{console_url}/login")
        self.fill("#f-email", email)
        self.fill("#f-password", password)
        self.submit("button[type=submit]")

    def check_screen(self, name: str) -> None:
        """axe-core finds no serious or critical violation; the screen is saved as a PNG."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.driver.save_screenshot(str(ARTIFACTS / f"{re.sub(r'[^a-z0-9_-]', '_', name)}.png"))
        self.driver.execute_script(AXE)
        violations = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',"
            " 'best-practice']}).then(r => done(r.violations), e => done([{id: 'axe-error',"
            " impact: 'critical', help: String(e), nodes: []}]));")
        serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
                   for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{name}: {serious}"

    def check_tablet(self, name: str) -> None:
        """At 768 px nothing scrolls sideways (a wide table scrolls in its own box) and every
        target is at least 24 px; then the screen's own checks."""
        self.driver.set_window_size(768, 1024)
        self.driver.refresh()
        self.check_fits(name)
        self.check_screen(name)

    def check_fits(self, name: str) -> None:
        """Nothing on the open page scrolls sideways and every target is at least 24 px."""
        assert self.driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"), name
        small = self.driver.execute_script(
            "return [...document.querySelectorAll('a, button, input, select, textarea')]"
            ".filter(e => e.type !== 'hidden').map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])"
            ".filter(([_, r]) => r.width > 0 && (r.height < 24 || r.width < 24)).map(([html]) => html)")
        assert small == [], name
