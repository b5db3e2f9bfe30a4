"""An urgent answer passed on to leadership by e-mail: a real SMTP server on
loopback (aiosmtpd) receives it, pseudonymised; the log records that it went."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from advisor.app.notify import NotConfiguredError, SendError
from advisor.app.portal import PermissionDeniedError, Portal
from advisor.app.store import open_store
from advisor.bench.web import free_port
from advisor.domain.corpus import Corpus
from advisor.domain.models import Escalation
from advisor.domain.settings import Settings
from advisor.store.accounts import Role

URGENT = "Lisa de Vries (3B) krijgt via Snapchat naaktfoto's van een onbekende volwassene. Wat nu?"


class Inbox:
    """What the SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[tuple[Envelope, Message]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.content if isinstance(envelope.content, bytes) else b""
        self.messages.append((envelope, message_from_bytes(content)))
        return "250 OK"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    received = Inbox()
    port = free_port()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    yield received, port
    controller.stop()


def _portal(settings: Settings, corpus: Corpus) -> Portal:
    store = open_store(settings, corpus)
    store.accounts.add("anna", "anna-wachtwoord", Role.STAFF)
    store.accounts.add("bram", "bram-wachtwoord", Role.STAFF)
    return Portal(settings, store, corpus)


def test_an_urgent_answer_reaches_leadership_pseudonymised_and_is_recorded(
    settings: Settings, corpus: Corpus, inbox: tuple[Inbox, int]
) -> None:
    received, port = inbox
    configured = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "leadership_email": "rector@school.nl"}
    )
    portal = _portal(configured, corpus)
    anna = portal.caller("anna")
    answer, _ = portal.ask(anna, URGENT)
    assert answer.escalation is Escalation.URGENT and answer.log_id
    with pytest.raises(PermissionDeniedError):
        portal.report(portal.caller("bram"), answer.log_id)  # not bram's answer
    sent = portal.report(anna, answer.log_id)
    assert sent.sent_to == "rector@school.nl" and sent.reported_by == "anna"
    [(envelope, message)] = received.messages
    assert envelope.rcpt_tos == ["rector@school.nl"]
    assert str(message["Subject"]).startswith("URGENT")
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    text = body.decode("utf-8")
    assert "Lisa" not in text and "Vries" not in text  # the name never leaves the school
    assert "[NAAM" in text and answer.log_id in text
    first = answer.citations[0]
    assert f"[{first.clause_id}]" in text and first.quote[:40] in text
    assert [r.reported_by for r in portal.reports(anna, answer.log_id)] == ["anna"]


def test_no_mail_server_or_a_dead_one_is_a_clear_message_and_records_nothing(
    settings: Settings, corpus: Corpus
) -> None:
    portal = _portal(settings, corpus)
    anna = portal.caller("anna")
    answer, _ = portal.ask(anna, URGENT)
    assert answer.log_id
    with pytest.raises(NotConfiguredError, match="niet ingesteld"):
        portal.report(anna, answer.log_id)
    dead = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": free_port(), "leadership_email": "r@s.nl"}
    )
    portal = Portal(dead, portal.store, corpus)
    with pytest.raises(SendError, match="neem direct contact op"):
        portal.report(anna, answer.log_id)
    assert portal.reports(anna, answer.log_id) == []
