"""``--format line``: one finding a line, ``path:line:col: CODE [severity] message`` (grep-able)."""

from __future__ import annotations

from typing import Mapping, Sequence

from ..model import FileResult
from ..scoring import CONFIDENT
from .common import located, notice_position, summary_line


def render(
    results: Sequence[FileResult], texts: Mapping[str, str], notes: Sequence[str] = ()
) -> str:
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
            doubt = ", doubtful" if f.confidence < CONFIDENT else ""
            lines.append(
                f"{result.path}:{at.line}:{at.column}: {f.rule} [{f.severity.value}{doubt}] "
                f"{f.message}"
            )
    lines.append(summary_line(results))
    lines.extend(notes)
    return "\n".join(lines) + "\n"
