"""LLM wording behind the guard.

The grounded engine decides; the LLM only rewords its answer. The model sees
the question, the decided verdict and the cited and best retrieved clauses,
and must return JSON (verdict, answer, cited ids). Whatever it returns passes
the guard or is replaced by the grounded answer; a dead, slow or garbled model
gives the grounded answer with a short notice. LangChain chat models are one
implementation of ``ChatModel``; tests use LangChain's fake chat models.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import ValidationError

from advisor.domain.errors import ConfigError
from advisor.domain.models import Answer, Language, LLMOutcome, LLMRole, LLMTrace, Verdict
from advisor.domain.settings import LLMProvider, Settings
from advisor.pipeline.compose import cite, worded_by_model
from advisor.pipeline.decide_config import CAUTION, DecisionConfig
from advisor.pipeline.guard import Guard, LLMDraft
from advisor.pipeline.run import Grounded, GroundedEngine, Response, Turn
from advisor.pipeline.support import SupportScorer
from advisor.search.indexes import RetrievalService

# The "decide" role is shown the clauses the grounded core could cite: the best this many.
RETRIEVED_DEPTH = DecisionConfig().retrieved_depth
# ...and the conditions the decision counts as stated.
CONDITION_PROBABILITY = DecisionConfig().condition_probability

NOTICE = {
    Language.NL: "De taalassistent reageerde niet (goed); dit is het antwoord op basis van het "
    "protocol zelf.",
    Language.EN: "The language assistant did not respond (properly); this is the answer based "
    "on the protocol itself.",
}


class LLMUnavailable(Exception):
    """The model did not answer in time, or failed."""


@lru_cache(maxsize=4)
def _prompts(name: str) -> dict[str, dict[str, str]]:
    text = resources.files("advisor").joinpath(f"prompts/{name}.yaml").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


_JINJA = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def render_messages(
    language: Language, prompt_name: str = "answer", **variables: Any
) -> list[BaseMessage]:
    """The system and user messages of a packaged prompt (``prompts/<name>.yaml``)."""
    prompt = _prompts(prompt_name)[language.value]
    return [
        SystemMessage(_JINJA.from_string(prompt["system"]).render(**variables)),
        HumanMessage(_JINJA.from_string(prompt["user"]).render(**variables)),
    ]


def parse_draft(raw: str) -> LLMDraft:
    """The JSON object in the model's reply (code fences and chatter around it allowed)."""
    match = re.search(r"\{.*\}", raw, re.DOTALL)
    if not match:
        raise ValueError("no JSON object in the reply")
    try:
        data = json.loads(match.group(0))
    except json.JSONDecodeError as exc:
        raise ValueError(f"reply is not valid JSON: {exc.msg}") from exc
    try:
        return LLMDraft.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "reply"
        raise ValueError(
            f"reply is not valid JSON of the expected shape: {where}: {first['msg']}"
        ) from exc


class ChatModel:
    """One method: messages in, the model's text out, within a time limit.

    The call runs on a daemon thread that is abandoned at the time limit and
    stops reading the stream at its next chunk: a hung or slow model never
    holds up an answer, nor the process at exit.
    """

    def __init__(self, model: BaseChatModel, name: str, timeout_s: float) -> None:
        self.model = model
        self.name = name
        self.timeout_s = timeout_s

    def complete(self, messages: list[BaseMessage]) -> str:
        done = threading.Event()
        cancelled = threading.Event()
        result: dict[str, Any] = {}

        def collect() -> None:
            # Streamed, so the call can be abandoned between chunks.
            parts: list[str] = []
            try:
                for chunk in self.model.stream(messages):
                    if cancelled.is_set():
                        return
                    parts.append(str(chunk.content))
                result["text"] = "".join(parts)
            except Exception as exc:  # any provider failure means: no usable reply
                result["error"] = exc
            finally:
                done.set()

        threading.Thread(target=collect, name="llm-call", daemon=True).start()
        if not done.wait(self.timeout_s):
            cancelled.set()
            raise LLMUnavailable(f"no reply within {self.timeout_s:g} s")
        if "error" in result:
            exc = result["error"]
            raise LLMUnavailable(f"{type(exc).__name__}: {exc}") from exc
        return str(result["text"])


