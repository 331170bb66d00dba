"""Shared helpers of the benchmark scripts: data location, corpus writing, running the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSAUDIT_SHARED", ROOT.parent / "shared"))
# Benchmarks measure newsaudit without LanguageTool unless they pass a server URL themselves: an
# installed LanguageTool must not be started behind their back (and skew their timings).
os.environ.setdefault("NEWSAUDIT_LANGUAGETOOL", "off")
BENCH_DATA = SHARED / "bench"
WORK = ROOT / "bench" / "work"  # git-ignored scratch space
RESULTS = ROOT / "bench" / "RESULTS.md"
CLI = [sys.executable, "-m", "newsaudit.cli"]


def require_data(path: Path) -> None:
    if not path.exists():
        sys.exit(f"benchmark data not found: {path} (set NEWSAUDIT_SHARED to the shared folder)")


def write_article(path: Path, paragraphs: list[str]) -> list[tuple[int, int]]:
    """Write paragraphs separated by blank lines; return each paragraph's (start, end)."""
    spans, pos, parts = [], 0, []
    for i, p in enumerate(paragraphs):
        p = " ".join(p.split()) or "."
        if i:
            parts.append("\n\n")
            pos += 2
        spans.append((pos, pos + len(p)))
        parts.append(p)
        pos += len(p)
    path.write_text("".join(parts) + "\n", encoding="utf-8")
    return spans


def run_cli(args: list[str], languagetool_url: str | None = None) -> tuple[dict, float]:
    """Run ``newsaudit check ARGS --format json``; return the report and the wall time.

    Without ``languagetool_url`` no LanguageTool is used (none is started even if installed),
    so the numbers stay comparable with earlier runs.
    """
    env = {**os.environ, "NEWSAUDIT_LANGUAGETOOL": "off"}
    env.pop("NEWSAUDIT_LANGUAGETOOL_URL", None)
    extra = ["--languagetool-url", languagetool_url] if languagetool_url else []
    start = time.perf_counter()
    proc = subprocess.run(
        CLI + ["check", *args, *extra, "--format", "json"], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"newsaudit failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout), wall


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def update_results(section: str, body: str) -> None:
    """Replace (or append) one ``## section`` of bench/RESULTS.md."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    marker = f"## {section}\n"
    if marker in text:
        head, _, rest = text.partition(marker)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1 :] if nxt >= 0 else ""
        text = head + marker + body.rstrip() + "\n\n" + tail
    else:
        text = text.rstrip() + "\n\n" + marker + body.rstrip() + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def publish(section: str, lines: list[str], write: bool) -> None:
    """Print a benchmark's markdown and, unless told not to, record it in bench/RESULTS.md."""
    body = "\n".join(lines)
    print(body)
    if write:
        update_results(section, body)


def languagetool_server():
    """A LanguageTool server from ``newsaudit languagetool install`` (context manager)."""
    sys.path.insert(0, str(ROOT))
    from newsaudit import languagetool as lt

    lib = lt.installed()
    if lib is None:
        sys.exit("LanguageTool is not installed: run `make languagetool`")
    return lt.LocalServer(lib)


def lt_category(finding: dict) -> str:
    """LanguageTool's category of an NA901 finding, from its evidence.

    The evidence reads "LanguageTool ID (CAT): ..."."""
    evidence = finding.get("evidence") or ""
    return evidence.split("(", 1)[1].split(")", 1)[0] if "(" in evidence else "?"


def lt_rule(finding: dict) -> str:
    evidence = finding.get("evidence") or ""
    return evidence.split()[1] if evidence.startswith("LanguageTool ") else "?"


def round_robin(items: list[dict], rng, group) -> list[dict]:
    """``items`` shuffled, then taken in turn from each ``group(item)`` (groups in a shuffled
    order), so that a quota drawn from the front covers every group evenly."""
    rng.shuffle(items)
    buckets: dict = {}
    for item in items:
        buckets.setdefault(group(item), []).append(item)
    order, lists = [], [buckets[k] for k in sorted(buckets)]
    rng.shuffle(lists)
    while any(lists):
        for bucket in lists:
            if bucket:
                order.append(bucket.pop(0))
    return order


def write_draft(path: Path, rows: list[dict], prefix: str) -> None:
    """The drawn findings, numbered ``prefix``001..., one JSON object a line."""
    with path.open("w", encoding="utf-8") as fh:
        for n, row in enumerate(rows, 1):
            row["id"] = f"{prefix}{n:03d}"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} findings -> {path}")
