"""Comparing spellings of names: transliteration skeletons and variant tests.

Names transliterated from another script drift in predictable ways: Г becomes G or H, Х becomes
Kh or H, vowels and doubled letters vary ("Oleksiy"/"Aleksei", "Yanukovych"/"Yanukovich").
The skeleton keeps the consonant frame with those classes merged, so two spellings of one name
share a skeleton while different names rarely do; a string-similarity and length check guards
the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from rapidfuzz.distance import Levenshtein

from .lexicon import load_ordered, zipf
from .text import fold

# "ch" is Х in German and Polish spellings ("Charkiw") and Ч in English ones; both join the
# velar class, like g, h and kh (Г is written G or H).
_DIGRAPHS = (
    ("kh", "k"),
    ("gh", "g"),
    ("zh", "z"),
    ("sch", "s"),
    ("sh", "s"),
    ("tch", "c"),
    ("ch", "k"),
    ("ts", "s"),
    ("tz", "s"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
)
_CLASSES = str.maketrans({"g": "k", "h": "k", "c": "k"})
_VOWELS = re.compile(r"[aeiouyj]")
# compiled once (re.sub with a pattern string looks its compiled form up on every call)
_NOT_A_TO_Z = re.compile(r"[^a-z]")
_HYPHEN = re.compile(r"[-‐]")
# Two spellings that are both established English words or names are different words or
# accepted locale variants ("Kiev"/"Kyiv"), not drift: that is the locale rule's business.
ESTABLISHED_ZIPF = 3.0


def _single(w: str) -> str:
    """``w`` with each run of one letter written once ("kharkkiv" -> "kharkiv"): what
    ``re.sub(r"(.)\1+", r"\1", w)`` gives for a word without a line break, in C calls."""
    return "".join(map(itemgetter(0), groupby(w)))


@lru_cache(maxsize=50_000)
def skeleton(name: str) -> str:
    """Consonant frame of a name: "Kharkiv", "Charkiw" and "Harkov" all give "krkv"."""
    w = _NOT_A_TO_Z.sub("", fold(name))
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = _VOWELS.sub("", w.translate(_CLASSES))
    return _single(w)




# Voiced and voiceless twins swap in transliteration ("Terkach"/"Derkach", "Bavel"/"Pavel"):
# a name's first consonant keeps its class across them.
_VOICING = str.maketrans({"d": "t", "b": "p", "z": "s", "v": "f"})


VARIANT_MIN_LETTERS = 4  # a shorter name (folded) is no variant of any other


@lru_cache(maxsize=50_000)
def variant_class(word: str) -> str | None:
    """The class two names must share to be variants (:func:`is_variant`): the class of the
    first sound, a vowel or the first consonant's class up to voicing; None for a name too
    short to be a variant of any. Names grouped by it are the only candidates of each other."""
    folded = fold(word)
    if len(folded) < VARIANT_MIN_LETTERS:
        return None
    return "vowel" if folded[0] in "aeiouy" else skeleton(word)[:1].translate(_VOICING)


@lru_cache(maxsize=200_000)
def is_variant(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` look like two spellings of one name (and are not the same)."""
    # The tests that rule a pair out are pure, so their order does not change the answer: the
    # first letters' classes, which tell most pairs of different names apart, go first.
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return False
    group = variant_class(a)
    if group is None or group != variant_class(b):
        return False
    if _derived(fa, fb) or _derived(fb, fa):  # Russia / Russian: a derived form, not a variant
        return False
    if min(len(fa), len(fb)) / max(len(fa), len(fb)) < 0.6:
        return False
    if zipf(fa) >= ESTABLISHED_ZIPF and zipf(fb) >= ESTABLISHED_ZIPF:
        return False
    ska, skb = skeleton(a), skeleton(b)
    if ska == skb and len(ska) >= 3:
        return Levenshtein.normalized_similarity(fa, fb) >= 0.4
    return len(fa) >= 6 and Levenshtein.normalized_similarity(fa, fb) >= 0.8


_DERIVATIONAL = (
    "n",
    "an",
    "ian",
    "ns",
    "ans",
    "ians",
    "s",
    "es",
    "ese",
    "ern",
    "ic",
    "ist",
    "ists",
    "ism",
    "ite",
    "ites",
    "i",
    "is",
)


def _derived(longer: str, shorter: str) -> bool:
    return longer.startswith(shorter) and longer[len(shorter) :] in _DERIVATIONAL


