"""The page's words, one language at a time: each component is made with its Dutch
texts and remembered, so the language switch can give every one of them its
English (or Dutch again) in a single update."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import gradio as gr
from gradio.blocks import Block

from advisor.domain.models import Language
from ui.texts import t

C = TypeVar("C", bound=Block)
Localized = Callable[[Language], Any]


@dataclass
class Words:
    """The components whose words follow the page's language."""

    entries: list[tuple[Block, Callable[[Language], dict[str, Any]]]] = field(default_factory=list)

    def make(
        self,
        cls: Callable[..., C],
        texts: Mapping[str, str] | None = None,
        localized: Mapping[str, Localized] | None = None,
        **kwargs: Any,
    ) -> C:
        """``cls(**kwargs)`` with each property in ``texts`` (label=, value=,
        placeholder=, title= …) set to the text of its key, and each in
        ``localized`` (choices=, …) to what its function gives, in Dutch first."""
        texts, localized = dict(texts or {}), dict(localized or {})

        def props(lang: Language) -> dict[str, Any]:
            return {prop: t(lang, key) for prop, key in texts.items()} | {
                prop: make(lang) for prop, make in localized.items()
            }

        component = cls(**props(Language.NL), **kwargs)
        self.entries.append((component, props))
        return component

    @property
    def components(self) -> list[Block]:
        return [component for component, _ in self.entries]

    def updates(self, lang: Language) -> list[Any]:
        """One update per component, in the order of ``components``."""
        return [gr.update(**props(lang)) for _, props in self.entries]
