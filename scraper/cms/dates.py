"""parse_portal_datetime: portal date text → "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", always day-first."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7))
# NukeViet builds article:published_time with PHP date('Y-m-dTH:i:s'), where T prints the zone
# abbreviation: "2023-07-17ICT08:30:00".
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+|[A-Z]{2,5})(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?"
                  r"\s*(Z|[+-]\d{2}:?\d{2})?)?")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2}|[^\W\d]+(?:\s+(?:một|hai))?)\s*(?:năm|,)?\s*(\d{4})", re.I)
# vi-VN language packs spell months out: "17 Tháng Bảy 2023"
_MONTHS = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
           "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
# "08:30", "8h30", "08g30"; SA/CH are the Vietnamese AM/PM ("sáng", "chiều").
_TIME = re.compile(r"(?<![\d/.-])(\d{1,2})\s*(?::|h|g)\s*(\d{2})(?::\d{2})?\s*(AM|PM|SA|CH)?(?![\d/])", re.I)


def parse_portal_datetime(text: str | None) -> str | None:
    """Example: parse_portal_datetime("Thứ hai - 17/07/2023 08:30") == "2023-07-17T08:30"."""
    if not text:
        return None
    text = " ".join(text.split())
    m = _ISO.search(text)
    if m:
        return _from_iso(m)
    m = _DMY.search(text) or _WORDS.search(text)
    if not m:
        return None
    day, year = int(m[1]), int(m[3])
    month = int(m[2]) if m[2].isdigit() else _MONTHS.get(" ".join(m[2].lower().split()))
    if month is None:
        return None
    rest = text[:m.start()] + " " + text[m.end():]
    return _format(year, month, day, _time(rest))


def _from_iso(m: re.Match) -> str | None:
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if m[4] is None:
        return _format(year, month, day, None)
    hour, minute = int(m[4]), int(m[5])
    if m[6]:
        try:
            aware = datetime(year, month, day, hour, minute, tzinfo=_zone(m[6])).astimezone(VIETNAM)
        except ValueError:
            return None
        year, month, day, hour, minute = aware.year, aware.month, aware.day, aware.hour, aware.minute
    return _format(year, month, day, (hour, minute))


def _zone(text: str) -> timezone:
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _time(text: str) -> tuple[int, int] | None:
    m = _TIME.search(text)
    if not m:
        return None
    hour, minute, half = int(m[1]), int(m[2]), (m[3] or "").upper()
    if half in ("PM", "CH") and hour < 12:
        hour += 12
    elif half in ("AM", "SA") and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 and minute < 60 else None


def _format(year: int, month: int, day: int, time: tuple[int, int] | None) -> str | None:
    try:
        stamp = datetime(year, month, day, *(time or (0, 0)))
    except ValueError:
        return None
    if not 1990 <= year <= 2100:
        return None
    return stamp.strftime("%Y-%m-%dT%H:%M") if time else stamp.strftime("%Y-%m-%d")
