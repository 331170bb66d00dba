"""Trap pairs on a story written for this test: a faithful translation with legitimate
variation (romanisation, scale abbreviations, clock and percent notation, spelled numbers,
paraphrase) must get no counted major finding; a broken one must show every error class."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsaudit.cli import app

TRAPS = Path(__file__).resolve().parent.parent / "fixtures" / "traps"


def _audit(name: str) -> dict:
    result = CliRunner().invoke(app, ["check", str(TRAPS / name), "--wire",
                                      str(TRAPS / "wire_port.txt"), "--format", "json"])
    (record,) = json.loads(result.stdout)["files"]
    return record


def test_a_faithful_translation_gets_no_counted_major_finding():
    record = _audit("faithful_port.txt")
    assert record["verdict"] == "pass"
    assert [f for f in record["findings"] if f["severity"] != "minor" and f["points"]] == []


def test_every_error_class_of_a_broken_translation_is_found_with_its_evidence():
    record = _audit("broken_port.txt")
    found = {(f["rule"], f["text"]): f for f in record["findings"]}
    expected = {
        ("NA301", "12 million"),            # a scale slip
        ("NA201", "two trucks were injured"),   # a vehicle injured
        ("NA101", "Terkach"),               # a garbled surname (t for d)
        ("NA103", "Blacksmith Office"),     # a surname translated as words
        ("NA202", "4.5 million dollars, 4.5 million dollars"),   # a decoder loop
        ("NA402", "Працівники порту чекають на відповідь"),
    }
    assert expected <= set(found), expected - set(found)
    assert {"NA312", "NA313"} <= {f["rule"] for f in record["findings"]}
    for key in [("NA301", "12 million"), ("NA101", "Terkach"), ("NA103", "Blacksmith Office")]:
        assert "wire_port.txt" in found[key]["evidence"], key
    assert record["verdict"] == "fail"
