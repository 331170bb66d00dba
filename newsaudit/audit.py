"""The pure pipeline: documents in, one ``FileResult`` per article out. No I/O here.

Two modes. With a wire pool (``--wire``) every article is a candidate audited against the pool.
Without one, the files themselves are the pool: they are ranked by how original they look
(wire markers such as redaction placeholders and datelines count for, translation artifacts
that need no wire count against), each file may only be compared with files ranked above it,
and a file picked as the main wire of another is audited on its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from collections import deque
from itertools import chain, islice, repeat
from operator import attrgetter
from typing import Callable, Iterable, Iterator, Sequence

from . import word_frequency
from .adequacy import estimate as estimate_adequacy
from .align import align
from .corroborate import corroborate
from .langid import detect_language, is_english
from .model import (
    Adequacy,
    Alignment,
    Document,
    FileResult,
    Finding,
    ParagraphAlignment,
    Role,
    SentencePair,
    Severity,
    Verdict,
    columns,
    instances,
)
from .wire_index import WireIndex
from .rules import ALL_RULES, DEFAULT_RULES, AuditContext, Rule
from .nameforms import is_variant
from .quantity import quantities, written_numbers
from .rules.boilerplate import is_boilerplate
from .rules.common import sentence_names, sentence_tokens
from .scoring import (
    DEFAULT_MIN_CONFIDENCE,
    DEFAULT_THRESHOLD,
    penalty,
    per_thousand_words,
    score,
    verdict,
)
from .text import content_terms, count_words, fold, has_redaction, is_redaction

# A file counts as translated from a wire only if this share of its paragraphs aligns: in auto
# mode most of it (other outlets' originals share facts, not paragraphs), with --wire a quarter.
AUTO_MIN_SHARE = 0.5
WIRE_MIN_SHARE = 0.25
# ... and only a file that looks original can be a wire: one with wire markers, or with fewer
# translation artifacts than this (penalty points per 1,000 words; one major in 2,500 words).
WIRE_MAX_ARTIFACTS = 2.0
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w .'’-]+)?\s*(?:\([^)]{1,40}\))?"
    r"|\([^)]{1,40}\))\s*[-–—]\s"
)


@dataclass(frozen=True)
class AuditOptions:
    rules: tuple[Rule, ...] = DEFAULT_RULES
    threshold: float = DEFAULT_THRESHOLD
    fail_on: Severity | None = None
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    accept_names: frozenset[str] = frozenset()
    # LanguageTool matches for a text, None for a text it did not check; None: no LanguageTool
    grammar: Callable[[str], list | None] | None = None
    require_wire: bool = False  # with a wire pool, fail an article that aligns to no wire
    min_confidence: float = DEFAULT_MIN_CONFIDENCE  # findings less sure are not reported


NO_WIRE = (
    "no wire story of the pool aligned with this article: audited on its own, the "
    "rules that compare with the wire did not run"
)


def audit(
    articles: Sequence[Document],
    wires: Sequence[Document] | None = None,
    options: AuditOptions = AuditOptions(),
    jobs: int = 1,
    progress: Callable[[], None] | None = None,
) -> list[FileResult]:
    """Audit ``articles`` against ``wires`` (or, when ``wires`` is None, against each other).

    ``jobs`` > 1 runs the per-article work in that many processes; the results are the same,
    in the same order. ``progress`` is called once per finished article.
    """
    if wires is not None:
        pool = prepare(wires, options, jobs)
        return corroborated(list(audit_stream(pool, articles, jobs, progress=progress)), options)
    run = _Run(articles=tuple(articles), options=options)
    everyone = range(len(run.articles))
    run.languages = _languages([d.text for d in run.articles], jobs, run)
    english = [i for i in everyone if is_english(run.languages[i])]
    _index(run, [run.articles[i] for i in english])
    run.plans = _auto_plans(run, english, jobs)
    run.min_share = AUTO_MIN_SHARE
    run.alignments = dict(zip(english, _map(_align_one, english, jobs, run)))
    run.roles = _roles(run, english)
    return _map(_audit_one, everyone, jobs, run, progress=progress)


def corroborated(results: Sequence[FileResult], options: AuditOptions) -> list[FileResult]:
    """Findings shared by most translations of one wire are the wire's (``corroborate.py``);
    those then under the reporting confidence go. For results collected from a wire pool."""
    kept = corroborate(
        results,
        {r.code: r.corroborated for r in options.rules if r.corroborated},
        options.threshold,
        options.fail_on,
    )
    return [_above(r, options.min_confidence) for r in kept]


def _above(result: FileResult, min_confidence: float) -> FileResult:
    findings = tuple(f for f in result.findings if f.confidence >= min_confidence)
    return result if len(findings) == len(result.findings) else replace(result, findings=findings)


def prepare(
    wires: Sequence[Document], options: AuditOptions = AuditOptions(), jobs: int = 1
) -> "_Run":
    """The state a wire-pool run shares between articles: the index of the English wires and
    the names they contain. Each article is then audited on its own (``audit_documents``), so
    articles can be streamed through in batches, here or on other machines."""
    run = _Run(articles=(), options=options)
    wire_languages = _languages([w.text for w in wires], jobs, run)
    _index(run, [w for w, lang in zip(wires, wire_languages) if is_english(lang)])
    run.names = _pool_names(run.index.wires) | options.accept_names
    word_frequency.preload("small", "large")  # read once here, shared by the forked workers
    run.min_share = WIRE_MIN_SHARE
    run.pool_given = True
    return run


STREAM_BATCH = 256  # articles read ahead of the auditing processes, at most
TASK_ARTICLES = 4  # articles sent to a process at a time (fewer round trips, even load)


def audit_stream(
    pool: "_Run",
    documents: Iterable[Document],
    jobs: int = 1,
    progress: Callable[[], None] | None = None,
    batch: int = STREAM_BATCH,
) -> Iterator[FileResult]:
    """One result per document of ``documents`` against the ``pool`` of :func:`prepare`, in
    order, reading at most ``batch`` documents ahead (memory does not grow with their number).

    With ``jobs`` > 1 the processes are forked once for the whole stream, after the pool is
    built: they share its index copy-on-write and keep their caches of wire-side data from one
    article to the next; documents go to them a few at a time.
    """
    documents = iter(documents)
    first = tuple(islice(documents, PARALLEL_MIN))
    if jobs <= 1 or len(first) < PARALLEL_MIN:
        for chunk in batched(chain(first, documents), batch):
            yield from audit_documents(pool, chunk, progress)
        return
    tasks = batched(chain(first, documents), TASK_ARTICLES)
    in_flight = max(2, batch // TASK_ARTICLES)
    with _fork_pool(jobs, pool, guard=False) as executor:
        pending: deque = deque()  # (future, the documents sent)
        for task in islice(tasks, in_flight):
            pending.append((executor.submit(_audit_task, task), task))
        wire_sentences = {path: doc.sentences for path, doc in pool.wire_docs.items()}
        try:
            while pending:
                future, sent = pending.popleft()
                packed = _guarded_result(executor, future)
                for task in islice(tasks, 1):
                    pending.append((executor.submit(_audit_task, task), task))
                for doc, fields in zip(sent, packed):
                    yield _tick(_unpacked(fields, doc, wire_sentences), progress)
        finally:  # a consumer that stops early does not wait for the articles read ahead
            for future, _ in pending:
                future.cancel()


def _audit_task(documents: tuple[Document, ...]) -> list[dict]:
    return [_packed(audit_document(doc)) for doc in documents]


# A result comes back from a worker process as its dictionary of fields, its alignment and its
# adequacy estimates as columns of plain values (pickled and unpickled in C, where thousands of
# small objects each cost a reduction and an attribute dictionary), and its sentence pairs
# without their Sentence objects: the main process has the article and the wires already, and
# copying every aligned wire sentence back cost more to pickle and unpickle than the rest.
_PARAGRAPH_ALIGNMENT = attrgetter("paragraph", "wire_path", "wire_paragraphs", "similarity")
_PAIR = attrgetter("sentence.index", "wire_path", "wire_sentences", "similarity")
_ADEQUACY = attrgetter("start", "end", "similarity", "penalty")
_INDEX = attrgetter("index")


def _packed(result: FileResult) -> dict:
    """``result``'s fields, with ``alignment`` as (paragraphs, sentence pairs, nearest) and
    ``adequacy`` in columns; a sentence pair's sentences as their indices."""
    alignment = result.alignment
    s_index, s_path, s_wire, s_similarity = columns(alignment.sentences, _PAIR, 4)
    wire_indices = tuple(map(tuple, map(map, repeat(_INDEX), s_wire)))
    fields = dict(vars(result))
    fields["alignment"] = (
        columns(alignment.paragraphs, _PARAGRAPH_ALIGNMENT, 4),
        (s_index, s_path, wire_indices, s_similarity),
        columns(alignment.nearest, _PARAGRAPH_ALIGNMENT, 4),
    )
    fields["adequacy"] = columns(result.adequacy, _ADEQUACY, 4)
    return fields


