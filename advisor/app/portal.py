"""What the web app may do, and for whom.

The UI (``ui/``) calls only this: every call names its caller, and every call
checks the caller's role here, in the library, not in the page. Staff ask,
see their own history and give feedback on their own answers; leadership
also searches the whole log, reviews, promotes and approves precedents,
exports and sees the dashboard.
"""

from __future__ import annotations

import io
import logging
import math
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from advisor.app.notify import Mailer, NotConfiguredError, report_message
from advisor.app.oidc import OIDCConfig, SignInRefusedError, identity
from advisor.app.recording import NotLoggedError, answer_and_log
from advisor.app.store import open_store
from advisor.app.wiring import EngineName, build_engine
from advisor.domain.corpus import Corpus, load_corpus
from advisor.domain.errors import AdvisorError
from advisor.domain.models import Answer, Clause, Language, Verdict
from advisor.domain.settings import Settings
from advisor.pipeline.compose import VERDICT_LABEL, long_date
from advisor.pipeline.run import GroundedEngine, Turn
from advisor.store.accounts import AccountError, Role, User
from advisor.store.precedents import LoggedPrecedent
from advisor.store.records import (
    Approval,
    FeedbackRecord,
    InvalidFilterError,
    LogEntry,
    LogFilter,
    NeighbourRecord,
    ReadingRecord,
    ReviewOutcome,
    ReviewRecord,
    parse_moment,
)
from advisor.store.reports import ReportRecord
from advisor.store.service import Store
from advisor.store.sessions import LoginThrottle, SessionPolicy, ThrottlePolicy, token_hash
from advisor.store.stats import Dashboard, dashboard

# The one door for the UI: ``ui/`` imports from here (and ``advisor.domain``) only.
__all__ = [
    "DEMO_USER",
    "Approval",
    "Caller",
    "Dashboard",
    "EngineName",
    "FeedbackRecord",
    "InvalidFilterError",
    "LogEntry",
    "LogFilter",
    "LoggedPrecedent",
    "NeighbourRecord",
    "NotLoggedError",
    "OIDCConfig",
    "PermissionDeniedError",
    "Portal",
    "ReadingRecord",
    "ReportRecord",
    "ReviewOutcome",
    "ReviewRecord",
    "Role",
    "SignIn",
    "SignInRefusedError",
    "Turn",
    "known_clauses",
    "long_date",
    "parse_moment",
    "token_hash",
    "verdict_label",
]

DEMO_USER = "demo"
# How often an app process looks for precedents approved elsewhere (seconds).
REFRESH_S = 2.0

log = logging.getLogger(__name__)


def verdict_label(verdict: Verdict | str, language: Language = Language.NL) -> str:
    """A verdict as answers show it: ``not_allowed`` → "Niet toegestaan" (or "Not allowed")."""
    return VERDICT_LABEL[language][Verdict(verdict)]


def known_clauses(corpus: Corpus, clause_ids: Sequence[str]) -> list[str]:
    """Clause ids as typed ("2.5, 1.1"), checked against the protocol, order kept."""
    ids = [c.strip() for part in clause_ids for c in part.replace(";", ",").split(",")]
    ids = [c for c in ids if c]
    unknown = [c for c in ids if c not in corpus.clause_ids]
    if unknown:
        raise AdvisorError(f"the protocol has no article {', '.join(unknown)}")
    return list(dict.fromkeys(ids))


class PermissionDeniedError(AdvisorError):
    exit_code = 7


