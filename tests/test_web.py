"""The web app in a real browser: Playwright for Python driving Debian's Chromium.

One server (``advisor serve``) runs for the module, on loopback, in its own
data dir, with three accounts. Screenshots of failing tests go to
``test-artifacts/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright._impl._api_structures import SetCookieParam
from playwright.sync_api import Browser, Dialog, Page, expect, sync_playwright

from advisor.bench.web import add_users, free_port, running_server, sqlite_url, wait_until_up
from advisor.domain.settings import Settings
from advisor.store.accounts import Role
from tests.conftest import CORPUS_DIR, REPO

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"
PASSWORDS = {"anna": "anna-wachtwoord-1", "bram": "bram-wachtwoord-1", "rector": "rector-wachtw-1"}
RETRIEVE = [sys.executable, "-m", "advisor", "retrieve", "--json", "-k", "10"]
QUESTION = "Mag ik een vriendschapsverzoek van een leerling accepteren op Instagram?"
XSS = (
    'Mag ik dit delen? <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> '
    "![foto](http://127.0.0.1:9/x.png) [klik](javascript:alert(3))"
)

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("ADVISOR_TEST_REQUIRE_BROWSER"),
    reason="Debian's chromium is not installed (make test installs it)",
)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
    shared_embedding_cache: Path,
    shared_model_cache: Path,
) -> Iterator[tuple[str, Path]]:
    data_dir = tmp_path_factory.mktemp("web")
    # Set up before the per-test environment: the session's caches are passed
    # on, so the case-bank model is trained once for all the servers.
    env = {
        "ADVISOR_CORPUS_DIR": str(CORPUS_DIR),
        "ADVISOR_EMBEDDING_CACHE": str(shared_embedding_cache),
        "ADVISOR_MODEL_CACHE": str(shared_model_cache),
    }
    settings = Settings(data_dir=data_dir, corpus_dir=CORPUS_DIR)
    for name, password in PASSWORDS.items():
        role = Role.LEADERSHIP if name == "rector" else Role.STAFF
        add_users(settings, [name], role, password)
    with running_server(data_dir, free_port(), env) as url:
        yield url, data_dir


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def pages(browser: Browser, request: pytest.FixtureRequest) -> Iterator[list[Page]]:
    """Fresh browser contexts (one per user); screenshots of each if the test fails."""
    opened: list[Page] = []
    yield opened
    failed = getattr(request.node, "rep_call", None)
    for number, page in enumerate(opened):
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(
                path=str(ARTIFACTS / f"{request.node.name}-{number}.png"), full_page=True
            )
        page.context.close()


# Every Content-Security-Policy violation the page meets, kept for the test to read.
RECORD_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def new_page(browser: Browser, pages: list[Page]) -> Page:
    page = browser.new_context(viewport={"width": 1400, "height": 1200}).new_page()
    page.add_init_script(RECORD_CSP)
    pages.append(page)
    return page


def sign_in(page: Page, url: str, user: str, password: str) -> None:
    page.goto(url)
    expect(page).to_have_url(re.compile(r"/login$"))
    page.get_by_label("Gebruikersnaam").fill(user)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def login(browser: Browser, pages: list[Page], url: str, user: str) -> Page:
    page = new_page(browser, pages)
    sign_in(page, url, user, PASSWORDS[user])
    expect(page.locator("#who")).to_contain_text(user, timeout=30_000)
    return page


def ask(page: Page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    expect(page.locator("#verdict .verdict-badge")).to_be_visible(timeout=30_000)


def test_staff_and_leadership_work_through_the_whole_flow(
    server: tuple[str, Path], browser: Browser, pages: list[Page]
) -> None:
    url, data_dir = server
    # Staff: ask, see verdict, a citation with its quote, and the referral; thumbs down.
    anna = login(browser, pages, url, "anna")
    expect(anna.get_by_role("tab", name="Beoordelen")).to_have_count(0)
    ask(anna, QUESTION)
    expect(anna.locator("#verdict")).to_contain_text("Niet toegestaan")
    expect(anna.locator("#referral")).to_contain_text("leidinggevende")
    citation = anna.locator("#citations details").first
    citation.locator("summary").click()
    expect(citation.locator("blockquote")).to_contain_text("vriend")
    anna.locator("#feedback-comment textarea").fill("Te kort, ik mis de uitzondering")
    anna.locator("#thumbs-down").click()
    expect(anna.locator("#feedback-status")).to_contain_text("opgeslagen")
    expect(anna.locator("#history")).to_contain_text("vriendschapsverzoek")

    # A second staff member sees neither the answer nor the review screens.
    bram = login(browser, pages, url, "bram")
    expect(bram.locator("#history")).not_to_contain_text("vriendschapsverzoek")
    expect(bram.get_by_role("tab", name="Beoordelen")).to_have_count(0)

    # Leadership finds it by filter, reviews, corrects, promotes and approves it.
    rector = login(browser, pages, url, "rector")
    rector.get_by_role("tab", name="Beoordelen").click()
    rector.locator("#f-feedback input").click()
    rector.get_by_role("option", name="niet nuttig", exact=True).click()
    # The dates come from a date picker (typing one works too); tomorrow finds nothing.
    today, tomorrow = date.today(), date.today() + timedelta(days=1)
    rector.locator("#f-since input").fill(tomorrow.isoformat())
    rector.locator("#f-since input").press("Enter")
    rector.locator("#search").click()
    expect(rector.locator("#search-status")).to_contain_text("0 antwoorden gevonden")
    rector.locator("#f-since input").fill(today.isoformat())
    rector.locator("#f-since input").press("Enter")
    expect(rector.locator("#export")).to_have_attribute("href", re.compile(f"since={today}"))
    rector.locator("#search").click()
    expect(rector.locator("#search-status")).to_contain_text("1 antwoord gevonden")
    rector.locator("#log-table [role=gridcell]").first.click()
    expect(rector.locator("#selected-id textarea, #selected-id input")).not_to_have_value("")
    rector.locator("#show").click()
    expect(rector.locator("#detail")).to_contain_text("Te kort, ik mis de uitzondering")
    rector.get_by_label("moet anders").check()
    rector.locator("#corrected-answer textarea").fill(
        "Nee, niet vanaf je privéaccount; alleen een professioneel account zonder persoonlijke "
        "informatie mag leerlingen volgen [2.1]."
    )
    rector.locator("#note textarea").fill("Noem de uitzondering van 2.1")
    rector.locator("#save-review").click()
    expect(rector.locator("#review-status")).to_contain_text("opgeslagen")
    expect(rector.locator("#log-table")).to_contain_text("moet anders")  # the table shows it
    rector.locator("#promote").click()
    expect(rector.locator("#review-status")).to_contain_text("L001")
    rector.locator("#approve").click()
    expect(rector.locator("#review-status")).to_contain_text("goedgekeurd", timeout=60_000)

    # A new question now retrieves the approved precedent.
    hits = subprocess.run(
        [
            sys.executable,
            "-m",
            "advisor",
            "retrieve",
            "--json",
            "-k",
            "10",
            "Mag ik een leerling als vriend toevoegen op Instagram?",
        ],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "ADVISOR_DATA_DIR": str(data_dir),
            "ADVISOR_CORPUS_DIR": str(CORPUS_DIR),
        },
        timeout=120,
        check=True,
    )
    assert "L001" in [h["id"] for h in json.loads(hits.stdout)]
    rector.get_by_role("tab", name="Dashboard").click()
    expect(rector.locator("#figures")).to_contain_text("vragen in 30 dagen")
    # The export downloads straight from the server.
    rector.get_by_role("tab", name="Beoordelen").click()
    with rector.expect_download() as download:
        rector.locator("#export").click()
    assert "vriendschapsverzoek" in Path(download.value.path()).read_text(encoding="utf-8")
    # The whole flow ran under the Content-Security-Policy without one violation.
    for page in (anna, bram, rector):
        assert page.evaluate("window.__csp") == []


def test_a_correction_reaches_staff_on_another_app_process_as_a_school_decision(
    tmp_path: Path, browser: Browser, pages: list[Page], shared_embedding_cache: Path
) -> None:
    """Staff ask on one process; leadership corrects verdict and clauses, promotes and
    approves there; staff on a second process (same database) get the correction."""
    env = {"ADVISOR_EMBEDDING_BACKEND": "none", "ADVISOR_CORPUS_DIR": str(CORPUS_DIR)}
    first, second = tmp_path / "one", tmp_path / "two"
    database = sqlite_url(first)
    settings = Settings(data_dir=first, corpus_dir=CORPUS_DIR)
    for name in ("anna", "rector"):
        role = Role.LEADERSHIP if name == "rector" else Role.STAFF
        add_users(settings, [name], role, PASSWORDS[name])
    question = "Mag ik reageren op een ouder die mij op Facebook een bericht stuurt?"
    corrected = "Reageer niet via Facebook; nodig de ouder uit voor een gesprek op school."
    with (
        running_server(first, free_port(), env) as one,
        running_server(second, free_port(), env, database_url=database) as two,
    ):
        anna = login(browser, pages, one, "anna")
        ask(anna, question)
        rector = login(browser, pages, one, "rector")
        rector.get_by_role("tab", name="Beoordelen").click()
        rector.locator("#search").click()
        rector.locator("#log-table [role=gridcell]").first.click()
        expect(rector.locator("#selected-id textarea, #selected-id input")).not_to_have_value("")
        rector.get_by_label("moet anders").check()
        rector.locator("#corrected-answer textarea").fill(corrected)
        rector.locator("#corrected-clauses textarea, #corrected-clauses input").fill("2.5")
        rector.get_by_label("Gecorrigeerd oordeel").click()
        rector.get_by_role("option", name="onder voorwaarden").click()
        rector.locator("#save-review").click()
        expect(rector.locator("#review-status")).to_contain_text("opgeslagen")
        expect(rector.locator("#corrected-answer textarea")).to_have_value("")  # form cleared
        rector.locator("#promote").click()
        # The draft shows in full before it is approved.
        expect(rector.locator("#review-status")).to_contain_text("Reageer niet via Facebook")
        expect(rector.locator("#review-status")).to_contain_text("2.5")
        rector.locator("#approve").click()
        expect(rector.locator("#review-status")).to_contain_text("goedgekeurd", timeout=60_000)

        staff = login(browser, pages, two, "anna")
        ask(staff, question)
        expect(staff.locator("#verdict")).to_contain_text("Onder voorwaarden")
        expect(staff.locator("#citations details").first).to_contain_text("2.5")
        expect(staff.locator("#precedent")).to_contain_text("Besluit van de schoolleiding")
        expect(staff.locator("#precedent")).not_to_contain_text("illustratief")
        expect(staff.locator("#chat")).to_contain_text(corrected)


def test_one_language_at_a_time_dutch_unless_english_is_chosen(
    server: tuple[str, Path], browser: Browser, pages: list[Page]
) -> None:
    url, _ = server
    bram = login(browser, pages, url, "bram")
    expect(bram.locator("#ask")).to_have_text("Vraag")
    expect(bram.locator("#who")).to_contain_text("(medewerker)")
    bram.get_by_label("English").check()
    expect(bram.locator("#ask")).to_have_text("Ask")
    expect(bram.get_by_role("tab", name="Ask", exact=True)).to_be_visible()
    expect(bram.locator("#who")).to_contain_text("Logged in as")
    expect(bram.get_by_label("Your question")).to_be_visible()
    expect(bram.locator("#logout")).to_have_text("Log out")
    # What goes wrong is said in the page's language too.
    bram.locator("#question textarea").fill("\u200b ?")
    bram.locator("#ask").click()
    expect(bram.locator("#chat")).to_contain_text("Your question has no words in it")
    # The browser keeps the choice; no Dutch label is left on the page.
    bram.reload()
    expect(bram.locator("#ask")).to_have_text("Ask", timeout=30_000)
    # The labels switch as the page's script applies the kept choice: wait for
    # each, and fail if any Dutch one stays.
    for dutch in ("Vraag stellen", "Je vraag", "Nieuw gesprek", "Mijn vragen", "Uitloggen"):
        expect(bram.locator("body")).not_to_contain_text(dutch, timeout=30_000)
    bram.get_by_label("Nederlands").check()
    expect(bram.locator("#ask")).to_have_text("Vraag")
    expect(bram.locator("#history")).to_contain_text("tijd")


def test_markup_in_a_question_renders_as_text(
    server: tuple[str, Path], browser: Browser, pages: list[Page]
) -> None:
    url, _ = server
    page = login(browser, pages, url, "bram")
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    ask(page, XSS)
    expect(page.locator("#chat")).to_contain_text("<script>window.__xss=1</script>")
    expect(page.locator("#chat")).to_contain_text('<img src=x onerror="window.__xss=2">')
    assert page.evaluate("window.__xss") is None
    assert page.locator("#chat img[src='x']").count() == 0
    expect(page.locator("#chat")).to_contain_text("![foto](http://127.0.0.1:9/x.png)")
    assert page.locator("#chat img[src*='127.0.0.1:9']").count() == 0
    assert page.locator("#chat a[href^='javascript']").count() == 0
    assert dialogs == []


def test_a_wrong_password_does_not_get_in(
    server: tuple[str, Path], browser: Browser, pages: list[Page]
) -> None:
    url, _ = server
    page = new_page(browser, pages)
    sign_in(page, url, "anna", "not-her-password")
    expect(page.get_by_role("alert")).to_contain_text("Onjuiste gebruikersnaam of wachtwoord")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert page.locator("#question").count() == 0


def test_a_kept_session_ends_with_a_new_password_and_at_logout(
    server: tuple[str, Path], browser: Browser, pages: list[Page]
) -> None:
    url, data_dir = server
    bram = login(browser, pages, url, "bram")
    kept = session_cookie(bram, url)
    thief = new_page(browser, pages)
    thief.context.add_cookies(kept)  # the cookie copied to another browser works ...
    thief.goto(url)
    expect(thief.locator("#who")).to_contain_text("bram", timeout=30_000)
    users(data_dir, "passwd", "bram", stdin="bram-nieuw-wachtwoord\n")
    thief.goto(url)  # ... until the password changes
    expect(thief).to_have_url(re.compile(r"/login$"))
    users(data_dir, "passwd", "bram", stdin=PASSWORDS["bram"] + "\n")
    bram = login(browser, pages, url, "bram")
    kept = session_cookie(bram, url)
    bram.get_by_role("button", name="Uitloggen").click()
    expect(bram).to_have_url(re.compile(r"/login$"))
    thief.context.add_cookies(kept)
    thief.goto(url)
    expect(thief).to_have_url(re.compile(r"/login$"))


def session_cookie(page: Page, url: str) -> list[SetCookieParam]:
    """The page's session cookie, as another browser would take it."""
    return [
        {"name": c["name"], "value": c["value"], "url": url}
        for c in page.context.cookies()
        if c["name"] == "advisor_session"
    ]


