"""Reading quantities out of English text: digits, scale words, spelled numbers, clock times."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90, "hundred": 100, "dozen": 12})
# Words that make a number approximate: "nearly 500" may stand for 498.
APPROXIMATORS = ("nearly", "almost", "about", "around", "roughly", "some", "approximately",
                 "more than", "over", "at least", "up to", "less than", "under", "close to", "about")
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"           # 1,600 / 498 / 1.5
    r"(?::(\d{2}))?(?:\s*(a\.m\.|p\.m\.|am|pm)(?![a-z]))?"      # 8pm, 8 p.m., 20:00
    r"(?:st|nd|rd|th)?"                                        # 21st
    r"(?:[\s-]*(thousand|million|billion|trillion|bn|mn|tn|k|m)\b)?",  # 1 million, 2bn
    re.IGNORECASE,
)
_WORD_NUMBER = re.compile(r"\b(" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_APPROX = re.compile(r"\b(?:" + "|".join(a.replace(" ", r"\s+") for a in APPROXIMATORS) + r")\s+$",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    value: float
    start: int          # offsets relative to the text passed in
    end: int
    approximate: bool
    spelled: bool = False


@lru_cache(maxsize=20_000)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every number of ``text`` with its value; clock times in 24-hour form."""
    out = []
    if not any(ch.isdigit() for ch in text) and not _WORD_NUMBER.search(text):
        return ()
    for m in _NUMBER.finditer(text):
        raw, minutes, meridiem, scale = m.group(1), m.group(2), m.group(3), m.group(4)
        if scale and scale.lower() == "m" and not m.group(0).rstrip().endswith("m"):
            scale = None
        value = float(raw.replace(",", ""))
        if meridiem:
            value = value % 12 + (12 if meridiem.lower().startswith("p") else 0)
        if minutes:
            value += int(minutes) / 60
        elif scale:
            value *= SCALES[scale.lower()]
        approx = bool(_APPROX.search(text[max(0, m.start() - 20):m.start()]))
        out.append(Quantity(value, m.start(), m.end(), approx))
    for m in _WORD_NUMBER.finditer(text):
        approx = bool(_APPROX.search(text[max(0, m.start() - 20):m.start()]))
        out.append(Quantity(float(WORDS[m.group(1).lower()]), m.start(), m.end(), approx, spelled=True))
    return tuple(out)


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Equal values, or close ones (within 5%) when either side is approximate."""
    if a.value == b.value:
        return True
    if a.approximate or b.approximate:
        return abs(a.value - b.value) <= 0.05 * max(abs(a.value), abs(b.value))
    return False
