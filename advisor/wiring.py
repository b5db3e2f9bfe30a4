"""Building an answer engine from settings (one place, for the CLI and the UI)."""

from __future__ import annotations

from enum import StrEnum

from advisor.config import Settings
from advisor.engine import GroundedEngine
from advisor.service import RetrievalService


class EngineName(StrEnum):
    GROUNDED = "grounded"
    LLM = "llm"


def build_engine(settings: Settings, name: EngineName = EngineName.GROUNDED) -> GroundedEngine:
    service = RetrievalService(settings)
    service.index()
    if name is EngineName.LLM:
        from advisor.llm_engine import LLMEngine, chat_model_from_settings

        return LLMEngine(service, chat_model_from_settings(settings))
    return GroundedEngine(service)
