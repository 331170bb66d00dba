"""Frozen data types that flow through the pipeline: documents, findings, results.

Everything between reading the files and printing the report passes these values around;
nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum
from itertools import accumulate, chain, repeat
from operator import attrgetter
from typing import Callable, Sequence


class Severity(str, Enum):
    """MQM severities, ordered from least to most serious."""

    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


class Verdict(StrEnum):
    """A file's verdict; compares and serialises as its plain string value."""

    PASS = "pass"
    FAIL = "fail"


class Role(str, Enum):
    CANDIDATE = "candidate"
    WIRE = "wire"


@dataclass(frozen=True)
class Sentence:
    """One sentence; ``start``/``end`` index the file's decoded text."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Document:
    """A decoded input file, segmented. ``notices`` are non-fatal remarks from reading it."""

    path: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    notices: tuple[str, ...] = ()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    def __reduce_ex__(self, protocol):
        """Pickled as its text and its parts' other fields: the parts' texts are slices of the
        document's, cut again on loading. A third of the bytes of every paragraph and sentence
        with its own copy of the text, and a third less work to pickle (in the main process of
        ``--jobs``; as much to unpickle). A document whose parts' texts are not those slices
        (one not made by ``segment``) is pickled field by field."""
        columns = _columns(self)
        if columns is None:
            return super().__reduce_ex__(protocol)
        return document_from_columns, (self.path, self.text, self.notices, *columns)


# Document pickling (``Document.__reduce_ex__``) works on the fields of all paragraphs or all
# sentences at once, each loop in C (map, zip, attrgetter): a Python loop over each part cost
# more than the pickle module's own copy of every text.
_PARAGRAPH_FIELDS = attrgetter("index", "start", "end", "text", "sentences")
_SENTENCE_FIELDS = attrgetter("index", "paragraph", "start", "end", "text")


def _columns(doc: Document) -> tuple | None:
    """The document's paragraph fields and sentence fields as columns, texts and sentences
    left out, when each text is the slice of ``doc.text`` between its offsets; else None."""
    text, paragraphs = doc.text, doc.paragraphs
    if type(text) is not str or type(paragraphs) is not tuple:
        return None
    p_index, p_start, p_end, p_text, p_sentences = columns(paragraphs, _PARAGRAPH_FIELDS, 5)
    if set(map(type, p_sentences)) - {tuple}:
        return None
    sentences = tuple(chain.from_iterable(p_sentences))
    s_index, s_paragraph, s_start, s_end, s_text = columns(sentences, _SENTENCE_FIELDS, 5)
    if (
        set(map(type, paragraphs)) - {Paragraph}
        or set(map(type, sentences)) - {Sentence}
        or not _are_slices(text, p_text, p_start, p_end)
        or not _are_slices(text, s_text, s_start, s_end)
    ):
        return None
    p_count = tuple(map(len, p_sentences))
    return p_index, p_start, p_end, p_count, s_index, s_paragraph, s_start, s_end


def _are_slices(text: str, texts: tuple, starts: tuple, ends: tuple) -> bool:
    """Whether each of ``texts`` is a plain str equal to ``text[start:end]``, with plain int
    offsets (the slices cut on loading are then the same values)."""
    return (
        not set(map(type, texts)) - {str}
        and not set(map(type, starts + ends)) - {int}
        and list(map(text.__getitem__, map(slice, starts, ends))) == list(texts)
    )


def document_from_columns(
    path, text, notices, p_index, p_start, p_end, p_count, s_index, s_paragraph, s_start, s_end
) -> Document:
    """The document whose paragraphs and sentences have these fields, given as columns (a
    paragraph's sentences as their count, in order), each text cut from ``text``: what
    ``segment`` makes, and what ``Document.__reduce_ex__`` pickles."""
    s_text = map(text.__getitem__, map(slice, s_start, s_end))
    sentences = tuple(instances(Sentence, [
        {"index": i, "paragraph": p, "start": start, "end": end, "text": t}
        for i, p, start, end, t in zip(s_index, s_paragraph, s_start, s_end, s_text)
    ]))
    firsts = list(accumulate(p_count, initial=0))  # each paragraph's first sentence
    grouped = map(sentences.__getitem__, map(slice, firsts, firsts[1:]))
    p_text = map(text.__getitem__, map(slice, p_start, p_end))
    paragraphs = instances(Paragraph, [
        {"index": i, "start": start, "end": end, "text": t, "sentences": group}
        for i, start, end, t, group in zip(p_index, p_start, p_end, p_text, grouped)
    ])
    fields = {"path": path, "text": text, "paragraphs": tuple(paragraphs), "notices": notices}
    return instances(Document, [fields])[0]


def columns(items: Sequence, fields: Callable[[object], tuple], width: int) -> tuple:
    """The ``width`` values ``fields`` gives for each of ``items``, as ``width`` tuples (one per
    field), in one loop in C. With no items, ``width`` empty tuples."""
    return tuple(zip(*map(fields, items))) or ((),) * width


def instances(cls: type, fields: list[dict]) -> list:
    """Objects of the dataclass ``cls``, one per dictionary of its fields (in their order), made
    as its ``__init__`` would make them but without its Python code (for a frozen class, one
    ``object.__setattr__`` call per field): each a new object given its attribute dictionary,
    which becomes the object's own. For the many small parts of a document or a result."""
    made = list(map(object.__new__, repeat(cls, len(fields))))
    for _ in map(object.__setattr__, made, repeat("__dict__"), fields):  # a loop in C
        pass
    return made


@dataclass(frozen=True)
class Finding:
    """One problem in one file: what rule fired, where, and the evidence for it."""

    rule: str
    name: str
    category: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    evidence: str | None = None
    minor_weight: float = 1.0  # MQM points when minor (0.1 for punctuation), from the rule
    confidence: float = 1.0  # how sure the rule is, from its evidence (0-1)


@dataclass(frozen=True)
class SentencePair:
    """An article sentence and the wire sentence(s) it was aligned to."""

    sentence: Sentence
    wire_sentences: tuple[Sentence, ...]
    wire_path: str
    similarity: float

    @property
    def wire_text(self) -> str:
        sentences = self.wire_sentences
        if len(sentences) == 1:  # most pairs: no joining (rules ask for it over and over)
            return sentences[0].text
        return " ".join(s.text for s in sentences)


@dataclass(frozen=True)
class ParagraphAlignment:
    """An article paragraph aligned to one or two consecutive paragraphs of one wire."""

    paragraph: int
    wire_path: str
    wire_paragraphs: tuple[int, ...]
    similarity: float


@dataclass(frozen=True)
class Alignment:
    paragraphs: tuple[ParagraphAlignment, ...] = ()
    sentences: tuple[SentencePair, ...] = ()
    nearest: tuple[
        ParagraphAlignment, ...
    ] = ()  # unaligned paragraphs: closest main-wire paragraph

    @property
    def main_wire(self) -> str | None:
        """The wire most of the article aligned to (by paragraph count, then similarity)."""
        weight: dict[str, float] = {}
        for p in self.paragraphs:
            weight[p.wire_path] = weight.get(p.wire_path, 0.0) + 1.0 + p.similarity
        return max(sorted(weight), key=weight.__getitem__) if weight else None


@dataclass(frozen=True)
class Adequacy:
    """The adequacy estimate of one article sentence against its aligned wire text."""

    start: int
    end: int
    similarity: float
    penalty: float


@dataclass(frozen=True)
class FileResult:
    path: str
    role: Role
    language: str
    words: int
    score: float
    verdict: Verdict
    findings: tuple[Finding, ...]
    alignment: Alignment = field(default_factory=Alignment)
    wire: str | None = None
    aligned_share: float = 0.0
    notices: tuple[str, ...] = ()
    error: str | None = None
    adequacy: tuple[Adequacy, ...] = ()
    grammar_checked: bool | None = None  # LanguageTool: None not in this run, False failed here

    @property
    def adequacy_penalty(self) -> float:
        return round(sum(a.penalty for a in self.adequacy), 4)
