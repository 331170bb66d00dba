"""Reading quantities out of English text: digits, scale words, spelled numbers, times, dates.

A number is read with every value it can stand for, because wires and translations write the
same quantity in many ways: "240.8 mln", "240.8 million" and "240,800,000"; "8:30 pm",
"8.30 p.m." and "20:30"; "the 1990s" and "the '90s"; "4 to 6 million" (the 4 is millions
too); "3.5 years" and "three and a half years"; "13.7 m" (metres or millions); "2 lakh"
(200,000). Two quantities agree when any of their readings agree. Each quantity also has a
kind (count, time, year, date, percent) so that only quantities of the same kind are said to
have taken each other's place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from .text import ASCII_TWINS, LOWER_WORD_BYTES, word_lookup_is_exact

SCALES = {
    "thousand": 1e3,
    "thousands": 1e3,
    "thsd": 1e3,
    "thous": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mio": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "trln": 1e12,
    "tn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
# One-letter scales are also units ("13.7 m" is metres as often as millions): the bare value
# stays a reading too.
AMBIGUOUS_SCALES = frozenset({"m", "k", "b"})
WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
    }
)
ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
}
ORDINALS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100})
# Words that make a number approximate: "nearly 500" may stand for 498.
APPROXIMATORS = (
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "some",
    "approximately",
    "more than",
    "over",
    "at least",
    "up to",
    "less than",
    "under",
    "close to",
    "fewer than",
    "above",
    "below",
    "upwards of",
    "estimated",
)
APPROXIMATE_TOLERANCE = 0.05

_SCALE_WORDS = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
_SCALE_INITIALS = "".join(sorted({s[0] for s in SCALES}))  # letters, matched ignoring case
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<apos>['’])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])"
    r"|\d+(?:\.\d+)?)"
    r"(?::(?P<min>\d{2}))?"  # 20:00
    r"(?P<suffix>s\b|st\b|nd\b|rd\b|th\b)?"  # 1990s, 21st
    r"(?:\s*(?P<mer>a\.m\.|p\.m\.|am\b|pm\b))?"  # 8pm, 8 p.m.
    r"(?:\s*(?P<time>gmt|utc|cet|msk|eet|hrs|local time|o'clock)\b)?"
    r"(?P<half>\s+and\s+a\s+half\b)?"
    # (the look-ahead, implied by the alternation, rules most words out at their first letter)
    r"(?:[\s-]*(?=[" + _SCALE_INITIALS + r"])(?P<scale>" + _SCALE_WORDS + r")\b\.?)?"
    r"(?P<pct>\s*(?:%|per\s?cent\b|percent\b))?",
    re.IGNORECASE,
)
_DATE = re.compile(r"(?<![\d.])(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?![\d.]|-\d)")
_DATE_HINT = re.compile(r"\d[./-]\d\d?[./-]\d")  # in every date; fast to look for
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(sorted(list(WORDS) + list(ORDINALS), key=len, reverse=True)) + r")\b"
    r"(?P<half>\s+and\s+a\s+half\b)?",
    re.IGNORECASE,
)
_NUMBER_WORDS = frozenset(WORDS) | frozenset(ORDINALS)  # all lower-case ASCII letters
_NUMBER_WORD_BYTES = frozenset(w.encode() for w in _NUMBER_WORDS)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)  # _WORD_NUMBER's "half"
_DIGIT = re.compile(r"\d")
# Every match of _NUMBER starts with one of these (its apostrophe or its first digit): a
# charset the regex engine scans for fast, where _NUMBER itself is tried at every position.
_NUMBER_START = re.compile(r"[\d'’]")
_GROUP_SEPARATORS = re.compile(r"[,\s\u00a0\u202f]")  # "240,800,000", "240 800 000"
_APPROX = re.compile(
    r"\b(?:" + "|".join(a.replace(" ", r"\s+") for a in APPROXIMATORS) + r")\s+$", re.IGNORECASE
)
_APPROXIMATOR_LAST_WORDS = tuple(sorted({a.split()[-1] for a in APPROXIMATORS}))
# "4 to 6 million", "between 1.27 and 2.5 billion", "4-6 mln": the first takes the scale.
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*$", re.IGNORECASE)


class Quantity(NamedTuple):  # a tuple: built faster than a frozen dataclass
    value: float  # the main reading
    start: int  # offsets relative to the text passed in
    end: int
    approximate: bool
    spelled: bool = False
    kind: str = "count"  # count, time, year, date, percent
    readings: frozenset = frozenset()  # every value it can stand for (value included)
    step: float = 0.0  # the value of the last digit written ("7.23 million": 10,000)
    digits: int = 0  # significant digits written
    unit: str = ""  # the measure unit after it, if one ("km", "pounds")

    def agrees(self, other: "Quantity") -> bool:
        """Any reading of one equals a reading of the other: within 5% if either is
        approximate, or the more precise one rounded to the other's last digit when that one
        has two significant digits or more ("7,231 thousand" written "7.23 million")."""
        if self.readings & other.readings:
            return True
        if self.approximate or other.approximate:
            return any(
                _close(a, b)
                for a in self.readings
                for b in other.readings
                if isinstance(a, float) and isinstance(b, float)
            )
        coarse, fine = (self, other) if self.step >= other.step else (other, self)
        if coarse.kind == fine.kind == "count" and coarse.digits >= 2 and coarse.step:
            return abs(fine.value - coarse.value) <= coarse.step / 2
        return False

    def converted(self, other: "Quantity") -> bool:
        """The two measure the same dimension in different units ("15 miles", "24 km")."""
        return bool(
            self.unit
            and other.unit
            and self.unit != other.unit
            and UNIT_DIMENSIONS.get(self.unit)
            and UNIT_DIMENSIONS.get(self.unit) == UNIT_DIMENSIONS.get(other.unit)
        )


UNIT_DIMENSIONS = {
    u: dim
    for dim, units in {
        "length": "km kilometre kilometres kilometer kilometers mile miles mi m metre metres meter "
        "meters ft foot feet yard yards inch inches cm mm centimetres centimeters",
        "mass": "kg kilogram kilograms kilo kilos pound pounds lb lbs tonne tonnes ton tons gram "
        "grams g ounce ounces oz",
        "area": "hectare hectares ha acre acres ares sq square",
        "temperature": "degrees degree °c °f celsius fahrenheit",
        "volume": "litre litres liter liters l gallon gallons barrel barrels",
        "speed": "km/h kph mph knots",
    }.items()
    for u in units.split()
}
_UNIT_AFTER = re.compile(r"\s*(km/h|°[cf]|[a-z]+)", re.IGNORECASE)


_START = itemgetter(1)  # a Quantity's start


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= APPROXIMATE_TOLERANCE * max(abs(a), abs(b))


@lru_cache(maxsize=20_000)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every number of ``text`` with its readings, in order of position."""
    first_digit = _DIGIT.search(text)
    spelled = _spelled_numbers(text)
    if not spelled and first_digit is None:
        return ()
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    if first_digit is not None:
        # Dates and numbers start at a digit (or the apostrophe of "'90s" just before one):
        # the scan starts there; the look-behinds still see the text before it.
        scan_from = max(0, first_digit.start() - 1)
        for m in _DATE.finditer(text, scan_from) if _DATE_HINT.search(text, scan_from) else ():
            out.append(_date(m))
            taken.append(m.span())
        # _NUMBER.finditer(text, scan_from), tried only where a match can start
        find_start, match_number = _NUMBER_START.search, _NUMBER.match
        while (start := find_start(text, scan_from)) is not None:
            m = match_number(text, start.start())
            if m is None:
                scan_from = start.end()
                continue
            scan_from = m.end()
            if taken and any(a <= m.start() < b for a, b in taken):
                continue
            out.append(_number(m, text))
    for start, end, word, half in spelled:
        if taken and any(a <= start < b for a, b in taken):
            continue
        value = float(WORDS.get(word, ORDINALS.get(word, 0))) + (0.5 if half else 0)
        out.append(
            Quantity(
                value,
                start,
                end,
                _approximate(text, start),
                spelled=True,
                readings=frozenset({value}),
            )
        )
    if taken or spelled:  # (numbers alone are found in order)
        out.sort(key=_START)
    return tuple(_year_ranges(_share_range_scales(out, text), text))


