"""Command line: the only module that knows argv, stdout, stderr and exit codes.

It parses options, builds the ``Settings`` (``config.py``), calls ``linter.run`` and renders the
``Report`` (``report/``). The environment is read here (``GITHUB_ACTIONS``,
``NEWSAUDIT_LANGUAGETOOL_URL``, whether stdout is a terminal) and by ``grammar.py`` (where an
installed LanguageTool lives).

Exit codes: 0 every file passes, 1 at least one file fails, 2 usage, config or input error.
"""

from __future__ import annotations

import atexit
import codecs
import gc
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from . import baseline as baselines
from .config import ConfigError, find_config, load_config, settings
from .inputs import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES
from .linter import Report, Stream, UsageError, run, run_stream
from .model import Severity
from .report import FORMATS, STREAM_FORMATS, render, render_utf8
from .rules import ALL_RULES, find_rule
from .scoring import DEFAULT_THRESHOLD

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 20

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Audit machine-translated English news against wire copy: name drift, names translated "
    "as words, nonsense, numbers, omissions, junk. Exit 0 = all pass, 1 = some fail, 2 = error.",
)


Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # --format choices


def _show_help(ctx: typer.Context, value: bool) -> None:
    if value:
        typer.echo(ctx.get_help())
        raise typer.Exit()


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False,
        "--version",
        is_eager=True,
        metavar="",
        callback=_print_version,
        help="Print the version and exit.",
    ),
) -> None:
    """Audit machine-translated English news against wire copy."""


