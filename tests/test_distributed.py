"""--scheduler: a real Dask scheduler and worker processes on loopback, started by the test.

The output on the cluster must be byte-identical to --jobs 1, also when a worker is killed in
the middle of the run; a scheduler that does not answer is one line and exit 2.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

BIN = Path(sys.executable).parent
SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
CLI = [sys.executable, "-m", "newsaudit.cli", "check"]
START_TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """`dask scheduler` and `dask worker --no-nanny` processes (a killed worker stays dead)."""

    def __init__(self, tmp: Path, workers: int):
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.processes: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.log = tmp / "cluster.log"
        log = open(self.log, "ab")
        port = self.address.rsplit(":", 1)[1]
        self.processes.append(subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", port,
             "--no-dashboard"], stdout=log, stderr=log))
        for _ in range(workers):
            worker = subprocess.Popen(
                [str(BIN / "dask"), "worker", self.address, "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--host", "127.0.0.1"], stdout=log, stderr=log)
            self.processes.append(worker)
            self.workers.append(worker)
        self._wait(workers)

    def _wait(self, workers: int) -> None:
        from distributed import Client

        client = Client(self.address, timeout=START_TIMEOUT, set_as_default=False)
        try:
            client.wait_for_workers(workers, timeout=START_TIMEOUT)
        finally:
            client.close()

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = Cluster(tmp_path_factory.mktemp("cluster"), workers=2)
    yield running
    running.stop()


def _archive(tmp: Path, n: int) -> tuple[Path, Path]:
    articles, wires = tmp / "articles.jsonl", tmp / "wires.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": TEXTS[i % len(TEXTS)].replace("Kherson", "Khersun")
                         if i % 3 == 1 else TEXTS[i % len(TEXTS)], "n": i}) for i in range(n)]
    lines[n // 2] = '{"id": "broken", "text": '  # invalid JSON in the middle
    articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wires.write_text("".join(json.dumps({"id": f"w{i}", "text": t}) + "\n"
                             for i, t in enumerate(TEXTS)), encoding="utf-8")
    return articles, wires


def _run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), capture_output=True, timeout=timeout)


def test_cluster_output_is_byte_identical_to_jobs_1(cluster, tmp_path):
    articles, wires = _archive(tmp_path, 40)
    for fmt in ("json", "jsonl"):
        local = _run(str(articles), "--wire", str(wires), "-f", fmt, "-j", "1")
        remote = _run(str(articles), "--wire", str(wires), "-f", fmt,
                      "--scheduler", cluster.address)
        assert local.returncode == remote.returncode == 2, remote.stderr  # the broken record
        assert remote.stdout == local.stdout
        assert b"invalid JSON on line 21" in remote.stderr
    records = [json.loads(line) for line in remote.stdout.splitlines()]
    assert len(records) == 40 and sum(bool(r["findings"]) for r in records) > 10


def test_scheduler_from_the_config_file(cluster, tmp_path):
    articles, wires = _archive(tmp_path, 6)
    (tmp_path / "newsaudit.toml").write_text(f'scheduler = "{cluster.address}"\n')
    remote = subprocess.run(CLI + [str(articles), "--wire", str(wires), "-f", "jsonl"],
                            capture_output=True, cwd=tmp_path, timeout=600)
    local = _run(str(articles), "--wire", str(wires), "-f", "jsonl", "-j", "1")
    assert remote.stdout == local.stdout and remote.returncode == 2


def test_the_client_keeps_a_bounded_number_of_articles_in_flight(cluster):
    """Back-pressure: the first result comes back before the client reads past its window."""
    from newsaudit import distributed
    from newsaudit.audit import prepare
    from newsaudit.segment import segment

    pool = prepare([segment(f"w{i}", t) for i, t in enumerate(TEXTS)])
    pulled = []

    def documents():
        for i in range(200):
            pulled.append(i)
            yield segment(f"a{i}", TEXTS[i % len(TEXTS)])

    auditor = distributed.connect(cluster.address)
    try:
        results = auditor.stream(pool, documents(), batch=2, window=3)
        first = next(results)
        assert first.path == "a0" and first.wire == "w0"
        assert len(pulled) <= 2 * 3 + 2
        rest = list(results)
        assert [r.path for r in rest] == [f"a{i}" for i in range(1, 200)]
    finally:
        auditor.close()


def test_a_worker_killed_mid_run_changes_nothing(tmp_path):
    articles, wires = _archive(tmp_path, 300)
    local = _run(str(articles), "--wire", str(wires), "-f", "jsonl", "-j", "1")
    own = Cluster(tmp_path, workers=2)
    try:
        out = tmp_path / "out.jsonl"
        run = subprocess.Popen(CLI + [str(articles), "--wire", str(wires), "-f", "jsonl",
                                      "-o", str(out), "--scheduler", own.address],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 300
        while (not out.exists() or out.read_bytes().count(b"\n") < 5) and run.poll() is None:
            assert time.monotonic() < deadline, "the run wrote nothing"
            time.sleep(0.02)
        victim = own.workers[0]
        os.kill(victim.pid, signal.SIGKILL)
        written_at_kill = out.read_bytes().count(b"\n")
        _, stderr = run.communicate(timeout=600)
        assert victim.wait(timeout=30) == -signal.SIGKILL
        assert written_at_kill < 300  # the kill came before the end of the run
        assert run.returncode == local.returncode == 2, stderr
        assert out.read_bytes() == local.stdout
    finally:
        own.stop()


def test_a_scheduler_that_does_not_answer_is_one_line_and_exit_2(tmp_path):
    articles, wires = _archive(tmp_path, 3)
    result = _run(str(articles), "--wire", str(wires), "-f", "jsonl",
                  "--scheduler", f"tcp://127.0.0.1:{_free_port()}", timeout=120)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "no Dask scheduler answered within 10 s" in lines[0], lines
    assert result.stdout == b""  # (and it answered within the subprocess timeout)
