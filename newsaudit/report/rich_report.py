"""``--format rich``: a per-file report with a findings table, then a summary of all files."""

from __future__ import annotations

import io
from typing import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import FileResult, Finding, Severity
from ..scoring import penalty
from .common import LineIndex

SEVERITY_STYLE = {Severity.MINOR: "yellow", Severity.MAJOR: "red", Severity.CRITICAL: "bold white on red"}
CONTEXT_CHARS = 60


def render(results: Sequence[FileResult], texts: Mapping[str, str], notes: Sequence[str] = (),
           color: bool = True, width: int = 140, quiet: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, emoji=False)
    for result in results if not quiet else ():
        _file_section(console, result, texts.get(result.path, ""))
    console.print(_summary(results))
    for note in notes:
        console.print(Text(note, style="dim"))
    return buffer.getvalue()


def _file_section(console: Console, result: FileResult, text: str) -> None:
    verdict_style = "bold green" if result.verdict == "pass" else "bold red"
    head = Text.assemble((result.path, "bold"), "  ", (result.verdict.upper(), verdict_style))
    console.rule(head, align="left")
    if result.error:
        console.print(Text(f"  not audited: {result.error}", style="red"))
        console.print()
        return
    wire = (f"{result.wire} ({result.aligned_share:.0%} of paragraphs aligned)"
            if result.wire else "none (audited on its own)")
    console.print(f"  role: {result.role.value}   language: {result.language}   words: {result.words}   "
                  f"score: {result.score:.2f} per 1,000 words "
                  f"(findings {penalty(result.findings):.1f} + adequacy {result.adequacy_penalty:.1f} points)")
    console.print(Text(f"  wire: {wire}"))
    for notice in result.notices:
        console.print(Text(f"  note: {notice}", style="dim"))
    if not result.findings:
        console.print(Text("  no findings", style="green"))
        console.print()
        return
    console.print(_findings_table(result.findings, text))
    console.print()


def _findings_table(findings: Sequence[Finding], text: str) -> Table:
    lines = LineIndex.of(text)
    table = Table(show_lines=True, expand=True, pad_edge=False)
    table.add_column("line:col", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("category / severity", min_width=24, overflow="fold")
    table.add_column("flagged in context", ratio=3)
    table.add_column("evidence", ratio=3)
    for f in findings:
        line, col = lines.position(f.start)
        style = SEVERITY_STYLE[f.severity]
        table.add_row(
            f"{line}:{col}",
            Text(f"{f.rule}\n{f.name}"),
            Text.assemble(f.category, "\n", (f.severity.value, style)),
            Text.assemble(_in_context(text, f, style), "\n", (f.message, "italic")),
            Text(f.evidence or "", style="cyan"),
        )
    return table


def _in_context(text: str, finding: Finding, style: str) -> Text:
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, finding.start - CONTEXT_CHARS)
    right = min(line_end, finding.end + CONTEXT_CHARS)
    return Text.assemble(
        "…" if left > line_start else "", text[left:finding.start],
        (text[finding.start:finding.end], f"{style} underline"),
        text[finding.end:right], "…" if right < line_end else "",
    )


def _summary(results: Sequence[FileResult]) -> Table:
    table = Table(title="Summary", expand=False)
    for column in ("file", "role", "lang", "wire", "words", "findings", "score", "verdict"):
        table.add_column(column, justify="right" if column in ("words", "findings", "score") else "left",
                         overflow="fold")
    for r in results:
        counts = {s: sum(1 for f in r.findings if f.severity is s) for s in Severity}
        breakdown = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n) or "0"
        table.add_row(r.path, r.role.value, r.language, r.wire or "-", str(r.words), breakdown,
                      f"{r.score:.2f}", Text(r.verdict, style="green" if r.verdict == "pass" else "red"))
    failed = sum(1 for r in results if r.verdict != "pass")
    table.caption = f"{len(results)} files, {failed} failed"
    return table
