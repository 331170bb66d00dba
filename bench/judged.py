"""Judged precision and recall of newsaudit on real MT (bench/judged/*.jsonl, see its README).

Without options: per-rule precision of the judged findings (TRUE / (TRUE + FALSE), UNSURE left
out), overall precision of major and of minor findings, and recall on the missed set (errors a
finding overlaps / errors). With ``--report``: re-matches the judged findings against newer JSON
reports by fingerprint (pair, system, doc, rule, flagged text, sentence), reports precision of
the judged findings that still fire, the TRUE ones lost and the FALSE ones gone, writes the
new, not yet judged findings for a later judge, and recomputes ``caught`` for the missed set.

With ``--file after.jsonl``: the precision of that one file instead, per rule split by severity
and by counted (confidence >= 0.5, in the score) against doubtful (reported, not counted), then
per pair and per set (``tuned`` / ``heldout`` / ``final``) when its records have one. With
``--population FILE`` (the findings the sample was drawn from) it also weights each stratum by
its size, which estimates the precision over all those findings rather than over the sample.
Without ``--file`` the default tables cover the judged files other than ``after*.jsonl`` (the
findings of commit 37c13f3 and the meaning detectors), as before.

    python bench/judged.py
    python bench/judged.py --file after.jsonl
    python bench/judged.py --file final.jsonl --population bench/work/judge/final_new.jsonl
    python bench/judged.py --report bench/work/xen/*/report.json [--new-out FILE]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from judge_draw import record

JUDGED = Path(__file__).resolve().parent / "judged"
# how a report path maps back to pair/system/doc (bench/xen.py's layout)
PATH_RE = r"(?P<pair>[a-z]{2}-[a-z]{2})/articles/(?P<system>[^/]+?)__(?P<doc>[^/]+)\.txt$"
SERIOUS = {"major", "critical"}


def load(name: str) -> list[dict]:
    path = JUDGED / name
    return (
        [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        if path.exists()
        else []
    )


def fingerprint(r: dict) -> tuple:
    return (r["pair"], r["system"], r["doc"], r["rule"], r["text"], " ".join(r["sentence"].split()))


def precision(rows: list[dict]) -> tuple[str, int, int, int]:
    t = sum(r["verdict"] == "TRUE" for r in rows)
    f = sum(r["verdict"] == "FALSE" for r in rows)
    u = sum(r["verdict"] == "UNSURE" for r in rows)
    return (f"{t / (t + f):.2f}" if t + f else "–"), t, f, u


def precision_table(judged: list[dict]) -> list[str]:
    out = [
        "| rule | severity | judged | TRUE | FALSE | UNSURE | precision |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    groups = defaultdict(list)
    for r in judged:
        groups[(r["rule"], r["severity"])].append(r)
    for (rule, sev), rows in sorted(groups.items()):
        p, t, f, u = precision(rows)
        out.append(f"| {rule} | {sev} | {len(rows)} | {t} | {f} | {u} | {p} |")
    for label, rows in (
        ("all major/critical", [r for r in judged if r["severity"] in SERIOUS]),
        ("all minor", [r for r in judged if r["severity"] == "minor"]),
        ("all", judged),
    ):
        p, t, f, u = precision(rows)
        out.append(f"| **{label}** | | {len(rows)} | {t} | {f} | {u} | **{p}** |")
    return out


def counted(r: dict) -> bool:
    return r.get("confidence", 1.0) >= 0.5


def _summary(label: str, rows: list[dict]) -> str:
    p, t, f, u = precision(rows)
    return f"| **{label}** | | | {len(rows)} | {t} | {f} | {u} | **{p}** |"


def graded_table(judged: list[dict], per_rule: bool = True) -> list[str]:
    """Per (rule, severity, counted/doubtful) precision, then the counted major, counted minor
    and doubtful totals."""
    out = [
        "| rule | severity | counted | judged | TRUE | FALSE | UNSURE | precision |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    if per_rule:
        groups = defaultdict(list)
        for r in judged:
            groups[(r["rule"], r["severity"], counted(r))].append(r)
        for (rule, sev, c), rows in sorted(
            groups.items(), key=lambda kv: (kv[0][0], kv[0][1], not kv[0][2])
        ):
            p, t, f, u = precision(rows)
            out.append(
                f"| {rule} | {sev} | {'counted' if c else 'doubtful'} | {len(rows)} | {t} | {f} | "
                f"{u} | {p} |"
            )
    out.append(
        _summary(
            "counted major/critical", [r for r in judged if counted(r) and r["severity"] in SERIOUS]
        )
    )
    out.append(
        _summary("counted minor", [r for r in judged if counted(r) and r["severity"] == "minor"])
    )
    out.append(_summary("all counted", [r for r in judged if counted(r)]))
    out.append(_summary("doubtful", [r for r in judged if not counted(r)]))
    out.append(_summary("all", judged))
    return out


def weighted(judged: list[dict], population: Path) -> list[str]:
    """Precision over all the findings the sample was drawn from: each stratum (rule, severity,
    counted) weighted by its size in ``population`` (the ``--new-out`` file of the draw)."""
    size = defaultdict(int)
    for line in population.open(encoding="utf-8"):
        x = json.loads(line)
        size[(x["rule"], x["severity"], counted(x))] += 1
    strata = defaultdict(list)
    for r in judged:
        strata[(r["rule"], r["severity"], counted(r))].append(r)
    out = [
        "| group | findings | judged | estimated TRUE | precision |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, keep in (
        ("counted major/critical", lambda k: k[2] and k[1] in SERIOUS),
        ("counted minor", lambda k: k[2] and k[1] == "minor"),
        ("all counted", lambda k: k[2]),
        ("doubtful", lambda k: not k[2]),
        ("all", lambda k: True),
    ):
        n = est = judged_n = 0
        for k, rows in strata.items():
            t = sum(r["verdict"] == "TRUE" for r in rows)
            f = sum(r["verdict"] == "FALSE" for r in rows)
            if keep(k) and t + f:
                n += size[k]
                judged_n += len(rows)
                est += size[k] * t / (t + f)
        unjudged = sum(v for k, v in size.items() if keep(k) and k not in strata)
        note = f" (+{unjudged} in unsampled strata)" if unjudged else ""
        out.append(
            f"| {label} | {n}{note} | {judged_n} | {est:.0f} | **{est / n:.2f}** |"
            if n
            else f"| {label} | 0 | 0 | – | – |"
        )
    return out


def file_report(name: str, population: Path | None = None) -> list[str]:
    judged = [r for r in load(name) if r.get("verdict")]
    lines = [f"## Judged precision of {name}", ""] + graded_table(judged)
    if population:
        lines += ["", f"### weighted by stratum size ({population.name})", ""] + weighted(
            judged, population
        )
    pairs = sorted({r["pair"] for r in judged})
    if len(pairs) > 1:
        lines += [
            "",
            "### per pair (sample precision)",
            "",
            "| pair | counted major | counted minor | doubtful |",
            "| --- | ---: | ---: | ---: |",
        ]
        for pair in pairs:
            cells = []
            for keep in (
                lambda r: counted(r) and r["severity"] in SERIOUS,
                lambda r: counted(r) and r["severity"] == "minor",
                lambda r: not counted(r),
            ):
                p, t, f, _ = precision([r for r in judged if r["pair"] == pair and keep(r)])
                cells.append(f"{p} ({t}/{t + f})" if t + f else "–")
            lines.append(f"| {pair} | " + " | ".join(cells) + " |")
    sets = sorted({r["set"] for r in judged if r.get("set")})
    for s in sets:
        rows = [r for r in judged if r.get("set") == s]
        lines += ["", f"### set {s}: {len(rows)} findings", ""] + graded_table(rows)
    if sets:
        lines += [
            "",
            "### counted findings per rule and set",
            "",
            "| rule | " + " | ".join(sets) + " |",
            "| --- |" + " ---: |" * len(sets),
        ]
        for rule in sorted({r["rule"] for r in judged}):
            cells = []
            for s in sets:
                p, t, f, _ = precision(
                    [r for r in judged if r["rule"] == rule and r.get("set") == s and counted(r)]
                )
                cells.append(f"{p} ({t}/{t + f})" if t + f else "–")
            lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    return lines


def recall(missed: list[dict]) -> list[str]:
    errors = [e for m in missed for e in m["errors"]]
    caught = sum(bool(e.get("caught")) for e in errors)
    out = [
        f"Missed set: {len(missed)} weak segments, {len(errors)} real errors, "
        f"{caught} caught by a finding: recall **{caught / len(errors):.2f}**"
        if errors
        else "no missed set"
    ]
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
    if s0 < 0:  # the sentence was re-paragraphed: fall back to the span anywhere in the file
        s0 = 0
    a = text.find(e["text"], s0)
    if a < 0:
        return False
    b = a + len(e["text"])
    return any(x["start"] < b and a < x["end"] for x in f.get("findings", []))


def _graded(finding: dict) -> str:
    """A finding's severity, or "doubtful" when its confidence keeps it out of the score."""
    return finding["severity"] if finding.get("confidence", 1.0) >= 0.5 else "doubtful"


