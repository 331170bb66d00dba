"""Report formats: each module renders a run's results to a string; nothing here prints."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .common import summary_line

if TYPE_CHECKING:  # pragma: no cover
    from ..linter import Report

# The one list of format names (the CLI's --format choices and the config's `format` key).
# The streamed formats write one record per article as it is audited (``stream.py``).
STREAM_FORMATS = ("jsonl", "parquet")
FORMATS = ("rich", "json", "line", "github", "sarif", "html") + STREAM_FORMATS


def render(report: "Report", fmt: str, *, color: bool = False, quiet: bool = False,
           statistics: bool = False) -> str:
    """``report`` in format ``fmt``. ``quiet`` and ``statistics`` shape the human formats."""
    results, texts, grammar = list(report.files), report.texts, report.grammar
    if fmt == "json":
        from . import json_report

        return json_report.render(results, texts, _json_meta(report), report.metadata)
    if fmt == "jsonl":
        from .stream import jsonl_line

        return "".join(jsonl_line(r, texts.get(r.path, ""), report.metadata.get(r.path))
                       for r in results)
    if fmt == "sarif":
        from . import sarif_report

        return sarif_report.render(results, texts, notes=[grammar.line])
    if fmt == "html":
        from . import html_report

        notes = (statistics_lines(results) if statistics else []) + [grammar.line]
        return html_report.render(results, texts, report.documents,
                                  threshold=report.settings.threshold, notes=notes)
    if fmt == "github":
        from . import github_report

        return github_report.render(results, texts, notes=[grammar.line])
    extra = statistics_lines(results) if statistics else []
    if fmt == "line":
        from . import line_report

        if quiet:
            return "".join(f"{x}\n" for x in [summary_line(results), *extra])
        return line_report.render(results, texts, notes=extra + [grammar.line])
    if fmt == "rich":
        from . import rich_report

        return rich_report.render(results, texts, notes=extra + [grammar.line], color=color,
                                  quiet=quiet, threshold=report.settings.threshold)
    raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")


def render_utf8(report: "Report", fmt: str) -> bytes | None:
    """``render(report, fmt)`` encoded as UTF-8 where a format writes bytes itself (the JSON
    report, by orjson, when no input metadata is carried: see ``common.indented_json``);
    None elsewhere (``render`` then)."""
    if fmt != "json" or report.metadata:
        return None
    from . import json_report

    return json_report.render_utf8(list(report.files), report.texts, _json_meta(report))


def _json_meta(report: "Report") -> dict:
    grammar = report.grammar
    not_checked = [r.path for r in report.files if r.grammar_checked is False]
    return {"grammar": {"checked": grammar.available, "detail": grammar.line,
                        "files_not_checked": not_checked}}


def statistics_lines(results) -> list[str]:
    """The number of findings per rule, most frequent first."""
    counts = Counter((f.rule, f.name) for r in results for f in r.findings)
    return [f"{n:6d}  {code}  {name}"
            for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
