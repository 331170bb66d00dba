"""The library entry: one call from paths to a ``Report`` (yamllint's ``linter.run``).

``run(articles, wires, settings)`` expands the paths, reads and decodes the files, extracts the
visible text of HTML, segments, audits (``audit.audit``, the pure pipeline), maps positions back
into HTML files, and applies a baseline. The CLI, the HTML report and other front ends call it
and only render what it returns; nothing here prints or exits.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from . import archive
from . import baseline as baselines
from .audit import AuditOptions, audit, audit_stream, corroborated, prepare
from .config import Settings
from .grammar import GrammarStatus, find_grammar_checker
from .inputs import InputError, Source, expand, read_source
from .langid import detect_language, is_english
from .markup import Extracted, extract, is_html
from .markup import to_source as markup_to_source
from .model import Document, FileResult, Role, Verdict
from .segment import segment

Progress = Callable[[int, int], None]   # (articles done, articles in all)
NEEDS_WIRE = ("--scheduler needs a wire pool (--wire): without one the articles are compared "
              "with each other, which runs on this machine only")


class UsageError(Exception):
    """The run cannot start (a missing path, no article files, a bad baseline): one line."""


@dataclass(frozen=True)
class Report:
    """What a run found: one result per article, in the order the paths gave them."""

    files: tuple[FileResult, ...]
    texts: Mapping[str, str]            # each article's decoded text: what offsets index
    documents: Mapping[str, Document]   # segmented articles and wires, by path
    grammar: GrammarStatus
    settings: Settings
    messages: tuple[str, ...] = ()      # one line per input that could not be used
    input_errors: bool = False          # an article could not be read: exit 2
    metadata: Mapping[str, dict] = field(default_factory=dict)  # archive records' id and keys


@dataclass(frozen=True)
class Item:
    """One article's outcome in a streamed run (``run_stream``)."""

    result: FileResult
    text: str                          # the article's decoded text: what offsets index
    document: Document | None = None   # the segmented article (None: it could not be read)
    metadata: dict | None = None       # an archive record's id and other keys


class Stream:
    """A run whose results come one article at a time, in input order.

    ``messages`` is known before the first article (wires left out of the pool); iterating
    yields one :class:`Item` per article; ``input_errors`` is true once an article that could
    not be read has passed. Nothing but the items in flight is kept.
    """

    def __init__(self, items: Iterator[Item], messages: Sequence[str], grammar,
                 settings: Settings, wires: Mapping[str, Document],
                 options: AuditOptions | None = None, input_errors: bool = False):
        self._items = items
        self.messages = tuple(messages)
        self._grammar = grammar    # a GrammarChecker, or a final GrammarStatus
        self.settings = settings
        self.wires = wires
        self.options = options
        self.input_errors = input_errors
        self.unchecked = 0         # files LanguageTool did not check after all

    @property
    def grammar(self) -> GrammarStatus:
        """Whether grammar was checked, as far as the run has gone."""
        if isinstance(self._grammar, GrammarStatus):
            return self._grammar
        return self._grammar.final_status(self.unchecked)

    def __iter__(self) -> Iterator[Item]:
        for item in self._items:
            if item.result.error:
                self.input_errors = True
            if item.result.grammar_checked is False:
                self.unchecked += 1
            yield item

    def close(self) -> None:
        """Stop early: release the processes or cluster connection the run holds."""
        close = getattr(self._items, "close", None)
        if close is not None:
            close()


