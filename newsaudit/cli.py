"""Command line: the only module that knows argv, stdout, stderr and exit codes.

Exit codes: 0 every file passes, 1 at least one file fails, 2 usage or input error.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer

from . import __version__
from .audit import AuditOptions, audit
from .grammar import GrammarStatus, find_grammar_checker
from .io import DEFAULT_MAX_BYTES, InputError, Source, expand_paths, read_source
from .model import Document, FileResult, Role, Severity
from .report import json_report, rich_report
from .rules import ALL_RULES, find_rule, select_rules, unknown_selectors
from .scoring import DEFAULT_THRESHOLD
from .segment import segment

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    add_completion=False, no_args_is_help=True,
    help="Audit machine-translated English news against wire copy: name drift, names translated "
         "as words, nonsense, and other MT artifacts. Exit 0 = all pass, 1 = some fail, 2 = error.",
)


class Format(str, Enum):
    rich = "rich"
    json = "json"


def _fail_usage(message: str) -> None:
    typer.echo(f"newsaudit: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Article files or folders (recursive: .txt, .md); - reads stdin."),
    wire: List[str] = typer.Option([], "--wire", "-w", help="English wire stories to compare with (files or folders; repeatable). Without it, the files are compared with each other."),
    output_format: Format = typer.Option(Format.rich, "--format", "-f", help="Report format."),
    threshold: float = typer.Option(DEFAULT_THRESHOLD, help="Fail a file whose score (MQM penalty points per 1,000 words) exceeds this."),
    fail_on: Optional[Severity] = typer.Option(None, "--fail-on", help="Also fail a file with any finding of this severity or worse."),
    select: List[str] = typer.Option([], "--select", help="Only these rules (code prefix or name; comma-separated or repeated)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip these rules (code prefix or name; comma-separated or repeated)."),
    languagetool_url: Optional[str] = typer.Option(None, "--languagetool-url", envvar="NEWSAUDIT_LANGUAGETOOL_URL", help="A LanguageTool server, e.g. http://localhost:8081 (also found: an installed LanguageTool)."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Name to report for input read from stdin."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip files larger than this, with a message."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour in the rich report (default: when stdout is a terminal)."),
) -> None:
    """Audit articles and print a report per file."""
    selected = _split(select)
    ignored = _split(ignore)
    unknown = unknown_selectors(selected + ignored)
    if unknown:
        _fail_usage(f"unknown rule selector(s): {', '.join(unknown)} (see `newsaudit rules`)")
    try:
        article_paths = expand_paths(paths)
        wire_paths = expand_paths(wire) if wire else []
    except InputError as exc:
        _fail_usage(str(exc))
    if not article_paths:
        _fail_usage("no article files (.txt, .md) found in the given paths")
    sources = [read_source(p, max_bytes, display_name=stdin_filename if p == "-" else None)
               for p in article_paths]
    wire_sources = [read_source(p, max_bytes) for p in wire_paths]
    for bad in (s for s in wire_sources if s.error):
        typer.echo(f"newsaudit: wire {bad.path}: {bad.error}", err=True)
    grammar = find_grammar_checker(languagetool_url)
    options = AuditOptions(rules=select_rules(selected, ignored), threshold=threshold, fail_on=fail_on,
                           grammar=grammar.matches if grammar.available else None)
    documents = [_document(s) for s in sources if s.text is not None]
    wires = [_document(s) for s in wire_sources if s.text is not None] if wire else None
    audited = {r.path: r for r in audit(documents, wires, options)}
    results = [audited.get(s.path) or _error_result(s) for s in sources]
    for s in sources:
        if s.error:
            typer.echo(f"newsaudit: {s.path}: {s.error}", err=True)
    texts = {s.path: s.text or "" for s in sources}
    _emit(results, texts, output_format, grammar.status, color)
    raise typer.Exit(_exit_code(results, sources))


def _split(values: List[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _document(source: Source) -> Document:
    markdown = source.path.lower().endswith((".md", ".markdown"))
    return segment(source.path, source.text or "", markdown=markdown, notices=source.notices)


def _error_result(source: Source) -> FileResult:
    return FileResult(path=source.path, role=Role.CANDIDATE, language="unknown", words=0, score=0.0,
                      verdict="fail", findings=(), notices=source.notices, error=source.error)


def _emit(results, texts, output_format: Format, grammar: GrammarStatus, color: Optional[bool]) -> None:
    if output_format is Format.json:
        meta = {"grammar": {"checked": grammar.available, "detail": grammar.detail}}
        sys.stdout.write(json_report.render(results, texts, meta))
        return
    use_color = sys.stdout.isatty() if color is None else color
    sys.stdout.write(rich_report.render(results, texts, notes=[grammar.line], color=use_color))


def _exit_code(results: list[FileResult], sources: list[Source]) -> int:
    if any(s.error for s in sources):
        return EXIT_ERROR
    return EXIT_FAIL if any(r.verdict != "pass" for r in results) else EXIT_OK


@app.command("rules")
def list_rules() -> None:
    """List every rule: code, name, MQM category, default severity, summary."""
    for rule in ALL_RULES:
        state = "" if rule.default else " [off by default]"
        typer.echo(f"{rule.code}  {rule.name:<26} {rule.category:<32} {rule.severity.value:<8} {rule.summary}{state}")


@app.command()
def explain(code: str = typer.Argument(..., help="Rule code (NA101) or name (name-drift).")) -> None:
    """Print the full documentation of one rule."""
    rule = find_rule(code)
    if rule is None:
        _fail_usage(f"no rule {code!r} (see `newsaudit rules`)")
    typer.echo(f"{rule.code} {rule.name}\ncategory: {rule.category}\ndefault severity: {rule.severity.value}\n")
    typer.echo(rule.doc)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:  # console-script entry point
    app()


if __name__ == "__main__":
    main()