class LLMEngine(GroundedEngine):
    """The grounded engine with an LLM: in the "wording" role it rewords the
    grounded answer; in the "decide" role it reads the question, its reading,
    the retrieved clauses with their conditions and the nearest bank cases, and
    decides. Either way the guard checks its answer, the escalation and the
    referral come from the grounded core, and when it disagrees with the core
    the more cautious verdict is shown. ``Answer.llm`` records what it did."""

    def __init__(
        self,
        service: RetrievalService,
        chat_model: ChatModel,
        role: LLMRole = LLMRole.WORDING,
    ) -> None:
        super().__init__(service)
        self.chat_model = chat_model
        self.role = role
        self.name = f"llm:{chat_model.name}"
        self.guard = Guard(SupportScorer(service.corpus))

    def _shown_clauses(self, cited: list[str], ranked: list[str]) -> list[str]:
        return list(dict.fromkeys([*cited, *ranked[:3]]))

    def respond(self, question: str, history: Sequence[Turn] = ()) -> Response:
        started = time.perf_counter()
        grounded = self.ground(question, history)
        act = self._decide if self.role is LLMRole.DECIDE else self._reword
        answer = act(grounded)
        # End to end: the wait for the model included.
        latency = round((time.perf_counter() - started) * 1000, 2)
        return Response(answer.model_copy(update={"latency_ms": latency}), grounded)

    def _trace(self, outcome: LLMOutcome, reason: str | None = None) -> LLMTrace:
        return LLMTrace(role=self.role, model=self.chat_model.name, outcome=outcome, reason=reason)

    def _ask_model(self, base: Answer, messages: list[BaseMessage]) -> LLMDraft | Answer:
        """The model's draft, or the grounded answer with a notice when it gave none."""
        language = base.language
        try:
            draft = parse_draft(self.chat_model.complete(messages))
        except (LLMUnavailable, ValueError) as exc:
            what = "llm unavailable" if isinstance(exc, LLMUnavailable) else "llm reply unusable"
            return self._grounded(base, LLMOutcome.FAILED, f"{what}: {exc}", NOTICE[language])
        return draft

    def _grounded(
        self, base: Answer, outcome: LLMOutcome, reason: str, notice: str | None = None
    ) -> Answer:
        """The grounded answer shown instead of the model's, with why."""
        return base.model_copy(
            update={
                "fallback_reason": reason,
                "notice": notice,
                "llm": self._trace(outcome, reason),
            }
        )

    def _shown(
        self,
        draft: LLMDraft,
        grounded: Grounded,
        outcome: LLMOutcome,
        reason: str | None,
    ) -> Answer:
        """The model's answer (it passed the guard): the verdict's sentence from
        code, its text, the protocol's steps when they apply, verbatim citations."""
        base, decision = grounded.answer, grounded.decision
        steps = decision.steps if draft.verdict is Verdict.NOT_ALLOWED else []
        cited = draft.cited
        shown = decision.model_copy(
            update={
                "verdict": draft.verdict,
                "clause_ids": [*cited, *(s for s in steps if s not in cited)],
                "steps": steps,
            }
        )
        return base.model_copy(
            update={
                "verdict": draft.verdict,
                "answer": worded_by_model(self.corpus, shown, base.language, draft.answer),
                "citations": cite(self.corpus, shown.clause_ids),
                "precedents": base.precedents if draft.verdict is base.verdict else [],
                "engine": self.name,
                "llm": self._trace(outcome, reason).model_copy(update={"text": draft.answer}),
            }
        )

    def _reword(self, grounded: Grounded) -> Answer:
        base = grounded.answer
        language = grounded.query.language
        shown = self._shown_clauses(
            grounded.decision.clause_ids, grounded.retrieval.clause_ranking()
        )
        clauses = [{"id": cid, "text": self.corpus.clause(cid).text_in(language)} for cid in shown]
        precedent = base.precedents[0].title if base.precedents else ""
        messages = render_messages(
            language,
            question=grounded.query.text,
            verdict=grounded.decision.verdict.value,
            clauses=clauses,
            precedent=precedent,
        )
        draft = self._ask_model(base, messages)
        if isinstance(draft, Answer):
            return draft
        result = self.guard.check(draft, grounded.decision, shown, language)
        if not result.passed:
            return self._grounded(base, LLMOutcome.REJECTED, f"guard: {result.reason}")
        return self._shown(draft, grounded, LLMOutcome.PASSED, None)

    def _decide(self, grounded: Grounded) -> Answer:
        base = grounded.answer
        language = grounded.query.language
        decision = grounded.decision
        learned = grounded.reading.learned
        shown = list(
            dict.fromkeys(
                [
                    *decision.clause_ids,
                    *(
                        c
                        for c in grounded.retrieval.clause_ranking()
                        if c in grounded.retrieval.retrieved_clause_ids(RETRIEVED_DEPTH)
                    ),
                ]
            )
        )
        clauses = []
        for cid in shown:
            clause = self.corpus.clause(cid)
            terms = clause.terms
            turns_on = terms.turns_on.get(language) if terms and terms.turns_on else ""
            clauses.append({"id": cid, "text": clause.text_in(language), "turns_on": turns_on})
        messages = render_messages(
            language,
            "decide",
            question=grounded.query.text,
            asked=decision.asked.value,
            conduct_of=decision.conduct_of.value,
            conditions=sorted(
                c
                for c, p in (learned.conditions if learned else {}).items()
                if p >= CONDITION_PROBABILITY
            ),
            clauses=clauses,
            cases=[
                {"question": n.question, "verdict": n.verdict.value, "decisive": n.decisive}
                for n in (learned.neighbours if learned else [])
            ],
        )
        draft = self._ask_model(base, messages)
        if isinstance(draft, Answer):
            return draft
        text = grounded.retrieval.query.text
        result = self.guard.check_decision(
            draft,
            shown,
            language,
            # Its exception stated, or the matter beyond it (a former pupil).
            lambda cid: self.decider.terms_state(cid, learned, text) in ("met", "outside"),
        )
        if not result.passed:
            return self._grounded(base, LLMOutcome.REJECTED, f"guard: {result.reason}")
        if draft.verdict is base.verdict:
            return self._shown(draft, grounded, LLMOutcome.PASSED, None)
        cautious = max((draft.verdict, base.verdict), key=CAUTION.__getitem__)
        reason = (
            f"the model said {draft.verdict.value}, the grounded core {base.verdict.value}: "
            f"the more cautious {cautious.value} is shown"
        )
        if cautious is draft.verdict:
            return self._shown(draft, grounded, LLMOutcome.DISAGREED, reason)
        return self._grounded(base, LLMOutcome.DISAGREED, reason)


