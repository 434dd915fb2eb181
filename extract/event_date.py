"""event_date: the day the event took place (not the day of publication), with the year resolved."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extract.context import Context

# "Chiều ngày 17/7", "Sáng 24/3/2021", "ngày 17-1", "ngày 04 tháng 8 năm 2023", "Ngày 13 tháng 01"
_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_DASHED = re.compile(r"(?:(?:sáng|chiều|trưa|tối|ngày)\s+)(\d{1,2})-(\d{1,2})(?:-(\d{4}))?(?![\d-])", re.I)
# newspapers: "Sáng nay (7.10)", "Chiều qua (16-2)": the date in brackets is the event's
_TODAY = re.compile(r"(?:sáng|chiều|trưa|tối|hôm)\s+(?:nay|qua)\s*\((\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}))?\)", re.I)
_WORDED = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I)
# a date that belongs to a document reference: "Chỉ thị 05-CT/TW ngày 15/5/2016", "Kế hoạch số 12/KH-UBND ngày…"
_REFERENCE = re.compile(r"(?:\bsố\b|[A-ZĐ]{2,}\s*[-/]\s*[A-ZĐ]|\b(?:chỉ thị|nghị quyết|quyết định|công văn|kế hoạch|"
                        r"kết luận|thông báo|thông tư|hướng dẫn|luật|nghị định)\b)[^,;.]{0,50}ngày\s*$", re.I)
_LEAD_PREFIX = re.compile(r"^\s*(?:\([^)]{2,40}\)\s*[-–—]\s*|[\w .]{2,25}\s[-–—]\s)?\s*(?:(?:sáng|chiều|trưa|tối|đêm)\s+)?(?:ngày\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    day: int
    month: int
    year: int | None
    start: int
    end: int
    at_start: bool      # opens its sentence: "Chiều 17/7, …"


def date_mentions(text: str, sent: tuple[int, int]) -> list[DateMention]:
    s, e = sent
    chunk = text[s:e]
    found = []
    for rx in (_TODAY, _WORDED, _DASHED, _NUMERIC):
        for m in rx.finditer(chunk):
            day, month = int(m.group(1)), int(m.group(2))
            year = int(m.group(3)) if m.group(3) else None
            if not (1 <= day <= 31 and 1 <= month <= 12) or (year and not 1990 <= year <= 2100):
                continue
            before = chunk[:m.start()]
            if rx is not _TODAY and (_REFERENCE.search(before) or before.count("(") > before.count(")")):
                continue
            if any(f.start <= s + m.start() < f.end for f in found):
                continue
            found.append(DateMention(day, month, year, s + m.start(), s + m.end(),
                                     rx is _TODAY or bool(_LEAD_PREFIX.match(before))))
    return sorted(found, key=lambda d: d.start)


def pick_date(ctx: Context, event_sentence: tuple[int, int] | None) -> DateMention | None:
    """A date opening the lead, else the first date in the event sentence."""
    body = ctx.body_sentences()
    if body:
        first = date_mentions(ctx.text, body[0])
        if first and first[0].at_start:
            return first[0]
    if event_sentence:
        found = date_mentions(ctx.text, event_sentence)
        if found:
            return found[0]
    return None


def resolve_year(d: DateMention, published: str | None, period: str | None, types: list[str]) -> int | None:
    """Year of a date written without one: from publication, else from the period and the event type."""
    if d.year:
        return d.year
    if published and re.match(r"\d{4}-\d{2}", published):
        py, pm = int(published[:4]), int(published[5:7])
        return py - 1 if d.month > pm + 1 else py          # a December event published in January
    if period and re.match(r"\d{4}", period):
        first = int(period[:4])
        last = int(period[5:9]) if re.match(r"\d{4}-\d{4}$", period) else first
        reviewing = "annual_review" in types
        if reviewing and d.month <= 6:
            return last + 1                                  # tổng kết năm N is held early in N+1
        return last if reviewing else first
    return None


def iso(d: DateMention, year: int | None) -> str | None:
    if year is None:
        return None
    try:
        return date(year, d.month, d.day).isoformat()
    except ValueError:
        return None
