"""period: the emulation period an event covers — YYYY, YYYY-H1, YYYY-9M or YYYY-YYYY."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.event_types import Trigger

_PHRASES = [   # most specific first; "sơ kết 9 tháng" is a midyear review of the first nine months
    ("span", re.compile(r"(?:năm học|niên học|giai đoạn|nhiệm kỳ)\s+(\d{4})\s*[-–—]\s*(\d{4})", re.I)),
    ("H1", re.compile(r"(?:6|06|sáu)\s+tháng\s+đầu\s+năm(?:\s+(\d{4}))?", re.I)),
    ("9M", re.compile(r"(?:9|09|chín)\s+tháng(?:\s+đầu\s+năm)?(?:\s+(?:năm\s+)?(\d{4}))?", re.I)),
    ("year", re.compile(r"(?<!kỷ niệm )\bnăm\s+(\d{4})\b", re.I)),
]
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.I)
_REVIEWS = ("midyear_review", "annual_review", "cross_inspection", "conference")


@dataclass(frozen=True, slots=True)
class PeriodMention:
    kind: str
    first: int | None
    last: int | None
    start: int
    end: int

    def value(self, year: int | None = None) -> str | None:
        y = self.first or year
        if y is None:
            return None
        return {"span": f"{self.first}-{self.last}", "H1": f"{y}-H1", "9M": f"{y}-9M"}.get(self.kind, str(y))


def period_mentions(text: str, sent: tuple[int, int]) -> list[PeriodMention]:
    s, e = sent
    chunk = text[s:e]
    found: list[PeriodMention] = []
    for kind, rx in _PHRASES:
        for m in rx.finditer(chunk):
            if any(p.start <= s + m.start() < p.end for p in found):
                continue
            first = int(m.group(1)) if m.group(1) else None
            last = int(m.group(2)) if kind == "span" else first
            found.append(PeriodMention(kind, first, last, s + m.start(), s + m.end()))
    return sorted(found, key=lambda p: p.start)


def _attached(text: str, trigger: Trigger, triggers: list[Trigger]) -> PeriodMention | None:
    """The first period phrase after a trigger, before the next trigger of its sentence."""
    nxt = min((t.start for t in triggers if t.sentence == trigger.sentence and t.start > trigger.start),
              default=trigger.sentence[1])
    for p in period_mentions(text, trigger.sentence):
        if trigger.end <= p.start < nxt:
            return p
    return None


def find_period(text: str, triggers: list[Trigger], fallback_year: int | None
                ) -> tuple[str | None, tuple[int, int] | None]:
    """The period reviewed when a conference reviews one period and opens the next."""
    ordered = sorted(triggers, key=lambda t: (t.type not in _REVIEWS, t.start))
    for t in ordered:
        p = _attached(text, t, triggers)
        if p is None:
            continue
        year = p.first
        if year is None:   # "6 tháng đầu năm và … 6 tháng cuối năm 2020": the year follows
            m = _YEAR.search(text, p.end, t.sentence[1])
            year = int(m.group(1)) if m else fallback_year
        if t.type == "conference" and year is not None and fallback_year == year:
            year -= 1      # "hội nghị thi đua khen thưởng năm 2025" held in January reviews 2024
        value = PeriodMention(p.kind, year, p.last if p.kind == "span" else year, p.start, p.end).value()
        if value:          # else a later mention of the same event may carry the year
            return value, t.sentence
    return None, None