def chat_model_from_settings(settings: Settings) -> ChatModel:
    provider = settings.llm_provider
    if provider is None:
        raise ConfigError("the llm engine needs ADVISOR_LLM_PROVIDER (openai, ollama or llamacpp)")
    timeout = settings.llm_timeout_s
    name = settings.llm_model or (settings.llm_model_path.name if settings.llm_model_path else "")
    if provider is LLMProvider.LLAMACPP:
        return llamacpp_model(settings, f"{provider.value}/{name}")
    try:
        model: BaseChatModel
        if provider is LLMProvider.OPENAI:
            from langchain_openai import ChatOpenAI

            key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "none"
            model = ChatOpenAI(
                model=settings.llm_model or "gpt-4o-mini",
                base_url=settings.llm_base_url,
                api_key=key,  # type: ignore[arg-type]
                timeout=timeout,
                max_retries=0,
                temperature=0,
                max_tokens=settings.llm_max_tokens,  # type: ignore[call-arg]
            )
        else:
            from langchain_ollama import ChatOllama

            model = ChatOllama(
                model=settings.llm_model or "llama3.2",
                base_url=settings.llm_base_url,
                temperature=0,
                num_predict=settings.llm_max_tokens,
                client_kwargs={"timeout": timeout},
            )
    except ImportError as exc:
        raise ConfigError(
            f"the {provider.value} provider needs its extra: pip install 'protocol-advisor[llm]'"
        ) from exc
    return ChatModel(model, f"{provider.value}/{name}", timeout)


def llamacpp_model(settings: Settings, name: str) -> ChatModel:
    """The GGUF file served out of process (``pipeline.llama_server``): a crash
    in llama.cpp ends that server, not this process."""
    path = settings.llm_model_path
    if path is None or not path.is_file():
        raise ConfigError(f"ADVISOR_LLM_MODEL_PATH must name a GGUF file (got {path})")
    import importlib.util

    missing = [
        module
        for module in ("llama_cpp", "sse_starlette", "starlette_context", "langchain_openai")
        if importlib.util.find_spec(module) is None
    ]
    if missing:
        raise ConfigError(
            f"the llamacpp provider needs its extra ({', '.join(missing)} missing): "
            "pip install 'protocol-advisor[llamacpp]'"
        )
    from advisor.pipeline.llama_server import served_model

    return served_model(
        path.resolve(),
        name=name,
        timeout_s=settings.llm_timeout_s,
        max_tokens=settings.llm_max_tokens,
        memory_mb=settings.llm_server_memory_mb,
        log_path=settings.data_dir / "llm-server.log",
    )
