"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

Major and critical findings are errors, minor ones warnings; a failing file gets one more
error annotation with its score, so the check fails visibly where it fails.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from ..model import FileResult, Severity
from ..scoring import CONFIDENT
from .common import located, notice_position


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(
    results: Sequence[FileResult], texts: Mapping[str, str], notes: Sequence[str] = ()
) -> str:
    out = []
    for result in results:
        path = _prop(result.path)
        for notice in result.notices:
            line, column = notice_position(notice)
            out.append(
                f"::warning file={path},line={line},col={column},title=newsaudit decoding::"
                f"{_data(notice)}"
            )
        if result.error:
            out.append(
                f"::error file={path},line=1,col=1,title=newsaudit::"
                f"{_data('not audited: ' + result.error)}"
            )
            continue
        for at in located(result, texts.get(result.path, "")):
            f = at.finding
            # a doubtful finding (not counted) is a notice, a minor one a warning
            level = (
                "notice"
                if f.confidence < CONFIDENT
                else "warning"
                if f.severity is Severity.MINOR
                else "error"
            )
            message = f.message + (f" | evidence: {f.evidence}" if f.evidence else "")
            out.append(
                f"::{level} file={path},line={at.line},col={at.column},endLine={at.end_line},"
                f"endColumn={at.end_column},"
                f"title={_prop(f'{f.rule} {f.name} ({f.severity.value})')}"
                f"::{_data(message)}"
            )
        if result.verdict != "pass":
            out.append(
                f"::error file={path},line=1,col=1,title=newsaudit::"
                f"{_data(f'fails: score {result.score:.2f} per 1,000 words')}"
            )
    out.extend(f"::notice title=newsaudit::{_data(n)}" for n in notes)
    return "\n".join(out) + ("\n" if out else "")