def _unpacked(fields: dict, doc: Document, wire_sentences: dict[str, tuple]) -> FileResult:
    """The inverse of :func:`_packed`, with ``doc`` the article audited."""
    paragraphs, (s_index, s_path, wire_indices, s_similarity), nearest = fields["alignment"]
    article = doc.sentences
    pairs = instances(SentencePair, [
        {"sentence": article[a], "wire_sentences": tuple(map(wire_sentences[path].__getitem__, w)),
         "wire_path": path, "similarity": similarity}
        for a, path, w, similarity in zip(s_index, s_path, wire_indices, s_similarity)
    ])
    alignment = {"paragraphs": _paragraph_alignments(paragraphs), "sentences": tuple(pairs),
                 "nearest": _paragraph_alignments(nearest)}
    fields["alignment"] = instances(Alignment, [alignment])[0]
    fields["adequacy"] = tuple(instances(Adequacy, [
        {"start": start, "end": end, "similarity": similarity, "penalty": penalty}
        for start, end, similarity, penalty in zip(*fields["adequacy"])
    ]))
    return instances(FileResult, [fields])[0]


def _paragraph_alignments(packed: tuple) -> tuple[ParagraphAlignment, ...]:
    return tuple(instances(ParagraphAlignment, [
        {"paragraph": p, "wire_path": path, "wire_paragraphs": w, "similarity": similarity}
        for p, path, w, similarity in zip(*packed)
    ]))


