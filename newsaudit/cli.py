"""Command line: the only module that knows argv, stdout, stderr, the environment and exit codes.

Exit codes: 0 every file passes, 1 at least one file fails, 2 usage, config or input error.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import Counter
from enum import Enum
from fnmatch import fnmatch
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from . import baseline as baselines
from .audit import AuditOptions, audit
from .config import Config, ConfigError, find_config, load_config
from .grammar import GrammarStatus, find_grammar_checker
from .inputs import DEFAULT_MAX_BYTES, InputError, Source, expand_paths, read_source
from .markup import extract, is_html
from .markup import to_source as markup_to_source
from .model import Document, FileResult, Role, Severity, Verdict
from .report import github_report, json_report, line_report, rich_report, sarif_report
from .rules import ALL_RULES, find_rule, select_rules, unknown_selectors
from .scoring import DEFAULT_THRESHOLD
from .segment import segment
from .text import fold

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 20

app = typer.Typer(
    add_completion=False, no_args_is_help=True,
    help="Audit machine-translated English news against wire copy: name drift, names translated "
         "as words, nonsense, numbers, omissions, junk. Exit 0 = all pass, 1 = some fail, 2 = error.",
)


class Format(str, Enum):
    rich = "rich"
    json = "json"
    line = "line"
    github = "github"
    sarif = "sarif"


def _fail_usage(message: str) -> None:
    typer.echo(f"newsaudit: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Article files or folders (recursive: .txt, .md, .html); - reads stdin."),
    wire: List[str] = typer.Option([], "--wire", "-w", help="English wire stories to compare with (files, folders or globs; repeatable). Without it, the files are compared with each other."),
    output_format: Optional[Format] = typer.Option(None, "--format", "-f", help="Report format. Default: github under GitHub Actions, rich on a terminal, line when piped."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Config file (default: the nearest newsaudit.toml or \\[tool.newsaudit] in pyproject.toml)."),
    threshold: Optional[float] = typer.Option(None, help=f"Fail a file whose score (MQM penalty points per 1,000 words) exceeds this \\[default: {DEFAULT_THRESHOLD:g}]."),
    fail_on: Optional[Severity] = typer.Option(None, "--fail-on", help="Also fail a file with any finding of this severity or worse."),
    select: List[str] = typer.Option([], "--select", help="Only these rules (code prefix or name; comma-separated or repeated). Off-by-default rules must be named in full."),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip these rules (code prefix or name; comma-separated or repeated)."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record the current findings in this file (then exit 0)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when files fail (errors still exit 2)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the summary."),
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of findings per rule."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Processes to use \\[default: all cores]."),
    languagetool_url: Optional[str] = typer.Option(None, "--languagetool-url", envvar="NEWSAUDIT_LANGUAGETOOL_URL", help="A LanguageTool server, e.g. http://localhost:8081 (also found: an installed LanguageTool)."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Name to report for input read from stdin."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", min=1, help=f"Skip files larger than this, with a message \\[default: {DEFAULT_MAX_BYTES}]."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour in the rich report (default: when the output is a terminal)."),
) -> None:
    """Audit articles and print a report per file."""
    config = _load_config(config_file)
    selected = _split(select) or list(config.select)
    ignored = _split(ignore) + list(config.ignore)
    unknown = unknown_selectors(selected + ignored)
    if unknown:
        _fail_usage(f"unknown rule selector(s): {', '.join(unknown)} (see `newsaudit rules`)")
    article_paths, wire_paths = _resolve_paths(paths, list(wire) or list(config.wire), config)
    limit = max_bytes or config.max_bytes or DEFAULT_MAX_BYTES
    sources = [read_source(p, limit, display_name=stdin_filename if p == "-" else None) for p in article_paths]
    wire_sources = [read_source(p, limit) for p in wire_paths]
    for bad in (s for s in wire_sources if s.error):
        typer.echo(f"newsaudit: wire {bad.path}: {bad.error}", err=True)
    grammar = find_grammar_checker(languagetool_url or config.languagetool_url)
    final_threshold = threshold if threshold is not None else (
        config.threshold if config.threshold is not None else DEFAULT_THRESHOLD)
    final_fail_on = fail_on or config.fail_on
    options = AuditOptions(rules=select_rules(selected, ignored), threshold=final_threshold,
                           fail_on=final_fail_on, severity_overrides=dict(config.severity),
                           accept_names=frozenset(fold(n) for n in config.accept_names),
                           grammar=grammar.matches if grammar.available else None)
    extracted = {s.path: extract(s.text) for s in sources + wire_sources if s.text is not None and is_html(s.path)}
    documents = [_document(s, extracted) for s in sources if s.text is not None]
    wires = [_document(s, extracted) for s in wire_sources if s.text is not None] if wire_paths else None
    n_jobs = jobs or config.jobs or os.cpu_count() or 1
    try:
        audited = {r.path: r for r in _run_audit(documents, wires, options, n_jobs)}
    finally:
        grammar.close()  # stops a LanguageTool server started for this run
    unchecked = sum(1 for r in audited.values() if r.grammar_checked is False)
    grammar_status = grammar.final_status(unchecked)
    results = [_to_source(audited[s.path], s, extracted) if s.path in audited else _error_result(s)
               for s in sources]
    texts = {s.path: s.text or "" for s in sources}
    for s in sources:
        if s.error:
            typer.echo(f"newsaudit: {s.path}: {s.error}", err=True)
    if write_baseline is not None:
        write_baseline.write_text(baselines.write(results, texts), encoding="utf-8")
        typer.echo(f"newsaudit: baseline of {sum(len(r.findings) for r in results)} findings written to "
                   f"{write_baseline}", err=True)
        raise typer.Exit(EXIT_ERROR if any(s.error for s in sources) else EXIT_OK)
    if baseline is not None:
        results = _apply_baseline(baseline, results, texts, final_threshold, final_fail_on)
    chosen = output_format or (Format(config.output_format) if config.output_format else _default_format(output))
    report = _render(chosen, results, texts, grammar_status, color, output, quiet, statistics)
    if output is not None:
        output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    raise typer.Exit(_exit_code(results, sources, exit_zero))


def _load_config(config_file: Optional[Path]) -> Config:
    try:
        if config_file is not None and not config_file.is_file():
            _fail_usage(f"{config_file}: config file not found")
        return load_config(config_file or find_config(Path.cwd()))
    except ConfigError as exc:
        _fail_usage(str(exc))
    raise AssertionError  # unreachable: _fail_usage exits


def _resolve_paths(paths: List[str], wire: List[str], config: Config) -> tuple[list[str], list[str]]:
    try:
        article_paths = expand_paths(paths)
        wire_paths = expand_paths(_globbed(wire)) if wire else []
    except InputError as exc:
        _fail_usage(str(exc))
    root = Path(config.source).parent if config.source else Path.cwd()

    def matches(path: str, globs) -> bool:
        """Globs match the path relative to the config file's folder (or as given)."""
        relative = os.path.relpath(os.path.abspath(path), root)
        return any(fnmatch(relative, g) or fnmatch(path, g) for g in globs)

    if config.include:
        article_paths = [p for p in article_paths if p == "-" or matches(p, config.include)]
    if config.exclude:
        article_paths = [p for p in article_paths if p == "-" or not matches(p, config.exclude)]
    wire_set = {os.path.abspath(w) for w in wire_paths}
    article_paths = [p for p in article_paths if p == "-" or os.path.abspath(p) not in wire_set or not wire_paths]
    if not article_paths:
        _fail_usage("no article files (.txt, .md, .html) found in the given paths")
    return article_paths, wire_paths