def run(articles: Sequence[str], wires: Sequence[str] = (), settings: Settings = Settings(),
        progress: Progress | None = None) -> Report:
    """Audit the article files or folders ``articles`` ("-" is stdin) against ``wires``.

    Without wires (neither given nor in ``settings.wire``), the files are compared with each
    other. JSON Lines and Parquet archives hold one article per record. Raises ``UsageError``
    when the run cannot start.
    """
    article_paths, wire_paths, problems = _resolve_paths(
        list(articles), list(wires) or list(settings.wire), settings)
    if wire_paths:
        return _collect(_run_stream(article_paths, wire_paths, problems, settings, progress))
    if settings.scheduler:
        raise UsageError(NEEDS_WIRE)
    sources = list(_sources(article_paths, settings))
    recorded = _read_baseline(settings.baseline) if settings.baseline else None
    grammar = find_grammar_checker(settings.languagetool_url)
    options = _options(settings, grammar)
    extracted = {s.path: extract(s.text) for s in sources if _is_html(s)}
    documents = [_document(s, extracted) for s in sources if s.text is not None]
    try:
        audited = {r.path: r for r in audit(documents, None, options, jobs=settings.jobs,
                                            progress=_counter(progress, len(documents)))}
    finally:
        grammar.close()  # stops a LanguageTool server started for this run
    unchecked = sum(1 for r in audited.values() if r.grammar_checked is False)
    results = [_to_source(audited[s.path], s, extracted) if s.path in audited
               else _error_result(s) for s in sources]
    texts = {s.path: s.text or "" for s in sources}
    if recorded is not None:
        results = baselines.apply(results, texts, recorded, settings.threshold, settings.fail_on,
                                  root=_folder_of(settings.baseline))
    messages = problems + [f"{s.path}: {s.error}" for s in sources if s.error]
    return Report(files=tuple(results), texts=texts, documents={d.path: d for d in documents},
                  grammar=grammar.final_status(unchecked), settings=settings,
                  messages=tuple(messages),
                  input_errors=bool(problems) or any(s.error for s in sources),
                  metadata={s.path: s.metadata for s in sources if s.metadata is not None})


def run_stream(articles: Sequence[str], wires: Sequence[str] = (),
               settings: Settings = Settings(), progress: Progress | None = None) -> Stream:
    """Like :func:`run`, but the results come one article at a time, in input order.

    With a wire pool, articles (files, or records of JSON Lines / Parquet archives) are read,
    audited and handed back in batches: memory holds the wire index and the articles in flight,
    not the whole run. With ``settings.scheduler`` the audits run on that Dask cluster. Without
    a wire pool the articles are compared with each other: the whole run is done first.
    Raises ``UsageError`` when the run cannot start (a Dask scheduler that does not answer too).
    Corroboration across articles (``corroborate.py``) needs the whole run: results streamed
    one by one are final as they come, without it.
    """
    article_paths, wire_paths, problems = _resolve_paths(
        list(articles), list(wires) or list(settings.wire), settings)
    if not wire_paths:
        if settings.scheduler:
            raise UsageError(NEEDS_WIRE)
        report = run(articles, wires, settings, progress)
        items = (Item(r, report.texts.get(r.path, ""), report.documents.get(r.path),
                      report.metadata.get(r.path)) for r in report.files)
        stream = Stream(items, report.messages, report.grammar, settings, {})
        stream.input_errors = report.input_errors
        return stream
    return _run_stream(article_paths, wire_paths, problems, settings, progress)


def _run_stream(article_paths: list[str], wire_paths: list[str], problems: list[str],
                settings: Settings, progress: Progress | None) -> Stream:
    recorded = _read_baseline(settings.baseline) if settings.baseline else None
    grammar = find_grammar_checker(settings.languagetool_url)
    options = _options(settings, grammar)
    wire_sources = list(_sources(wire_paths, settings))
    extracted = {s.path: extract(s.text) for s in wire_sources if _is_html(s)}
    wire_docs = [_document(s, extracted) for s in wire_sources if s.text is not None]
    messages = problems + [f"wire {s.path}: {s.error}" for s in wire_sources if s.error]
    wire_docs, rejected = _usable_wires(wire_docs, wire_sources)
    messages += rejected
    messages += [f"wire {s.path}: {notice}" for s in wire_sources if not s.error
                 for notice in s.notices]
    pool = prepare(wire_docs, options, settings.jobs)
    total = sum(archive.count_records(p) if archive.is_archive(p) else 1 for p in article_paths)
    close = grammar.close   # stops a LanguageTool server started for this run
    if settings.scheduler:
        from . import distributed

        auditor = distributed.connect(settings.scheduler, settings.connect_timeout)

        def close() -> None:
            auditor.close()
            grammar.close()

        def audit_all(documents: Iterable[Document]) -> Iterator[FileResult]:
            return auditor.stream(pool, documents, grammar_url=(
                settings.languagetool_url or "") if grammar.available else None)
    else:
        def audit_all(documents: Iterable[Document]) -> Iterator[FileResult]:
            return audit_stream(pool, documents, settings.jobs)
    items = _stream_items(article_paths, settings, audit_all, recorded,
                          _counter(progress, total), close)
    return Stream(items, messages, grammar, settings, {d.path: d for d in wire_docs}, options,
                  input_errors=bool(problems))