@lru_cache(maxsize=20_000)
def written_numbers(text: str) -> tuple[Quantity, ...]:
    """The quantities of ``text`` written with digits (not spelled out). Cached: a wire
    sentence is asked for every article aligned to it."""
    if _DIGIT.search(text) is None:
        return ()  # each of them has a digit: no need to read the text
    return tuple(q for q in quantities(text) if not q.spelled)


def _spelled_numbers(text: str) -> list[tuple[int, int, str, bool]]:
    """The matches of ``_WORD_NUMBER`` as (start, end, number word in lower case, "and a half"
    follows).

    A match is exactly a maximal run of word characters whose lower case is a number word: the
    runs are looked up in a set instead of trying the regex's alternatives at every position.
    Only four characters outside ASCII match an ASCII letter when case is ignored (and "İ"
    lowers to two characters, which would shift the offsets): a text with one of them takes
    the regex.
    """
    if not word_lookup_is_exact(text):
        return [(m.start(), m.end(), m.group(1).lower(), bool(m.group("half")))
                for m in _WORD_NUMBER.finditer(text)]
    # A number word is ASCII: it is one of the ASCII runs, and a run of the text when no
    # word character outside ASCII touches it (those are cut out of the ASCII runs).
    # The text encoded to ASCII with "?" for each other character (offsets kept): its runs
    # are the ASCII word runs of the text, cut wherever a character outside ASCII was.
    runs = text.encode("ascii", "replace").translate(LOWER_WORD_BYTES)
    words = _NUMBER_WORD_BYTES.intersection(runs.split())
    if not words:
        return []  # the common case: no number word at all
    spaced = b" " + runs + b" "  # a run at offset i of the text is b" run " at offset i here
    whole_runs = text.isascii()
    found = []
    for word in words:
        needle = b" " + word + b" "
        at = spaced.find(needle)
        while at >= 0:
            end = at + len(word)
            if whole_runs or not (_is_word_char(text, at - 1) or _is_word_char(text, end)):
                half = _AND_A_HALF.match(text, end)
                found.append((at, half.end() if half else end, word.decode(), bool(half)))
            at = spaced.find(needle, end + 1)  # from the space after the word
    found.sort()
    return found