def _fail_usage(message: str) -> None:
    typer.echo(f"newsaudit: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


EXTENSIONS = ", ".join(ARTICLE_SUFFIXES)
FLAG = {"metavar": ""}  # boolean flags take no value: show none in --help


def _flag(*names: str, help: str) -> bool:
    return typer.Option(False, *names, help=help, **FLAG)


@app.command(add_help_option=False)
def check(
    paths: List[str] = typer.Argument(
        ..., help=f"Article files or folders (folders recursively: {EXTENSIONS}); - reads stdin."
    ),
    wire: List[str] = typer.Option(
        [],
        "--wire",
        "-w",
        help="English wire stories to compare with (files, folders or globs; "
        "repeatable). Without it, the files are compared with each other.",
    ),
    output_format: Optional[Format] = typer.Option(
        None,
        "--format",
        "-f",
        help="Report format. Default: github under GitHub Actions, rich "
        "on a terminal, line when piped. html: one self-contained page, article and wire side "
        "by side (use with -o report.html). jsonl: one JSON record per article, written as each "
        "finishes (constant memory); parquet: the same as a table (needs -o).",
    ),
    output: Optional[Path] = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the report to this file instead of stdout (e.g. -f "
        "html -o report.html, then open it in a browser).",
    ),
    config_file: Optional[Path] = typer.Option(
        None,
        "--config",
        help="Config file (default: the nearest newsaudit.toml or "
        "\\[tool.newsaudit] in pyproject.toml).",
    ),
    threshold: Optional[float] = typer.Option(
        None,
        help="Fail a file whose score (MQM penalty points per 1,000 words; higher is worse) "
        f"exceeds this \\[default: {DEFAULT_THRESHOLD:g}].",
    ),
    fail_on: Optional[Severity] = typer.Option(
        None,
        "--fail-on",
        help="Also fail a file with any confident finding of this severity or worse.",
    ),
    select: List[str] = typer.Option(
        [],
        "--select",
        help="Only these rules (code prefix or name; comma-separated or "
        "repeated). Off-by-default rules must be named in full.",
    ),
    ignore: List[str] = typer.Option(
        [], "--ignore", help="Skip these rules (code prefix or name; comma-separated or repeated)."
    ),
    baseline: Optional[Path] = typer.Option(
        None, "--baseline", help="Report only findings not recorded in this baseline file."
    ),
    write_baseline: Optional[Path] = typer.Option(
        None, "--write-baseline", help="Record the current findings in this file (then exit 0)."
    ),
    exit_zero: bool = _flag(
        "--exit-zero", help="Exit 0 even when files fail (errors still exit 2)."
    ),
    quiet: bool = _flag("--quiet", "-q", help="Print only the summary."),
    statistics: bool = _flag("--statistics", help="Print the number of findings per rule."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Processes to use \\[default: all cores]."
    ),
    languagetool_url: Optional[str] = typer.Option(
        None,
        "--languagetool-url",
        envvar="NEWSAUDIT_LANGUAGETOOL_URL",
        help="A LanguageTool server, e.g. http://localhost:8081 (also found: an installed "
        "LanguageTool).",
    ),
    stdin_filename: Optional[str] = typer.Option(
        None, "--stdin-filename", help="Name to report for input read from stdin."
    ),
    max_bytes: Optional[int] = typer.Option(
        None,
        "--max-bytes",
        min=1,
        help=f"Skip files larger than this, with a message \\[default: {DEFAULT_MAX_BYTES}].",
    ),
    min_confidence: Optional[float] = typer.Option(
        None,
        "--min-confidence",
        help="Report only findings at least this sure (0-1) "
        "\\[default: 0.4]; those under 0.5 are reported but not counted in the score.",
    ),
    require_wire: bool = _flag(
        "--require-wire",
        help="With --wire: fail an article that no wire "
        "story of the pool aligns with (default: pass it with a notice).",
    ),
    scheduler: Optional[str] = typer.Option(
        None,
        "--scheduler",
        help="Audit on this Dask cluster, e.g. tcp://10.0.0.5:8786 (needs "
        "--wire and pip install 'newsaudit[dask]').",
    ),
    color: Optional[bool] = typer.Option(
        None,
        "--color/--no-color",
        metavar="",
        help="Colour in the rich report (default: when the output is a terminal).",
    ),
    _help: bool = typer.Option(
        False,
        "--help",
        "-h",
        is_eager=True,
        callback=_show_help,
        expose_value=False,
        metavar="",
        help="Show this message and exit.",
    ),
) -> None:
    """Audit articles and print a report per file."""
    if config_file is not None and not config_file.is_file():
        _fail_usage(f"{config_file}: config file not found")
    for target, what in ((output, "--output"), (write_baseline, "--write-baseline")):
        problem = _unwritable(target) if target is not None else None
        if problem:
            _fail_usage(f"{what} {target}: {problem}")
    try:
        config = load_config(config_file or find_config(Path.cwd()))
        run_settings = settings(
            config,
            select=_split(select),
            ignore=_split(ignore),
            wire=wire,
            threshold=threshold,
            fail_on=fail_on,
            jobs=jobs,
            languagetool_url=languagetool_url,
            max_bytes=max_bytes,
            output_format=output_format.value if output_format else None,
            baseline=str(baseline) if baseline else None,
            stdin_filename=stdin_filename,
            require_wire=require_wire or None,
            min_confidence=min_confidence,
            scheduler=scheduler,
        )
        chosen = run_settings.output_format or _default_format(output)
        if chosen in STREAM_FORMATS and write_baseline is None:
            if chosen == "parquet" and output is None:
                raise UsageError("--format parquet writes a file: give it with -o FILE")
            stream = run_stream(paths, settings=run_settings, progress=_progress_bar())
            raise typer.Exit(_write_stream(stream, chosen, output, exit_zero))
        report = run(paths, settings=run_settings, progress=_progress_bar())
    except (ConfigError, UsageError) as exc:
        _fail_usage(str(exc))
    for message in report.messages:
        typer.echo(f"newsaudit: {message}", err=True)
    if write_baseline is not None:
        root = str(write_baseline.resolve().parent)
        _write(write_baseline, baselines.write(report.files, report.texts, root=root))
        count = sum(len(r.findings) for r in report.files)
        typer.echo(f"newsaudit: baseline of {count} findings written to {write_baseline}", err=True)
        raise typer.Exit(EXIT_ERROR if report.input_errors else EXIT_OK)
    # The JSON report as orjson writes it, UTF-8 bytes, rather than decoded to a str and encoded
    # again on writing (4 MB at 500 articles: 0.03 s); the other reports as text.
    report_out: str | bytes | None = render_utf8(report, chosen) if _takes_utf8(output) else None
    if report_out is None:
        use_color = (output is None and sys.stdout.isatty()) if color is None else color
        report_out = render(report, chosen, color=use_color, quiet=quiet, statistics=statistics)
        if output is None and chosen in UTF8_FORMATS and not _stdout_codec().startswith("utf") \
                and hasattr(sys.stdout, "buffer"):
            report_out = report_out.encode("utf-8")  # whatever the terminal's encoding
    if output is not None:
        _write(output, report_out)
    elif isinstance(report_out, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(report_out)
    else:
        sys.stdout.write(report_out)
    raise typer.Exit(_exit_code(report, exit_zero))


# Formats whose bytes are UTF-8 by their own definition (JSON's RFC 8259, SARIF, a page that
# declares its charset): written so to a stdout of another encoding, not in its encoding.
UTF8_FORMATS = ("json", "sarif", "html")


def _stdout_codec() -> str:
    """The codec name of stdout's encoding ("utf-8", "latin-1", ...), or "" if it has none."""
    try:
        return codecs.lookup(sys.stdout.encoding).name
    except (AttributeError, LookupError, TypeError):
        return ""


def _tolerant_stdout() -> None:
    """A stdout that is not UTF (PYTHONIOENCODING=latin-1, an old C locale) writes a character
    it cannot encode as a backslash escape, as stderr does, instead of failing the run."""
    if not _stdout_codec().startswith("utf"):
        try:
            sys.stdout.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a text stream of io's: left as it is
            pass


def _takes_utf8(output: Optional[Path]) -> bool:
    """Whether UTF-8 bytes written to ``output`` (or stdout) are what writing the report's
    text there writes: UTF-8, no newline translation."""
    if os.linesep != "\n":
        return False
    return output is not None or (hasattr(sys.stdout, "buffer") and _stdout_codec() == "utf-8")


def _write_stream(stream: Stream, fmt: str, output: Optional[Path], exit_zero: bool) -> int:
    """Write each article's record as it comes (jsonl or parquet); the exit code."""
    from .report.stream import ParquetSink, jsonl_line

    for message in stream.messages:
        typer.echo(f"newsaudit: {message}", err=True)
    failed = False
    sink = handle = None
    try:
        if fmt == "parquet":
            sink = ParquetSink(str(output))
        else:
            handle = open(output, "w", encoding="utf-8") if output is not None else sys.stdout
        for item in stream:
            result = item.result
            if result.error:
                typer.echo(f"newsaudit: {result.path}: {result.error}", err=True)
            failed = failed or result.verdict != "pass"
            if sink is not None:
                sink.write(result, item.text, item.metadata)
            else:
                handle.write(jsonl_line(result, item.text, item.metadata))
                handle.flush()
    except OSError as exc:
        _fail_usage(f"{output or 'stdout'}: cannot write: {exc.strerror or exc}")
    finally:
        stream.close()
        if sink is not None:
            sink.close()
        if handle is not None and handle is not sys.stdout:
            handle.close()
    if stream.input_errors:
        return EXIT_ERROR
    return EXIT_OK if exit_zero or not failed else EXIT_FAIL


def _unwritable(path: Path) -> str | None:
    """Why ``path`` cannot be written (checked before the audit, not after), or None."""
    folder = path.resolve().parent
    if path.is_dir():
        return "is a folder"
    if not folder.is_dir():
        return f"folder {folder} does not exist"
    if path.exists() and not os.access(path, os.W_OK):
        return "file is not writable"
    if not path.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return f"folder {folder} is not writable"
    return None


def _write(path: Path, content: str | bytes) -> None:
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as exc:
        _fail_usage(f"{path}: cannot write: {exc.strerror or exc}")


def _progress_bar():
    """A progress bar on stderr for long runs on a terminal, or None."""
    if not sys.stderr.isatty():
        return None
    state: dict = {}

    def advance(done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES:
            return
        if "bar" not in state:
            from rich.console import Console
            from rich.progress import Progress

            state["bar"] = Progress(console=Console(stderr=True), transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task("auditing", total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state["bar"].stop()

    return advance


def _split(values: List[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _default_format(output: Optional[Path]) -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "rich" if output is None and sys.stdout.isatty() else "line"


def _exit_code(report: Report, exit_zero: bool) -> int:
    if report.input_errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    return EXIT_FAIL if any(r.verdict != "pass" for r in report.files) else EXIT_OK


@app.command("rules")
def list_rules() -> None:
    """List every rule: code, name, MQM category, default severity, summary."""
    for rule in ALL_RULES:
        state = "" if rule.default else " [off by default]"
        typer.echo(
            f"{rule.code}  {rule.name:<26} {rule.category:<32} {rule.severity.value:<8} "
            f"{rule.summary}{state}"
        )


@app.command()
def explain(
    code: str = typer.Argument(..., help="Rule code (NA101) or name (name-drift)."),
) -> None:
    """Print the full documentation of one rule."""
    rule = find_rule(code)
    if rule is None:
        _fail_usage(f"no rule {code!r} (see `newsaudit rules`)")
    state = "" if rule.default else " (off by default: select it by code or name)"
    typer.echo(
        f"{rule.code} {rule.name}{state}\ncategory: {rule.category}\n"
        f"default severity: {rule.severity.value}\n"
    )
    typer.echo(rule.doc)


# ---- `newsaudit languagetool ...`: install and serve a local LanguageTool (languagetool.py) ----
languagetool_app = typer.Typer(
    no_args_is_help=True, help="Install or run a local LanguageTool (from Maven Central)."
)
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
            typer.echo(
                f"LanguageTool {lt.VERSION} on {server.url} (started in "
                f"{server.started_in:.1f} s); use --languagetool-url {server.url}. "
                "Ctrl-C stops it.",
                err=True,
            )
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
    # A run makes no reference cycles per article (tests/test_reference_cycles.py checks every
    # report format, --wire, --jobs and the LanguageTool client on distinct articles): its objects
    # are freed by reference counting, and what lives on (caches, the results the report needs)
    # lives to the end. The cycle collector could only rescan those: with the default thresholds
    # 20% of a batch run, and still one pass of 0.35-0.8 s per process every 200,000 objects
    # with raised ones. So the run goes without it (Dask's client, which does make cycles,
    # turns it back on: distributed.connect).
    gc.disable()
    _tolerant_stdout()
    try:
        app()
    except SystemExit as stop:
        _exit_now(stop.code)
    _exit_now(0)


def _exit_now(code) -> None:
    """Exit with ``code`` without freeing every object one by one (the index, caches and
    results of a large run: measured 0.3 s at 500 articles). The exit handlers still run (they
    stop a LanguageTool server started for the run) and the output streams are flushed; the
    operating system reclaims the rest, as after any process."""
    if code is not None and not isinstance(code, int):  # sys.exit("message") prints it
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`) or a closed stream
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    main()
