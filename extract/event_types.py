"""event_types: which emulation events the article reports, read from the title and the event sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.context import Context, label_of, matches
from extract.text import fold

ORDER = ("covenant_signing", "midyear_review", "annual_review", "movement_launch", "cross_inspection", "other")
_OBJECT_WORDS = ("thi đua", "khen thưởng", "giao ước", "phong trào")
_CLAUSE_END = {",", ";", ".", ":", "(", ")", "\n"}
# "hưởng ứng … phát động", "do tỉnh phát động", "tiếp tục phát động": no launch takes place here
_LAUNCH_BLOCKERS = {"kế", "hoạch", "về", "hưởng", "ứng", "được", "do", "tục"}


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    start: int
    end: int
    sentence: tuple[int, int]


def _window(span, n: int, forward: bool = True, clause: bool = False) -> str:
    doc = span.doc
    toks = []
    i = span.end if forward else span.start - 1
    while 0 <= i < len(doc) and len(toks) < n:
        t = doc[i]
        if clause and t.text in _CLAUSE_END:
            break
        if not t.is_space:
            toks.append(t.norm_)
        i += 1 if forward else -1
    return " ".join(toks if forward else reversed(toks))


def _in_movement_name(text: str, start: int, sent: tuple[int, int]) -> bool:
    """Inside the quoted name of a movement ("phong trào “Phát động …”"), not of a conference."""
    before = text[sent[0]:start]
    opened = max(before.rfind("“"), before.rfind('"') if before.count('"') % 2 == 1 else -1)
    if opened < 0 or before.count("“") <= before.count("”") and before.count('"') % 2 == 0:
        return False
    return fold(before[:opened]).rstrip().endswith(("phong trào", "cuộc vận động", "thi đua", "chủ đề", "khẩu hiệu"))


def _valid(ctx: Context, label: str, span, sent: tuple[int, int]) -> bool:
    after = _window(span, 10, clause=label != "annual_review" and label != "midyear_review")
    before = _window(span, 4, forward=False)
    sentence = fold(ctx.text[sent[0]:sent[1]])
    has_cluster = "cụm thi đua" in sentence or "khối thi đua" in sentence
    if _in_movement_name(ctx.text, span.start_char, sent) or "kế hoạch" in _window(span, 6, forward=False):
        return False
    if label == "covenant_signing":           # "tổng kết (việc) ký kết giao ước" reviews a covenant, it signs none
        return not any(w in before.split()[-3:] for w in ("kết",)) or " và" in " " + before
    if label in ("midyear_review", "annual_review"):
        return any(w in after for w in _OBJECT_WORDS) or has_cluster or "cụm" in after or "khối" in after
    if label == "movement_launch":
        return ("thi đua" in _window(span, 7, clause=True) or after.startswith("phong trào")) and \
            not (_LAUNCH_BLOCKERS & set(before.split()[-2:]))
    return True


def triggers_in(ctx: Context, sent: tuple[int, int]) -> list[Trigger]:
    found = []
    for pid, span in matches(ctx, "event_types", *sent):
        label = label_of("event_types", pid)
        if _valid(ctx, label, span, sent):
            found.append(Trigger(label, span.start_char, span.end_char, sent))
    return found


def find_event_types(ctx: Context) -> tuple[list[Trigger], tuple[int, int] | None]:
    """Triggers of the title and of the first body sentence that reports an event (the event sentence)."""
    title = ctx.layout.title_span
    found = triggers_in(ctx, title) if title else []
    event_sentence = None
    for sent in ctx.body_sentences()[:3]:       # the lead reports the event; later mentions are background
        here = triggers_in(ctx, sent)
        if here:
            found += here
            event_sentence = sent
            break
    if event_sentence is None and found:
        event_sentence = title
    if not found:
        for sent in ([title] if title else []) + ctx.body_sentences()[:1]:
            if _cluster_meeting(fold(ctx.text[sent[0]:sent[1]])):
                return [Trigger("other", sent[0], sent[0], sent)], sent
    return found, event_sentence


_CLUSTER = re.compile(r"\b(?:cụm|khối) thi đua\b")
_MEETING = re.compile(r"\b(?:tổ chức|hội nghị|sinh hoạt|hội thảo|tọa đàm|toạ đàm|giao lưu|họp)\b")
_NOT_EMULATION = re.compile(r"\b(?:hội thi|hội thao|hội diễn|thi đấu|thể thao|văn nghệ|giải bóng|liên hoan)\b")


def _cluster_meeting(sentence: str) -> bool:
    """A cluster's own gathering with no review, signing or launch named: a thematic session ("other")."""
    return bool(_CLUSTER.search(sentence) and _MEETING.search(sentence) and not _NOT_EMULATION.search(sentence))


def resolve_types(found: list[Trigger], month: int | None) -> list[str]:
    """Distinct types in contract order; a bare "hội nghị thi đua khen thưởng" is dated by its month."""
    types = {t.type for t in found if t.type != "conference"}
    if not types & {"midyear_review", "annual_review"} and any(t.type == "conference" for t in found):
        # a thi đua conference early in the year reviews the year before; mid-year ones are sơ kết
        types.add("midyear_review" if month in (6, 7, 8) else "annual_review")
    return [t for t in ORDER if t in types]
