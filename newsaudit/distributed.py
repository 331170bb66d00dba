"""The per-article work on a Dask cluster (``--scheduler ADDRESS``). Imported only then.

The wire pool's state (index, names, options: :func:`newsaudit.audit.prepare`) is scattered to
every worker once (``broadcast=True``); each task then carries only a batch of segmented
articles and a reference to that state. At most ``window`` batches are submitted and not yet
handed back, so the client holds a bounded number of articles and results whatever the size of
the archive (back-pressure). Results are handed back in input order. A worker lost mid-run has
its tasks run again elsewhere (the scheduler reschedules them; ``retries`` covers a task that
failed on a dying worker), so the output does not change. The results are those of
``--jobs 1``: the same functions on the same data, with order-independent arithmetic.
"""

from __future__ import annotations

import gc
import logging
import uuid
from dataclasses import replace
from typing import Iterable, Iterator, Sequence

from .audit import _Run, audit_documents, batched
from .model import Document, FileResult

BATCH = 8          # articles per task: a few hundred milliseconds of work
WINDOW_PER_THREAD = 4
RETRIES = 3
QUIET_LOGGERS = ("distributed", "distributed.client", "distributed.worker", "tornado", "asyncio")


def connect(address: str, timeout: float = 10.0) -> "Auditor":
    """A connection to the scheduler at ``address``; raises ``UsageError`` within ``timeout``."""
    from .linter import UsageError

    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'newsaudit[dask]'") from None
    for name in QUIET_LOGGERS:  # a dead scheduler or lost worker is reported once, by us
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # The command line runs without the cycle collector (cli.main); Dask's client and its event
    # loop do make reference cycles, for as long as the run lasts.
    gc.enable()
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except Exception as exc:  # OSError, TimeoutError, a malformed address: one line
        raise UsageError(f"--scheduler {address}: no Dask scheduler answered within "
                         f"{timeout:g} s ({_one_line(exc)})") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except Exception:
        client.close()
        raise UsageError(f"--scheduler {address}: the scheduler has no worker "
                         f"(waited {timeout:g} s)") from None
    return Auditor(client)


class Auditor:
    def __init__(self, client):
        self.client = client

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:  # pragma: no cover - closing a broken connection
            pass

    def stream(self, pool: _Run, documents: Iterable[Document], grammar_url: str | None = None,
               batch: int = BATCH, window: int | None = None) -> Iterator[FileResult]:
        """One result per document, in order, audited on the cluster against ``pool``."""
        from distributed import as_completed

        client = self.client
        shipped = _shippable(pool, grammar_url)
        shared = client.scatter(shipped, broadcast=True, hash=False)
        if window is None:
            threads = sum(client.nthreads().values()) or 1
            window = max(2, WINDOW_PER_THREAD * threads)
        run_id = uuid.uuid4().hex[:12]
        batches = enumerate(batched(documents, batch))
        futures = as_completed(loop=client.loop)
        sequence: dict = {}    # future -> batch number
        finished: dict[int, list[FileResult]] = {}
        submitted = handed = 0

        def fill() -> int:
            count = submitted
            while count - handed < window:
                nxt = next(batches, None)
                if nxt is None:
                    break
                number, chunk = nxt
                future = client.submit(_audit_batch, shared, list(chunk), retries=RETRIES,
                                       pure=False, key=f"newsaudit-{run_id}-{number}")
                sequence[future] = number
                futures.add(future)
                count += 1
            return count

        try:
            submitted = fill()
            while handed < submitted:
                future = next(futures)
                number = sequence.pop(future)
                finished[number] = future.result()
                future.release()
                while handed in finished:
                    yield from finished.pop(handed)
                    handed += 1
                submitted = fill()
        finally:
            for future in sequence:
                future.cancel()
            shared.release()


def _shippable(pool: _Run, grammar_url: str | None) -> _Run:
    """``pool`` without what cannot travel: the grammar checker is found again on the worker."""
    shipped = replace(pool, options=replace(pool.options, grammar=None), articles=())
    shipped.grammar_url = grammar_url
    return shipped


def _audit_batch(pool: _Run, documents: Sequence[Document]) -> list[FileResult]:
    """A task: runs on a worker, with the worker's copy of the scattered pool."""
    url = getattr(pool, "grammar_url", None)
    if url is not None and pool.options.grammar is None:  # once per worker: its own checker
        from .grammar import find_grammar_checker

        checker = find_grammar_checker(url or None)
        if checker.available:
            pool.options = replace(pool.options, grammar=checker.matches)
    return audit_documents(pool, documents)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
