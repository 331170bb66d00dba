"""Audit real WMT23 MT into English (ru/uk/de-en) against its human references as wires.

For ru-en and uk-en, whole news-domain documents are rebuilt from the WMT23 document ids
(consecutive lines with the same id and domain ``news``); other pairs are cut into blocks of
20 lines. One article per (system, document), one paragraph per segment line; the references
of the same documents, paragraphed the same way, are the wire pool of the pair. The CLI runs
once per pair and its JSON report is saved next to the corpus:

    bench/work/xen/<pair>/articles/<system>__<doc>.txt
    bench/work/xen/<pair>/wires/<doc>.txt
    bench/work/xen/<pair>/report.json

    python bench/xen.py [--pairs ru-en,uk-en,de-en] [--systems GPT4-5shot,...] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections import Counter
from pathlib import Path

from common import BENCH_DATA, WORK, require_data, run_cli, write_article

XEN = BENCH_DATA / "wmt23-xen"
DEFAULT_PAIRS = ["ru-en", "uk-en", "de-en"]
# a strong LLM, an open NMT model, a commercial engine and a weak research system
DEFAULT_SYSTEMS = ["GPT4-5shot", "NLLB_Greedy", "ONLINE-B", "ZengHuiMT"]
BLOCK = 20


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def documents(pair: str) -> dict[str, tuple[int, int]]:
    """Document id -> (first line, end line) of the pair's news documents or fixed blocks."""
    ids = XEN / "docids" / f"generaltest2023.{pair}.docids.tsv"
    n = len(read_lines(XEN / "references" / f"generaltest2023.{pair}.ref.refA.en"))
    if not ids.exists():
        return {f"block{i // BLOCK:03d}": (i, min(i + BLOCK, n)) for i in range(0, n, BLOCK)}
    docs: dict[str, tuple[int, int]] = {}
    prev = None
    for i, line in enumerate(read_lines(ids)):
        doc, domain = line.split("\t")
        if domain != "news":
            prev = None
            continue
        key = doc.replace("/", "_")
        if prev == key:
            docs[key] = (docs[key][0], i + 1)
        else:
            assert key not in docs, f"document {key} is not consecutive"
            docs[key] = (i, i + 1)
        prev = key
    return docs


def build(pair: str, systems: list[str], out: Path) -> Path:
    root = out / pair
    shutil.rmtree(root, ignore_errors=True)
    (root / "articles").mkdir(parents=True)
    (root / "wires").mkdir()
    docs = documents(pair)
    ref = read_lines(XEN / "references" / f"generaltest2023.{pair}.ref.refA.en")
    for doc, (a, b) in docs.items():
        write_article(root / "wires" / f"{doc}.txt", ref[a:b])
    for system in systems:
        hyp = XEN / "system-outputs" / f"generaltest2023.{pair}.hyp.{system}.en"
        if not hyp.exists():
            print(f"  {pair}: no output of {system}, skipped")
            continue
        lines = read_lines(hyp)
        assert len(lines) == len(ref), f"{hyp.name} is not line-aligned"
        for doc, (a, b) in docs.items():
            write_article(root / "articles" / f"{system}__{doc}.txt", lines[a:b])
    return root


def table(pair: str, report: dict) -> list[str]:
    per: dict[str, dict] = {}
    for f in report["files"]:
        system = Path(f["path"]).name.split("__")[0]
        s = per.setdefault(system, {"articles": 0, "fail": 0, "rules": Counter(), "major": 0})
        s["articles"] += 1
        s["fail"] += f["verdict"] == "fail"
        for x in f.get("findings", []):
            s["rules"][x["rule"]] += 1
            s["major"] += x["severity"] in ("major", "critical")
    rows = []
    for system, s in sorted(per.items()):
        rules = " ".join(f"{r}:{n}" for r, n in sorted(s["rules"].items()))
        rows.append(
            f"| {pair} | {system} | {s['articles']} | {s['fail']} | {s['major']} | {rules} |"
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default=",".join(DEFAULT_PAIRS))
    ap.add_argument("--systems", default=",".join(DEFAULT_SYSTEMS))
    ap.add_argument("--out", type=Path, default=WORK / "xen")
    args = ap.parse_args()
    require_data(XEN)
    systems = args.systems.split(",")
    rows = [
        "| pair | system | articles | failing | major | findings per rule |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for pair in args.pairs.split(","):
        root = build(pair, systems, args.out)
        report, wall = run_cli([str(root / "articles"), "--wire", str(root / "wires")])
        (root / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
        print(
            f"{pair}: {len(report['files'])} articles audited in {wall:.1f}s -> "
            f"{root / 'report.json'}"
        )
        rows += table(pair, report)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
