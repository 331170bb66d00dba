"""The README's rule table and `newsaudit rules` agree with the rules' own metadata."""

from __future__ import annotations

import re
from pathlib import Path

from newsaudit.rules import ALL_RULES

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
_ROW = re.compile(r"^\| (NA\d{3}) \| ([a-z-]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", re.M)


def test_readme_rule_table_matches_the_rules():
    rows = {m.group(1): m for m in _ROW.finditer(README)}
    assert sorted(rows) == [r.code for r in ALL_RULES]
    for rule in ALL_RULES:
        row = rows[rule.code]
        assert row.group(2) == rule.name, rule.code
        assert row.group(3).strip() == rule.category or rule.code == "NA901", rule.code
        assert row.group(4).strip().startswith(rule.severity.value), rule.code
        assert ("off by default" in row.group(0)) == (not rule.default), rule.code


def test_rule_facts_live_on_the_rule():
    by_code = {r.code: r for r in ALL_RULES}
    assert {c for c, r in by_code.items() if r.any_language} == {"NA401"}
    assert {c for c, r in by_code.items() if r.needs_service} == {"NA901"}
    assert all(r.minor_weight == 0.1 for r in ALL_RULES if r.category == "Fluency/Punctuation")
    assert all(r.about_names for r in ALL_RULES if r.code.startswith("NA1"))
