"""HTML input: the visible article text, with a map from each of its characters to the file.

Rules read clean text (no tags, entities decoded, page furniture such as ``<nav>``, ``<header>``,
``<footer>``, ``<aside>``, scripts and styles left out, one paragraph per block element); reports
point into the HTML file itself, through :func:`to_source`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from .model import Adequacy, FileResult, Finding

BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li blockquote article section td th dd dt figcaption "
    "pre tr ul ol table main body".split()
)
BREAKS = frozenset({"br", "hr"})
SKIPPED = frozenset(
    "head script style noscript template nav header footer aside form button svg "
    "iframe select option".split()
)


@dataclass(frozen=True)
class Extracted:
    text: str
    offsets: tuple[
        int, ...
    ]  # offsets[i]: where text[i] comes from in the file; one extra at the end


class _Extractor(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.skip = 0

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _emit(self, text: str, offsets) -> None:
        for ch, at in zip(text, offsets):
            if ch.isspace():
                if not self.chars or self.chars[-1] in " \n":
                    continue
                ch = " "
            self.chars.append(ch)
            self.offsets.append(at)

    def _break(self, kind: str) -> None:
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.offsets.pop()
        if self.chars and not "".join(self.chars[-2:]).endswith(kind):
            at = self._here()
            for ch in kind if not self.chars[-1] == "\n" else kind[1:]:
                self.chars.append(ch)
                self.offsets.append(at)

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skip += 1
        elif tag in BLOCKS:
            self._break("\n\n")
        elif tag in BREAKS:
            self._break("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BREAKS:
            self._break("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self._break("\n\n")

    def handle_data(self, data):
        if not self.skip:
            start = self._here()
            self._emit(data, range(start, start + len(data)))

    def handle_entityref(self, name):
        if not self.skip:
            self._emit(html.unescape(f"&{name};"), [self._here()] * 2)

    def handle_charref(self, name):
        if not self.skip:
            self._emit(html.unescape(f"&#{name};"), [self._here()] * 2)


def extract(source: str) -> Extracted:
    """The visible text of an HTML document and where each character comes from."""
    parser = _Extractor(source)
    parser.feed(source)
    parser.close()
    chars, offsets = parser.chars, parser.offsets
    while chars and chars[-1].isspace():
        chars.pop()
        offsets.pop()
    return Extracted("".join(chars), tuple(offsets) + (len(source),))


def is_html(path: str) -> bool:
    return path.lower().endswith((".html", ".htm", ".xhtml"))


def to_source(result: FileResult, extracted: Extracted, source: str) -> FileResult:
    """The result with every offset moved from the extracted text to the HTML file."""

    def start(i: int) -> int:
        return extracted.offsets[min(i, len(extracted.offsets) - 1)]

    def end(i: int) -> int:
        if i <= 0:
            return start(0)
        at = extracted.offsets[i - 1]
        semicolon = source.find(";", at, at + 12) if source[at : at + 1] == "&" else -1
        return semicolon + 1 if semicolon > 0 else at + 1  # an entity ends at its ";"

    def move(f: Finding) -> Finding:
        return replace(f, start=start(f.start), end=max(start(f.start), end(f.end)))

    return replace(
        result,
        findings=tuple(move(f) for f in result.findings),
        adequacy=tuple(
            Adequacy(start(a.start), end(a.end), a.similarity, a.penalty) for a in result.adequacy
        ),
    )