def users(data_dir: Path, *args: str, stdin: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "advisor", "users", *args, "--password-stdin"],
        input=stdin, text=True, check=True, capture_output=True, timeout=120,
        env={**os.environ, "ADVISOR_DATA_DIR": str(data_dir),
             "ADVISOR_DATABASE_URL": sqlite_url(data_dir)},
    )  # fmt: skip


def test_the_app_refuses_to_start_without_users(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "advisor", "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        env={**os.environ, "ADVISOR_DATA_DIR": str(tmp_path), "ADVISOR_EMBEDDING_BACKEND": "none"},
        timeout=120,
    )
    assert result.returncode == 5 and "no user accounts yet" in result.stderr
    assert "advisor serve --demo" in result.stderr


def test_demo_mode_is_refused_where_it_would_expose_a_log(tmp_path: Path) -> None:
    env = {**os.environ, "ADVISOR_DATA_DIR": str(tmp_path), "ADVISOR_EMBEDDING_BACKEND": "none"}
    public = subprocess.run(
        [sys.executable, "-m", "advisor", "serve", "--demo", "--host", "0.0.0.0"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert public.returncode == 5 and "only listens on this computer" in public.stderr
    add_users(Settings(data_dir=tmp_path, corpus_dir=CORPUS_DIR), ["rector"], Role.LEADERSHIP)
    with_accounts = subprocess.run(
        [sys.executable, "-m", "advisor", "serve", "--demo", "--port", str(free_port())],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert with_accounts.returncode == 5 and "accounts exist" in with_accounts.stderr


@contextmanager
def oidc_provider(people: list[dict[str, object]]) -> Iterator[str]:
    """oidc-provider-mock, a real OpenID Connect provider, in its own process on
    loopback with these people; yields its discovery URL."""
    port = free_port()
    args = [sys.executable, "-m", "oidc_provider_mock", "--host", "localhost", "--port", str(port)]
    for person in people:
        args += ["--user-claims", json.dumps(person)]
    with subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as provider:
        discovery = f"http://localhost:{port}/.well-known/openid-configuration"
        try:
            wait_until_up(discovery, process=provider)
            yield discovery
        finally:
            provider.terminate()
            provider.wait(timeout=20)


def test_school_sign_in_with_openid_connect(
    tmp_path: Path, browser: Browser, pages: list[Page], shared_embedding_cache: Path
) -> None:
    """A real OpenID Connect provider on loopback: the leader signs in with the school
    account and gets leadership from the group claim; someone in no group is refused."""
    people: list[dict[str, object]] = [
        {"sub": "r-1", "email": "rector@school.nl", "groups": ["Schoolleiding"]},
        {"sub": "d-1", "email": "docent@school.nl", "groups": ["Personeel"]},
        {"sub": "g-1", "email": "gast@school.nl"},
    ]
    with oidc_provider(people) as discovery:
        env = {
            "ADVISOR_EMBEDDING_BACKEND": "none",
            "ADVISOR_CORPUS_DIR": str(CORPUS_DIR),
            "ADVISOR_OIDC_DISCOVERY_URL": discovery,
            "ADVISOR_OIDC_CLIENT_ID": "protocol-advisor",
            "ADVISOR_OIDC_CLIENT_SECRET": "geheim-van-de-school",
            "ADVISOR_OIDC_LEADERSHIP_VALUES": "schoolleiding",
            "ADVISOR_OIDC_STAFF_VALUES": "personeel",
        }
        # Local accounts stay possible; the school's own sign-in comes first for most.
        add_users(Settings(data_dir=tmp_path, corpus_dir=CORPUS_DIR), ["beheer"], Role.LEADERSHIP)
        with running_server(tmp_path, free_port(), env) as url:
            for sub, name, leader in (("r-1", "rector@school.nl", True),
                                      ("d-1", "docent@school.nl", False)):  # fmt: skip
                page = new_page(browser, pages)
                page.goto(url)
                page.get_by_role("link", name="Inloggen met je schoolaccount").click()
                page.get_by_role("button", name=sub, exact=True).click()  # at the provider
                expect(page.locator("#who")).to_contain_text(name, timeout=30_000)
                review = page.get_by_role("tab", name="Beoordelen")
                expect(review).to_have_count(1 if leader else 0)
                assert page.evaluate("window.__csp") == []
            guest = new_page(browser, pages)
            guest.goto(url)
            guest.get_by_role("link", name="Inloggen met je schoolaccount").click()
            guest.get_by_role("button", name="g-1", exact=True).click()
            expect(guest.get_by_role("alert")).to_contain_text("geen toegang")
            assert guest.locator("#question").count() == 0


def test_demo_mode_says_so_on_screen(
    tmp_path: Path, browser: Browser, pages: list[Page], shared_embedding_cache: Path
) -> None:
    env = {"ADVISOR_EMBEDDING_BACKEND": "none", "ADVISOR_CORPUS_DIR": str(CORPUS_DIR)}
    with running_server(tmp_path, free_port(), env, demo=True) as url:
        page = browser.new_context().new_page()
        pages.append(page)
        page.goto(url)
        expect(page.locator("#demo-banner")).to_contain_text("demomodus")
        expect(page.locator("#who")).to_contain_text("demo")


AXE = REPO / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']"
# True once no output has been pending (faded by gradio) for `ms` milliseconds on end.
QUIET = """ms => {
    const now = performance.now();
    if (document.querySelector('.pending')) { window.__quietSince = undefined; return false; }
    window.__quietSince ??= now;
    return now - window.__quietSince >= ms;
}"""
QUIET_MS = 750


def axe_violations(page: Page, screen: str) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 AA violations on the page; the full
    result is kept in test-artifacts/ for the record."""
    if not AXE.exists():
        if os.environ.get("ADVISOR_TEST_REQUIRE_BROWSER"):
            pytest.fail(f"axe-core is missing ({AXE}); `make test` installs it")
        pytest.skip("axe-core is not installed (make test installs it)")
    # Check the screen at rest: while an event runs, gradio fades its outputs (opacity
    # .2, class "pending"), which is not the contrast anyone reads the page in. One
    # quiet moment is not rest: a click can start its event just after another ended
    # (the review tab searches on opening, and the test then clicks Search), so the
    # page must show nothing pending for a while.
    page.evaluate("window.__quietSince = undefined")
    page.wait_for_function(QUIET, arg=QUIET_MS, polling=50, timeout=30_000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"async () => await axe.run(document, {{runOnly: {WCAG}}})")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{screen}.json").write_text(
        json.dumps(result["violations"], indent=1), encoding="utf-8"
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_accessible_screens_and_a_phone_without_sideways_scrolling(
    server: tuple[str, Path], browser: Browser, pages: list[Page]
) -> None:
    url, _ = server
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    pages.append(phone)
    phone.goto(url)
    assert axe_violations(phone, "login") == []
    sign_in(phone, url, "anna", PASSWORDS["anna"])
    expect(phone.locator("#who")).to_contain_text("anna", timeout=30_000)
    ask(phone, "Mag ik een foto van mijn klas op Instagram zetten?")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "phone-answer.png"))
    phone.locator("#verdict").scroll_into_view_if_needed()
    phone.screenshot(path=str(ARTIFACTS / "phone-verdict.png"))
    assert axe_violations(phone, "chat") == []
    rector = login(browser, pages, url, "rector")
    rector.get_by_role("tab", name="Beoordelen").click()
    rector.locator("#search").click()
    expect(rector.locator("#search-status")).to_contain_text("gevonden")
    assert axe_violations(rector, "review") == []
    rector.get_by_role("tab", name="Dashboard").click()
    expect(rector.locator("#figures")).to_contain_text("vragen in 30 dagen")
    assert axe_violations(rector, "dashboard") == []


def teardown_module() -> None:
    if ARTIFACTS.exists() and not any(ARTIFACTS.iterdir()):
        shutil.rmtree(ARTIFACTS)
