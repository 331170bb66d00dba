"""``--format json``: the documented machine-readable contract (see README)."""

from __future__ import annotations

from typing import Mapping, Sequence

from ..model import FileResult
from .common import file_record, indented_json


def render(results: Sequence[FileResult], texts: Mapping[str, str], meta: Mapping | None = None,
           metadata: Mapping[str, dict] | None = None) -> str:
    metadata = metadata or {}
    payload = {"files": [file_record(r, texts.get(r.path, ""), metadata.get(r.path))
                         for r in results]}
    if meta:
        payload.update(meta)
    return indented_json(payload, our_values_only=not metadata)
