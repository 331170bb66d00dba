"""Auditing makes no reference cycles per article: ``newsaudit`` runs without the cycle
collector (``cli.main``), so a cycle made for each article would stay in memory to the end of
the run. Each case audits the same articles once and three times over: the cyclic garbage left
must not grow with the number of articles."""

import gc
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsaudit.cli import app

SEEDS = sorted(Path("fixtures/seeds").glob("*.txt"))


def cyclic_garbage(args) -> int:
    """Objects in reference cycles left behind by one in-process run of ``args``."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        result = CliRunner().invoke(app, args)
        assert result.exit_code in (0, 1), result.output
        return gc.collect()
    finally:
        if was_enabled:
            gc.enable()


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """The seeds once, and three times over."""
    root = tmp_path_factory.mktemp("cycles")
    for copies in (1, 3):
        folder = root / f"x{copies}"
        folder.mkdir()
        for copy in range(copies):
            for seed in SEEDS:
                shutil.copy(seed, folder / f"{copy}_{seed.name}")
    return root


@pytest.mark.parametrize("extra", [
    ["--format", "json"],
    ["--format", "html"],
    ["--format", "rich"],
    ["--format", "jsonl"],
    ["--format", "sarif"],
    ["--format", "line", "--jobs", "2"],
    ["--format", "json", "--wire", "fixtures/heldout/wire_floods.txt"],
])
def test_no_reference_cycles_per_article(corpora, monkeypatch, extra):
    monkeypatch.setenv("NEWSAUDIT_LANGUAGETOOL", "off")
    cyclic_garbage(["check", str(corpora / "x1"), *extra])  # first run: imports, caches
    once = cyclic_garbage(["check", str(corpora / "x1"), *extra])
    thrice = cyclic_garbage(["check", str(corpora / "x3"), *extra])
    assert thrice == once