def batched(items: Iterable, size: int) -> Iterator[tuple]:
    """``items`` in tuples of ``size`` (the last may be shorter), read lazily (3.11 has no
    ``itertools.batched``)."""
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def audit_documents(
    pool: "_Run", documents: Sequence[Document], progress: Callable[[], None] | None = None
) -> list[FileResult]:
    """``documents`` against the ``pool`` of :func:`prepare`, in this process (also a remote
    task on a Dask worker, whose threads may run several such tasks at once: the pool is passed
    down, not set as the process's current run)."""
    return [_tick(audit_document(doc, pool), progress) for doc in documents]


def audit_document(doc: Document, run: "_Run | None" = None) -> FileResult:
    """One article against the wire pool ``run`` (by default the current run of this process,
    which forked workers inherit; wire mode)."""
    if run is None:
        run = _RUN
    language = detect_language(doc.text)
    if not is_english(language):  # not English: no comparison
        result = _result(doc, Role.CANDIDATE, language, Alignment(), frozenset(), run)
    else:
        alignment = align(doc, run.index, _excluding(run.position.get(doc.path)))
        result = _result(doc, Role.CANDIDATE, language, alignment, run.names, run)
    _count_article(run)
    return result


# Caches that fill mostly with the articles' own sentences and texts, which later articles do
# not ask for again. A process that audits a long stream empties them every so many articles,
# so that its memory stays bounded (the wire-side tables, names and n-grams are kept). Emptying
# a cache of a pure function never changes a result.
ARTICLES_BETWEEN_RELEASES = 256
_ARTICLE_CACHES = (
    sentence_tokens,
    sentence_names,
    content_terms,
    quantities,
    written_numbers,
    is_boilerplate,
    is_variant,
    detect_language,
)
_audited_since_release = 0


def _count_article(run: "_Run") -> None:
    global _audited_since_release
    _audited_since_release += 1
    if _audited_since_release >= ARTICLES_BETWEEN_RELEASES:
        _audited_since_release = 0
        for cached in _ARTICLE_CACHES:
            cached.cache_clear()
        run.index.forget_article_terms()


def _index(run: "_Run", pool: Sequence[Document]) -> None:
    run.index = WireIndex(pool)
    run.wire_docs = {w.path: w for w in pool}
    run.position = {w.path: i for i, w in enumerate(pool)}


