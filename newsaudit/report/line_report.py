"""``--format line``: one finding a line, ``path:line:col: CODE [severity] message`` (grep-able)."""

from __future__ import annotations

from typing import Mapping, Sequence

from ..model import FileResult
from .common import located, notice_position


def render(results: Sequence[FileResult], texts: Mapping[str, str], notes: Sequence[str] = ()) -> str:
    lines = []
    for result in results:
        for notice in result.notices:
            line, column = notice_position(notice)
            lines.append(f"{result.path}:{line}:{column}: NA000 [note] {notice}")
        if result.error:
            lines.append(f"{result.path}:1:1: NA000 [error] not audited: {result.error}")
            continue
        for at in located(result, texts.get(result.path, "")):
            f = at.finding
            lines.append(f"{result.path}:{at.line}:{at.column}: {f.rule} [{f.severity.value}] {f.message}")
    findings = sum(len(r.findings) for r in results)
    failed = sum(1 for r in results if r.verdict != "pass")
    lines.append(f"Found {findings} finding{'s' if findings != 1 else ''} in {len(results)} "
                 f"file{'s' if len(results) != 1 else ''}; {failed} failed.")
    lines.extend(notes)
    return "\n".join(lines) + "\n"
