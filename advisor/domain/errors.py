"""Errors a user can act on. The CLI prints their message and exits non-zero, no traceback."""


class AdvisorError(Exception):
    """Base class: the message is meant for the person at the keyboard."""

    exit_code = 1


class InvalidQuestionError(AdvisorError):
    """The question is empty, too long, or contains bytes that are not text.

    ``problem`` says which (control, empty, too_long, no_words) and ``limit`` the
    most characters a question may have, so a page can say it in its own language."""

    exit_code = 2

    def __init__(self, message: str, problem: str = "", limit: int = 0) -> None:
        super().__init__(message)
        self.problem = problem
        self.limit = limit


class CorpusError(AdvisorError):
    """A corpus file is missing, unreadable, or does not match its schema."""

    exit_code = 3


class IndexUnavailableError(AdvisorError):
    """The vector index (embedded store or Chroma server) cannot be used."""

    exit_code = 4


class ConfigError(AdvisorError):
    """A setting has a value the advisor cannot work with."""

    exit_code = 5