@dataclass(frozen=True)
class Caller:
    username: str
    role: Role

    @property
    def is_leadership(self) -> bool:
        return self.role is Role.LEADERSHIP


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: a session token, or how long to wait (0: just wrong)."""

    token: str | None = None
    wait_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.token is not None


class Portal:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        corpus: Corpus,
        engine_name: EngineName = EngineName.GROUNDED,
        demo: bool = False,
    ) -> None:
        self.settings = settings
        self.store = store
        self.corpus = corpus  # the committed corpus; the engine adds approved log precedents
        self.engine_name = engine_name
        self.demo = demo
        self._lock = threading.Lock()
        self._throttle = LoginThrottle(store.log, ThrottlePolicy())
        self._sign_in_locks = [threading.Lock() for _ in range(64)]
        self.session_policy = SessionPolicy(
            idle=timedelta(hours=settings.session_idle_hours),
            absolute=timedelta(days=settings.session_max_days),
        )
        self.oidc = OIDCConfig.from_settings(settings)
        try:
            self.zone = ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise AdvisorError(
                f"ADVISOR_TIMEZONE {settings.timezone!r} is not a time zone"
            ) from exc
        self._engine = build_engine(settings, engine_name, store=store, corpus=corpus)
        self._state = store.precedents.state()  # after the build: its sync may flag some
        self._checked = time.monotonic()

    @classmethod
    def open(
        cls, settings: Settings, engine_name: EngineName = EngineName.GROUNDED, demo: bool = False
    ) -> Portal:
        corpus = load_corpus(settings.corpus_dir)
        return cls(settings, open_store(settings, corpus), corpus, engine_name, demo)

    @property
    def engine(self) -> GroundedEngine:
        return self._engine

    def refresh(self, force: bool = False) -> bool:
        """Rebuild the engine when the store's precedents changed, here or in another
        app process (an approval, a re-approval, a flag after a clause change).
        Checked at most every ``REFRESH_S`` seconds; returns whether it rebuilt."""
        now = time.monotonic()
        if not force and now - self._checked < REFRESH_S:
            return False
        with self._lock:
            self._checked = now
            state = self.store.precedents.state()
            if state == self._state and not force:
                return False
            engine = build_engine(
                self.settings,
                self.engine_name,
                store=self.store,
                corpus=self.corpus,
                embedders=self._engine.service.embedders,
            )
            self._engine, self._state = engine, state
            return True

    # --- who ----------------------------------------------------------------------

    def sign_in(self, username: str, password: str, address: str) -> SignIn:
        """Check a password and open a session. Past a few failures from one address
        the throttle asks that address to wait; other addresses are not affected.
        Each attempt is counted before the password is checked (and uncounted when
        right), so a burst of parallel guesses cannot slip past the count."""
        name, address = username.strip().lower()[:64], address[:64]
        with self._sign_in_locks[hash(address) % len(self._sign_in_locks)]:
            wait = self._throttle.wait_s(address, name)
            if wait > 0:
                return SignIn(wait_s=math.ceil(wait))
            self._throttle.failed(address, name)
        user = self.store.accounts.verify(name, password)
        if user is None:
            log.warning("failed sign-in for %r from %s", name, address)
            return SignIn()
        self._throttle.succeeded(address, name)
        return SignIn(token=self.store.sessions.create(user, self.session_policy, address))

    def sign_in_oidc(self, claims: Mapping[str, object], address: str) -> str:
        """A session for someone the school's identity provider signed in (verified claims)."""
        if self.oidc is None:
            raise SignInRefusedError("school sign-in is not configured")
        who = identity(claims, self.oidc)
        try:
            user = self.store.accounts.sign_in_oidc(who.username, who.subject, who.role)
        except AccountError as exc:
            raise SignInRefusedError(str(exc)) from exc
        return self.store.sessions.create(user, self.session_policy, address)

    def session_user(self, token: str | None) -> User | None:
        """The account behind a session cookie (None: no valid session)."""
        return self.store.sessions.resolve(token, self.session_policy)

    def sign_out(self, token: str | None) -> None:
        self.store.sessions.end(token)

    def caller(self, username: str | None) -> Caller:
        """The caller behind a session; in demo mode everyone is the demo leader."""
        if self.demo:
            return Caller(DEMO_USER, Role.LEADERSHIP)
        user: User | None = self.store.accounts.get(username) if username else None
        if user is None:
            raise PermissionDeniedError("not logged in")
        return Caller(user.username, user.role)

    @staticmethod
    def _leadership(caller: Caller) -> None:
        if not caller.is_leadership:
            raise PermissionDeniedError("only leadership may do this")

    # --- staff --------------------------------------------------------------------

    def ask(
        self, caller: Caller, question: str, history: Sequence[Turn] = ()
    ) -> tuple[Answer, Turn]:
        """Answer and log; return the answer and the turn to keep for follow-ups."""
        self.refresh()
        response = answer_and_log(
            self._engine,
            question,
            self.store.log,
            history,
            user_name=caller.username,
            user_role=caller.role.value,
            demo=self.demo,
        )
        grounded = response.grounded
        return response.answer, Turn(grounded.query.text, grounded.retrieval_text)

    def clause(self, clause_id: str) -> Clause:
        return self.corpus.clause(clause_id)

    def history(self, caller: Caller, limit: int = 50) -> list[LogEntry]:
        """The caller's own answers, newest first (also for leadership: their own)."""
        return self.store.log.find(self._scope(LogFilter(user_name=caller.username, limit=limit)))

    def feedback(self, caller: Caller, log_id: str, up: bool, comment: str | None) -> None:
        entry = self.store.log.get(log_id)
        if entry.user_name != caller.username and not caller.is_leadership:
            raise PermissionDeniedError("you can only rate your own answers")
        self.store.log.add_feedback(entry.id, 1 if up else -1, comment, caller.username)

    def report(self, caller: Caller, log_id: str) -> ReportRecord:
        """Pass one's own answer on to leadership by e-mail (pseudonymised, as logged);
        the log records that it was sent."""
        entry = self.entry(caller, log_id)
        mailer = Mailer.from_settings(self.settings)
        if mailer is None:
            raise NotConfiguredError(
                "doorsturen per e-mail is niet ingesteld (ADVISOR_SMTP_HOST, "
                "ADVISOR_LEADERSHIP_EMAIL): neem zelf contact op met je leidinggevende"
            )
        mailer.send(report_message(entry, self.corpus, caller.username))
        return self.store.reports.add(entry.id, caller.username, mailer.leadership)

    def reports(self, caller: Caller, log_id: str) -> list[ReportRecord]:
        return self.store.reports.of(self.entry(caller, log_id).id)

    # --- leadership -----------------------------------------------------------------

    def _scope(self, filters: LogFilter) -> LogFilter:
        """The demo mode shows its own answers; real use never shows them."""
        return filters.model_copy(update={"include_demo": self.demo}) if self.demo else filters

    def search(self, caller: Caller, filters: LogFilter) -> list[LogEntry]:
        self._leadership(caller)
        return self.store.log.find(self._scope(filters))

    def entry(self, caller: Caller, log_id: str) -> LogEntry:
        entry = self.store.log.get(log_id)
        if entry.user_name != caller.username:
            self._leadership(caller)
        return entry

    def review(
        self,
        caller: Caller,
        log_id: str,
        outcome: ReviewOutcome,
        corrected_answer: str | None = None,
        corrected_verdict: Verdict | None = None,
        note: str | None = None,
        corrected_clauses: Sequence[str] = (),
        corrected_title: str | None = None,
    ) -> int:
        """Review an answer; a correction may name the clauses it should cite (decisive
        first) and the title of the precedent made from it."""
        self._leadership(caller)
        return self.store.log.add_review(
            log_id,
            caller.username,
            outcome,
            corrected_answer,
            corrected_verdict,
            note,
            corrected_clauses=known_clauses(self.corpus, corrected_clauses),
            corrected_title=corrected_title,
        )

    def promote(
        self, caller: Caller, log_id: str, title_nl: str | None = None, title_en: str | None = None
    ) -> LoggedPrecedent:
        self._leadership(caller)
        return self.store.precedents.promote(log_id, caller.username, title_nl, title_en)

    def approve(self, caller: Caller, precedent_id: str) -> Approval:
        """Approve, then rebuild the engine so new questions find the precedent."""
        self._leadership(caller)
        approval = self.store.precedents.approve(precedent_id, caller.username, self.corpus)
        self.refresh(force=True)
        return approval

    def drafts(self, caller: Caller) -> list[LoggedPrecedent]:
        self._leadership(caller)
        return self.store.precedents.find()

    def export_csv(self, caller: Caller, filters: LogFilter) -> str:
        self._leadership(caller)
        buffer = io.StringIO()
        self.store.log.export(self._scope(filters), "csv", buffer)
        return buffer.getvalue()

    def dashboard(self, caller: Caller, days: int = 30) -> Dashboard:
        self._leadership(caller)
        return dashboard(self.store.log, days, include_demo=self.demo)