def rematch(
    judged: list[dict],
    missed: list[dict],
    files: dict,
    new_out: Path,
    seen: list[dict] | None = None,
) -> list[str]:
    new = {}
    for (pair, system, doc), f in files.items():
        for x in f.get("findings", []):
            r = record(f, x, pair, system, doc)
            new.setdefault(fingerprint(r), r)
    covered = [r for r in judged if (r["pair"], r["system"], r["doc"]) in files]
    # judged as they fire now: today's severity, and "doubtful" below the counting confidence
    still = [
        dict(r, severity=_graded(new[fingerprint(r)])) for r in covered if fingerprint(r) in new
    ]
    gone = [r for r in covered if fingerprint(r) not in new]
    p, t, f_, u = precision(still)
    out = [
        "| judged findings in these reports | still firing | precision of those | TRUE lost | "
        "FALSE gone | UNSURE gone |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {len(covered)} | {len(still)} | {p} ({t}/{t + f_}) | "
        f"{sum(r['verdict'] == 'TRUE' for r in gone)} | "
        f"{sum(r['verdict'] == 'FALSE' for r in gone)} | "
        f"{sum(r['verdict'] == 'UNSURE' for r in gone)} |",
        "",
    ]
    out += ["Per rule, judged findings still firing:", ""] + precision_table(still)
    judged_fp = {fingerprint(r) for r in (judged if seen is None else seen)}
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
        m["flagged"] = sorted(
            {
                x["rule"]
                for x in f.get("findings", [])
                if s0 >= 0 and x["start"] < s1 and s0 < x["end"]
            }
        )
    out += ["Missed set against these reports:", ""] + recall(missed)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", nargs="+", type=Path, help="newer newsaudit JSON reports")
    ap.add_argument(
        "--path-re", default=PATH_RE, help="regex with groups pair, system, doc on report paths"
    )
    ap.add_argument(
        "--new-out", type=Path, default=JUDGED.parent / "work" / "judge" / "new_findings.jsonl"
    )
    ap.add_argument(
        "--file",
        help="print the precision of this one judged file (e.g. after.jsonl), "
        "split by severity, counted/doubtful and set",
    )
    ap.add_argument(
        "--population",
        type=Path,
        help="with --file: the findings the sample was drawn from (e.g. bench/work/judge/"
        "final_new.jsonl), to weight each stratum by its size",
    )
    ap.add_argument(
        "--all",
        action="store_true",
        help="re-match every judged file (after*.jsonl too), not only the first sample",
    )
    args = ap.parse_args()
    if args.file:
        print("\n".join(file_report(Path(args.file).name, args.population)))
        return
    names = sorted(p.name for p in JUDGED.glob("*.jsonl"))
    # the default tables keep to the original judged files; later samples are read with --file
    judged = [
        r
        for name in names
        if name != "missed.jsonl" and (args.all or not name.startswith("after"))
        for r in load(name)
        if r.get("verdict")
    ]
    # ... but nothing judged in any file is handed to a judge again
    seen = judged + [
        r for name in names if name.startswith("after") for r in load(name) if r.get("verdict")
    ]
    missed = load("missed.jsonl")
    lines = (
        ["## Judged precision (bench/judged)", ""] + precision_table(judged) + [""] + recall(missed)
    )
    if args.report:
        lines += ["", "## Against the newer report(s)", ""]
        lines += rematch(
            judged, missed, read_reports(args.report, args.path_re), args.new_out, seen
        )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
