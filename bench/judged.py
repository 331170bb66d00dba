"""Judged precision and recall of newsaudit on real MT (bench/judged/*.jsonl, see its README).

Without options: per-rule precision of the judged findings (TRUE / (TRUE + FALSE), UNSURE left
out), overall precision of major and of minor findings, and recall on the missed set (errors a
finding overlaps / errors). With ``--report``: re-matches the judged findings against newer JSON
reports by fingerprint (pair, system, doc, rule, flagged text, sentence), reports precision of
the judged findings that still fire, the TRUE ones lost and the FALSE ones gone, writes the
new, not yet judged findings for a later judge, and recomputes ``caught`` for the missed set.

    python bench/judged.py
    python bench/judged.py --report bench/work/xen/*/report.json [--new-out FILE]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from judge_draw import locate, record

JUDGED = Path(__file__).resolve().parent / "judged"
# how a report path maps back to pair/system/doc (bench/xen.py's layout)
PATH_RE = r"(?P<pair>[a-z]{2}-[a-z]{2})/articles/(?P<system>[^/]+?)__(?P<doc>[^/]+)\.txt$"
SERIOUS = {"major", "critical"}


def load(name: str) -> list[dict]:
    path = JUDGED / name
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()] if path.exists() else []


def fingerprint(r: dict) -> tuple:
    return (r["pair"], r["system"], r["doc"], r["rule"], r["text"], " ".join(r["sentence"].split()))


def precision(rows: list[dict]) -> tuple[str, int, int, int]:
    t = sum(r["verdict"] == "TRUE" for r in rows)
    f = sum(r["verdict"] == "FALSE" for r in rows)
    u = sum(r["verdict"] == "UNSURE" for r in rows)
    return (f"{t / (t + f):.2f}" if t + f else "–"), t, f, u


def precision_table(judged: list[dict]) -> list[str]:
    out = ["| rule | severity | judged | TRUE | FALSE | UNSURE | precision |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    groups = defaultdict(list)
    for r in judged:
        groups[(r["rule"], r["severity"])].append(r)
    for (rule, sev), rows in sorted(groups.items()):
        p, t, f, u = precision(rows)
        out.append(f"| {rule} | {sev} | {len(rows)} | {t} | {f} | {u} | {p} |")
    for label, rows in (("all major/critical", [r for r in judged if r["severity"] in SERIOUS]),
                        ("all minor", [r for r in judged if r["severity"] == "minor"]),
                        ("all", judged)):
        p, t, f, u = precision(rows)
        out.append(f"| **{label}** | | {len(rows)} | {t} | {f} | {u} | **{p}** |")
    return out


def recall(missed: list[dict]) -> list[str]:
    errors = [e for m in missed for e in m["errors"]]
    caught = sum(bool(e.get("caught")) for e in errors)
    out = [f"Missed set: {len(missed)} weak segments, {len(errors)} real errors, "
           f"{caught} caught by a finding: recall **{caught / len(errors):.2f}**" if errors else "no missed set"]
    kinds = defaultdict(lambda: [0, 0])
    for e in errors:
        kinds[e["kind"]][0] += 1
        kinds[e["kind"]][1] += bool(e.get("caught"))
    out += ["", "| error kind | errors | caught |", "| --- | ---: | ---: |"]
    out += [f"| {k} | {n} | {c} |" for k, (n, c) in sorted(kinds.items(), key=lambda kv: -kv[1][0])]
    return out


def read_reports(paths: list[Path], path_re: str) -> dict[tuple, dict]:
    """(pair, system, doc) -> the report's file entry (with its path)."""
    files = {}
    for p in paths:
        for f in json.loads(p.read_text(encoding="utf-8"))["files"]:
            m = re.search(path_re, f["path"].replace("\\", "/"))
            if m:
                files[(m["pair"], m["system"], m["doc"])] = f
    return files


