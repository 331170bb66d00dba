"""Text -> paragraphs -> sentences, keeping exact character offsets into the original text.

Two layouts occur in scraped news: paragraphs separated by blank lines, and one paragraph per
line. Inside a blank-line block every line is its own paragraph unless it looks hard-wrapped
(the line before it does not end a sentence and this one continues it in lower case).
"""

from __future__ import annotations

import re

from .model import Document, document_from_columns

# Tokens after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt maj cmdr adm gov sen rep st jr sr no nos vs etc
    inc ltd co corp dept est fig jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m approx
    e.g i.e mt ft rev hon pres""".split()
)

# "[.!?…][.!?…]*" is "[.!?…]+" written so that the pattern starts with a character set: the
# regex engine then skips to the next such character (a repeat first is tried at every position).
_BOUNDARY = re.compile(r"[.!?…][.!?…]*[\"”’»)\]]*(?=\s+[\"“‘«(\[]?[A-Z0-9])")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]\.?$")
_MD_PREFIX = re.compile(r"^(?:\s{0,3}(?:#{1,6}|>|[-*+]|\d{1,3}[.)])\s+)+")
_SENTENCE_END = (".", "!", "?", "”", '"', "’", ":", ")", "…")


def segment(
    path: str, text: str, markdown: bool = False, notices: tuple[str, ...] = ()
) -> Document:
    """Split ``text`` into paragraphs and sentences; offsets index ``text`` itself."""
    spans = _paragraph_spans(text, markdown)
    counts: list[int] = []  # sentences per paragraph
    s_paragraph: list[int] = []
    s_spans: list[tuple[int, int]] = []
    for p_index, (start, end) in enumerate(spans):
        pieces = split_sentences(text, start, end)
        counts.append(len(pieces))
        s_paragraph += [p_index] * len(pieces)
        s_spans += pieces
    p_start, p_end = tuple(zip(*spans)) or ((), ())
    s_start, s_end = tuple(zip(*s_spans)) or ((), ())
    return document_from_columns(path, text, notices, range(len(spans)), p_start, p_end, counts,
                                 range(len(s_spans)), s_paragraph, s_start, s_end)


def _paragraph_spans(text: str, markdown: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    in_fence = False
    previous_open = False  # the last line of the current paragraph did not end a sentence
    next_start = 0
    for raw in text.splitlines(keepends=True):
        start, next_start = next_start, next_start + len(raw)
        line = raw.rstrip("\r\n")  # text[start : start + len(line)], without its line break
        if markdown and line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            previous_open = False
            continue
        if in_fence or (markdown and line.lstrip().startswith("<!--")):
            continue
        if markdown:
            prefix = _MD_PREFIX.match(line)
            if prefix:
                start += prefix.end()
                line = line[prefix.end() :]
        content = line.strip()
        if not content:
            previous_open = False
            continue
        content_start = start + len(line) - len(line.lstrip())
        content_end = content_start + len(content)
        if previous_open and spans and (content[0].islower() or content[0].isdigit()):
            spans[-1] = (spans[-1][0], content_end)
        else:
            spans.append((content_start, content_end))
        previous_open = not content.endswith(_SENTENCE_END)
    return spans


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, with whitespace trimmed."""
    chunk = text[start:end]
    first = _BOUNDARY.search(chunk) if _may_have_boundary(chunk) else None
    if first is None:  # most paragraphs are one sentence: no boundary, the chunk trimmed
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        return [(start + lead, start + trail)] if trail > lead else []
    cuts = [0]
    for match in _BOUNDARY.finditer(chunk, first.start()):
        if not _is_abbreviation(chunk, match.start()):
            cuts.append(match.end())
    cuts.append(len(chunk))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        piece = chunk[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            spans.append((start + a + lead, start + a + trail))
    return spans


def _may_have_boundary(chunk: str) -> bool:
    """False when ``_BOUNDARY`` cannot match: its mark needs a space and a capital or digit
    after it, so it stands three characters or more before the end. Four searches for a
    character are faster than the regex, which tries a character set at every position."""
    before = len(chunk) - 2  # the mark is at an index below this
    return (
        chunk.find(".", 0, before) >= 0
        or chunk.find("!", 0, before) >= 0
        or chunk.find("?", 0, before) >= 0
        or chunk.find("…", 0, before) >= 0
    )


def _is_abbreviation(chunk: str, dot: int) -> bool:
    if chunk[dot] != ".":
        return False
    token_start = dot
    while (
        token_start > 0
        and not chunk[token_start - 1].isspace()
        and chunk[token_start - 1] not in '("“'
    ):
        token_start -= 1
    token = chunk[token_start : dot + 1]
    bare = token.rstrip(".").lower()
    if bare in ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "J.", "U.S.", "U.N." (a lone capital, not a word).
    return bool(_INITIALS.match(token)) and len(token.replace(".", "")) <= 3 and token[0].isupper()
