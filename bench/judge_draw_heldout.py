"""Draw held-out findings to judge (bench/judged/final.jsonl, last.jsonl; stratified, seeded).

Input: the not-yet-judged findings that ``bench/judged.py --all --report
bench/work/xen_SET/*/report.json --new-out bench/work/judge/SET_new.jsonl`` wrote for a held-out
corpus. ``final``: ``bench/xen.py --out bench/work/xen_final --pairs ru-en,uk-en,he-en,zh-en
--systems ONLINE-G,ONLINE-W,GTCOM_Peter,ONLINE-M``. ``last``: ``--out bench/work/xen_last
--pairs de-en,ja-en --systems ONLINE-G,ONLINE-W,ONLINE-M,GTCOM_Peter``, plus he-en with
Samsung_Research_Philippines,UvA-LTL and ru-en with PROMT. Strata are (rule, severity, counted
= confidence >= 0.5); every stratum gets all of its findings up to the set's caps (counted
majors, counted minors, doubtful: counted majors favoured, every rule that fired gets some).
Inside a stratum the findings are shuffled with the seed, then taken round-robin over (pair,
system) so no one system fills a stratum. ``wire_sentence`` is taken from the evidence when it
names a wire file (the report paths are relative, so ``record()`` falls back to the best-chrF
sentence of the same paragraph otherwise).

    python bench/judge_draw_heldout.py --set final|last [--dir bench/work/judge]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from common import WORK, round_robin, write_draft

# set -> (seed, cap of counted majors, of counted minors, of doubtful findings, id prefix)
PRESETS = {"final": (20250101, 20, 12, 8, "f"), "last": (20261123, 15, 10, 5, "l")}


def quota(key: tuple, size: int, caps: tuple[int, int, int]) -> int:
    _, sev, counted = key
    major, minor, doubtful = caps
    if not counted:
        return min(size, doubtful)
    return min(size, minor if sev == "minor" else major)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(PRESETS), required=True)
    ap.add_argument("--dir", type=Path, default=WORK / "judge")
    args = ap.parse_args()
    seed, *caps, prefix = PRESETS[args.set]
    strata = defaultdict(list)
    for line in (args.dir / f"{args.set}_new.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        r["set"] = args.set
        ev = r.get("evidence") or ""
        if "/wires/" in ev.split(": ", 1)[0] and ": " in ev:
            r["wire_sentence"] = ev.split(": ", 1)[1]
        strata[(r["rule"], r["severity"], r["confidence"] >= 0.5)].append(r)
    rng = random.Random(seed)
    out = []
    for key, items in sorted(strata.items()):
        order = round_robin(items, rng, lambda r: (r["pair"], r["system"]))
        n = quota(key, len(items), tuple(caps))
        print(f"{key[0]} {key[1]} {'counted' if key[2] else 'doubtful'}: {len(items)} -> {n}")
        out += order[:n]
    write_draft(args.dir / f"{args.set}_draft.jsonl", out, prefix)

if __name__ == "__main__":
    main()