@dataclass
class _Run:
    """What the per-article workers share (inherited by forked processes; in wire mode, without
    ``options.grammar``, picklable: a Dask cluster receives it once per worker)."""

    articles: tuple[Document, ...]
    options: AuditOptions
    languages: list[str] = field(default_factory=list)
    index: WireIndex | None = None
    plans: dict = field(default_factory=dict)
    min_share: float = WIRE_MIN_SHARE
    alignments: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    wire_docs: dict = field(default_factory=dict)  # pool documents by path
    position: dict = field(default_factory=dict)  # pool index of each document path
    pool_given: bool = False  # a wire pool, not auto mode
    names: frozenset = frozenset()  # wire mode: the pool's names


_RUN: _Run | None = None
PARALLEL_MIN = 16  # below this many items a process pool costs more than it saves
# Language identification of English text is a quick count of function words (0.15 ms a file);
# other text goes to langdetect (milliseconds). Starting and joining a process pool costs 50-90
# ms: 100 English wires took 14-28 ms in one process against 47-92 ms with --jobs 2. So texts
# are identified here until LANGID_SERIAL_SECONDS have passed, and only the rest, if any, in
# processes.
LANGID_SERIAL_SECONDS = 0.1


def _languages(texts: list[str], jobs: int, run: _Run) -> list[str]:
    found: list[str] = []
    deadline = time.perf_counter() + LANGID_SERIAL_SECONDS
    for text in texts:
        if jobs > 1 and time.perf_counter() > deadline:
            return found + _map(detect_language, texts[len(found):], jobs, run)
        found.append(detect_language(text))
    return found


def _map(function, items, jobs: int, run: _Run, progress: Callable[[], None] | None = None) -> list:
    """``function`` over ``items`` with ``run`` as shared state, in order, maybe in processes.

    Workers die with the main process: SIGTERM or Ctrl-C to it stops them and exits 143 or 130
    (no report is written yet, so there is nothing else to clean up), and they end themselves
    when it dies otherwise (even by SIGKILL).
    """
    global _RUN
    _RUN = run
    items = list(items)
    try:
        if jobs <= 1 or len(items) < PARALLEL_MIN:
            outputs = (function(item) for item in items)
            return [_tick(o, progress) for o in outputs]
        chunk = max(1, len(items) // (jobs * 8))
        with _fork_pool(jobs, run) as executor:
            return [_tick(o, progress) for o in executor.map(function, items, chunksize=chunk)]
    finally:
        _RUN = None


@contextlib.contextmanager
def _fork_pool(jobs: int, run: _Run, guard: bool = True) -> Iterator[ProcessPoolExecutor]:
    """``jobs`` forked processes that inherit ``run`` as their shared state. With ``guard``,
    SIGTERM and Ctrl-C stop them and the main process while the pool is open (see
    :func:`_on_signals`); without, the caller guards its own waits (:func:`_guarded_result`)."""
    global _RUN
    _RUN = run
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
        ) as executor:
            previous = _on_signals(executor) if guard else {}
            try:
                yield executor
            finally:
                _restore(previous)
    finally:
        _RUN = None


def _guarded_result(executor: ProcessPoolExecutor, future):
    """``future.result()`` with SIGTERM and Ctrl-C stopping the workers and the main process
    while it waits; between waits (a stream's consumer at work) the caller's handlers hold."""
    previous = _on_signals(executor)
    try:
        return future.result()
    finally:
        _restore(previous)


def _restore(handlers: dict) -> None:
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


_PR_SET_PDEATHSIG = 1
_STOPPING = (signal.SIGTERM, signal.SIGINT)


