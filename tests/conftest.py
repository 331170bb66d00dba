from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_report():
    """The JSON report of `newsaudit check fixtures/seeds/` (auto mode), run once."""
    from typer.testing import CliRunner

    from newsaudit.cli import app

    result = CliRunner().invoke(app, ["check", str(SEEDS), "--format", "json"])
    assert result.exit_code == 1, result.output
    return {Path(f["path"]).name[:3]: f for f in json.loads(result.stdout)["files"]}


def pytest_configure(config):
    # The fast tier never starts a LanguageTool, even when one is installed: tests of the real
    # server (marker `languagetool`, tests/test_languagetool.py) pass its URL explicitly.
    import os

    os.environ["NEWSAUDIT_LANGUAGETOOL"] = "off"
    config.addinivalue_line("markers",
                            "languagetool: needs the real LanguageTool (installed by make)")
