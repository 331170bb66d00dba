"""``--format rich``: a per-file report with a findings table, then a summary of all files."""

from __future__ import annotations

import io
from typing import Mapping, Sequence

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..model import FileResult, Finding, Severity
from ..scoring import CONFIDENT, DEFAULT_THRESHOLD, penalty
from .common import LineIndex

SEVERITY_STYLE = {
    Severity.MINOR: "yellow",
    Severity.MAJOR: "red",
    Severity.CRITICAL: "bold white on red",
}
CONTEXT_CHARS = 60
WIDE = 100  # from this width the findings table has a column per field; below, two columns


def render(
    results: Sequence[FileResult],
    texts: Mapping[str, str],
    notes: Sequence[str] = (),
    color: bool = True,
    width: int | None = None,
    quiet: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
) -> str:
    """The report; ``width`` defaults to the terminal's (``COLUMNS``, else 80 when not a tty).

    ``threshold`` is the one that decided the verdicts, shown next to each score.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        emoji=False,
    )
    for result in results if not quiet else ():
        _file_section(console, result, texts.get(result.path, ""), threshold)
    console.print(_summary(results, wide=console.width >= WIDE))
    for note in notes:
        console.print(Text(note, style="dim"))
    return buffer.getvalue()


def _file_section(console: Console, result: FileResult, text: str, threshold: float) -> None:
    verdict_style = "bold green" if result.verdict == "pass" else "bold red"
    console.rule(Text(result.verdict.upper(), verdict_style), align="left")
    console.print(Text(result.path, "bold"), overflow="fold")  # in full, on a line of its own
    if result.error:
        console.print(Text(f"  not audited: {result.error}", style="red"))
        console.print()
        return
    wire = (
        f"{result.wire} ({result.aligned_share:.0%} of paragraphs aligned)"
        if result.wire
        else "none (audited on its own)"
    )
    console.print(
        f"  role: {result.role.value}   language: {result.language}   words: {result.words}"
    )
    console.print(Padding(Text(_score_line(result, threshold)), (0, 0, 0, 2)))
    console.print(Text(f"  wire: {wire}"))
    for notice in result.notices:
        console.print(Text(f"  note: {notice}", style="dim"))
    if not result.findings:
        console.print(Text("  no findings", style="green"))
        console.print()
        return
    console.print(_findings_table(result.findings, text, wide=console.width >= WIDE))
    console.print()


def _score_line(result: FileResult, threshold: float) -> str:
    """The score as the sum of its two parts, both per 1,000 words, and what decides the verdict."""
    findings = round(penalty(result.findings) * 1000.0 / max(result.words, 100), 2)
    adequacy = max(0.0, round(result.score - findings, 2))
    line = (
        f"score: {result.score:.2f} per 1,000 words = findings {findings:.2f} + adequacy "
        f"{adequacy:.2f} (penalty points, higher is worse; fails above {threshold:g})"
    )
    if result.verdict != "pass" and result.score <= threshold:
        line += "; failed for a finding's severity (--fail-on)"
    return line


def _findings_table(findings: Sequence[Finding], text: str, wide: bool = True) -> Table:
    if not wide:
        return _narrow_table(findings, text)
    lines = LineIndex.of(text)
    table = Table(show_lines=True, expand=True, pad_edge=False)
    table.add_column("line:col", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("category / severity", min_width=24, overflow="fold")
    table.add_column("flagged in context", ratio=3, overflow="fold")
    table.add_column("evidence", ratio=3, overflow="fold")  # file names in full, never "…"
    for f in findings:
        line, col = lines.position(f.start)
        style = SEVERITY_STYLE[f.severity]
        table.add_row(
            f"{line}:{col}",
            Text(f"{f.rule}\n{f.name}"),
            Text.assemble(f.category, "\n", (f.severity.value, style), " ", _sureness(f)),
            Text.assemble(_in_context(text, f, style), "\n", (f.message, "italic")),
            Text(f.evidence or "", style="cyan"),
        )
    return table


def _narrow_table(findings: Sequence[Finding], text: str) -> Table:
    """Under 100 columns: position, rule and severity in one column, the rest in the other."""
    lines = LineIndex.of(text)
    table = Table(show_lines=True, expand=True, pad_edge=False)
    table.add_column("where", no_wrap=True)
    table.add_column("flagged in context / evidence", ratio=1, overflow="fold")
    for f in findings:
        line, col = lines.position(f.start)
        style = SEVERITY_STYLE[f.severity]
        cell = Text.assemble(_in_context(text, f, style), "\n", (f.message, "italic"))
        if f.evidence:
            cell.append_text(Text.assemble("\n", (f.evidence, "cyan")))
        table.add_row(
            Text.assemble(
                f"{line}:{col}\n{f.rule}\n", (f.severity.value, style), "\n", _sureness(f)
            ),
            Text.assemble(Text(f"{f.name} ({f.category})\n", style="dim"), cell),
        )
    return table


def _sureness(finding: Finding) -> Text:
    """The rule's confidence; a doubtful finding (not counted in the score) says so."""
    if finding.confidence < CONFIDENT:
        return Text(f"doubtful {finding.confidence:.2f}, not counted", style="dim")
    return Text(f"confidence {finding.confidence:.2f}", style="dim")


def _in_context(text: str, finding: Finding, style: str) -> Text:
    line_start = max(text.rfind("\n", 0, finding.start), text.rfind("\r", 0, finding.start)) + 1
    ends = [i for i in (text.find("\n", finding.end), text.find("\r", finding.end)) if i >= 0]
    line_end = min(ends) if ends else len(text)
    left = max(line_start, finding.start - CONTEXT_CHARS)
    right = min(line_end, finding.end + CONTEXT_CHARS)
    return Text.assemble(
        "…" if left > line_start else "",
        text[left : finding.start],
        (text[finding.start : finding.end], f"{style} underline"),
        text[finding.end : right],
        "…" if right < line_end else "",
    )


def _summary(results: Sequence[FileResult], wide: bool = True) -> Table:
    """One row a file; under 100 columns the role, language and words columns are dropped
    (the file sections show them) and the wire goes under the file name."""
    table = Table(title="Summary", expand=not wide)
    columns = (
        ("file", "role", "lang", "wire", "words", "findings", "score", "verdict")
        if wide
        else ("file", "findings", "score", "verdict")
    )
    for column in columns:
        table.add_column(
            column,
            justify="right" if column in ("words", "findings", "score") else "left",
            overflow="fold",
            ratio=3 if column == "file" and not wide else None,
        )
    for r in results:
        counts = {s: sum(1 for f in r.findings if f.severity is s) for s in Severity}
        breakdown = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n) or "0"
        verdict = Text(r.verdict, style="green" if r.verdict == "pass" else "red")
        if wide:
            table.add_row(
                r.path,
                r.role.value,
                r.language,
                r.wire or "-",
                str(r.words),
                breakdown,
                f"{r.score:.2f}",
                verdict,
            )
        else:
            file = Text(r.path)
            if r.wire:
                file.append(f"\nwire: {r.wire}", style="dim")
            table.add_row(file, breakdown.replace(", ", "\n"), f"{r.score:.2f}", verdict)
    failed = sum(1 for r in results if r.verdict != "pass")
    table.caption = f"{len(results)} files, {failed} failed"
    return table