def _worker_init(parent: int) -> None:
    """In each worker: die when the main process dies, leave Ctrl-C to the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the check below remains
            pass
    if os.getppid() != parent:  # the main process died before the death signal was armed
        os._exit(1)


def _on_signals(executor: ProcessPoolExecutor) -> dict:
    """While ``executor`` runs, SIGTERM and SIGINT stop its workers and exit 128 + signal.

    Exiting at once (``os._exit``) rather than raising: an exception thrown into the pool's
    bookkeeping leaves its manager thread printing tracebacks. Returns the replaced handlers.
    Only the main thread may set handlers; elsewhere the workers' death signal still holds.
    """
    if threading.current_thread() is not threading.main_thread():
        return {}
    owner = os.getpid()

    def stop(signum, frame):
        if os.getpid() == owner:  # (a worker forked before its initializer reset the handler)
            for process in list((getattr(executor, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    os.kill(process.pid, signal.SIGKILL)
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
        os._exit(128 + signum)

    previous = {}
    for signum in _STOPPING:
        handler = signal.getsignal(signum)
        if handler is signal.SIG_IGN or handler is None:  # ignored on purpose (nohup): keep it
            continue
        previous[signum] = handler
        signal.signal(signum, stop)
    return previous


def _tick(value, progress):
    if progress is not None:
        progress()
    return value


def _align_one(i: int) -> Alignment:
    return align(_RUN.articles[i], _RUN.index, _RUN.plans[i].allow)


def _originality_one(i: int) -> float:
    return originality(_RUN.articles[i], _signals(_RUN.options))


def _against_closest(i: int) -> float:
    """Penalty points per 1,000 words of the wire-comparing rules, ``i`` against its closest file.

    Asymmetric where it matters: a name translated as words shows only in the translation
    audited against the original, never the other way round.
    """
    run = _RUN
    doc = run.articles[i]
    alignment = align(doc, run.index, _excluding(run.position[doc.path]))
    if _aligned_share(doc, alignment) < AUTO_MIN_SHARE:
        return 0.0
    partner = run.wire_docs[alignment.main_wire]
    ctx = AuditContext(doc, alignment, _pool_names([partner]), wires=run.wire_docs)
    comparing = [r for r in run.options.rules if r.needs_wire]
    return per_thousand_words(
        penalty(f for rule in comparing for f in rule.run(ctx)), count_words(doc.text)
    )


def _audit_one(i: int) -> FileResult:
    """One article's result. Auto mode has aligned it already and may have made it a wire."""
    run = _RUN
    doc, language = run.articles[i], run.languages[i]
    if i not in run.plans:  # not English: no comparison
        return _result(doc, Role.CANDIDATE, language, Alignment(), frozenset(), run)
    role = run.roles.get(i, Role.CANDIDATE)
    if role is Role.WIRE:
        alignment = Alignment()
    else:
        alignment = run.alignments[i] if i in run.alignments else _align_one(i)
    return _result(doc, role, language, alignment, run.plans[i].names, run)


@dataclass(frozen=True)
class _Plan:
    allow: Callable[[int], bool] | None
    names: frozenset[str]


def _excluding(wire: int | None) -> Callable[[int], bool] | None:
    """An article that is also in the wire pool must not be its own wire."""
    return None if wire is None else (lambda w: w != wire)


def _pool_names(pool: Sequence[Document]) -> frozenset[str]:
    """The folded names of the wires' sentences, redactions left out.

    What the name rules want to know about a wire sentence itself is worked out when an
    article aligns to it, in the process that audits the article: working it out here for
    every wire, before the processes fork, cost serial time for wires no article takes (a
    quarter of the cost of a pool four times larger) and saved no time when all are taken
    (the processes work in parallel)."""
    names = set()
    for d in pool:
        for s in d.sentences:
            names.update(fold(t.bare) for t in sentence_names(s) if not is_redaction(t.bare))
    return frozenset(names)


def _signals(options: AuditOptions) -> tuple[Rule, ...]:
    return tuple(r for r in options.rules if r.translation_signal) or tuple(
        r for r in ALL_RULES if r.translation_signal
    )


def _auto_plans(run: _Run, english: list[int], jobs: int) -> dict[int, _Plan]:
    """Rank files by originality; each may be compared only with files ranked above it."""
    scores = dict(zip(english, _map(_originality_one, english, jobs, run)))
    evidence = dict(zip(english, _map(_against_closest, english, jobs, run)))
    # Eligibility to be a wire rests on the file alone; the order also weighs how much each
    # file shows, audited against its closest file, of what translations show against originals.
    ranked = sorted(english, key=lambda i: (-(scores[i] - evidence[i]), run.articles[i].path))
    rank = {
        i: r if scores[i] >= -WIRE_MAX_ARTIFACTS else len(english) for r, i in enumerate(ranked)
    }
    wire_rank = {w: rank[i] for w, i in enumerate(english)}  # index position -> rank
    doc_names = {i: _pool_names([run.articles[i]]) for i in english}
    plans = {}
    for i in english:
        above = [j for j in english if rank[j] < rank[i]]
        allowed = frozenset(w for w, r in wire_rank.items() if r < rank[i])
        names = frozenset().union(*(doc_names[j] for j in above)) | run.options.accept_names
        plans[i] = _Plan(allowed.__contains__, names)
    return plans


