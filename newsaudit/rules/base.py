"""The rule contract: metadata, documentation and a ``check`` generator per rule."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable, Iterator, Mapping

from ..model import Alignment, Document, Finding, Severity

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")


@dataclass(frozen=True)
class AuditContext:
    """What a rule may look at: the article, its alignment, and names known from the wires."""

    doc: Document
    alignment: Alignment = field(default_factory=Alignment)
    wire_names: frozenset[str] = frozenset()   # folded name tokens of the wire pool
    is_wire: bool = False                      # audited as a wire: no comparison rules
    language: str = "en"
    grammar: Callable[[str], list] | None = None   # LanguageTool matches for a text, if available
    wires: Mapping[str, Document] = field(default_factory=dict)  # wire documents by path

    def wire_text(self, path: str, paragraphs: tuple[int, ...]) -> str:
        """The text of aligned wire paragraphs (empty if the wire is unknown)."""
        wire = self.wires.get(path)
        return " ".join(wire.paragraphs[i].text for i in paragraphs) if wire else ""

    def paragraph_alignment(self, paragraph: int):
        return self._alignment_by_paragraph.get(paragraph)

    @cached_property
    def _alignment_by_paragraph(self) -> dict:
        """Paragraph index -> its alignment (the first one listed), built once per context."""
        by_paragraph: dict = {}
        for pa in self.alignment.paragraphs:
            by_paragraph.setdefault(pa.paragraph, pa)
        return by_paragraph


@dataclass(frozen=True)
class Rule:
    """A rule and every fact about it; its ``check`` docstring is its user documentation."""

    code: str
    name: str
    category: str
    severity: Severity
    check: Callable[["Rule", AuditContext], Iterable[Finding]]
    needs_wire: bool = False          # compares with the aligned wire: candidates only
    default: bool = True   # enabled unless selected away; False: only when selected by code or name
    translation_signal: bool = False  # its findings mark a text as translated (auto mode)
    about_names: bool = False         # judges the spelling of names: accept-names silences it
    any_language: bool = False        # runs on articles that are not English too
    needs_service: bool = False       # needs an outside service (LanguageTool) to fire
    # a difference most translations of one wire share is the wire's own (corroborate.py):
    # "text" when they must flag the same words (a number), "place" when the same wire text
    corroborated: str = ""
    minor_weight: float = 1.0         # MQM points of a minor finding (0.1: minor punctuation)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def run(self, ctx: AuditContext) -> Iterator[Finding]:
        if self.needs_wire and (ctx.is_wire or not ctx.alignment.sentences):
            return iter(())
        return iter(self.check(self, ctx))

    def finding(self, ctx: AuditContext, start: int, end: int, message: str,
                evidence: str | None = None, severity: Severity | None = None,
                category: str | None = None, confidence: float = 1.0) -> Finding:
        return Finding(self.code, self.name, category or self.category, severity or self.severity,
                       start, end, ctx.doc.text[start:end], message, evidence,
                       minor_weight=self.minor_weight, confidence=round(confidence, 2))