def _stream_items(paths: Sequence[str], settings: Settings,
                  audit_all: Callable[[Iterable[Document]], Iterator[FileResult]],
                  recorded, tick: Callable[[], None] | None,
                  close: Callable[[], None] | None = None) -> Iterator[Item]:
    """One item per article of ``paths``, in order; articles are read only as the auditor asks
    for them, and unreadable ones take their place between the audited ones."""
    pending: deque = deque()   # (source, extracted, document) read but not yet handed back

    def documents() -> Iterator[Document]:
        for source in _sources(paths, settings):
            extracted = extract(source.text) if _is_html(source) else None
            document = (_document(source, {source.path: extracted} if extracted else {})
                        if source.text is not None else None)
            pending.append((source, extracted, document))
            if document is not None:
                yield document

    def item(result: FileResult | None) -> Item:
        source, extracted, document = pending.popleft()
        if result is None:
            result = _error_result(source)
        elif extracted is not None:
            result = markup_to_source(result, extracted, source.text or "")
        text = source.text or ""
        if recorded is not None:
            (result,) = baselines.apply([result], {result.path: text}, recorded,
                                        settings.threshold, settings.fail_on,
                                        root=_folder_of(settings.baseline))
        if tick is not None:
            tick()
        return Item(result, text, document, source.metadata)

    try:
        for result in audit_all(documents()):
            while pending[0][2] is None:
                yield item(None)
            yield item(result)
        while pending:
            yield item(None)
    finally:
        if close is not None:
            close()


def _collect(stream: Stream) -> Report:
    """The whole stream as a report, with differences most translations of a wire share put
    down to the wire (``audit.corroborated``)."""
    items = list(stream)
    if stream.options is not None:
        results = corroborated([i.result for i in items], stream.options)
        items = [Item(r, i.text, i.document, i.metadata) for r, i in zip(results, items)]
    documents = dict(stream.wires)
    documents.update((i.result.path, i.document) for i in items if i.document is not None)
    messages = [*stream.messages, *(f"{i.result.path}: {i.result.error}" for i in items
                                    if i.result.error)]
    return Report(files=tuple(i.result for i in items),
                  texts={i.result.path: i.text for i in items}, documents=documents,
                  grammar=stream.grammar, settings=stream.settings, messages=tuple(messages),
                  input_errors=stream.input_errors,
                  metadata={i.result.path: i.metadata for i in items if i.metadata is not None})


def _sources(paths: Iterable[str], settings: Settings) -> Iterator[Source]:
    """The inputs of ``paths``, read lazily: a file is one, an archive one per record."""
    for p in paths:
        if p != "-" and archive.is_archive(p):
            yield from archive.read_records(p, settings.max_bytes)
        else:
            yield read_source(p, settings.max_bytes,
                              display_name=settings.stdin_filename if p == "-" else None)


def _is_html(source: Source) -> bool:
    """Archive records are plain text whatever their id; files by their name."""
    return source.text is not None and source.metadata is None and is_html(source.path)


def _options(settings: Settings, grammar) -> AuditOptions:
    return AuditOptions(rules=settings.rules, threshold=settings.threshold,
                        fail_on=settings.fail_on, severity_overrides=dict(settings.severity),
                        accept_names=settings.accept_names, require_wire=settings.require_wire,
                        min_confidence=settings.min_confidence,
                        grammar=grammar.matches if grammar.available else None)