def originality(doc: Document, signals: Sequence[Rule]) -> float:
    """How much a file looks like an original wire story rather than a translation of one."""
    ctx = AuditContext(doc)
    artifacts = per_thousand_words(
        penalty(f for rule in signals for f in rule.run(ctx)), count_words(doc.text)
    )
    markers = 0.0
    if has_redaction(doc.text):
        markers += 100.0  # agencies redact names in the copy they distribute
    if any(_DATELINE.match(p.text) for p in doc.paragraphs[:3]):
        markers += 20.0
    return markers - artifacts


def _roles(run: _Run, english: list[int]) -> dict[int, Role]:
    """In auto mode, a file picked as the main wire of another is a wire."""
    roles = {i: Role.CANDIDATE for i in english}
    position = {run.articles[i].path: i for i in english}
    for i in english:
        alignment = run.alignments[i]
        if _aligned_share(run.articles[i], alignment) >= AUTO_MIN_SHARE and alignment.main_wire:
            roles[position[alignment.main_wire]] = Role.WIRE
    return roles


def _aligned_share(doc: Document, alignment: Alignment) -> float:
    return len(alignment.paragraphs) / len(doc.paragraphs) if doc.paragraphs else 0.0


def _result(
    doc: Document, role: Role, language: str, alignment: Alignment, names: frozenset[str], run: _Run
) -> FileResult:
    options = run.options
    wires = run.wire_docs
    share = _aligned_share(doc, alignment)
    if role is Role.CANDIDATE and share < run.min_share:
        alignment = Alignment()  # a few chance matches are no evidence of translation
        share = 0.0
    checked = None  # None: no LanguageTool in this run; False: this file was not checked
    grammar = None
    if options.grammar is not None and is_english(language):
        matches = options.grammar(doc.text)  # None when LanguageTool failed (run-wide)
        checked = matches is not None
        grammar = (lambda _text: matches) if checked else None  # NA911-913 run without it
    ctx = AuditContext(
        doc,
        alignment,
        names,
        is_wire=role is Role.WIRE,
        language=language,
        grammar=grammar,
        wires=wires,
    )
    findings, failures = run_rules(ctx, options)
    words = count_words(doc.text)
    adequacy = estimate_adequacy(doc, alignment, wires) if is_english(language) else ()
    file_score = score(findings, words, sum(a.penalty for a in adequacy))
    unmatched = run.pool_given and is_english(language) and not alignment.paragraphs
    # an article that is not in English fails whatever its length: it was not translated
    failed = not is_english(language) or (unmatched and options.require_wire)
    return FileResult(
        path=doc.path,
        role=role,
        language=language,
        words=words,
        score=file_score,
        verdict=Verdict.FAIL
        if failed
        else verdict(file_score, findings, options.threshold, options.fail_on),
        findings=tuple(findings),
        alignment=alignment,
        wire=alignment.main_wire,
        aligned_share=round(share, 4),
        notices=doc.notices + ((NO_WIRE,) if unmatched else ()) + failures,
        adequacy=adequacy,
        grammar_checked=checked,
    )


def run_rules(ctx: AuditContext, options: AuditOptions) -> tuple[list[Finding], tuple[str, ...]]:
    """All selected rules on one article; one finding per span (the most severe wins). Also a
    notice for each rule that failed on the article: a rule's bug on text nobody foresaw costs
    that rule's findings for the file, not the run."""
    if not is_english(ctx.language):
        rules = [r for r in options.rules if r.any_language]
    else:
        rules = list(options.rules)
    found: list[Finding] = []
    failures: list[str] = []
    for rule in rules:
        try:
            found.extend(list(rule.run(ctx)))  # all of a rule's findings, or none
        except Exception as exc:  # noqa: BLE001 - reported on the file, see above
            failures.append(f"rule {rule.code} failed on this file ({type(exc).__name__}: "
                            f"{exc}); its findings are missing: please report it with the file")
    found = [
        _override(f, options.severity_overrides)
        for f in found
        if f.confidence >= options.min_confidence
        and not (f.rule in _NAME_RULES and fold(f.text) in options.accept_names)
    ]
    best: dict[tuple[int, int], Finding] = {}
    for f in found:
        key = (f.start, f.end)
        if key not in best or f.severity.rank > best[key].severity.rank:
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.start, f.end, f.rule)), tuple(failures)


_NAME_RULES = frozenset(r.code for r in ALL_RULES if r.about_names)


def _override(finding: Finding, overrides: dict[str, Severity]) -> Finding:
    severity = overrides.get(finding.rule) or overrides.get(finding.name)
    return replace(finding, severity=severity) if severity else finding
