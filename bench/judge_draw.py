"""Draw the findings to judge from the reports of bench/xen.py (stratified, fixed seed).

Writes unjudged records (verdict "") with the article sentence and the best wire sentence, and
the weakest segments (lowest sentence chrF against their reference line) as missed-set
candidates. Verdicts are then added by hand into bench/judged/*.jsonl.

    python bench/judge_draw.py [--seed 20231123] [--out bench/work/judge]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

from sacrebleu.metrics import CHRF

from common import WORK

XEN = WORK / "xen"
PAIRS = ["ru-en", "uk-en", "de-en"]
# (rule, severity) -> how many to judge; majors favoured, every rule that fired gets some
QUOTA = {
    ("NA101", "major"): 25,
    ("NA101", "minor"): 15,
    ("NA102", "major"): 8,
    ("NA102", "minor"): 6,
    ("NA103", "major"): 20,
    ("NA201", "major"): 4,
    ("NA202", "major"): 2,
    ("NA301", "major"): 30,
    ("NA311", "major"): 12,
    ("NA311", "minor"): 5,
    ("NA312", "major"): 20,
    ("NA402", "major"): 4,
    ("NA502", "minor"): 6,
    ("NA503", "minor"): 8,
    ("NA504", "minor"): 5,
    ("NA505", "minor"): 15,
    ("NA601", "minor"): 10,
    ("NA701", "minor"): 10,
    ("NA913", "minor"): 6,
}
SENT = re.compile(r"(?<=[.!?…])[\"”»)]?\s+(?=[\"“«(]?[A-Z0-9])")
chrf = CHRF()


def paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in text.split("\n\n"):
        out.append((pos, part.rstrip("\n")))
        pos += len(part) + 2
    return out


def sentences(par: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in SENT.finditer(par):
        out.append((pos, par[pos : m.start()].strip()))
        pos = m.end()
    out.append((pos, par[pos:].strip()))
    return out


def locate(text: str, start: int) -> tuple[int, str]:
    """Paragraph index and sentence of the article containing offset ``start``."""
    pars = paragraphs(text)
    for i, (p0, par) in enumerate(pars):
        if p0 <= start <= p0 + len(par):
            for s0, s in reversed(sentences(par)):
                if p0 + s0 <= start:
                    return i, s
    return len(pars) - 1, ""


def best_match(sentence: str, candidates: list[str]) -> str:
    return max(candidates, key=lambda c: chrf.sentence_score(sentence, [c]).score, default="")


def key_of(path: str) -> tuple[str, str, str]:
    p = Path(path)
    system, doc = p.stem.split("__", 1)
    return p.parent.parent.name, system, doc


def record(f: dict, x: dict, pair: str, system: str, doc: str) -> dict:
    text = Path(f["path"]).read_text(encoding="utf-8")
    i, sentence = locate(text, x["start"])
    wire_file = Path(f["path"]).parent.parent / "wires" / f"{doc}.txt"
    wire_pars = (
        [p for _, p in paragraphs(wire_file.read_text(encoding="utf-8"))]
        if wire_file.exists()
        else []
    )
    ev = x.get("evidence") or ""
    if ev.startswith("/") and ": " in ev:
        wire_sentence = ev.split(": ", 1)[1]
    else:  # line-aligned corpus: the reference paragraph of the same index
        ref = wire_pars[i] if i < len(wire_pars) else ""
        wire_sentence = best_match(sentence, [s for _, s in sentences(ref)])
    return {
        "id": "",
        "pair": pair,
        "system": system,
        "doc": doc,
        "rule": x["rule"],
        "severity": x["severity"],
        "confidence": x.get("confidence", 1.0),
        "text": x["text"],
        "message": x["message"],
        "evidence": x.get("evidence"),
        "sentence": sentence,
        "wire_sentence": wire_sentence,
        "verdict": "",
        "reason": "",
    }


def draw(seed: int) -> list[dict]:
    strata = defaultdict(list)
    for pair in PAIRS:
        for f in json.loads((XEN / pair / "report.json").read_text(encoding="utf-8"))["files"]:
            for x in f.get("findings", []):
                strata[(x["rule"], x["severity"])].append((f, x))
    rng = random.Random(seed)
    out = []
    for (rule, sev), items in sorted(strata.items()):
        rng.shuffle(items)
        # round-robin over (pair, system) so no one system fills a stratum
        buckets = defaultdict(list)
        for f, x in items:
            buckets[key_of(f["path"])[:2]].append((f, x))
        order, lists = [], list(buckets.values())
        while any(lists):
            for b in lists:
                if b:
                    order.append(b.pop(0))
        for f, x in order[: QUOTA.get((rule, sev), 3)]:
            out.append(record(f, x, *key_of(f["path"])))
    for n, r in enumerate(out, 1):
        r["id"] = f"b{n:03d}"
    return out


def weak_segments(per_system: int = 4) -> list[dict]:
    """Lowest-chrF article sentences against their line-aligned reference, a few per system."""
    rows = []
    for pair in PAIRS:
        report = json.loads((XEN / pair / "report.json").read_text(encoding="utf-8"))
        for f in report["files"]:
            _, system, doc = key_of(f["path"])
            text = Path(f["path"]).read_text(encoding="utf-8")
            wire = (XEN / pair / "wires" / f"{doc}.txt").read_text(encoding="utf-8")
            for (p0, par), (_, ref) in zip(paragraphs(text), paragraphs(wire)):
                refs = [s for _, s in sentences(ref)]
                for s0, s in sentences(par):
                    if len(s.split()) < 8:
                        continue
                    w = best_match(s, refs)
                    if re.search("[А-Яа-яЁё]", w) or len(w.split()) < 5:
                        continue  # a reference left in Russian, or a heading
                    score = chrf.sentence_score(s, [w]).score
                    flagged = sorted(
                        {
                            x["rule"]
                            for x in f["findings"]
                            if p0 + s0 <= x["start"] < p0 + s0 + len(s)
                        }
                    )
                    rows.append(
                        {
                            "pair": pair,
                            "system": system,
                            "doc": doc,
                            "chrf": round(score, 1),
                            "sentence": s,
                            "wire_sentence": w,
                            "start": p0 + s0,
                            "flagged": flagged,
                        }
                    )
    rows.sort(key=lambda r: r["chrf"])
    seen, out = defaultdict(int), []
    for r in rows:
        if seen[(r["pair"], r["system"])] < per_system:
            seen[(r["pair"], r["system"])] += 1
            out.append(r)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20231123)
    ap.add_argument("--out", type=Path, default=WORK / "judge")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "draft.jsonl", "w", encoding="utf-8") as fh:
        for r in draw(args.seed):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(args.out / "weak.jsonl", "w", encoding="utf-8") as fh:
        for r in weak_segments():
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {args.out / 'draft.jsonl'} and {args.out / 'weak.jsonl'}")


if __name__ == "__main__":
    main()
