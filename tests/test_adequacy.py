from __future__ import annotations

import pytest

from newsaudit.adequacy import char_fscore, penalty
from newsaudit.audit import audit
from newsaudit.segment import segment

WIRE = (
    "The regional governor said three schools reopened on Monday.\n\n"
    "Officials expect the rest to reopen within a month.\n"
)


def test_char_fscore_bounds_and_order():
    assert char_fscore("same words here", "same words here") == pytest.approx(1.0)
    assert char_fscore("xyz", "abc") == 0.0
    close = char_fscore("The governor said three schools reopened on Monday.", WIRE.split("\n")[0])
    far = char_fscore("A bakery sold bread in the morning.", WIRE.split("\n")[0])
    assert 0.6 < close < 1.0 and far < close


def test_penalty_is_monotone_and_bounded():
    assert penalty(1.0) == 0.0 and penalty(0.0) == pytest.approx(1.0)
    assert penalty(0.3) > penalty(0.6) > penalty(0.9)


def test_adequacy_counts_in_the_score():
    faithful = segment(
        "a.txt",
        "The regional governor said three schools reopened on Monday.\n\n"
        "Officials expect the rest to reopen within a month.\n",
    )
    loose = segment(
        "b.txt",
        "The governor of the region told that three schools opened again Monday.\n\n"
        "Officials expect others to reopen within a month.\n",
    )
    wire = segment("w.txt", WIRE)
    good, bad = audit([faithful, loose], [wire])
    assert good.findings == () and bad.findings == ()
    assert 0 <= good.adequacy_penalty < bad.adequacy_penalty
    assert bad.score == pytest.approx(
        round(bad.adequacy_penalty * 1000 / 100, 2)
    )  # under 100 words
    assert [a.start for a in bad.adequacy] == [p.start for p in loose.paragraphs]
