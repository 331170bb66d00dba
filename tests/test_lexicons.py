"""Lint the data files: one entry a line, lower case, no duplicates, valid patterns."""

from __future__ import annotations

import re
from importlib import resources

import pytest

DATA = resources.files("newsaudit.data")
FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", FILES)
def test_data_file_is_clean(name):
    entries = []
    for line in DATA.joinpath(name).read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        assert entry == entry.lower() or name == "boilerplate.txt", (
            f"{name}: {entry!r} not lower case"
        )
        entries.append(entry.split()[0] if name != "boilerplate.txt" else entry)
    assert entries, f"{name} is empty"
    assert len(entries) == len(set(entries)), f"{name} has duplicates"
    if name == "boilerplate.txt":
        for pattern in entries:
            re.compile(pattern)


WORDNET_FILES = [
    "inanimate_nouns.txt",
    "living_nouns.txt",
    "living_patient_verbs.txt",
    "antonyms.txt",
    "irregular_forms.txt",
]


@pytest.mark.parametrize("name", WORDNET_FILES)
def test_wordnet_lists_name_their_source_and_are_sorted(name):
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    assert "WordNet 3.0" in text and "scripts/lexicons.py" in text and "WORDNET_LICENSE" in text
    entries = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert entries == sorted(entries), f"{name} is not sorted"
    assert len(text) < 40_000, f"{name} is not compact"


def test_wordnet_classes_hold_the_news_words():
    from newsaudit.lexicon import load_list, load_table

    nouns = load_table("inanimate_nouns")
    for word, cls in [
        ("missile", "weapon"),
        ("bomb", "weapon"),
        ("drone", "weapon"),
        ("tank", "vehicle"),
        ("truck", "vehicle"),
        ("hospital", "building"),
        ("reactor", "device"),
        ("city", "place"),
        ("company", "institution"),
    ]:
        assert nouns.get(word) == cls, word
    for living in ("person", "soldier", "crane", "plant", "head", "crew", "battalion"):
        assert living not in nouns, f"{living} can be a living patient"
    assert {"soldier", "officer", "horse", "engineer"} <= load_list("living_nouns")
    verbs = load_list("living_patient_verbs")
    assert {"killed", "injured", "wounded", "arrested", "hospitalized"} <= verbs
    assert not {"erased", "destroyed", "shot", "treated", "evacuated"} & verbs
    antonyms = load_table("antonyms")
    assert "down" in antonyms["up"].split(",") and "close" in antonyms["open"].split(",")
    assert load_table("irregular_forms")["took"] == "take"


def test_licence_is_committed():
    from pathlib import Path

    licence = Path(__file__).resolve().parent.parent / "scripts" / "WORDNET_LICENSE"
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence.read_text()
