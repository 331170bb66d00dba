"""Auditing makes no reference cycles per article: ``newsaudit`` runs without the cycle
collector (``cli.main``), so a cycle made for each article would stay in memory to the end of
the run. Each case audits the same articles once and three times over: the cyclic garbage left
must not grow with the number of articles."""

import gc
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


def _variant(text: str, copy: int) -> str:
    """A copy of ``text`` that no cache keyed by text has seen: its digits shifted, and a
    sentence with a new name and number added."""
    shifted = text.translate(str.maketrans("0123456789", "0123456789"[copy:] + "0123456789"[:copy]))
    return f"{shifted.rstrip()}\n\nMayor Anatoliy Variant{copy} met {copy + 12} officials.\n"


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """The seeds once, and three times over: every copy a different text, so that work cached
    by text is done again for each (a cycle made there would grow with the copies)."""
    root = tmp_path_factory.mktemp("cycles")
    for copies in (1, 3):
        folder = root / f"x{copies}"
        folder.mkdir()
        for copy in range(copies):
            for seed in SEEDS:
                text = seed.read_text(encoding="utf-8")
                (folder / f"{copy}_{seed.name}").write_text(_variant(text, copy), encoding="utf-8")
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
