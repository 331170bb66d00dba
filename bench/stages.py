"""Per-stage CPU seconds of the wire-mode pipeline, in process: where an article's time goes.

The corpus is the one bench/speed.py builds (bench/work/speed/articles500 and pool100; run it
first). Each repeat is a fresh process (cold caches, as in a real run); the best of --repeat is
kept per stage: import, segment, prepare (wire index and pool names), then per article langid,
align, every default rule and adequacy. The cycle collector is off, as in the command
(cli.main), so no stage is charged with a collection that happens to fall into it.

    python bench/stages.py [--articles 500] [--repeat 3] [--package DIR]

--package DIR times another checkout's newsaudit package (e.g. a previous release unpacked
with `git archive REV newsaudit | tar -x -C DIR`).
"""
import argparse
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

SPEED = Path(__file__).resolve().parent / "work" / "speed"


def one(n: int, package: str) -> None:
    """In a fresh process: each stage's CPU seconds over the first ``n`` articles, as JSON."""
    sys.path.insert(0, package)
    os.environ["NEWSAUDIT_LANGUAGETOOL"] = "off"
    gc.disable()
    clock = time.process_time
    t0 = clock()
    from newsaudit import audit
    from newsaudit.adequacy import estimate
    from newsaudit.langid import detect_language
    from newsaudit.rules import AuditContext
    from newsaudit.segment import segment

    times = {"import": clock() - t0}
    articles = sorted((SPEED / "articles500").glob("*.txt"))[:n]
    wires = sorted((SPEED / "pool100").glob("*.txt"))
    if not articles or not wires:
        sys.exit(f"no corpus in {SPEED}: run bench/speed.py first")
    t0 = clock()
    wire_docs = [segment(str(p), p.read_text(encoding="utf-8")) for p in wires]
    docs = [segment(str(p), p.read_text(encoding="utf-8")) for p in articles]
    times["segment"] = clock() - t0
    options = audit.AuditOptions()
    t0 = clock()
    run = audit.prepare(wire_docs, options, 1)
    times["prepare"] = clock() - t0
    audit._RUN = run

    def timed(stage: str, function, *args):
        start = clock()
        value = function(*args)
        times[stage] = times.get(stage, 0.0) + clock() - start
        return value

    for doc in docs:
        language = timed("langid", detect_language, doc.text)
        allow = audit._excluding(run.position.get(doc.path))
        alignment = timed("align", audit.align, doc, run.index, allow)
        ctx = AuditContext(doc, alignment, run.names, language=language, wires=run.wire_docs)
        for rule in options.rules:
            timed(rule.code, lambda r, c: list(r.run(c)), rule, ctx)
        timed("adequacy", estimate, doc, alignment, run.wire_docs)
    print(json.dumps(times))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--package", default=str(Path(__file__).resolve().parent.parent))
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        one(a.articles, a.package)
        sys.exit()
    best = {}
    for _ in range(a.repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--articles", str(a.articles),
             "--package", a.package], capture_output=True, text=True, check=True).stdout
        for k, v in json.loads(out).items():
            best[k] = min(v, best.get(k, 1e9))
    total = sum(v for k, v in best.items())
    per = sum(v for k, v in best.items() if k not in ("import", "segment", "prepare"))
    for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
        if v >= 0.005:
            print(f"{k:10s} {v:7.3f}")
    print(f"{'TOTAL':10s} {total:7.3f}   per-article stages {per:.3f} s = "
          f"{1000 * per / a.articles:.1f} ms/article")
