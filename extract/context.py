"""Context: what every recogniser reads — the text, its spaCy doc, the layout and the sentences."""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple
from importlib import resources

import underthesea
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from extract.layout import Layout, analyse
from extract.text import lexeme_flags, make_doc, nlp
from schema import Article


class Tok(NamedTuple):
    """A token as plain values: recognisers walk these lists instead of building spaCy Token objects."""
    text: str
    norm: str
    idx: int
    ws: bool            # followed by a space
    is_space: bool
    like_num: bool
    is_punct: bool

    @property
    def norm_(self) -> str:          # the spaCy names, so code can walk either
        return self.norm


class Piece:
    """Tokens i..j-1 of a TokView: the little of spaCy's Span that recognisers use."""
    __slots__ = ("ctx", "i", "j")

    def __init__(self, ctx: "Context", i: int, j: int):
        self.ctx, self.i, self.j = ctx, i, j

    @property
    def text(self) -> str:
        return self.ctx.between(self.i, self.j)

    @property
    def start_char(self) -> int:
        return self.ctx.toks[self.i].idx

    @property
    def end_char(self) -> int:
        t = self.ctx.toks[self.j - 1]
        return t.idx + len(t.text)

    def __iter__(self):
        return iter(self.ctx.toks[self.i:self.j])


class TokView:
    """Index a context's tokens like a spaCy Doc (view[i], view[i:j].text), at list speed."""
    __slots__ = ("ctx", "toks")

    def __init__(self, ctx: "Context"):
        self.ctx, self.toks = ctx, ctx.toks

    def __len__(self) -> int:
        return len(self.toks)

    def __getitem__(self, k):
        if isinstance(k, slice):
            n = len(self.toks)
            return Piece(self.ctx, max(0, k.start or 0), min(n, n if k.stop is None else k.stop))
        return self.toks[k]


@dataclass
class Context:
    article: Article
    text: str
    layout: Layout
    doc: Doc
    sentences: list[tuple[int, int]]                  # title first (when there is one), then body sentences
    found: dict = field(default_factory=dict)         # recognisers' results, by field name

    @cached_property
    def toks(self) -> list[Tok]:
        words, spaces = self.doc.user_data["words"]
        toks, idx, make = [], 0, tuple.__new__     # tuple.__new__ skips NamedTuple's Python-level __new__
        for word, space in zip(words, spaces):
            norm, is_space, like_num, is_punct = lexeme_flags(word)
            toks.append(make(Tok, (word, norm, idx, space, is_space, like_num, is_punct)))
            idx += len(word) + space
        return toks

    @cached_property
    def view(self) -> TokView:
        return TokView(self)

    def between(self, i: int, j: int) -> str:
        """The text of tokens i..j-1, as written."""
        toks = self.toks
        return self.text[toks[i].idx:toks[j - 1].idx + len(toks[j - 1].text)] if j > i else ""

    def sent_of(self, offset: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= offset < e:
                return (s, e)
        return (offset, offset)

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """(i, j): tokens i..j-1 cover characters start..end, as span(start, end) would give them; a sentence
        starts and ends on token edges, found by bisection instead of through a spaCy Span."""
        key = (start, end)
        if key not in self._ranges:
            starts, ends = self._edges
            i, j = bisect_left(starts, start), bisect_left(ends, end)
            if i < len(starts) and starts[i] == start and j < len(ends) and ends[j] == end and j >= i:
                self._ranges[key] = (i, j + 1)
            else:
                span = self.span(start, end)
                self._ranges[key] = (span.start, span.end) if span is not None else None
        return self._ranges[key]

    @cached_property
    def _edges(self) -> tuple[list[int], list[int]]:
        return [t.idx for t in self.toks], [t.idx + len(t.text) for t in self.toks]

    @cached_property
    def _ranges(self) -> dict[tuple[int, int], tuple[int, int] | None]:
        return {}

    def body_sentences(self) -> list[tuple[int, int]]:
        t = self.layout.title_span
        return [s for s in self.sentences if s != t]


_ABBREVIATION_END = re.compile(r"(?:^|[\s(])(?:TP|Tp|TX|Tx|TT|H|Q|P|ThS|TS|PGS|GS|Đ/c|đ/c|P\.Trưởng|CT|PCT|BT|PBT|UV|TUV|HUV)\.$")


def split_sentences(text: str, lines: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """underthesea's sentence split of each body line, mapped back to offsets in `text`.

    A split after an abbreviation ("TX. Kiến Tường", "Đ/c. Lan") is undone."""
    out: list[tuple[int, int]] = []
    for ls, le in lines:
        line = text[ls:le]
        pos = 0
        for sent in underthesea.sent_tokenize(line):
            sent = sent.strip()
            i = line.find(sent, pos)
            if i < 0:
                i = line.find(sent[:12], pos)
            if i < 0:
                continue
            end = min(len(line), i + len(sent))
            if out and out[-1][0] >= ls and _ABBREVIATION_END.search(text[out[-1][0]:out[-1][1]]):
                out[-1] = (out[-1][0], ls + end)
            else:
                out.append((ls + i, ls + end))
            pos = end
    return out


def build(article: Article) -> Context:
    text = article.text
    layout = analyse(text, article.url, article.title)
    sents = split_sentences(text, layout.body)
    if layout.title_span:
        sents = [layout.title_span] + sents
    return Context(article, text, layout, make_doc(text), sents)


def build_plain(text: str) -> Context:
    """A snippet with no page around it: every line is body (recogniser tests, short texts)."""
    from extract.layout import lines_of
    body = tuple(lines_of(text))
    layout = Layout(None, None, None, None, body, None)
    return Context(Article(text=text), text, layout, make_doc(text), split_sentences(text, body))


@lru_cache(maxsize=None)
def patterns(name: str) -> list[dict]:
    """The rows of extract/patterns/<name>.jsonl: {"id", "label", "pattern"} and free keys."""
    rows = []
    for line in resources.files("extract.patterns").joinpath(f"{name}.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


@lru_cache(maxsize=None)
def matcher(name: str) -> Matcher:
    m = Matcher(nlp().vocab)
    for row in patterns(name):
        if "pattern" in row:
            m.add(row["id"], [row["pattern"]])
    return m


def matches(ctx: Context, name: str, start: int = 0, end: int | None = None) -> list[tuple[str, Span]]:
    """(pattern id, span) for each match of pattern file `name`, in text order."""
    doc = ctx.doc if start == 0 and end is None else ctx.span(start, end if end is not None else len(ctx.text))
    if doc is None:
        return []
    found = [(sp.label_, sp) for sp in matcher(name)(doc, as_spans=True)]
    return sorted(found, key=lambda x: (x[1].start_char, -x[1].end_char))


def label_of(name: str, pattern_id: str) -> str:
    return next(r.get("label", "") for r in patterns(name) if r["id"] == pattern_id)
