"""What the web app may do, and for whom.

The UI (``ui/``) calls only this: every call names its caller, and every call
checks the caller's role here, in the library, not in the page. Staff ask,
see their own history and give feedback on their own answers; leadership
also searches the whole log, reviews, promotes and approves precedents,
exports and sees the dashboard.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.app.recording import NotLoggedError, answer_and_log
from advisor.app.store import open_store
from advisor.app.wiring import EngineName, build_engine
from advisor.domain.corpus import Corpus, load_corpus
from advisor.domain.errors import AdvisorError
from advisor.domain.models import Answer, Clause, Language, Verdict
from advisor.domain.settings import Settings
from advisor.pipeline.compose import VERDICT_LABEL
from advisor.pipeline.run import GroundedEngine, Turn
from advisor.store.accounts import Role, User
from advisor.store.precedents import LoggedPrecedent
from advisor.store.records import (
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
from advisor.store.service import Store
from advisor.store.stats import Dashboard, dashboard

# The one door for the UI: ``ui/`` imports from here (and ``advisor.domain``) only.
__all__ = [
    "DEMO_USER",
    "Caller",
    "Dashboard",
    "EngineName",
    "FeedbackRecord",
    "InvalidFilterError",
    "LogEntry",
    "LogFilter",
    "LoggedPrecedent",
    "LoginThrottle",
    "NeighbourRecord",
    "NotLoggedError",
    "PermissionDeniedError",
    "Portal",
    "ReadingRecord",
    "ReviewOutcome",
    "ReviewRecord",
    "Role",
    "Turn",
    "parse_moment",
    "verdict_label",
]

DEMO_USER = "demo"


def verdict_label(verdict: Verdict | str, language: Language = Language.NL) -> str:
    """A verdict as answers show it: ``not_allowed`` → "Niet toegestaan" (or "Not allowed")."""
    return VERDICT_LABEL[language][Verdict(verdict)]


class PermissionDeniedError(AdvisorError):
    exit_code = 7


@dataclass(frozen=True)
class Caller:
    username: str
    role: Role

    @property
    def is_leadership(self) -> bool:
        return self.role is Role.LEADERSHIP


class LoginThrottle:
    """Failed logins per username: after ``max_failures`` within ``window_s`` the
    name is locked for ``lock_s`` (password guessing gets slow, not free)."""

    def __init__(self, max_failures: int = 5, window_s: float = 300, lock_s: float = 300) -> None:
        self.max_failures, self.window_s, self.lock_s = max_failures, window_s, lock_s
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def locked(self, name: str) -> bool:
        with self._lock:
            return self._locked_until.get(name, 0.0) > time.monotonic()

    def record(self, name: str, ok: bool) -> None:
        now = time.monotonic()
        with self._lock:
            if ok:
                self._failures.pop(name, None)
                return
            recent = [t for t in self._failures.get(name, []) if now - t < self.window_s]
            recent.append(now)
            self._failures[name] = recent
            if len(recent) >= self.max_failures:
                self._locked_until[name] = now + self.lock_s
                self._failures.pop(name, None)


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
        self._throttle = LoginThrottle()
        self._engine = build_engine(settings, engine_name, store=store, corpus=corpus)

    @classmethod
    def open(
        cls, settings: Settings, engine_name: EngineName = EngineName.GROUNDED, demo: bool = False
    ) -> Portal:
        corpus = load_corpus(settings.corpus_dir)
        return cls(settings, open_store(settings, corpus), corpus, engine_name, demo)

    @property
    def engine(self) -> GroundedEngine:
        return self._engine

    # --- who ----------------------------------------------------------------------

    def login(self, username: str, password: str) -> bool:
        """Check a password; after repeated failures a username is locked for a while."""
        name = username.strip().lower()
        if self._throttle.locked(name):
            return False
        ok = self.store.accounts.verify(name, password) is not None
        self._throttle.record(name, ok)
        return ok

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
        response = answer_and_log(
            self._engine,
            question,
            self.store.log,
            history,
            user_name=caller.username,
            user_role=caller.role.value,
        )
        grounded = response.grounded
        return response.answer, Turn(grounded.query.text, grounded.retrieval_text)

    def clause(self, clause_id: str) -> Clause:
        return self.corpus.clause(clause_id)

    def history(self, caller: Caller, limit: int = 50) -> list[LogEntry]:
        """The caller's own answers, newest first (also for leadership: their own)."""
        return self.store.log.find(LogFilter(user_name=caller.username, limit=limit))

    def feedback(self, caller: Caller, log_id: str, up: bool, comment: str | None) -> None:
        entry = self.store.log.get(log_id)
        if entry.user_name != caller.username and not caller.is_leadership:
            raise PermissionDeniedError("you can only rate your own answers")
        self.store.log.add_feedback(entry.id, 1 if up else -1, comment, caller.username)

    # --- leadership -----------------------------------------------------------------

    def search(self, caller: Caller, filters: LogFilter) -> list[LogEntry]:
        self._leadership(caller)
        return self.store.log.find(filters)

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
    ) -> int:
        self._leadership(caller)
        return self.store.log.add_review(
            log_id, caller.username, outcome, corrected_answer, corrected_verdict, note
        )

    def promote(
        self, caller: Caller, log_id: str, title_nl: str | None = None, title_en: str | None = None
    ) -> LoggedPrecedent:
        self._leadership(caller)
        return self.store.precedents.promote(log_id, caller.username, title_nl, title_en)

    def approve(self, caller: Caller, precedent_id: str) -> str:
        """Approve, then rebuild the engine so new questions find the precedent."""
        self._leadership(caller)
        message = self.store.precedents.approve(precedent_id, caller.username, self.corpus)
        engine = build_engine(self.settings, self.engine_name, store=self.store, corpus=self.corpus)
        with self._lock:
            self._engine = engine
        return message

    def drafts(self, caller: Caller) -> list[LoggedPrecedent]:
        self._leadership(caller)
        return self.store.precedents.find()

    def export_csv(self, caller: Caller, filters: LogFilter) -> str:
        self._leadership(caller)
        buffer = io.StringIO()
        self.store.log.export(filters, "csv", buffer)
        return buffer.getvalue()

    def dashboard(self, caller: Caller, days: int = 30) -> Dashboard:
        self._leadership(caller)
        return dashboard(self.store.log, days)