def _usable_wires(wires: list[Document], sources: list[Source]) -> tuple[list[Document], list[str]]:
    """The English wires, and a message per wire left out. A pool with no usable wire is a
    usage error: a CI gate must fail closed, not audit every article alone and pass it."""
    usable, messages = [], []
    for wire in wires:
        language = detect_language(wire.text)
        if is_english(language) and wire.sentences:
            usable.append(wire)
        else:
            why = f"not English ({language})" if not is_english(language) else "no text"
            messages.append(f"wire {wire.path}: {why}: left out of the wire pool")
    if not usable:
        unreadable = sum(1 for s in sources if s.error)
        raise UsageError(f"--wire: no usable wire story among {len(sources)} file(s) "
                         f"({unreadable} unreadable, {len(wires) - len(usable)} not English "
                         f"or empty)" + (f"; first: {messages[0]}" if messages else ""))
    return usable, messages


def _resolve_paths(paths: list[str], wire: list[str],
                   settings: Settings) -> tuple[list[str], list[str], list[str]]:
    """Article and wire files, and one line per folder that could not be searched."""
    try:
        article_paths, problems = expand(paths)
        wire_paths, wire_problems = expand(_globbed(wire)) if wire else ([], [])
    except InputError as exc:
        raise UsageError(str(exc)) from None
    problems += [f"wire {p}" for p in wire_problems]
    root = Path(settings.root)

    def matches(path: str, globs) -> bool:
        """Globs match the path relative to the config file's folder (or as given)."""
        relative = os.path.relpath(os.path.abspath(path), root)
        return any(fnmatch(relative, g) or fnmatch(path, g) for g in globs)

    if settings.include:
        article_paths = [p for p in article_paths if p == "-" or matches(p, settings.include)]
    if settings.exclude:
        article_paths = [p for p in article_paths if p == "-" or not matches(p, settings.exclude)]
    wire_set = {os.path.abspath(w) for w in wire_paths}
    article_paths = [p for p in article_paths
                     if p == "-" or os.path.abspath(p) not in wire_set or not wire_paths]
    if not article_paths:
        raise UsageError("no article files (.txt, .md, .html) found in the given paths")
    if wire and not wire_paths:
        raise UsageError(f"--wire {' '.join(wire)}: no wire files (.txt, .md, .html) found")
    return article_paths, wire_paths, problems


def _globbed(patterns: list[str]) -> list[str]:
    """Expand glob patterns (from a config file or an unexpanded shell argument)."""
    out = []
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            base = Path("/" if pattern.startswith("/") else ".")
            matches = sorted(str(p) for p in base.glob(pattern.lstrip("/")))
            if not matches:
                raise UsageError(f"{pattern}: no file matches this wire pattern")
            out.extend(matches)
        else:
            out.append(pattern)
    return out


def _folder_of(path: str) -> str:
    """Baselines store paths relative to their own folder: typed paths need not agree."""
    return str(Path(path).resolve().parent)


def _read_baseline(path: str):
    try:
        return baselines.read(Path(path).read_text(encoding="utf-8"), path, root=_folder_of(path))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not a newsaudit baseline (not UTF-8 text)") from None
    except baselines.BaselineError as exc:
        raise UsageError(str(exc)) from None


def _counter(progress: Progress | None, total: int) -> Callable[[], None] | None:
    if progress is None:
        return None
    done = [0]

    def tick() -> None:
        done[0] += 1
        progress(done[0], total)

    return tick


def _document(source: Source, extracted: Mapping[str, Extracted]) -> Document:
    if source.path in extracted:
        return segment(source.path, extracted[source.path].text, notices=source.notices)
    markdown = source.metadata is None and source.path.lower().endswith((".md", ".markdown"))
    return segment(source.path, source.text or "", markdown=markdown, notices=source.notices)


def _to_source(result: FileResult, source: Source,
               extracted: Mapping[str, Extracted]) -> FileResult:
    """HTML files are audited as their visible text; report positions in the file itself."""
    if source.path not in extracted:
        return result
    return markup_to_source(result, extracted[source.path], source.text or "")


def _error_result(source: Source) -> FileResult:
    return FileResult(path=source.path, role=Role.CANDIDATE, language="unknown", words=0,
                      score=0.0, verdict=Verdict.FAIL, findings=(), notices=source.notices,
                      error=source.error)
