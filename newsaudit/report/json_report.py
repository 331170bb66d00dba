"""``--format json``: the documented machine-readable contract (see README)."""

from __future__ import annotations

from typing import Mapping, Sequence

from ..model import FileResult
from .common import file_record, indented_json, indented_json_utf8


def render(results: Sequence[FileResult], texts: Mapping[str, str], meta: Mapping | None = None,
           metadata: Mapping[str, dict] | None = None) -> str:
    return indented_json(_payload(results, texts, meta, metadata), our_values_only=not metadata)


def render_utf8(results: Sequence[FileResult], texts: Mapping[str, str],
                meta: Mapping | None = None) -> bytes | None:
    """:func:`render` (without input metadata) encoded as UTF-8, or None where orjson does not
    write it (see ``indented_json``)."""
    return indented_json_utf8(_payload(results, texts, meta, None))


def _payload(results: Sequence[FileResult], texts: Mapping[str, str], meta: Mapping | None,
             metadata: Mapping[str, dict] | None) -> dict:
    metadata = metadata or {}
    payload = {"files": [file_record(r, texts.get(r.path, ""), metadata.get(r.path))
                         for r in results]}
    if meta:
        payload.update(meta)
    return payload
