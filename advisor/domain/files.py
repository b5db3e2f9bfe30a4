"""Files the app writes that no other local user may read."""

from __future__ import annotations

import os
from pathlib import Path


def private_file(path: Path) -> None:
    """Create ``path`` if it is missing, readable by this user alone whatever the
    umask (SQLite gives its journal, -wal and -shm files the database file's mode)."""
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    path.chmod(0o600)
