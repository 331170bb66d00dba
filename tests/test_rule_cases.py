"""Every rule's pass/fail cases from fixtures/rules/NAxxx.toml, through the real pipeline.

One TOML file per rule (sqlfluff's per-rule YAML cases): ``[[case]]`` tables with ``kind``
(pass/fail), ``note``, ``article``, an optional ``wire`` and the ``flagged`` texts.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from newsaudit.audit import AuditOptions, audit
from newsaudit.rules import ALL_RULES
from newsaudit.rules.base import DOC_SECTIONS
from newsaudit.segment import segment

CASE_DIR = Path(__file__).parent.parent / "fixtures" / "rules"
CASES = [dict(case, rule=path.stem)
         for path in sorted(CASE_DIR.glob("NA*.toml"))
         for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]]


@pytest.mark.parametrize("case", CASES,
                         ids=[f"{c['rule']}-{c['kind']}-{i}" for i, c in enumerate(CASES)])
def test_rule_case(case):
    article = segment("article.txt", case["article"])
    wires = [segment("wire.txt", case["wire"])] if "wire" in case else []
    (result,) = audit([article], wires, AuditOptions(rules=ALL_RULES))  # opt-in rules too
    flagged = [f.text for f in result.findings if f.rule == case["rule"]]
    assert flagged == case["flagged"], case["note"]
    for f in result.findings:
        assert case["article"][f.start:f.end] == f.text


def test_case_files_name_real_rules():
    assert {c["rule"] for c in CASES} <= {r.code for r in ALL_RULES}
    assert all(set(c) <= {"rule", "kind", "note", "article", "wire", "flagged"} for c in CASES)
    assert all(c["kind"] in ("pass", "fail") and (c["kind"] == "fail") == bool(c["flagged"])
               for c in CASES)


def test_every_rule_has_passing_and_failing_cases():
    kinds = {(c["rule"], c["kind"]) for c in CASES}
    for rule in ALL_RULES:
        if rule.needs_service:  # tested against a server in test_grammar.py
            continue
        assert (rule.code, "fail") in kinds, f"{rule.code} has no failing case"
        assert (rule.code, "pass") in kinds, f"{rule.code} has no passing case"


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.code for r in ALL_RULES])
def test_rule_contract(rule):
    assert rule.code.startswith("NA") and len(rule.code) == 5 and rule.code[2:].isdigit()
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert rule.summary, f"{rule.code} has no summary line"
    for section in DOC_SECTIONS:
        assert f"## {section}" in rule.doc, f"{rule.code} doc lacks '{section}'"


def test_codes_and_names_unique():
    assert len({r.code for r in ALL_RULES}) == len(ALL_RULES)
    assert len({r.name for r in ALL_RULES}) == len(ALL_RULES)


def test_opt_in_rules_run_only_when_named():
    from newsaudit.rules import select_rules

    assert "NA801" not in {r.code for r in select_rules()}
    assert "NA801" not in {r.code for r in select_rules(["NA8"])}
    assert "NA801" in {r.code for r in select_rules(["NA801"])}
    assert "NA801" in {r.code for r in select_rules(["word-substitution"])}
