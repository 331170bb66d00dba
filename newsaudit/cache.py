"""Where newsaudit keeps what it builds once per machine: ``$NEWSAUDIT_CACHE``, by default
``~/.cache/newsaudit`` (LanguageTool's jars, the word-frequency tables)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    return Path(os.environ.get("NEWSAUDIT_CACHE") or Path.home() / ".cache" / "newsaudit")
