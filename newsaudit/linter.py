"""The library entry: one call from paths to a ``Report`` (yamllint's ``linter.run``).

``run(articles, wires, settings)`` expands the paths, reads and decodes the files, extracts the
visible text of HTML, segments, audits (``audit.audit``, the pure pipeline), maps positions back
into HTML files, and applies a baseline. The CLI, the HTML report and other front ends call it
and only render what it returns; nothing here prints or exits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Callable, Mapping, Sequence

from . import baseline as baselines
from .audit import AuditOptions, audit
from .config import Settings
from .grammar import GrammarStatus, find_grammar_checker
from .inputs import InputError, Source, expand, read_source
from .langid import detect_language, is_english
from .markup import Extracted, extract, is_html
from .markup import to_source as markup_to_source
from .model import Document, FileResult, Role, Verdict
from .segment import segment

Progress = Callable[[int, int], None]   # (articles done, articles in all)


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


def run(articles: Sequence[str], wires: Sequence[str] = (), settings: Settings = Settings(),
        progress: Progress | None = None) -> Report:
    """Audit the article files or folders ``articles`` ("-" is stdin) against ``wires``.

    Without wires (neither given nor in ``settings.wire``), the files are compared with each
    other. Raises ``UsageError`` when the run cannot start.
    """
    article_paths, wire_paths, problems = _resolve_paths(
        list(articles), list(wires) or list(settings.wire), settings)
    sources = [read_source(p, settings.max_bytes,
                           display_name=settings.stdin_filename if p == "-" else None)
               for p in article_paths]
    wire_sources = [read_source(p, settings.max_bytes) for p in wire_paths]
    recorded = _read_baseline(settings.baseline) if settings.baseline else None
    grammar = find_grammar_checker(settings.languagetool_url)
    options = AuditOptions(rules=settings.rules, threshold=settings.threshold,
                           fail_on=settings.fail_on, severity_overrides=dict(settings.severity),
                           accept_names=settings.accept_names,
                           require_wire=settings.require_wire,
                           min_confidence=settings.min_confidence,
                           grammar=grammar.matches if grammar.available else None)
    readable = [s for s in sources + wire_sources if s.text is not None]
    extracted = {s.path: extract(s.text) for s in readable if is_html(s.path)}
    documents = [_document(s, extracted) for s in sources if s.text is not None]
    wire_docs = ([_document(s, extracted) for s in wire_sources if s.text is not None]
                 if wire_paths else None)
    messages = problems + [f"wire {s.path}: {s.error}" for s in wire_sources if s.error]
    if wire_docs is not None:
        wire_docs, rejected = _usable_wires(wire_docs, wire_sources)
        messages += rejected
    try:
        audited = {r.path: r for r in audit(documents, wire_docs, options, jobs=settings.jobs,
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
    messages += [f"wire {s.path}: {notice}" for s in wire_sources if not s.error
                 for notice in s.notices]
    messages += [f"{s.path}: {s.error}" for s in sources if s.error]
    return Report(files=tuple(results), texts=texts,
                  documents={d.path: d for d in documents + (wire_docs or [])},
                  grammar=grammar.final_status(unchecked), settings=settings,
                  messages=tuple(messages),
                  input_errors=bool(problems) or any(s.error for s in sources))


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
    markdown = source.path.lower().endswith((".md", ".markdown"))
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