def _is_word_char(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a character of ``\\w`` (an offset outside the text is not)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _year_ranges(found: list[Quantity], text: str) -> list[Quantity]:
    """In "1914-88" the 88 is 1988: give a two-digit year after a year that reading too."""
    if len(found) < 2:
        return found
    out = list(found)
    for i in range(1, len(out)):
        first, second = out[i - 1], out[i]
        if (
            first.kind == "year"
            and second.kind == "count"
            and 0 <= second.value < 100
            and second.value == int(second.value)
            and text[first.end : second.start] in "-–—"
        ):
            century = first.value - first.value % 100
            out[i] = Quantity(
                second.value,
                second.start,
                second.end,
                second.approximate,
                second.spelled,
                "year",
                second.readings | {century + second.value},
                second.step,
                second.digits,
                second.unit,
            )
    return out


def _number(m: re.Match, text: str) -> Quantity:
    value, kind, readings, step, digits = _reading(*m.groups())
    unit = _UNIT_AFTER.match(text, m.end())
    unit_word = unit.group(1).lower() if unit else ""
    if unit_word not in UNIT_DIMENSIONS:
        unit_word = ""
    return Quantity(
        value,
        m.start(),
        m.end(),
        _approximate(text, m.start()),
        False,
        kind,
        readings,
        step,
        digits,
        unit_word,
    )


# The groups of _NUMBER, in the order of m.groups(): a reading depends on them alone.
_NUMBER_GROUPS = ("apos", "num", "min", "suffix", "mer", "time", "half", "scale", "pct")
assert tuple(_NUMBER.groupindex) == _NUMBER_GROUPS


@lru_cache(maxsize=4096)
def _reading(
    apos, num, minute, suffix, mer, zone, half, scale, pct
) -> tuple[float, str, frozenset, float, int]:
    """(value, kind, readings, step, significant digits) of a number written with these
    groups of ``_NUMBER``. Cached: texts repeat the same few numbers (5,196 numbers of the
    speed corpus are 464 distinct ways of writing one), a wire's in every translation of it."""
    raw = _GROUP_SEPARATORS.sub("", num)
    value = float(raw)
    scale = _scale_key(scale or "").rstrip(".")
    kind = "count"
    readings = {value}
    if minute or mer or zone:
        kind = "time"
        hours = value
        if minute:
            hours += int(minute) / 60
        elif "." in raw and len(raw.split(".")[1]) == 2 and int(raw.split(".")[1]) < 60:
            whole, minutes = raw.split(".")
            hours = int(whole) + int(minutes) / 60  # "8.30 p.m.", "3.45 GMT"
        if mer:
            hours = hours % 12 + (12 if mer.lower().startswith("p") else 0)
        readings = _clock(hours)
        value = hours
    elif pct:
        kind = "percent"
    elif scale:
        scaled = value * SCALES[scale]
        readings = {scaled} | ({value} if scale in AMBIGUOUS_SCALES else set())
        value = scaled
    else:
        readings |= _time_readings(raw)
    if suffix and suffix.lower() == "s" and value == int(value):
        kind = "year"  # a decade: "1990s" is also "the '90s"
        readings |= {value % 100, 1900 + value % 100, 2000 + value % 100}
    elif (
        kind == "count"
        and not scale
        and raw == num
        and value == int(value)
        and 1800 <= value <= 2100
    ):
        kind = "year"
    if apos and value < 100:
        readings |= {1900 + value, 2000 + value}
    if half:
        readings = {r + 0.5 for r in readings}
        value += 0.5
    mantissa = raw.lstrip("0") or "0"
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    digits = len(mantissa.replace(".", "").lstrip("0")) if kind == "count" else 0
    step = (10.0**-decimals) * (SCALES[scale] if scale and kind == "count" else 1)
    return value, kind, frozenset(readings), step, digits


def _time_readings(raw: str) -> set[float]:
    """ "13.25" and "01.40" may be clock times (24-hour with a dot, as in British copy)."""
    if "." not in raw:
        return set()
    whole, minutes = raw.split(".")
    if len(minutes) == 2 and int(minutes) < 60 and int(whole) < 24:
        return _clock(int(whole) + int(minutes) / 60)
    return set()


def _clock(hours: float) -> set[float]:
    """A time of day and its 12-hour twin ("8:30" may be morning or evening)."""
    hours = round(hours, 4)
    return {hours, round(hours % 12, 4), round(hours % 12 + 12, 4)}


def _date(m: re.Match) -> Quantity:
    """A numeric date: its day and month in either order, and its year."""
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    year = year + 2000 if year < 100 else year
    key = ("date", frozenset({a, b}), year)
    return Quantity(float(year), m.start(), m.end(), False, kind="date", readings=frozenset({key}))


def _approximate(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start]
    # A match of _APPROX is an approximator and whitespace up to the number: ASCII text
    # that does not end so is ruled out without trying the regex at every position.
    if before.isascii() and not before.rstrip().lower().endswith(_APPROXIMATOR_LAST_WORDS):
        return False
    return bool(_APPROX.search(before))


def _share_range_scales(found: list[Quantity], text: str) -> list[Quantity]:
    """In "4 to 6 million" the 4 is millions too: give it that reading as well."""
    if len(found) < 2:
        return found
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if first.kind != "count" or second.kind != "count" or first.spelled:
            continue
        if first.value == int(first.value) and first.value >= 1000:
            continue
        if not _RANGE_JOIN.match(text[first.end : second.start]):
            continue
        scale = _scale_of(text[second.start : second.end])
        if scale:
            extra = {r * scale for r in first.readings if isinstance(r, float)}
            out[i] = Quantity(
                first.value,
                first.start,
                first.end,
                first.approximate,
                first.spelled,
                first.kind,
                first.readings | frozenset(extra),
            )
    return out


_SCALE_AT_END = re.compile(r"(" + _SCALE_WORDS + r")\b\.?$", re.IGNORECASE)


def _scale_of(span: str) -> float | None:
    m = _SCALE_AT_END.search(span)
    return SCALES[_scale_key(m.group(1))] if m else None


# The case-insensitive scale-word patterns also match the letters outside ASCII that match an
# ASCII one ignoring case (text.ASCII_TWINS: "7 BİLLION" in Turkish-style capitals); lower()
# alone leaves them, and the lookup then failed.
_ASCII_CASE_VARIANTS = str.maketrans(ASCII_TWINS)


def _scale_key(word: str) -> str:
    """``word`` (a match of a scale-word pattern) as a key of ``SCALES``."""
    return word.translate(_ASCII_CASE_VARIANTS).lower()




def same_kind(a: Quantity, b: Quantity) -> bool:
    """Quantities that can take each other's place: a count for a count, a time for a time."""
    return a.kind == b.kind
