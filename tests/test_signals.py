"""Worker processes die with the main process: SIGTERM, SIGINT or SIGKILL to it orphans none."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper is dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for copy in range(12):
        for seed in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")):
            shutil.copy(seed, folder / f"{copy:02d}_{seed.name}")
    return folder


def _start_mid_run(corpus: Path) -> tuple[subprocess.Popen, set[int]]:
    proc = subprocess.Popen([sys.executable, "-m", "newsaudit.cli", "check", str(corpus),
                             "--jobs", "2", "--format", "line"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            return proc, workers
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    proc.kill()
    pytest.fail("the run never had two workers")


def _assert_gone(workers: set[int]) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for w in left:  # do not leave them behind for the rest of the suite
        os.kill(w, signal.SIGKILL)
    assert not left, f"orphaned workers: {left}"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_terminating_the_main_process_stops_the_workers(corpus, sig):
    proc, workers = _start_mid_run(corpus)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=20)
    _assert_gone(workers)
    assert b"Traceback" not in err, err.decode()
    if sig == signal.SIGTERM:
        assert proc.returncode in (143, -signal.SIGTERM)


def test_killing_the_main_process_stops_the_workers(corpus):
    proc, workers = _start_mid_run(corpus)
    proc.kill()
    proc.wait(timeout=10)
    proc.stderr.close()
    _assert_gone(workers)
