"""Draw the held-out findings to judge for bench/judged/last.jsonl (stratified, fixed seed).

Input: the not-yet-judged findings that ``bench/judged.py --all --report
bench/work/xen_last/*/report.json --new-out bench/work/judge/last_new.jsonl`` wrote for the
last held-out corpus (``bench/xen.py --out bench/work/xen_last --pairs de-en,ja-en --systems
ONLINE-G,ONLINE-W,ONLINE-M,GTCOM_Peter``, plus he-en with Samsung_Research_Philippines,UvA-LTL
and ru-en with PROMT: system/pair combinations nobody tuned on or judged).
Strata are (rule, severity, counted = confidence >= 0.5). Every stratum gets ``quota()``
findings: all of it up to a cap of 15 for counted majors, 10 for counted minors and 5 for
doubtful findings (counted majors favoured, every rule that fired gets some). Inside a stratum
the findings are shuffled with the seed, then taken round-robin over (pair, system) so no one
system fills a stratum. ``wire_sentence`` is taken from the evidence when it names a wire file
(the report paths are relative, so ``record()`` falls back to the best-chrF sentence of the same
paragraph otherwise).

    python bench/judge_draw_last.py [--seed 20261123] [--dir bench/work/judge]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from common import WORK

CAP = {("major", True): 15, ("critical", True): 15, ("minor", True): 10}
DOUBTFUL_CAP = 5


def quota(key: tuple, size: int) -> int:
    _, sev, counted = key
    return min(size, CAP.get((sev, counted), DOUBTFUL_CAP) if counted else DOUBTFUL_CAP)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--dir", type=Path, default=WORK / "judge")
    args = ap.parse_args()
    strata = defaultdict(list)
    for line in (args.dir / "last_new.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        r["set"] = "last"
        ev = r.get("evidence") or ""
        if "/wires/" in ev.split(": ", 1)[0] and ": " in ev:
            r["wire_sentence"] = ev.split(": ", 1)[1]
        strata[(r["rule"], r["severity"], r["confidence"] >= 0.5)].append(r)
    rng = random.Random(args.seed)
    out = []
    for key, items in sorted(strata.items()):
        rng.shuffle(items)
        buckets = defaultdict(list)
        for r in items:
            buckets[(r["pair"], r["system"])].append(r)
        order, lists = [], [buckets[k] for k in sorted(buckets)]
        rng.shuffle(lists)
        while any(lists):
            for b in lists:
                if b:
                    order.append(b.pop(0))
        n = quota(key, len(items))
        print(f"{key[0]} {key[1]} {'counted' if key[2] else 'doubtful'}: {len(items)} -> {n}")
        out += order[:n]
    with (args.dir / "last_draft.jsonl").open("w", encoding="utf-8") as fh:
        for n, r in enumerate(out, 1):
            r["id"] = f"l{n:03d}"
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(out)} findings -> {args.dir / 'last_draft.jsonl'}")


if __name__ == "__main__":
    main()
