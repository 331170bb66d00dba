"""False alarms on clean English: human reference translations audited as articles.

The wmt23-xen references are professional English; cut into 20-line articles and audited with
an unrelated one-line wire, only the rules that need no wire can fire, and whatever they flag
is, to a first approximation, a false alarm. Reports files failing and findings per rule.

    python bench/clean.py [--per-pair 20] [--languagetool]

With ``--languagetool`` the articles are also audited with the installed LanguageTool, and its
NA901 findings per 1,000 words (all false alarms, to a first approximation) are reported per
LanguageTool category and rule.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
from collections import Counter

from common import (
    BENCH_DATA,
    WORK,
    git_commit,
    languagetool_server,
    lt_category,
    lt_rule,
    publish,
    require_data,
    run_cli,
    write_article,
)

CHUNK = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-pair", type=int, default=20, help="articles per language pair")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--languagetool", action="store_true", help="also measure LanguageTool (NA901)"
    )
    args = parser.parse_args()
    refs = sorted((BENCH_DATA / "wmt23-xen" / "references").glob("*.ref.*"))
    require_data(BENCH_DATA / "wmt23-xen")
    root = WORK / "clean"
    shutil.rmtree(root, ignore_errors=True)
    (root / "articles").mkdir(parents=True)
    (root / "wire").mkdir()
    write_article(
        root / "wire" / "unrelated.txt", ["Unrelated wire text about the weather in the mountains."]
    )
    for ref in refs:
        lines = [
            line.strip() for line in ref.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        pair = ref.name.split(".")[1]
        for k in range(min(args.per_pair, len(lines) // CHUNK)):
            write_article(
                root / "articles" / f"{pair}_{k:03d}.txt", lines[k * CHUNK : (k + 1) * CHUNK]
            )
    report, wall = run_cli([str(root / "articles"), "--wire", str(root / "wire")])
    files = report["files"]
    words = sum(f["words"] for f in files)
    failing = [f for f in files if f["verdict"] == "fail"]
    counts = Counter((x["rule"], x["severity"]) for f in files for x in f["findings"])
    lines = [
        f"Run {datetime.date.today().isoformat()} at commit {git_commit()}: {len(files)} articles "
        "of human "
        f"reference English ({words:,} words) from `wmt23-xen/references`, audited against an "
        "unrelated wire "
        f"(only wire-free rules can fire); {wall:.1f} s.",
        "",
        f"Files failing: **{len(failing)} of {len(files)}** "
        f"({', '.join(sorted(f['path'].rsplit('/', 1)[1] for f in failing)) or 'none'}).",
        "",
        "| rule | severity | findings | per 10,000 words |",
        "|---|---|---|---|",
    ]
    for (rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {rule} | {severity} | {n} | {n * 10000 / words:.2f} |")
    if args.languagetool:
        lines = languagetool_section(root, files, wall, words)
        publish(
            "LanguageTool false alarms on clean English (wmt23-xen references)",
            lines,
            write=not args.no_write,
        )
        return
    publish("False alarms on clean English (wmt23-xen references)", lines, write=not args.no_write)


def languagetool_section(root, plain_files, plain_wall, words) -> list[str]:
    with languagetool_server() as server:
        report, wall = run_cli([str(root / "articles"), "--wire", str(root / "wire")], server.url)
    files = report["files"]
    na901 = [x for f in files for x in f["findings"] if x["rule"] == "NA901"]
    by_category = Counter(lt_category(x) for x in na901)
    by_rule = Counter(lt_rule(x) for x in na901)
    failing = sum(f["verdict"] == "fail" for f in files)
    plain_failing = sum(f["verdict"] == "fail" for f in plain_files)
    lines = [
        f"Run {datetime.date.today().isoformat()} at commit {git_commit()}: the same {len(files)} "
        "articles "
        f"({words:,} words) with LanguageTool (server started in {server.started_in:.1f} s, not "
        "counted "
        f"below); grammar checked: {report['grammar']['checked']}.",
        "",
        f"NA901 findings: **{len(na901)} = {len(na901) * 1000 / words:.2f} per 1,000 words**; "
        "files failing "
        f"{failing} of {len(files)} (without LanguageTool: {plain_failing}). Wall {wall:.1f} s vs "
        f"{plain_wall:.1f} s without: **{(wall - plain_wall) * 1000 / len(files):.0f} ms per "
        "article** "
        f"(~{words // len(files)} words).",
        "",
        "| LanguageTool category | findings | per 1,000 words |",
        "|---|---|---|",
    ]
    lines += [f"| {c} | {n} | {n * 1000 / words:.2f} |" for c, n in by_category.most_common()]
    lines += [
        "",
        "Most frequent rules: " + ", ".join(f"{r} {n}" for r, n in by_rule.most_common(12)) + ".",
    ]
    return lines


if __name__ == "__main__":
    main()
