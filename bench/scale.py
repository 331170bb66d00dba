"""Scale benchmark: a JSON Lines archive on a local Dask cluster against local processes.

Articles are 20-line chunks of wmt23-xen system outputs, wires the same chunks of its
references, all in JSON Lines archives. Measured with the CLI end to end (`--format jsonl`):
1. articles per second on --jobs 1 / --jobs 2 and on 1 / 2 Dask workers (one thread each,
   `dask scheduler` + `dask worker` on loopback), output compared byte for byte;
2. the client's peak memory (max RSS of the `newsaudit` process, /usr/bin/time -v) as the
   archive grows, on 2 workers;
3. shipping the wire pool's state to the workers (pickled size, scatter time) and its memory.

    python bench/scale.py [--articles 2000] [--grow 2000,10000,50000] [--wires 100]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from common import BENCH_DATA, CLI, WORK, git_commit, publish, require_data

CHUNK = 20
BIN = Path(sys.executable).parent


def chunks_of(path: Path, size: int = CHUNK) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = [" ".join(line.split()) or "." for line in text.splitlines()]
    return ["\n\n".join(lines[i:i + size]) + "\n" for i in range(0, len(lines) - size + 1, size)]


def corpus(articles: int, wires: int, root: Path, lines: int = CHUNK) -> tuple[Path, Path]:
    data = BENCH_DATA / "wmt23-xen"
    refs = sorted((data / "references").glob("*.ref.*"))
    ref_chunks = [(r.name.split(".")[1], i, c) for r in refs for i, c in enumerate(chunks_of(r))]
    outputs: dict[str, list[Path]] = {}
    for hyp in sorted((data / "system-outputs").glob("*.hyp.*")):
        outputs.setdefault(hyp.name.split(".")[1], []).append(hyp)
    cache: dict[Path, list[str]] = {}
    root.mkdir(parents=True, exist_ok=True)
    wire_path, article_path = root / f"wires{wires}.jsonl", root / f"articles{articles}.jsonl"
    with open(wire_path, "w", encoding="utf-8") as out:
        for pair, i, text in ref_chunks[:wires]:
            out.write(json.dumps({"id": f"{pair}-{i}", "text": text}, ensure_ascii=False) + "\n")
    with open(article_path, "w", encoding="utf-8") as out:
        k = 0
        while k < articles:
            pair, i, _ = ref_chunks[k % wires]
            hyps = outputs[pair]
            hyp = hyps[(k // wires) % len(hyps)]
            text = cache.setdefault(hyp, chunks_of(hyp))[i]
            text = "\n\n".join(text.split("\n\n")[:lines]).rstrip("\n") + "\n"
            out.write(json.dumps({"id": f"a{k}", "text": text, "system": hyp.name},
                                 ensure_ascii=False) + "\n")
            k += 1
    return article_path, wire_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, workers: int, log: Path):
        self.address = f"tcp://127.0.0.1:{free_port()}"
        handle = open(log, "ab")
        port = self.address.rsplit(":", 1)[1]
        self.processes = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                            "--port", port, "--no-dashboard"],
                                           stdout=handle, stderr=handle)]
        for _ in range(workers):
            self.processes.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", self.address, "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--host", "127.0.0.1"], stdout=handle, stderr=handle))
        from distributed import Client

        client = Client(self.address, timeout=60, set_as_default=False)
        client.wait_for_workers(workers, timeout=60)
        self.client = client

    def stop(self) -> None:
        self.client.close()
        for p in self.processes:
            p.kill()
            p.wait()


def timed(args: list[str], out: Path) -> dict:
    cmd = ["/usr/bin/time", "-v", *CLI, "check", *args, "--format", "jsonl", "-o", str(out)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(proc.stderr[-2000:])
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return {"wall": wall, "rss_mb": rss / 1024}


_PROBE = """
import sys, cloudpickle, newsaudit.distributed
def rss():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1])
data = open(sys.argv[1], "rb").read()
before = rss()
state = cloudpickle.loads(data)
del data
print(rss() - before)
"""


def shipping(wire_path: Path, cluster: Cluster) -> dict:
    """The pool state a worker receives: pickled size, scatter time, memory in a process."""
    import cloudpickle

    from newsaudit import distributed
    from newsaudit.audit import prepare
    from newsaudit.segment import segment

    wires = [segment(f"w{i}", json.loads(line)["text"])
             for i, line in enumerate(wire_path.read_text(encoding="utf-8").splitlines())]
    pool = prepare(wires)
    shipped = distributed._shippable(pool, None)
    data = cloudpickle.dumps(shipped, protocol=5)  # what Dask sends (rules hold closures)
    size = len(data)
    blob = WORK / "scale" / "pool.pickle"
    blob.write_bytes(data)
    # what a worker holds: RSS growth of a fresh process that loads it
    probe = subprocess.run([sys.executable, "-c", _PROBE, str(blob)], capture_output=True,
                           text=True, check=True)
    peak = int(probe.stdout.split()[-1]) * 1024
    start = time.perf_counter()
    future = cluster.client.scatter(shipped, broadcast=True, hash=False)
    future.result()
    scatter = time.perf_counter() - start
    future.release()
    return {"wires": len(wires), "paragraphs": len(pool.index.paragraphs), "pickled_mb": size / 1e6,
            "scatter_s": scatter, "memory_mb": peak / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--grow", default="2000,10000,50000")
    parser.add_argument("--wires", type=int, default=100)
    parser.add_argument("--grow-lines", type=int, default=4,
                        help="lines per article in the growing archives (memory, not speed)")
    parser.add_argument("--pools", default="100,200,400")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    require_data(BENCH_DATA / "wmt23-xen")
    root = WORK / "scale"
    shutil.rmtree(root, ignore_errors=True)
    articles, wires = corpus(args.articles, args.wires, root)
    base = [str(articles), "--wire", str(wires)]
    speed, outputs = {}, {}
    for name, extra in (("--jobs 1", ["-j", "1"]), ("--jobs 2", ["-j", "2"])):
        outputs[name] = root / f"out-{name[-1]}.jsonl"
        speed[name] = timed(base + extra, outputs[name])
        print(name, speed[name], flush=True)
    for workers in (1, 2):
        cluster = Cluster(workers, root / "cluster.log")
        try:
            name = f"Dask, {workers} worker{'s' if workers > 1 else ''}"
            outputs[name] = root / f"out-dask{workers}.jsonl"
            speed[name] = timed(base + ["--scheduler", cluster.address], outputs[name])
            print(name, speed[name], flush=True)
            if workers == 2:
                grow = {}
                for n in (int(x) for x in args.grow.split(",")):
                    big, _ = corpus(n, args.wires, root, args.grow_lines)
                    grow[n] = timed([str(big), "--wire", str(wires), "--scheduler",
                                     cluster.address], root / "grow.jsonl")
                    print(n, grow[n], flush=True)
                    big.unlink()
                ships = []
                for n in (int(x) for x in args.pools.split(",")):
                    _, pool = corpus(1, n, root / "pools")
                    ships.append(shipping(pool, cluster))
                    print(ships[-1], flush=True)
        finally:
            cluster.stop()
    reference = outputs["--jobs 1"].read_bytes()
    same = {name: path.read_bytes() == reference for name, path in outputs.items()}
    lines = [
        f"Run {datetime.date.today().isoformat()} at commit {git_commit()} on {os.cpu_count()} "
        f"cores; articles of {CHUNK} lines from wmt23-xen system outputs in one JSON Lines "
        f"archive, {args.wires} wires (its references) in another; `--format jsonl`; Dask "
        "workers are `dask worker --nthreads 1` on loopback, sharing the 2 cores with the "
        "client.",
        "",
        f"| {args.articles} articles | wall s | articles/s | client peak RSS MB "
        "| output = --jobs 1 |",
        "|---|---|---|---|---|",
    ]
    for name, c in speed.items():
        lines.append(f"| {name} | {c['wall']:.2f} | {args.articles / c['wall']:.0f} | "
                     f"{c['rss_mb']:.0f} | {'yes' if same[name] else 'NO'} |")
    lines += ["", f"Client memory as the archive grows (2 Dask workers; articles of "
              f"{args.grow_lines} lines, to keep the run short):", "",
              "| records | wall s | articles/s | client peak RSS MB |", "|---|---|---|---|"]
    for n, c in grow.items():
        lines.append(f"| {n} | {c['wall']:.1f} | {n / c['wall']:.0f} | {c['rss_mb']:.0f} |")
    lines += ["", "Shipping the wire pool to the workers (index, wire documents, names; "
              "scattered once with broadcast to 2 workers):", "",
              "| wires | paragraphs | pickled MB | scatter s | memory in a process MB |",
              "|---|---|---|---|---|"]
    for s in ships:
        lines.append(f"| {s['wires']} | {s['paragraphs']} | {s['pickled_mb']:.1f} | "
                     f"{s['scatter_s']:.2f} | {s['memory_mb']:.0f} |")
    last = ships[-1]
    per_wire = last["memory_mb"] / last["wires"]
    lines += ["", f"Per wire story: {per_wire * 1000:.0f} kB in memory, "
              f"{last['pickled_mb'] / last['wires'] * 1000:.0f} kB pickled; "
              f"100,000 wire stories of this size: about **{per_wire * 100:.1f} GB per worker** "
              "(linear extrapolation; every worker holds the whole pool)."]
    publish("Scale (Dask, JSON Lines archive)", lines, write=not args.no_write)


if __name__ == "__main__":
    main()