def error_caught(m: dict, e: dict, f: dict) -> bool:
    """Does any finding of the file overlap the error's span inside the missed sentence?"""
    text = Path(f["path"]).read_text(encoding="utf-8")
    s0 = text.find(m["sentence"])
    if s0 < 0:     # the sentence was re-paragraphed: fall back to the span anywhere in the file
        s0 = 0
    a = text.find(e["text"], s0)
    if a < 0:
        return False
    b = a + len(e["text"])
    return any(x["start"] < b and a < x["end"] for x in f.get("findings", []))


def _graded(finding: dict) -> str:
    """A finding's severity, or "doubtful" when its confidence keeps it out of the score."""
    return finding["severity"] if finding.get("confidence", 1.0) >= 0.5 else "doubtful"


def rematch(judged: list[dict], missed: list[dict], files: dict, new_out: Path) -> list[str]:
    new = {}
    for (pair, system, doc), f in files.items():
        for x in f.get("findings", []):
            r = record(f, x, pair, system, doc)
            new.setdefault(fingerprint(r), r)
    covered = [r for r in judged if (r["pair"], r["system"], r["doc"]) in files]
    # judged as they fire now: today's severity, and "doubtful" below the counting confidence
    still = [dict(r, severity=_graded(new[fingerprint(r)])) for r in covered
             if fingerprint(r) in new]
    gone = [r for r in covered if fingerprint(r) not in new]
    p, t, f_, u = precision(still)
    out = ["| judged findings in these reports | still firing | precision of those | TRUE lost | FALSE gone | UNSURE gone |",
           "| ---: | ---: | ---: | ---: | ---: | ---: |",
           f"| {len(covered)} | {len(still)} | {p} ({t}/{t + f_}) | "
           f"{sum(r['verdict'] == 'TRUE' for r in gone)} | {sum(r['verdict'] == 'FALSE' for r in gone)} | "
           f"{sum(r['verdict'] == 'UNSURE' for r in gone)} |", ""]
    out += ["Per rule, judged findings still firing:", ""] + precision_table(still)
    judged_fp = {fingerprint(r) for r in judged}
    fresh = [r for fp, r in new.items() if fp not in judged_fp]
    new_out.parent.mkdir(parents=True, exist_ok=True)
    with new_out.open("w", encoding="utf-8") as fh:
        for n, r in enumerate(fresh, 1):
            r["id"] = f"n{n:04d}"
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    out += ["", f"{len(fresh)} findings not judged yet -> {new_out}", ""]
    for m in missed:
        f = files.get((m["pair"], m["system"], m["doc"]))
        if f is None:
            continue
        for e in m["errors"]:
            e["caught"] = error_caught(m, e, f)
        text = Path(f["path"]).read_text(encoding="utf-8")
        s0 = text.find(m["sentence"])
        s1 = s0 + len(m["sentence"])
        m["flagged"] = sorted({x["rule"] for x in f.get("findings", []) if s0 >= 0 and x["start"] < s1 and s0 < x["end"]})
    out += ["Missed set against these reports:", ""] + recall(missed)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", nargs="+", type=Path, help="newer newsaudit JSON reports")
    ap.add_argument("--path-re", default=PATH_RE, help="regex with groups pair, system, doc on report paths")
    ap.add_argument("--new-out", type=Path, default=JUDGED.parent / "work" / "judge" / "new_findings.jsonl")
    args = ap.parse_args()
    judged = [r for name in sorted(p.name for p in JUDGED.glob("*.jsonl")) if name != "missed.jsonl"
              for r in load(name) if r.get("verdict")]
    missed = load("missed.jsonl")
    lines = ["## Judged precision (bench/judged)", ""] + precision_table(judged) + [""] + recall(missed)
    if args.report:
        lines += ["", "## Against the newer report(s)", ""]
        lines += rematch(judged, missed, read_reports(args.report, args.path_re), args.new_out)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
