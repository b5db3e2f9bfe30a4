"""Passing an answer on to leadership by e-mail (SMTP).

What is sent is what the log holds: the pseudonymised question, the answer,
the cited clauses with their text, the escalation and the log id, and who
passed it on. Nobody's name or contact details leave the school in it.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from pydantic import BaseModel, ConfigDict

from advisor.domain.corpus import Corpus
from advisor.domain.errors import AdvisorError
from advisor.domain.settings import Settings
from advisor.store.records import LogEntry


class NotConfiguredError(AdvisorError):
    exit_code = 2


class SendError(AdvisorError):
    exit_code = 6


class Mailer(BaseModel):
    """Where reports go, and through which SMTP server."""

    model_config = ConfigDict(frozen=True)

    host: str
    port: int
    starttls: bool
    username: str | None
    password: str | None
    sender: str
    leadership: str
    timeout_s: float = 15.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Mailer | None:
        if not settings.smtp_host or not settings.leadership_email:
            return None
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            starttls=settings.smtp_starttls,
            username=settings.smtp_username,
            password=password,
            sender=settings.smtp_sender or settings.leadership_email,
            leadership=settings.leadership_email,
        )

    def send(self, message: EmailMessage) -> None:
        message["From"], message["To"] = self.sender, self.leadership
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username and self.password:
                    smtp.login(self.username, self.password)
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(
                f"de melding kon niet worden verstuurd ({self.host}:{self.port}: {exc}); "
                "neem direct contact op met je leidinggevende"
            ) from exc


def report_message(entry: LogEntry, corpus: Corpus, reported_by: str) -> EmailMessage:
    """The e-mail: the logged (pseudonymised) question and answer with the cited clauses."""
    urgent = entry.escalation.value == "urgent"
    message = EmailMessage()
    message["Subject"] = (
        f"{'URGENT: ' if urgent else ''}melding via de Protocol Advisor ({entry.id[:12]})"
    )
    clauses = "\n\n".join(
        f"[{cid}] {corpus.clause(cid).quote}" for cid in entry.citations if cid in corpus.clause_ids
    )
    message.set_content(
        f"{reported_by} geeft dit antwoord van de Protocol Advisor door aan de schoolleiding.\n"
        f"{'De vraag is als urgent aangemerkt.' if urgent else ''}\n\n"
        f"Vraag (namen en contactgegevens vervangen):\n{entry.question}\n\n"
        f"Oordeel: {entry.verdict.value}\n\nAntwoord:\n{entry.answer}\n\n"
        f"Artikelen uit het protocol:\n{clauses or '–'}\n\n"
        f"Log: {entry.id} ({entry.created_at:%Y-%m-%d %H:%M} UTC)\n"
    )
    return message
