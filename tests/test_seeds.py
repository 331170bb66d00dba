"""The acceptance checks of the v1 issue, on the five seed articles in auto mode."""

from __future__ import annotations


def _flagged(report, key, rule_prefix=""):
    return [(f["text"], f) for f in report[key]["findings"] if f["rule"].startswith(rule_prefix)]


def test_wire_chosen_for_000_is_001(seeds_report):
    assert seeds_report["000"]["wire"].endswith("001_0bc4e933b272ba42.txt")
    assert seeds_report["001"]["role"] == "wire"
    assert seeds_report["000"]["role"] == "candidate"


def test_verdicts(seeds_report):
    verdicts = {k: v["verdict"] for k, v in seeds_report.items()}
    assert verdicts == {"000": "fail", "001": "pass", "002": "fail", "003": "pass", "004": "pass"}


def test_name_variants_in_002_are_flagged_every_time(seeds_report):
    texts = [t for t, f in _flagged(seeds_report, "002", "NA1")]
    assert texts.count("Gershon") == 2
    assert texts.count("Kersen") == 1
    for _, finding in _flagged(seeds_report, "002", "NA1"):
        assert "Kherson" in finding["evidence"]
        assert finding["category"] == "Fluency/Inconsistency"


def test_translated_name_and_nonsense_in_000(seeds_report):
    by_text = {t: f for t, f in _flagged(seeds_report, "000")}
    green = by_text["Green Agency"]
    assert green["category"] == "Accuracy/Mistranslation"
    assert "Zelenskyy's office" in green["evidence"]
    nonsense = by_text["two cruise missiles were hospitalized"]
    assert nonsense["rule"] == "NA201" and nonsense["severity"] == "major"


def test_english_originals_have_no_major_findings(seeds_report):
    for key in ("001", "003", "004"):
        assert not [f for f in seeds_report[key]["findings"] if f["severity"] != "minor"], key


def test_wire_files_are_not_compared(seeds_report):
    assert seeds_report["001"]["alignment"] == []
    assert not [f for f in seeds_report["001"]["findings"] if f["rule"] in ("NA101", "NA103")]
