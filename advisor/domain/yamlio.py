"""Reading YAML data files into pydantic models, with one clear error per problem.

The corpus and the eval cases are both hand-edited YAML. Any problem (missing
file, broken YAML, schema mismatch) is raised as the caller's error class with
the file, the place and the reason, so an edit gives one line, not a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from advisor.domain.errors import AdvisorError

_M = TypeVar("_M", bound=BaseModel)


def read_yaml(path: Path, error: type[AdvisorError], what: str) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise error(f"{what} missing: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read {what} {path}: {exc}") from exc
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" (line {mark.line + 1}, column {mark.column + 1})"
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise error(f"broken YAML in {path}{where}: {problem}") from exc


def validation_message(path: Path, exc: ValidationError, what: str) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"invalid {what} {path}: {where}: {first['msg']}{more}"


def load_model(path: Path, model: type[_M], error: type[AdvisorError], what: str) -> _M:
    data = read_yaml(path, error, what)
    if not isinstance(data, dict):
        raise error(f"invalid {what} {path}: expected a mapping at the top")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(validation_message(path, exc, what)) from exc
