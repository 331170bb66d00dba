"""Differences that most translations of one wire share are put down to the wire."""

from __future__ import annotations

from newsaudit.audit import AuditOptions, audit
from newsaudit.segment import segment

WIRE = ("The regional council approved a budget of 530 million hryvnias for road repairs on "
        "Tuesday, officials said.\n\nWork on the northern bypass will begin in April.")


def _translation(name: str, amount: str) -> object:
    return segment(name, f"On Tuesday the regional council approved {amount} hryvnias for road "
                         "repairs, officials said.\n\nWork on the northern bypass starts in April.")


def _numbers(results):
    return {r.path: [(f.text, f.confidence) for f in r.findings if f.rule == "NA301"]
            for r in results}


def test_a_number_every_translation_gives_is_the_wire_s_slip():
    articles = [_translation(f"{i}.txt", "5.3 million") for i in range(3)]
    results = audit(articles, [segment("wire.txt", WIRE)], AuditOptions(min_confidence=0))
    assert all(found == [("5.3 million", 0.3)] for found in _numbers(results).values())
    assert all("3 of 3 translations of this wire say the same" in f.message
               for r in results for f in r.findings if f.rule == "NA301")
    shown = audit(articles, [segment("wire.txt", WIRE)], AuditOptions())
    assert all(found == [] for found in _numbers(shown).values())   # under --min-confidence


def test_a_number_one_translation_alone_gets_wrong_stays():
    articles = [_translation("a.txt", "53 million"), _translation("b.txt", "530 million"),
                _translation("c.txt", "530 million")]
    found = _numbers(audit(articles, [segment("wire.txt", WIRE)], AuditOptions()))
    assert found["a.txt"] == [("53 million", 0.9)]
    assert found["b.txt"] == found["c.txt"] == []
