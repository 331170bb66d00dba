"""Draw the fresh findings to judge for bench/judged/after.jsonl (stratified, fixed seed).

Input: the not-yet-judged findings that ``bench/judged.py --report`` wrote for the tuned set
(``bench/work/xen``, the 4 default systems) and for the held-out set (``bench/work/xen_heldout``,
4 other systems, plus ja-en), copied to ``new_tuned.jsonl`` and ``new_heldout.jsonl``.
Strata are (rule, severity, counted = confidence >= 0.5); the quota of each is in ``QUOTA``
(counted and major findings favoured, large strata capped, every rule that fired gets some).
Inside a stratum the findings are shuffled with the seed, then taken round-robin over
(set, pair, system) so neither set nor one system fills a stratum.

    python bench/judge_draw_after.py [--seed 20240607] [--dir bench/work/judge]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from common import WORK, round_robin, write_draft

# (rule, severity, counted) -> how many to judge
QUOTA = {
    # counted major
    ("NA101", "major", True): 20, ("NA102", "major", True): 8, ("NA103", "major", True): 15,
    ("NA202", "major", True): 10, ("NA301", "major", True): 20, ("NA312", "major", True): 20,
    ("NA313", "major", True): 10, ("NA402", "major", True): 6,
    # counted minor
    ("NA101", "minor", True): 15, ("NA102", "minor", True): 6, ("NA301", "minor", True): 10,
    ("NA302", "minor", True): 8, ("NA311", "minor", True): 6, ("NA501", "minor", True): 1,
    ("NA502", "minor", True): 6, ("NA503", "minor", True): 5, ("NA504", "minor", True): 1,
    ("NA505", "minor", True): 10, ("NA601", "minor", True): 10, ("NA701", "minor", True): 3,
    ("NA913", "minor", True): 6,
    # doubtful (confidence < 0.5): reported, not counted
    ("NA101", "minor", False): 8, ("NA102", "minor", False): 4, ("NA103", "major", False): 6,
    ("NA301", "minor", False): 2, ("NA311", "minor", False): 5, ("NA312", "minor", False): 5,
}
DEFAULT = 3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20240607)
    ap.add_argument("--dir", type=Path, default=WORK / "judge")
    args = ap.parse_args()
    strata = defaultdict(list)
    for set_name in ("tuned", "heldout"):
        for line in (args.dir / f"new_{set_name}.jsonl").open(encoding="utf-8"):
            r = json.loads(line)
            r["set"] = set_name
            strata[(r["rule"], r["severity"], r["confidence"] >= 0.5)].append(r)
    rng = random.Random(args.seed)
    out = []
    for key, items in sorted(strata.items()):
        order = round_robin(items, rng, lambda r: (r["set"], r["pair"], r["system"]))
        out += order[:QUOTA.get(key, DEFAULT)]
    write_draft(args.dir / "after_draft.jsonl", out, "a")

if __name__ == "__main__":
    main()
