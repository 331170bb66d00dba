"""Quality benchmark: newsaudit against professional MQM ratings of WMT23 zh-en news MT.

Writes each (system, document) of ``dev.jsonl`` as an article (one segment a paragraph), each
document's references as its wire, adds distractor wires cut from the other language pairs'
references, runs the real CLI once over everything, and compares newsaudit's per-segment
penalty with the raters' MQM scores. Baselines: sentence BLEU and chrF (sacrebleu), same data.

    python bench/quality.py [--distractors 200] [--languagetool]

With ``--languagetool`` the same corpus is also audited with the installed LanguageTool: the
numbers with and without it, NA901 precision against the raters' Fluency spans (all
severities) per LanguageTool category, NA901 per 1,000 words, and the cost per article.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import shutil
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from common import (
    BENCH_DATA,
    WORK,
    git_commit,
    languagetool_server,
    lt_category,
    publish,
    require_data,
    run_cli,
    write_article,
)

SERIOUS = {"major", "critical"}


def finding_weight(f: dict) -> float:
    """The points a finding adds to the file score (0 for one its rule is not sure of)."""
    return f["points"]


def build_corpus(rows: list[dict], distractors: int) -> dict:
    """Write articles, wires and distractors under bench/work/quality; return the layout."""
    root = WORK / "quality"
    shutil.rmtree(root, ignore_errors=True)
    (root / "articles").mkdir(parents=True)
    (root / "pool").mkdir(parents=True)
    articles = {}
    for i, row in enumerate(rows):
        doc_id = row["doc"].split(":")[0].replace("/", "_")
        path = root / "articles" / f"{i:03d}_{row['system']}_{doc_id}.txt"
        spans = write_article(path, [s["target"] for s in row["segments"]])
        articles[str(path)] = {"row": row, "spans": spans, "wire": f"wire_{doc_id}.txt"}
        wire_path = root / "pool" / f"wire_{doc_id}.txt"
        if not wire_path.exists():
            write_article(wire_path, [s["reference"] for s in row["segments"]])
    refs = sorted((BENCH_DATA / "wmt23-xen" / "references").glob("*.ref.*"))
    lines = [
        (r.name.split(".")[1], line.strip())
        for r in refs
        if ".zh-en." not in r.name
        for line in r.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for k in range(min(distractors, len(lines) // 20)):
        chunk = lines[k * 20 : (k + 1) * 20]
        write_article(
            root / "pool" / f"distractor_{chunk[0][0]}_{k:04d}.txt", [t for _, t in chunk]
        )
    return {"root": root, "articles": articles}


def segment_penalties(record: dict, spans: list[tuple[int, int]]):
    """Per-segment penalty, and the flags as (segment, start, end, rule) in segment offsets."""
    penalty = [0.0] * len(spans)
    flags = []
    for a in record.get("adequacy", []):  # the adequacy estimate counts as in the file score
        for s, (a0, b0) in enumerate(spans):
            if a0 <= a["start"] < b0 + 1:
                penalty[s] += a["penalty"]
                break
    for f in record["findings"]:
        for s, (a, b) in enumerate(spans):
            if a <= f["start"] < b + 1:
                penalty[s] += finding_weight(f)
                # a finding its rule is not sure of is no major flag (it does not count either)
                severity = f["severity"] if f.get("confidence", 1.0) >= 0.5 else "unsure"
                flags.append((s, f["start"] - a, min(f["end"], b) - a, f["rule"], severity))
                break
    return penalty, flags


# ---------------------------------------------------------------- statistics


def pearson(x, y) -> float:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else float("nan")


def kendall_tau_b(x, y) -> float:
    concordant = discordant = tie_x = tie_y = 0
    n = len(x)
    for i in range(n):
        xi, yi = x[i], y[i]
        for j in range(i + 1, n):
            dx, dy = xi - x[j], yi - y[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                tie_x += 1
            elif dy == 0:
                tie_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    denom = math.sqrt((concordant + discordant + tie_x) * (concordant + discordant + tie_y))
    return (concordant - discordant) / denom if denom else float("nan")


def acc_t(groups: dict, metric: dict, human: dict) -> tuple[float, float]:
    """WMT23 pairwise accuracy with tie calibration; returns (accuracy, best epsilon).

    Both scores are penalties (lower is better). Within each group of translations of one
    source segment, a pair counts as right when the metric orders it as the raters did, or when
    both call it a tie; the metric's ties are differences within epsilon, chosen to maximise
    accuracy (a sweep over the sorted metric differences).
    """
    pairs = []
    for keys in groups.values():
        for a, b in combinations(keys, 2):
            dm, dh = metric[a] - metric[b], human[a] - human[b]
            pairs.append((abs(dm), dh == 0, dm != 0 and dh != 0 and (dm > 0) == (dh > 0)))
    if not pairs:
        return float("nan"), 0.0
    pairs.sort()
    # eps = 0: only exact metric ties are ties; then widen eps difference by difference
    agree_untied = sum(1 for d, ht, ag in pairs if d > 0 and ag)
    tied_human = sum(1 for d, ht, ag in pairs if d == 0 and ht)
    best = ((tied_human + agree_untied) / len(pairs), 0.0)
    human_ties_tied = tied_human
    i = 0
    while i < len(pairs):
        d = pairs[i][0]
        j = i
        while j < len(pairs) and pairs[j][0] == d:
            if d > 0:
                human_ties_tied += pairs[j][1]
                agree_untied -= pairs[j][2]
            j += 1
        acc = (human_ties_tied + agree_untied) / len(pairs)
        if acc > best[0]:
            best = (acc, d)
        i = j
    return best


def system_accuracy(seg_keys, metric, human, system_of) -> float:
    by_sys_m, by_sys_h = defaultdict(list), defaultdict(list)
    for k in seg_keys:
        by_sys_m[system_of[k]].append(metric[k])
        by_sys_h[system_of[k]].append(human[k])
    systems = sorted(by_sys_m)
    mean = lambda v: sum(v) / len(v)  # noqa: E731
    right = total = 0
    for a, b in combinations(systems, 2):
        dm = mean(by_sys_m[a]) - mean(by_sys_m[b])
        dh = mean(by_sys_h[a]) - mean(by_sys_h[b])
        total += 1
        right += (dm > 0) == (dh > 0) and dm != 0
    return right / total if total else float("nan")


def describe(name, seg_keys, groups, metric, human, system_of) -> dict:
    m = [metric[k] for k in seg_keys]
    h = [human[k] for k in seg_keys]
    acc, eps = acc_t(groups, metric, human)
    return {
        "name": name,
        "acc_t": acc,
        "eps": eps,
        "kendall": kendall_tau_b(m, h),
        "pearson": pearson(m, h),
        "system": system_accuracy(seg_keys, metric, human, system_of),
    }


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--distractors", type=int, default=200, help="distractor wires (20 lines each)"
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print only; do not update RESULTS.md"
    )
    parser.add_argument(
        "--select", default=None, help="pass --select to newsaudit (e.g. to measure an opt-in rule)"
    )
    parser.add_argument(
        "--languagetool", action="store_true", help="compare runs with and without LanguageTool"
    )
    args = parser.parse_args()
    data = BENCH_DATA / "wmt23-zhen-mqm" / "dev.jsonl"
    require_data(data)
    rows = [
        json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    corpus = build_corpus(rows, args.distractors)
    extra = ["--select", args.select] if args.select else []
    cli_args = [str(corpus["root"] / "articles"), "--wire", str(corpus["root"] / "pool"), *extra]
    report, wall = run_cli(cli_args)
    if args.languagetool:
        with languagetool_server() as server:
            lt_report, lt_wall = run_cli(cli_args, server.url)
        plain = evaluate(corpus, report, args)
        with_lt = evaluate(corpus, lt_report, args)
        lines = languagetool_lines(
            corpus, rows, plain, with_lt, lt_report, wall, lt_wall, server.started_in
        )
        publish("LanguageTool on MT (WMT23 zh-en MQM, dev split)", lines, write=not args.no_write)
        return
    lines = evaluate(corpus, report, args)["lines"](wall)
    publish("Quality (WMT23 zh-en MQM, dev split)", lines, write=not args.no_write)


def evaluate(corpus: dict, report: dict, args) -> dict:
    """The statistics of one report against the raters."""
    records = {r["path"]: r for r in report["files"]}
    rows = [info["row"] for info in corpus["articles"].values()]

    retrieved = 0
    metric, human, system_of, groups = {}, {}, {}, defaultdict(list)
    serious_spans, any_spans, flags_all = [], [], []
    bleu, chrf = {}, {}
    na901, words = [], 0
    from sacrebleu.metrics import BLEU, CHRF

    bleu_metric, chrf_metric = BLEU(effective_order=True), CHRF()
    for path, info in corpus["articles"].items():
        row, record = info["row"], records[path]
        retrieved += bool(record["wire"]) and Path(record["wire"]).name == info["wire"]
        penalties, flags = segment_penalties(record, info["spans"])
        for s, seg in enumerate(row["segments"]):
            key = (row["system"], row["doc"], seg["seg"])
            metric[key], human[key], system_of[key] = penalties[s], seg["mqm"], row["system"]
            groups[(row["doc"], seg["seg"])].append(key)
            bleu[key] = 100 - bleu_metric.sentence_score(seg["target"], [seg["reference"]]).score
            chrf[key] = 100 - chrf_metric.sentence_score(seg["target"], [seg["reference"]]).score
            for e in seg["errors"]:
                if e.get("start") is None or e["end"] <= e["start"]:
                    continue
                any_spans.append((key, e["start"], e["end"]))
                if e["severity"].lower() in SERIOUS:
                    serious_spans.append((key, e["start"], e["end"]))
        for s, a, b, rule, severity in flags:
            seg = row["segments"][s]
            flags_all.append(
                ((row["system"], row["doc"], seg["seg"]), a, max(b, a + 1), rule, severity)
            )
        for s, a, b, lt_cat in lt_flags(record, info["spans"]):
            seg = row["segments"][s]
            key = (row["system"], row["doc"], seg["seg"])
            fluency = [
                (e["start"], e["end"])
                for e in seg["errors"]
                if e.get("start") is not None
                and e["end"] > e["start"]
                and e["category"].startswith("Fluency")
            ]
            anyspan = [
                (e["start"], e["end"])
                for e in seg["errors"]
                if e.get("start") is not None and e["end"] > e["start"]
            ]
            b = max(b, a + 1)
            na901.append(
                (
                    lt_cat,
                    any(a < y and x < b for x, y in fluency),
                    any(a < y and x < b for x, y in anyspan),
                )
            )
        words += record["words"]
    seg_keys = sorted(metric)
    rows_out = [
        describe("newsaudit penalty", seg_keys, groups, metric, human, system_of),
        describe("100 - sentence BLEU", seg_keys, groups, bleu, human, system_of),
        describe("100 - sentence chrF", seg_keys, groups, chrf, human, system_of),
    ]
    spans_by_key = defaultdict(list)
    for key, a, b in serious_spans:
        spans_by_key[key].append((a, b))
    any_by_key = defaultdict(list)
    for key, a, b in any_spans:
        any_by_key[key].append((a, b))
    def touches(key, a, b, spans=spans_by_key) -> bool:
        return any(a < sb and sa < b for sa, sb in spans.get(key, ()))

    per_rule = defaultdict(lambda: [0, 0, 0])
    serious_flags = serious_hits = 0
    for key, a, b, rule, severity in flags_all:
        if severity in SERIOUS:
            serious_flags += 1
            serious_hits += touches(key, a, b)
        per_rule[rule][0] += 1
        per_rule[rule][1] += touches(key, a, b)
        per_rule[rule][2] += touches(key, a, b, any_by_key)
    flag_by_key = defaultdict(list)
    for key, a, b, rule, _ in flags_all:
        flag_by_key[key].append((a, b, rule))
    recalled = sum(
        any(a < fb and fa < b for fa, fb, _ in flag_by_key.get(key, ()))
        for key, a, b in serious_spans
    )
    rule_recall = defaultdict(int)
    for key, a, b in serious_spans:
        for rule in {r for fa, fb, r in flag_by_key.get(key, ()) if a < fb and fa < b}:
            rule_recall[rule] += 1

    n_articles = len(corpus["articles"])
    total_flags = sum(v[0] for v in per_rule.values())
    total_hits = sum(v[1] for v in per_rule.values())
    result = {
        "rows": rows_out,
        "na901": na901,
        "words": words,
        "flags": total_flags,
        "precision": total_hits / total_flags if total_flags else float("nan"),
        "recall": recalled / len(serious_spans),
        "serious": len(serious_spans),
        "grammar": report.get("grammar", {}),
    }
    result["lines"] = lambda wall: summary_lines(
        args,
        rows,
        seg_keys,
        n_articles,
        wall,
        retrieved,
        rows_out,
        per_rule,
        serious_spans,
        serious_flags,
        serious_hits,
        recalled,
        rule_recall,
    )
    return result


def summary_lines(
    args,
    rows,
    seg_keys,
    n_articles,
    wall,
    retrieved,
    rows_out,
    per_rule,
    serious_spans,
    serious_flags,
    serious_hits,
    recalled,
    rule_recall,
) -> list[str]:
    lines = [
        f"Run {datetime.date.today().isoformat()} at commit {git_commit()}; data: "
        f"`wmt23-zhen-mqm/dev.jsonl` ({n_articles} articles, {len(seg_keys)} segments, "
        f"{len({r['doc'] for r in rows})} wires + {args.distractors} distractor wires); "
        f"one CLI run, {wall:.1f} s wall.",
        "",
        f"Retrieval accuracy (own reference chosen as wire): **{retrieved}/{n_articles} = "
        f"{retrieved / n_articles:.1%}**",
        "",
        "| per-segment score | acc-t (eps) | Kendall tau-b | Pearson | system pairwise accuracy |",
        "|---|---|---|---|---|",
    ]
    for r in rows_out:
        lines.append(
            f"| {r['name']} | {r['acc_t']:.3f} ({r['eps']:.2f}) | {r['kendall']:.3f} | "
            f"{r['pearson']:.3f} | {r['system']:.3f} |"
        )
    total_flags = sum(v[0] for v in per_rule.values())
    total_hits = sum(v[1] for v in per_rule.values())
    lines += [
        "",
        f"Spans (Major/Critical rater spans: {len(serious_spans)}): flags {total_flags}, "
        f"precision **{total_hits / total_flags if total_flags else float('nan'):.3f}**, "
        f"recall **{recalled / len(serious_spans):.3f}**; newsaudit's own major/critical flags: "
        f"{serious_flags}, precision "
        f"**{serious_hits / serious_flags if serious_flags else float('nan'):.3f}** "
        "(minor punctuation flags cannot touch a Major span: see the any-span column)",
        "",
        "| rule | flags | precision (Major/Critical spans) | precision (any rater span) | "
        "Major/Critical spans touched (recall) |",
        "|---|---|---|---|---|",
    ]
    for rule in sorted(per_rule):
        n, hit, hit_any = per_rule[rule]
        lines.append(
            f"| {rule} | {n} | {hit / n:.3f} | {hit_any / n:.3f} | "
            f"{rule_recall[rule]} ({rule_recall[rule] / len(serious_spans):.3f}) |"
        )
    return lines


def lt_flags(record: dict, spans: list[tuple[int, int]]):
    """NA901 findings as (segment, start, end, LanguageTool category) in segment offsets."""
    for f in record["findings"]:
        if f["rule"] != "NA901":
            continue
        for s, (a, b) in enumerate(spans):
            if a <= f["start"] < b + 1:
                yield s, f["start"] - a, min(f["end"], b) - a, lt_category(f)
                break


def languagetool_lines(
    corpus, rows, plain, with_lt, lt_report, wall, lt_wall, started_in
) -> list[str]:
    n = len(corpus["articles"])
    na901 = with_lt["na901"]
    lines = [
        f"Run {datetime.date.today().isoformat()} at commit {git_commit()}; data: "
        "`wmt23-zhen-mqm/dev.jsonl` "
        f"({n} MT articles, {with_lt['words']:,} words), the corpus of the Quality section. "
        "Grammar checked: "
        f"{lt_report['grammar'].get('checked')}; server start {started_in:.1f} s (not counted "
        "below).",
        "",
        f"Wall {lt_wall:.1f} s with LanguageTool vs {wall:.1f} s without: "
        f"**{(lt_wall - wall) * 1000 / n:.0f} ms "
        f"per article** (~{with_lt['words'] // n} words, `--jobs` = all cores).",
        "",
        f"NA901 on MT: **{len(na901)} findings = {len(na901) * 1000 / with_lt['words']:.2f} per "
        "1,000 words** "
        "(clean references: see the LanguageTool false-alarm section).",
        "",
        "| per-segment score | acc-t (eps) | Kendall tau-b | Pearson | system pairwise accuracy |",
        "|---|---|---|---|---|",
    ]
    for label, result in (("without LanguageTool", plain), ("with LanguageTool", with_lt)):
        r = result["rows"][0]
        lines.append(
            f"| newsaudit penalty, {label} | {r['acc_t']:.3f} ({r['eps']:.2f}) | "
            f"{r['kendall']:.3f} | "
            f"{r['pearson']:.3f} | {r['system']:.3f} |"
        )
    lines += [
        "",
        f"Spans, all rules (Major/Critical rater spans: {plain['serious']}): without LanguageTool "
        "flags "
        f"{plain['flags']}, precision {plain['precision']:.3f}, recall {plain['recall']:.3f}; "
        "with it flags "
        f"{with_lt['flags']}, precision {with_lt['precision']:.3f}, recall "
        f"{with_lt['recall']:.3f}.",
        "",
        "NA901 precision per LanguageTool category: share of its findings that touch a rater's "
        "Fluency span (any severity), and any rater span.",
        "",
        "| LanguageTool category | findings | precision (Fluency spans) | precision (any span) |",
        "|---|---|---|---|",
    ]
    by_cat = defaultdict(lambda: [0, 0, 0])
    for cat, fluency, anyspan in na901:
        by_cat[cat][0] += 1
        by_cat[cat][1] += fluency
        by_cat[cat][2] += anyspan
    for cat, (k, fl, an) in sorted(by_cat.items(), key=lambda kv: -kv[1][0]):
        lines.append(f"| {cat} | {k} | {fl / k:.3f} | {an / k:.3f} |")
    k = len(na901)
    if k:
        lines.append(
            f"| all | {k} | {sum(x[1] for x in na901) / k:.3f} | "
            f"{sum(x[2] for x in na901) / k:.3f} |"
        )
    return lines


if __name__ == "__main__":
    main()