@lru_cache(maxsize=100_000)
def is_close_variant(a: str, b: str) -> bool:
    """A stricter :func:`is_variant` for use without a wire to confirm it.

    Inside one article there is no wire spelling to anchor a pair, and different people and
    places share consonant frames ("Hermione"/"Herrmann"); the pair must be closer in
    letters, at least five letters long, and not hyphenated compounds.
    """
    if min(len(a), len(b)) < 5 or "-" in a or "-" in b or not is_variant(a, b):
        return False
    similarity = Levenshtein.normalized_similarity(fold(a), fold(b))
    return similarity > 0.5 if skeleton(a) == skeleton(b) else similarity >= 0.85




@lru_cache(maxsize=1)
def variant_pattern() -> re.Pattern:
    """Any spelling of ``data/name_variants.txt``, as a whole word, ignoring case."""
    spellings = sorted(variant_groups(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in spellings) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def variant_groups() -> dict[str, tuple[str, ...]]:
    """Each spelling of ``data/name_variants.txt`` mapped to its whole group of spellings."""
    groups = {}
    for line in load_ordered("name_variants"):
        group = tuple(w.replace("_", " ") for w in line.lower().replace(">", " ").split())
        for spelling in group:
            groups[spelling] = group
    return groups


@lru_cache(maxsize=1)
def preferred_spellings() -> dict[str, str]:
    """Each deprecated spelling of ``data/name_variants.txt`` mapped to the preferred one."""
    preferred = {}
    for line in load_ordered("name_variants"):
        if ">" in line:
            head, _, rest = line.lower().partition(">")
            for spelling in rest.split():
                preferred[spelling.replace("_", " ")] = head.strip().replace("_", " ")
    return preferred


# --- grading a pair of spellings -----------------------------------------------------------

# Letters of other Latin alphabets written the way English romanisations write them ("Kılıç"
# and "Kylych", "Norvaiša" and "Norvaisha" are one spelling, not two).
_LATIN = str.maketrans(
    {
        "ı": "i",
        "ş": "sh",
        "ç": "ch",
        "š": "sh",
        "ž": "zh",
        "č": "ch",
        "ć": "ch",
        "ß": "ss",
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "đ": "d",
        "ğ": "g",
    }
)
# The standard choices of English romanisation: iotated vowels (ye/e, yo/e, ya/ia, yu/iu),
# y/i/j, -iy/-yy/-yi endings, x/ks, dzh/j, ck/k, doubled letters. Two spellings that agree once
# these are evened out are the same romanisation family ("Fedorov"/"Fyodorov").
_STANDARD = (
    ("dzh", "j"),
    ("dj", "j"),
    ("x", "ks"),
    ("ck", "k"),
    ("yo", "e"),
    ("ye", "e"),
    ("jo", "e"),
    ("je", "e"),
    ("ya", "ia"),
    ("ja", "ia"),
    ("yu", "iu"),
    ("ju", "iu"),
    ("iy", "i"),
    ("yi", "i"),
    ("yy", "i"),
    ("ij", "i"),
    ("yj", "i"),
    ("y", "i"),
    ("ie", "e"),
)
# Consonant units of the frame, longest first; upper-case letters stand for digraphs.
_UNITS = (
    ("shch", "Q"),
    ("tsch", "C"),
    ("dzh", "J"),
    ("sch", "S"),
    ("tch", "C"),
    ("kh", "X"),
    ("zh", "Z"),
    ("sh", "S"),
    ("ch", "C"),
    ("ts", "T"),
    ("tz", "T"),
    ("dj", "J"),
    ("ph", "f"),
    ("th", "t"),
    ("gh", "g"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
)
# Consonants that one letter of the source script is romanised as: Г is g or h, Х kh, h or
# ch, Ц ts, tz, z or c, Щ shch or sch, Ж zh or j, Дж dzh or j; s/z for German-style spellings.
# k is written for Х too ("Karkiv"/"Kharkiv"); g is not ("Garkiv"/"Kharkiv" stays apart).
_ROMAN_CLASSES = (
    {"g", "h"},
    {"X", "h", "C"},
    {"X", "k"},
    {"k", "c"},
    {"T", "z", "c", "s"},
    {"s", "z"},
    {"Q", "S", "C"},
    {"Z", "J", "j"},
    {"J", "j", "g"},
    {"c", "C"},
    # a letter with its diacritic dropped (š, ž, ț written s, z, t), Greek β as b or v
    {"S", "s"},
    {"Z", "z"},
    {"T", "t"},
    {"b", "v"},
)
# Г is g in Russian-style and h in Ukrainian-style spellings ("Grigorenko"/"Hryhorenko"): the
# one shift an English editor corrects. Kh, ch and h for Х (or Hebrew ח, German ch) are
# romanisation choices ("Urbach"/"Urbakh", "Kalfon"/"Khalfon"), no shift.
_SHIFTS = frozenset({("g", "h"), ("h", "g")})
_COMPATIBLE = frozenset((a, b) for cls in _ROMAN_CLASSES for a in cls for b in cls)

# Endings that derive an adjective or a people from a place or name ("Neustädter" from
# "Neustadt", "Cypriots" from "Cyprus", "Granovskaya" beside "Granovsky"), and the endings of
# place names they replace.
_DERIVED_ENDINGS = (
    "iots",
    "iot",
    "ians",
    "ian",
    "ans",
    "an",
    "ese",
    "ish",
    "ites",
    "ite",
    "ists",
    "ist",
    "ers",
    "er",
    "ern",
    "ns",
    "n",
    "is",
    "i",
    "ic",
    "in",
    "skaya",
    "skaia",
    "skoye",
    "skoe",
    "skoi",
    "skiy",
    "skyi",
    "skyy",
    "sky",
    "ski",
    "ska",
    "ske",
    "sk",
)
_BASE_ENDINGS = ("us", "ia", "ka", "a", "y", "e", "o", "")
_MASCULINE_SKY = ("skiy", "skyi", "skyy", "skii", "skij", "skyj", "sky", "ski")


@lru_cache(maxsize=50_000)
def _letters(name: str) -> str:
    return _NOT_A_TO_Z.sub("", fold(name.lower().translate(_LATIN)))


_UMLAUT_E = re.compile(r"(?<=[bcdfghklmnprstvwz])([aou])e")
_BRITISH_ISE = re.compile(r"is(ation|e|ed|ing)$")
_CONSONANT_J = re.compile(r"j(?![aeiouy])")


@lru_cache(maxsize=50_000)
def standard_key(name: str) -> str:
    """A spelling with the standard romanisation choices evened out (see ``_STANDARD``)."""
    w = _single(_letters(name))
    w = _UMLAUT_E.sub(r"\1", w)  # German ä/ö/ü written ae/oe/ue
    w = _BRITISH_ISE.sub(r"iz\1", w)  # British -ise, American -ize
    for a, b in _STANDARD:
        w = w.replace(a, b)
    return _single(w)


@lru_cache(maxsize=50_000)
def frame(name: str) -> tuple[str, ...]:
    """The consonant units of a name in order, doubled letters once ("Vuhledarar": v h l d r r).

    A "j" before a vowel is a consonant (the English "Alijan"); elsewhere it is a vowel
    (the German "Bilotskyj").
    """
    w = _single(_letters(name))
    w = _CONSONANT_J.sub("i", w)
    for a, b in _UNITS:
        w = w.replace(a, b)
    w = _single(w)
    return tuple(c for c in w if c not in "aeiouy")


# The cost of substituting unit y for unit x, in shifts, when the two are of one class.
_SUBSTITUTION_SHIFTS = {
    x: {y: int((x, y) in _SHIFTS) for x2, y in _COMPATIBLE if x2 == x} for x, _ in _COMPATIBLE
}


def _frame_edits(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[int, int]:
    """(edits, shifts) of the cheapest alignment of two frames.

    Units of one romanisation class ("g"/"h", "kh"/"h") cost no edit; those of Г and Х count
    as a shift, and so does an "h" written on one side only. Any other substitution,
    insertion or deletion is an edit.
    """
    # A cost (edits, shifts) is kept as the one number edits * edit + shifts: shifts never
    # reach ``edit`` (at most one a substitution), so numbers order as the pairs do.
    edit = len(a) + len(b) + 1
    previous = [j * edit for j in range(len(b) + 1)]
    for i, x in enumerate(a, 1):
        drop_x = 0 if x == "h" else edit
        shifts_for = _SUBSTITUTION_SHIFTS.get(x, {})
        row = [i * edit]
        for j, y in enumerate(b, 1):
            diag = previous[j - 1]
            if x == y:
                sub = diag
            else:
                shift = shifts_for.get(y)
                sub = diag + edit if shift is None else diag + shift
            # an "h" written or left out is romanisation, not drift ("Fariba"/"Faribah",
            # "Adelha"/"Adelkhah"): it costs a shift, not an edit
            row.append(min(sub, previous[j] + drop_x, row[j - 1] + (0 if y == "h" else edit)))
        previous = row
    return divmod(previous[-1], edit)


@lru_cache(maxsize=200_000)
def is_derived_form(a: str, b: str) -> bool:
    """One name and a form derived from it, not two spellings: a place and its adjective or
    people ("Kirchheimer"/"Kirchheim", "Cypriots"/"Cyprus"), two adjective endings of one place
    ("Granovskaya"/"Granovsky"), or hyphenated names whose differing parts are such forms."""
    fa, fb = _letters(a), _letters(b)
    pa, pb = _folded_parts(a), _folded_parts(b)
    if len(pa) == len(pb) > 1:
        diff = [(x, y) for x, y in zip(pa, pb) if x != y]
        return bool(diff) and all(is_derived_form(x, y) for x, y in diff)
    if fa == fb or fa[:4] != fb[:4]:
        return False  # the stems compared below are beginnings of both, four letters or more
    if fa.endswith(_MASCULINE_SKY) and fb.endswith(_MASCULINE_SKY):
        return False  # "Bilotsky"/"Bilotskyy": one ending romanised two ways
    da, db = _derived_stems(fa), _derived_stems(fb)
    return bool(da & (db | _base_stems(fb)) or db & _base_stems(fa))


@lru_cache(maxsize=50_000)
def _folded_parts(name: str) -> tuple[str, ...]:
    """The folded parts of a hyphenated name ("Ust-Kamenogorsk": "ust", "kamenogorsk")."""
    return tuple(_HYPHEN.split(fold(name)))


@lru_cache(maxsize=50_000)
def _derived_stems(w: str) -> frozenset[str]:
    """What is left of ``w`` without an adjective or people ending, at least four letters."""
    return frozenset(
        w[: len(w) - len(e)] for e in _DERIVED_ENDINGS if w.endswith(e) and len(w) - len(e) >= 4
    )


@lru_cache(maxsize=50_000)
def _base_stems(w: str) -> frozenset[str]:
    """``w``, and ``w`` without the ending a place name drops before a derived ending."""
    return frozenset(
        w[: len(w) - len(e)] for e in _BASE_ENDINGS if w.endswith(e) and len(w) - len(e) >= 4
    )


# how far a spelling drifted from another
ROMANISATION = "romanisation"  # the same once standard romanisation choices are evened out
VARIANT = "variant"  # same consonant frame up to romanisation classes (g/h, kh/h)
GARBLED = "garbled"  # the consonant frame changed: an editor would not recognise it


def name_parts(a: str, b: str) -> list[tuple[str, str]]:
    """The differing parts of two hyphenated names with as many parts, else the two names."""
    pa, pb = _HYPHEN.split(a), _HYPHEN.split(b)
    if len(pa) == len(pb) > 1:
        return [(x, y) for x, y in zip(pa, pb) if fold(x) != fold(y)] or [(a, b)]
    return [(a, b)]


@lru_cache(maxsize=100_000)
def drift(a: str, b: str) -> tuple[str, int, int]:
    """How far spelling ``a`` drifted from ``b``: (kind, frame edits, g/h/kh shifts).

    The kind is the worst over the differing parts of hyphenated names; see the constants.
    """
    order = (ROMANISATION, VARIANT, GARBLED)
    worst = (ROMANISATION, 0, 0)
    for x, y in name_parts(a, b):
        if standard_key(x) == standard_key(y):
            continue
        edits, shifts = _frame_edits(frame(x), frame(y))
        kind = VARIANT if edits == 0 else GARBLED
        worst = max(worst, (kind, edits, shifts), key=lambda k: (order.index(k[0]), k[1], k[2]))
    return worst


# Frame units of no romanisation class: an alignment without edits keeps each of them as it is
# (it may only pair units of one class, or drop an "h"), so two frames without edits have the
# same sequence of these units.
_CLASS_UNITS = frozenset(u for cls in _ROMAN_CLASSES for u in cls)


@lru_cache(maxsize=50_000)
def _fixed_units(name: str) -> tuple[str, ...]:
    return tuple(u for u in frame(name) if u not in _CLASS_UNITS)


def is_garbled(a: str, b: str) -> bool:
    """``drift(a, b)[0] == GARBLED``, answered without aligning the frames when their fixed
    units already differ (most pairs of two different names)."""
    if "-" in a or "-" in b or "‐" in a or "‐" in b:
        return drift(a, b)[0] == GARBLED  # hyphenated names are compared part by part
    if standard_key(a) == standard_key(b):
        return False  # the same romanisation family
    if _fixed_units(a) != _fixed_units(b):
        return True  # the frames differ by an edit at least
    return drift(a, b)[0] == GARBLED


def has_script_letters(name: str) -> bool:
    """True when a name keeps letters of its own Latin alphabet ("Kılıç", "Šiauliai")."""
    return any(ord(c) > 127 and c.isalpha() for c in name)
