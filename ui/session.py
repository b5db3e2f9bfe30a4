"""Who is on the other end of a gradio request."""

from __future__ import annotations

import gradio as gr

from advisor.app.portal import Caller, Portal


def caller(portal: Portal, request: gr.Request | None) -> Caller:
    """The logged-in caller (in demo mode: the demo leader); refused if unknown."""
    return portal.caller(getattr(request, "username", None) if request else None)
