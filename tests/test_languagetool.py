"""The real LanguageTool tier: the server installed by `newsaudit languagetool install`.

Marked `languagetool`. Without an install the tier is skipped locally, but under CI=true a
missing install is a failure: `make test` installs it first, so CI always runs this tier.
"""

from __future__ import annotations

import json
import tomllib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsaudit import grammar, languagetool as lt
from newsaudit.cli import app

pytestmark = pytest.mark.languagetool
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
BUILTIN = {"NA911", "NA912", "NA913"}
CASES = [dict(case, rule=code) for code in sorted(BUILTIN)
         for case in tomllib.loads((ROOT / "fixtures" / "rules" / f"{code}.toml")
                                   .read_text(encoding="utf-8"))["case"]]
NEWSAUDIT = [sys.executable, "-m", "newsaudit.cli"]


def _lib() -> Path:
    lib = lt.installed()
    if lib is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but LanguageTool is not installed: `make test` runs "
                        "`newsaudit languagetool install` first")
        pytest.skip("LanguageTool not installed (run `newsaudit languagetool install`)")
    return lib


@pytest.fixture(scope="module")
def server():
    with lt.LocalServer(_lib()) as running:
        yield running


def java_pids(port: int) -> list[int]:
    """Live LanguageTool server processes listening on ``port`` (from /proc)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().split(") ")[1][0]
        except OSError:
            continue
        if lt.MAIN_CLASS.encode() in cmd and str(port).encode() in cmd and state != "Z":
            pids.append(int(proc.name))
    return pids


def _check(args, env=None) -> tuple[dict, str, float]:
    begin = time.monotonic()
    done = subprocess.run(NEWSAUDIT + ["check", *args, "--format", "json"], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout), done.stderr, time.monotonic() - begin


def test_install_is_verified_and_second_run_needs_no_maven(monkeypatch):
    _lib()
    assert lt.verify() == []
    monkeypatch.setenv("PATH", "/nonexistent")  # no mvn (nor anything else): must not be needed
    assert lt.install(log=lambda s: None) == lt.installed()


def test_seeds_auto_start_checks_and_leaves_no_java():
    """The issue's acceptance check: `newsaudit check` on the seeds starts, uses, stops LT."""
    _lib()
    report, stderr, _ = _check([str(SEEDS)], env={"NEWSAUDIT_LANGUAGETOOL": ""})
    assert report["grammar"]["checked"] is True, report["grammar"]
    assert "local LanguageTool 6.7" in report["grammar"]["detail"]
    assert report["grammar"]["files_not_checked"] == []
    assert all(f["grammar_checked"] is True for f in report["files"])
    na901 = [x for f in report["files"] for x in f["findings"] if x["rule"] == "NA901"]
    assert na901 and all(x["evidence"].startswith("LanguageTool ") for x in na901)
    seed3 = next(f for f in report["files"] if Path(f["path"]).name.startswith("003"))
    assert ("their", "Fluency/Grammar") in {(x["text"], x["category"]) for x in seed3["findings"]}
    assert not any(x["rule"] in BUILTIN for f in report["files"] for x in f["findings"])
    port = int(report["grammar"]["detail"].split("127.0.0.1:")[1].split(",")[0])
    assert java_pids(port) == []


@pytest.mark.parametrize("case", [c for c in CASES if c["rule"] in BUILTIN],
                         ids=lambda c: f"{c['rule']}-{c['kind']}")
def test_languagetool_covers_the_builtin_rule_cases(server, case, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(case["article"] + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json",
                                      "--languagetool-url", server.url])
    (record,) = json.loads(result.stdout)["files"]
    assert record["grammar_checked"] is True
    assert not [f for f in record["findings"] if f["rule"] in BUILTIN]  # they step aside
    flagged = [f["text"] for f in record["findings"] if f["rule"] == "NA901"]
    if case["kind"] == "fail":
        # LanguageTool flags the same words (its TOO_ADJECTIVE_TO span is wider: "to hard to")
        assert len(flagged) == 1 and case["flagged"][0] in flagged[0], flagged
    else:
        assert flagged == []


def test_offsets_are_exact_after_astral_characters(server):
    text = "The 😀 ministry 🇺🇦 said their was no damage to the the dam."
    checker = grammar.find_grammar_checker(server.url)
    found = {text[m.start:m.end] for m in checker.matches(text)}
    assert {"their", "the the"} <= found