def _globbed(patterns: List[str]) -> list[str]:
    """Expand glob patterns (from a config file or an unexpanded shell argument)."""
    out = []
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            matches = sorted(str(p) for p in Path("/" if pattern.startswith("/") else ".").glob(pattern.lstrip("/")))
            if not matches:
                _fail_usage(f"{pattern}: no file matches this wire pattern")
            out.extend(matches)
        else:
            out.append(pattern)
    return out


def _split(values: List[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _document(source: Source, extracted: dict) -> Document:
    if source.path in extracted:
        return segment(source.path, extracted[source.path].text, notices=source.notices)
    markdown = source.path.lower().endswith((".md", ".markdown"))
    return segment(source.path, source.text or "", markdown=markdown, notices=source.notices)


def _to_source(result: FileResult, source: Source, extracted: dict) -> FileResult:
    """HTML files are audited as their visible text; report positions in the file itself."""
    if source.path not in extracted:
        return result
    return markup_to_source(result, extracted[source.path], source.text or "")


def _run_audit(documents, wires, options, jobs: int) -> list[FileResult]:
    if not (sys.stderr.isatty() and len(documents) >= PROGRESS_MIN_FILES):
        return audit(documents, wires, options, jobs=jobs)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("auditing", total=len(documents))
        return audit(documents, wires, options, jobs=jobs, progress=lambda: bar.advance(task))


def _error_result(source: Source) -> FileResult:
    return FileResult(path=source.path, role=Role.CANDIDATE, language="unknown", words=0, score=0.0,
                      verdict=Verdict.FAIL, findings=(), notices=source.notices, error=source.error)


def _apply_baseline(path: Path, results, texts, threshold, fail_on) -> list[FileResult]:
    try:
        recorded = baselines.read(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        _fail_usage(f"{path}: cannot read baseline: {exc.strerror or exc}")
    except baselines.BaselineError as exc:
        _fail_usage(str(exc))
    return baselines.apply(results, texts, recorded, threshold, fail_on)


def _default_format(output: Optional[Path]) -> Format:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return Format.github
    return Format.rich if output is None and sys.stdout.isatty() else Format.line


def _render(chosen: Format, results, texts, grammar: GrammarStatus, color, output, quiet, statistics) -> str:
    """The report as a string. ``--quiet`` and ``--statistics`` shape the human formats only."""
    grammar_line = grammar.line
    if chosen is Format.json:
        not_checked = [r.path for r in results if r.grammar_checked is False]
        meta = {"grammar": {"checked": grammar.available, "detail": grammar_line,
                            "files_not_checked": not_checked}}
        return json_report.render(results, texts, meta)
    if chosen is Format.sarif:
        return sarif_report.render(results, texts, notes=[grammar_line])
    if chosen is Format.github:
        return github_report.render(results, texts, notes=[grammar_line])
    extra = _statistics(results) if statistics else []
    if chosen is Format.line:
        if quiet:
            return _summary_line(results) + "".join(f"{x}\n" for x in extra)
        return line_report.render(results, texts, notes=extra + [grammar_line])
    use_color = (output is None and sys.stdout.isatty()) if color is None else color
    return rich_report.render(results, texts, notes=extra + [grammar_line], color=use_color, quiet=quiet)


def _summary_line(results) -> str:
    findings = sum(len(r.findings) for r in results)
    failed = sum(1 for r in results if r.verdict != "pass")
    return f"Found {findings} findings in {len(results)} files; {failed} failed.\n"


def _statistics(results) -> list[str]:
    counts = Counter((f.rule, f.name) for r in results for f in r.findings)
    return [f"{n:6d}  {code}  {name}" for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _exit_code(results: list[FileResult], sources: list[Source], exit_zero: bool) -> int:
    if any(s.error for s in sources):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
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
    state = "" if rule.default else " (off by default: select it by code or name)"
    typer.echo(f"{rule.code} {rule.name}{state}\ncategory: {rule.category}\n"
               f"default severity: {rule.severity.value}\n")
    typer.echo(rule.doc)


# ---- `newsaudit languagetool ...`: install and serve a local LanguageTool (languagetool.py) ----
languagetool_app = typer.Typer(no_args_is_help=True,
                               help="Install or run a local LanguageTool (from Maven Central).")
app.add_typer(languagetool_app, name="languagetool")


@languagetool_app.command("install")
def languagetool_install() -> None:
    """Fetch the pinned LanguageTool with English from Maven Central (needs mvn); idempotent."""
    from . import languagetool as lt

    try:
        lib = lt.install()
    except lt.LanguageToolError as exc:
        _fail_usage(str(exc))
    typer.echo(str(lib))


@languagetool_app.command("serve")
def languagetool_serve(port: int = typer.Option(8081, help="Loopback port to listen on.")) -> None:
    """Run the installed LanguageTool on 127.0.0.1 until Ctrl-C (for --languagetool-url)."""
    import time

    from . import languagetool as lt

    lib = lt.installed()
    if lib is None:
        _fail_usage("LanguageTool is not installed: run `newsaudit languagetool install`")
    try:
        with lt.LocalServer(lib, port=port) as server:
            typer.echo(f"LanguageTool {lt.VERSION} on {server.url} (started in "
                       f"{server.started_in:.1f} s); use --languagetool-url {server.url}. "
                       "Ctrl-C stops it.", err=True)
            while server.process is not None and server.process.poll() is None:
                time.sleep(1)
    except lt.LanguageToolError as exc:
        _fail_usage(str(exc))
    except KeyboardInterrupt:
        pass


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:  # console-script entry point
    # A batch run allocates many long-lived objects (caches, results); the default collector
    # thresholds make it rescan them constantly (measured: 20% of the run). Collect less often.
    gc.set_threshold(200_000, 50, 1000)
    app()


if __name__ == "__main__":
    main()
