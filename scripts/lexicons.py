"""Derive newsaudit's word classes from WordNet 3.0 (reproducible; run by ``make lexicons``).

Reads the WordNet database files directly (``data.*``, ``index.*``, ``verb.exc``,
``cntlist.rev``; Debian package ``wordnet-base``, no nltk, no network) and writes compact, sorted
lists into ``newsaudit/data/``. The lists are committed and shipped, so neither the installed
package nor its tests need WordNet. Only common English is kept (wordfreq Zipf, through
``newsaudit.lexicon.zipf``).

Written files:

* ``inanimate_nouns.txt``  ``noun class``: nouns of things that cannot be a living patient
  (weapon, vehicle, building, device, place, institution). A noun is left out when one of its
  senses is a living being (person, animal, plant) and that sense is its first one or carries a
  quarter or more of WordNet's tagged sense counts ("plant", "crane", "mouse").
* ``living_nouns.txt``: nouns whose first sense is a person or an animal (who CAN be a patient).
* ``living_patient_verbs.txt``: past participles of verbs that need a living patient
  (troponyms of injure, kill, arrest, imprison, ...), kept only when that is the verb's main
  sense (first sense, and at least 60% of its tagged counts).
* ``antonyms.txt``  ``lemma antonym,antonym``: WordNet's direct antonym pointers between verbs
  and between head adjectives, both ways, plus opposite verb particles (up/down, in/out, on/off).
* ``irregular_forms.txt``  ``form lemma``: irregular inflections (``verb.exc``, ``adj.exc``) of
  common verbs and adjectives, so rules can lemmatise without a tagger.

    python scripts/lexicons.py [--wordnet /usr/share/wordnet] [--out newsaudit/data]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsaudit.lexicon import zipf  # noqa: E402

SOURCE = ("# Derived from WordNet 3.0 (Princeton University, Debian package wordnet-base) by\n"
          "# scripts/lexicons.py; do not edit by hand (run `make lexicons`). WordNet licence:\n"
          "# scripts/WORDNET_LICENSE (WordNet 3.0 Copyright 2006 by Princeton University).\n")

LEXFILES = ["adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal",
            "noun.artifact", "noun.attribute", "noun.body", "noun.cognition",
            "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
            "noun.location", "noun.motive", "noun.object", "noun.person", "noun.phenomenon",
            "noun.plant", "noun.possession", "noun.process", "noun.quantity", "noun.relation",
            "noun.shape", "noun.state", "noun.substance", "noun.time", "verb.body", "verb.change",
            "verb.cognition", "verb.communication", "verb.competition", "verb.consumption",
            "verb.contact", "verb.creation", "verb.emotion", "verb.motion", "verb.perception",
            "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl"]

# Noun classes: roots given as (lemma, WordNet 3.0 sense number); all hyponyms are included.
# Earlier classes win when a noun falls in several.
NOUN_CLASSES = {
    "weapon": [("weapon", 1), ("ammunition", 1), ("projectile", 1), ("rocket", 2),
               ("explosive_device", 1), ("weaponry", 1)],
    "vehicle": [("vehicle", 1), ("craft", 2), ("conveyance", 3)],
    "building": [("building", 1), ("structure", 1), ("facility", 1)],
    "device": [("device", 1), ("machine", 1), ("equipment", 1)],
    "institution": [("institution", 1), ("company", 1), ("agency", 1), ("agency", 2)],
    "place": [("location", 1)],
}
# Hyponym trees inside those roots that are groups of people (a unit can be "killed").
PEOPLE_GROUPS = [("military_unit", 1), ("gathering", 1), ("team", 1), ("crew", 1),
                 ("force", 4), ("party", 1), ("family", 1), ("social_class", 1)]
LIVING = [("organism", 1), ("person", 1), ("animal", 1), ("plant", 2)]
# Senses whose news meaning postdates WordNet 3.0 (2006), where its sense order misleads.
NEWS_SENSES = {"drone": "weapon"}

# Verbs whose patient must be living: roots as (lemma, sense number); troponyms included.
LIVING_PATIENT_VERBS = [("injure", 1), ("kill", 1), ("hospitalize", 1), ("arrest", 1),
                        ("detain", 1), ("kidnap", 1), ("imprison", 1), ("sentence", 1),
                        ("execute", 1), ("execute", 2), ("murder", 1), ("assassinate", 1),
                        ("deport", 2), ("deport", 3), ("torture", 2), ("rape", 1),
                        ("decapitate", 1), ("immunize", 1), ("behead", 1)]
# Lexicographer files of harm done to a body or a person; verb.change ("decimate", "erase",
# "eradicate") applies to anything.
VERB_LEXFILES = ("verb.body", "verb.contact", "verb.social", "verb.communication",
                 "verb.possession", "verb.competition")
PARTICLES = [("up", "down"), ("in", "out"), ("on", "off"), ("into", "out"), ("onto", "off")]

NOUN_ZIPF = 3.0      # common nouns only (wordfreq Zipf; "howitzer" 2.9 falls out)
VERB_ZIPF = 3.0
ANTONYM_ZIPF = 3.5   # both sides of an antonym pair must be everyday words


class WordNet:
    def __init__(self, root: Path):
        self.root = root
        self.synsets: dict[tuple[str, int], dict] = {}
        self.index: dict[tuple[str, str], list[int]] = {}
        for pos, name in (("n", "noun"), ("v", "verb"), ("a", "adj")):
            self._read_data(pos, root / f"data.{name}")
            self._read_index(pos, root / f"index.{name}")
        self.counts: dict[str, int] = {}
        for line in (root / "cntlist.rev").read_text(encoding="latin-1").splitlines():
            key, _, count = line.split()
            self.counts[key] = int(count)

    def _read_data(self, pos: str, path: Path) -> None:
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue  # licence header
            fields = line.split(" | ")[0].split()
            offset, lexfile, ss_type = int(fields[0]), int(fields[1]), fields[2]
            n = int(fields[3], 16)
            words = [(fields[4 + 2 * i], int(fields[5 + 2 * i], 16)) for i in range(n)]
            k = 4 + 2 * n
            pointers = []
            for _ in range(int(fields[k])):
                sym, target, tpos, st = fields[k + 1:k + 5]
                pointers.append((sym, int(target), "a" if tpos == "s" else tpos,
                                 int(st[:2], 16), int(st[2:], 16)))
                k += 4
            frames = set()
            if pos == "v":  # sentence frames: 8 "Somebody ----s something", 9 "... somebody"
                frames = {int(fields[k + 3 + 3 * i]) for i in range(int(fields[k + 1]))}
            self.synsets[(pos, offset)] = {"lexfile": lexfile, "type": ss_type, "words": words,
                                           "pointers": pointers, "frames": frames}

    def _read_index(self, pos: str, path: Path) -> None:
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, n_synsets = fields[0], int(fields[2])
            self.index[(lemma, pos)] = [int(x) for x in fields[-n_synsets:]]

    def synset(self, lemma: str, pos: str, sense: int) -> tuple[str, int]:
        return (pos, self.index[(lemma, pos)][sense - 1])

    def senses(self, lemma: str, pos: str) -> list[tuple[str, int]]:
        return [(pos, o) for o in self.index.get((lemma, pos), [])]

    def closure(self, roots, symbols=("~", "~i")) -> set[tuple[str, int]]:
        seen, todo = set(), list(roots)
        while todo:
            key = todo.pop()
            if key in seen:
                continue
            seen.add(key)
            todo += [(tpos, off) for sym, off, tpos, _, _ in self.synsets[key]["pointers"]
                     if sym in symbols and tpos == key[0]]
        return seen

    def count(self, lemma: str, key: tuple[str, int]) -> int:
        """Tagged frequency of ``lemma`` in synset ``key`` (cntlist.rev)."""
        s = self.synsets[key]
        for word, lex_id in s["words"]:
            if word.lower() == lemma:
                ss = {"n": 1, "v": 2, "a": 3}[key[0]] if s["type"] != "s" else 5
                sk = f"{lemma}%{ss}:{s['lexfile']:02d}:{lex_id:02d}::"
                return self.counts.get(sk, 0)
        return 0

    def lemmas(self, keys) -> set[str]:
        return {w.lower() for k in keys for w, _ in self.synsets[k]["words"]
                if w.islower() and "_" not in w and "-" not in w and w.isalpha()}


def noun_classes(wn: WordNet) -> dict[str, str]:
    living = wn.closure([wn.synset(w, "n", s) for w, s in LIVING])
    # body parts count as living: "his leg was wounded"
    living |= {k for k, s in wn.synsets.items() if k[0] == "n" and LEXFILES[s["lexfile"]]
               in ("noun.person", "noun.animal", "noun.plant", "noun.body")}
    groups = wn.closure([wn.synset(w, "n", s) for w, s in PEOPLE_GROUPS])
    out: dict[str, str] = {}
    for cls, roots in NOUN_CLASSES.items():
        keys = wn.closure([wn.synset(w, "n", s) for w, s in roots]) - groups
        for lemma in sorted(wn.lemmas(keys)):
            if lemma in out or zipf(lemma) < NOUN_ZIPF:
                continue
            senses = wn.senses(lemma, "n")
            counts = [wn.count(lemma, k) for k in senses]
            live = sum(c for k, c in zip(senses, counts) if k in living)
            if senses[0] in living or senses[0] in groups or live and live * 4 >= sum(counts):
                continue  # also a person, animal or plant ("crane"), or a group of people
            out[lemma] = cls
    for lemma, cls in NEWS_SENSES.items():
        out.setdefault(lemma, cls)
    return out


def living_nouns(wn: WordNet) -> set[str]:
    living = {k for k, s in wn.synsets.items() if k[0] == "n"
              and LEXFILES[s["lexfile"]] in ("noun.person", "noun.animal")}
    return {lemma for lemma in wn.lemmas(living)
            if zipf(lemma) >= NOUN_ZIPF and wn.senses(lemma, "n")[0] in living}


def read_exc(wn: WordNet, name: str) -> dict[str, list[str]]:
    """lemma -> irregular forms."""
    forms = defaultdict(list)
    for line in (wn.root / name).read_text(encoding="latin-1").splitlines():
        parts = line.split()
        for lemma in parts[1:]:
            forms[lemma].append(parts[0])
    return forms


def participle(lemma: str, irregular: dict[str, list[str]]) -> list[str]:
    """The past participle(s) of a verb in use: irregular forms, else the regular spelling."""
    if lemma in irregular:
        forms = [f for f in irregular[lemma] if zipf(f) >= VERB_ZIPF and f[-1] in "dtn"]
        return [f for f in forms if not f.endswith("ing")]
    cands = [lemma + "ed", lemma + "d", lemma[:-1] + "ied", lemma + lemma[-1] + "ed"]
    best = max(cands, key=zipf)
    out = [best] if zipf(best) >= VERB_ZIPF else []
    if best.endswith("ized"):
        british = best[:-4] + "ised"
        if zipf(british) >= VERB_ZIPF:
            out.append(british)
    return out


def living_patient_verbs(wn: WordNet) -> set[str]:
    keys = wn.closure([wn.synset(w, "v", s) for w, s in LIVING_PATIENT_VERBS])
    irregular = read_exc(wn, "verb.exc")
    out = set()
    for lemma in wn.lemmas(keys):
        senses = wn.senses(lemma, "v")
        counts = [wn.count(lemma, k) for k in senses]
        inside = sum(c for k, c in zip(senses, counts) if k in keys)
        if senses[0] not in keys or sum(counts) and inside < 0.6 * sum(counts):
            continue  # its main sense applies to things too ("shoot", "destroy", "hit")
        main = wn.synsets[senses[0]]
        if not main["frames"] & {9, 10} or LEXFILES[main["lexfile"]] not in VERB_LEXFILES:
            continue  # no frame "... somebody", or a change of state of anything ("erase")
        out.update(participle(lemma, irregular))
    return out


def antonyms(wn: WordNet) -> dict[str, set[str]]:
    pairs = defaultdict(set)
    for (pos, _), s in wn.synsets.items():
        if pos not in ("v", "a"):
            continue
        for sym, off, tpos, src, tgt in s["pointers"]:
            if sym != "!" or not src:
                continue
            a = s["words"][src - 1][0].lower()
            b = wn.synsets[(tpos, off)]["words"][tgt - 1][0].lower()
            a, b = (w.split("(")[0] for w in (a, b))  # adjective markers: "open(p)"
            if a.isalpha() and b.isalpha() and min(zipf(a), zipf(b)) >= ANTONYM_ZIPF:
                pairs[a].add(b)
                pairs[b].add(a)
    for a, b in PARTICLES:
        pairs[a].add(b)
        pairs[b].add(a)
    return pairs


def write(path: Path, header: str, lines: list[str]) -> None:
    path.write_text(SOURCE + header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(lines)} entries, {path.stat().st_size} bytes")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--out", type=Path, default=ROOT / "newsaudit" / "data")
    args = ap.parse_args()
    if not (args.wordnet / "data.noun").exists():
        sys.exit(f"no WordNet at {args.wordnet}: apt-get install wordnet-base")
    wn = WordNet(args.wordnet)
    nouns = noun_classes(wn)
    write(args.out / "inanimate_nouns.txt",
          "# Nouns of things that cannot be a living patient, with their class. Singular forms.\n",
          [f"{w} {c}" for w, c in sorted(nouns.items())])
    write(args.out / "living_nouns.txt",
          "# Nouns whose first sense is a person or an animal: they can be a patient.\n",
          sorted(living_nouns(wn)))
    write(args.out / "living_patient_verbs.txt",
          "# Past participles of verbs whose patient must be a living being (main sense).\n",
          sorted(living_patient_verbs(wn)))
    ants = antonyms(wn)
    write(args.out / "antonyms.txt",
          "# Direct antonyms of verbs and adjectives (lemmas), and opposite verb particles.\n",
          [f"{w} {','.join(sorted(v))}" for w, v in sorted(ants.items())])
    forms = {}
    for exc in ("verb.exc", "adj.exc"):
        for lemma, fs in sorted(read_exc(wn, exc).items()):
            if lemma in ants or zipf(lemma) >= ANTONYM_ZIPF:
                for f in fs:
                    if f != lemma and zipf(f) >= ANTONYM_ZIPF:
                        forms.setdefault(f, lemma)
    write(args.out / "irregular_forms.txt",
          "# Irregular inflections of common verbs and adjectives: form, lemma.\n",
          [f"{f} {lemma}" for f, lemma in sorted(forms.items())])


if __name__ == "__main__":
    main()
