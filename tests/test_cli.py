"""The command line through typer's CliRunner: contract, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsaudit.cli import app

runner = CliRunner()
FINDING_KEYS = {
    "rule",
    "name",
    "category",
    "severity",
    "start",
    "end",
    "line",
    "column",
    "text",
    "message",
    "evidence",
}


def _json(args, **kw):
    result = runner.invoke(app, ["check", *args, "--format", "json"], **kw)
    return result, (json.loads(result.stdout) if result.stdout.strip().startswith("{") else None)


def test_json_contract_and_offsets(seeds_report, seeds_dir):
    for record in seeds_report.values():
        assert set(record) >= {
            "path",
            "role",
            "wire",
            "language",
            "words",
            "score",
            "verdict",
            "findings",
            "alignment",
        }
        assert record["role"] in ("candidate", "wire") and record["verdict"] in ("pass", "fail")
        text = Path(record["path"]).read_text(encoding="utf-8-sig")
        for f in record["findings"]:
            assert set(f) >= FINDING_KEYS
            assert f["severity"] in ("minor", "major", "critical")
            assert text[f["start"] : f["end"]] == f["text"]
            lines = text.split("\n")
            assert lines[f["line"] - 1][f["column"] - 1 :].startswith(f["text"].split("\n")[0])
        for a in record["alignment"]:
            assert set(a) >= {"paragraph", "wire", "wire_paragraph", "similarity"}
            assert 0 < a["similarity"] <= 1


def test_explicit_wire_pool(tmp_path, seeds_dir):
    result, report = _json(
        [
            str(seeds_dir / "000_000a6e49773c327b.txt"),
            "--wire",
            str(seeds_dir / "001_0bc4e933b272ba42.txt"),
        ]
    )
    assert result.exit_code == 1
    (record,) = report["files"]
    assert record["wire"].endswith("001_0bc4e933b272ba42.txt")
    assert any(f["text"] == "Green Agency" for f in record["findings"])


def test_missing_path_exits_2_with_one_line(tmp_path):
    result = runner.invoke(app, ["check", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "no such file" in result.stderr


def test_bad_files_get_a_message_not_a_traceback(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "good.txt").write_text(
        "The council met on Monday and approved the budget for the year.\n"
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result, report = _json([str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = {Path(f["path"]).name: f.get("error") for f in report["files"]}
    assert "empty" in errors["empty.txt"] and "binary" in errors["binary.txt"]
    assert errors["good.txt"] is None
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # inputs untouched


def test_non_english_article_is_reported(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(
        "Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir les familles "
        "touchées par les inondations dans le sud du pays.\n",
        encoding="utf-8",
    )
    result, report = _json([str(path)])
    (record,) = report["files"]
    assert record["language"] == "fr" and record["verdict"] == "fail"
    assert [f["rule"] for f in record["findings"]] == ["NA401"]
    assert result.exit_code == 1


def test_stdin_with_filename(seeds_dir):
    text = (seeds_dir / "002_bf42b40397eba4d4.txt").read_bytes()
    result, report = _json(["-", "--stdin-filename", "incoming.txt"], input=text)
    (record,) = report["files"]
    assert record["path"] == "incoming.txt"
    assert record["verdict"] == "fail" and result.exit_code == 1


def test_clean_file_exits_0(tmp_path):
    path = tmp_path / "ok.md"
    path.write_text("# Budget\n\nThe council met on Monday and approved the budget for the year.\n")
    result, report = _json([str(path)])
    assert result.exit_code == 0 and report["files"][0]["verdict"] == "pass"


def test_threshold_and_fail_on(seeds_dir):
    path = str(seeds_dir / "002_bf42b40397eba4d4.txt")
    assert (
        runner.invoke(app, ["check", path, "--threshold", "1000", "--format", "json"]).exit_code
        == 0
    )
    assert (
        runner.invoke(
            app, ["check", path, "--threshold", "1000", "--fail-on", "major", "--format", "json"]
        ).exit_code
        == 1
    )


def test_select_and_ignore(seeds_dir):
    _, report = _json([str(seeds_dir), "--ignore", "NA1,lifeless-patient"])
    rules = {f["rule"] for r in report["files"] for f in r["findings"]}
    assert not any(code.startswith("NA1") or code == "NA201" for code in rules)
    bad = runner.invoke(app, ["check", str(seeds_dir), "--select", "NA999"])
    assert bad.exit_code == 2 and "NA999" in bad.stderr


def test_rich_report_shows_evidence_and_grammar_status(seeds_dir):
    result = runner.invoke(
        app, ["check", str(seeds_dir), "--format", "rich", "--no-color"], env={"COLUMNS": "250"}
    )  # the report fits the terminal's width
    assert result.exit_code == 1
    words = " ".join(result.stdout.split())
    assert "Green Agency" in words and "Zelenskyy's office" in words
    assert "Summary" in words
    assert "NOT checked with LanguageTool" in words


def test_rules_and_explain():
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0 and "NA101" in listing.stdout and "name-drift" in listing.stdout
    doc = runner.invoke(app, ["explain", "translated-name"])
    assert doc.exit_code == 0 and "## Why is this bad?" in doc.stdout and "NA103" in doc.stdout
    assert runner.invoke(app, ["explain", "NA000"]).exit_code == 2


def test_a_long_non_english_article_fails_whatever_its_length(tmp_path):
    path = tmp_path / "long_fr.txt"
    path.write_text(
        (
            "Le conseil municipal a voté mardi un budget qui prévoit la rénovation des écoles "
            "et des routes de la ville. "
        )
        * 300,
        encoding="utf-8",
    )
    result, report = _json([str(path)])
    (record,) = report["files"]
    assert record["words"] > 5000 and record["verdict"] == "fail" and result.exit_code == 1


def test_console_entry_exits_fast_but_runs_exit_handlers_and_flushes(tmp_path):
    """``main`` ends the process with os._exit (no object-by-object teardown): the exit code,
    buffered output and atexit handlers (they stop a LanguageTool server) must survive that."""
    import subprocess
    import sys

    marker = tmp_path / "handler-ran"
    script = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').write('ok'))\n"
        "sys.stdout.write('buffered, not yet flushed')\n"
        "sys.argv = ['newsaudit', 'check', {path!r}, '--format', 'line']\n"
        "from newsaudit.cli import main\n"
        "main()\n"
        "print('never reached')\n"
    )
    missing = str(tmp_path / "missing.txt")
    done = subprocess.run([sys.executable, "-c", script.format(path=missing)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout.startswith("buffered, not yet flushed")
    assert "never reached" not in done.stdout
    assert "missing.txt" in done.stderr
    assert marker.read_text() == "ok"
    article = tmp_path / "a.txt"
    article.write_text("The minister spoke on Tuesday about the new budget plans.\n")
    done = subprocess.run([sys.executable, "-c", script.format(path=str(article))],
                          capture_output=True, text=True, timeout=60,
                          env={**__import__("os").environ, "NEWSAUDIT_LANGUAGETOOL": "off"})
    assert done.returncode == 0, done.stderr
    assert "Found 0 findings in 1 file" in done.stdout


def test_a_stdout_that_is_not_utf8_gets_the_report_without_a_traceback():
    """JSON is UTF-8 by definition, whatever the terminal's encoding; a human format shows
    a character the terminal cannot encode as a backslash escape (it used to fail the run with
    a UnicodeEncodeError traceback)."""
    import os
    import subprocess
    import sys

    seeds = str(Path(__file__).resolve().parent.parent / "fixtures" / "seeds")
    base = {**os.environ, "NEWSAUDIT_LANGUAGETOOL": "off"}

    def check(fmt: str, encoding: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "newsaudit.cli", "check", seeds, "--format", fmt],
            capture_output=True, timeout=120, env={**base, "PYTHONIOENCODING": encoding})

    utf8 = check("json", "utf-8")
    assert "“".encode("utf-8") in utf8.stdout  # the seeds' findings quote curly quotes
    for encoding in ("latin-1", "ascii"):
        as_json = check("json", encoding)
        assert as_json.returncode == utf8.returncode == 1
        assert b"Traceback" not in as_json.stderr
        assert as_json.stdout == utf8.stdout
        as_lines = check("line", encoding)
        assert as_lines.returncode == 1 and b"Traceback" not in as_lines.stderr
        assert b"\\u201c" in as_lines.stdout  # “ written as an escape
        as_lines.stdout.decode(encoding)  # all of it in the terminal's encoding