def test_policy_names_british_spelling_and_wire_words(server, tmp_path):
    """A word the aligned wire uses is not a spelling error; names and British spelling neither."""
    checker = grammar.find_grammar_checker(server.url)
    text = "Local hromada leaders met Bondarenko in the armoured train in the neighbouring oblast."
    matches = checker.matches(text)
    assert "hromada" in {text[m.start:m.end] for m in matches}  # the speller does flag these ...
    assert "armoured" in {text[m.start:m.end] for m in matches}
    findings = grammar.to_findings(matches, text, "NA901", "languagetool", frozenset())
    assert [f.text for f in findings] == ["hromada"]  # British spelling is not an error
    assert grammar.to_findings(matches, text, "NA901", "lt", frozenset({"hromada"})) == []  # known
    typo = "The goverment said the hromada met."
    found = grammar.to_findings(checker.matches(typo), typo, "NA901", "lt", frozenset())
    assert [f.text for f in found] == ["goverment", "hromada"]
    wire = tmp_path / "wire.txt"
    article = tmp_path / "article.txt"
    line = "Local hromada leaders met the president on Monday in the capital, officials said.\n"
    wire.write_text(line)
    article.write_text(line)
    result = CliRunner().invoke(app, ["check", str(article), "--wire", str(wire), "--format",
                                      "json", "--languagetool-url", server.url])
    (record,) = json.loads(result.stdout)["files"]
    assert record["grammar_checked"] is True and record["wire"]
    assert [f["text"] for f in record["findings"] if f["rule"] == "NA901"] == []  # the wire has it
    alone = CliRunner().invoke(app, ["check", str(article), "--format", "json",
                                     "--languagetool-url", server.url])
    assert "hromada" in [f["text"] for f in json.loads(alone.stdout)["files"][0]["findings"]]


def _articles(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(
            f"Report {i}. Officials said their was no damage to the dam number {i}.\n\n"
            f"The mayor said the city would recover within {i + 2} weeks.\n", encoding="utf-8")
    return folder


def test_a_stalled_server_costs_one_timeout_per_run(server, tmp_path, monkeypatch):
    """SIGSTOP the server after the first file: bounded time, the rest reported as not checked."""
    monkeypatch.setenv("NEWSAUDIT_LANGUAGETOOL_TIMEOUT", "3")
    folder = _articles(tmp_path, 6)
    real = grammar._server_checker

    def stalling(url, detail, srv=None):
        checker = real(url, detail, srv)
        fetch = checker._fetch

        def first_then_stall(text):
            try:
                return fetch(text)
            finally:
                os.kill(server.process.pid, signal.SIGSTOP)
        checker._fetch = first_then_stall
        return checker

    monkeypatch.setattr(grammar, "_server_checker", stalling)
    begin = time.monotonic()
    try:
        result = CliRunner().invoke(app, ["check", str(folder), "--format", "json", "-j", "1",
                                          "--languagetool-url", server.url])
    finally:
        os.kill(server.process.pid, signal.SIGCONT)
    wall = time.monotonic() - begin
    report = json.loads(result.stdout)
    checked = [f["grammar_checked"] for f in report["files"]]
    assert checked == [True, False, False, False, False, False]
    assert report["grammar"]["checked"] is False
    assert "failed during the run" in report["grammar"]["detail"]
    assert len(report["grammar"]["files_not_checked"]) == 5
    assert wall < 3 + 10, wall  # one 3 s timeout, not five
    # the files not checked get the built-in rules back
    for rec in report["files"][1:]:
        assert [f["rule"] for f in rec["findings"]].count("NA911") == 1


def test_a_server_killed_mid_run_with_jobs(tmp_path, monkeypatch):
    """A `serve` process whose Java is SIGKILLed at the 4th of 20 files checked by 2 workers."""
    _lib()
    monkeypatch.setenv("NEWSAUDIT_LANGUAGETOOL_TIMEOUT", "5")
    port = lt.free_port()
    serve = subprocess.Popen(NEWSAUDIT + ["languagetool", "serve", "--port", str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: _answers(port), 120)
        (java,) = java_pids(port)
        folder = _articles(tmp_path, 20)
        calls = tmp_path / "calls"  # the forked workers count their requests here
        real = grammar._server_checker

        def killing(url, detail, srv=None):
            checker = real(url, detail, srv)
            fetch = checker._fetch

            def fetch_then_kill(text):
                with open(calls, "a") as f:
                    f.write("x")
                if calls.stat().st_size == 4:
                    os.kill(java, signal.SIGKILL)
                return fetch(text)
            checker._fetch = fetch_then_kill
            return checker

        monkeypatch.setattr(grammar, "_server_checker", killing)
        begin = time.monotonic()
        result = CliRunner().invoke(app, ["check", str(folder), "--format", "json", "-j", "2",
                                          "--languagetool-url", f"http://127.0.0.1:{port}"])
        assert time.monotonic() - begin < 30
        report = json.loads(result.stdout)
        assert report["grammar"]["checked"] is False
        states = [f["grammar_checked"] for f in report["files"]]
        # 3 asked before the kill; one of them may still be in flight when Java dies
        assert 2 <= states.count(True) < 20 and states.count(False) == 20 - states.count(True)
        assert len(report["grammar"]["files_not_checked"]) == states.count(False)
        assert calls.stat().st_size < 20  # the other worker stopped asking too
        assert java_pids(port) == []
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=20)


def _answers(port: int) -> bool:
    try:
        lt._post_check(f"http://127.0.0.1:{port}", "Warm up.", timeout=60)  # rules loaded
        return True
    except (OSError, ValueError):
        return False


def _wait_for(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_no_java_left_when_newsaudit_is_terminated_or_killed(how):
    """SIGTERM: the handler stops the server. SIGKILL: PR_SET_PDEATHSIG does."""
    _lib()
    port = lt.free_port()
    serve = subprocess.Popen(NEWSAUDIT + ["languagetool", "serve", "--port", str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(lambda: java_pids(port), 30)  # killed while Java is still starting, even
    serve.send_signal(how)
    serve.wait(timeout=20)
    _wait_for(lambda: not java_pids(port), 15)
