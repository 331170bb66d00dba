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
        assert entry == entry.lower() or name == "boilerplate.txt", f"{name}: {entry!r} not lower case"
        entries.append(entry.split()[0] if name != "boilerplate.txt" else entry)
    assert entries, f"{name} is empty"
    assert len(entries) == len(set(entries)), f"{name} has duplicates"
    if name == "boilerplate.txt":
        for pattern in entries:
            re.compile(pattern)
