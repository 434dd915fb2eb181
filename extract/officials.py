"""officials: people who took part, with the title as written and what they did (chair, attend, speak…)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from extract.context import Context
from extract.text import fold

_SEPARATORS = {"-", "–", "—", ","}
_CLAUSE_STOP = {";", "(", ")", ":", "\n"}
# names that stand in news about emulation without taking part: the President whose 1948 call began it
_NOT_PARTICIPANTS = {"hồ chí minh"}
# a capitalised run after these is a place or an institution, not a person
_NOT_PERSON_BEFORE = {"xã", "phường", "huyện", "quận", "tỉnh", "thị", "phố", "trấn", "thpt", "thcs", "trường",
                      "đường", "cách", "ngày", "thôn", "ấp", "bản", "khóm", "tổ", "cầu", "sông", "đảo", "núi",
                      "chợ", "cảng", "đèo", "hồ"}


@lru_cache(maxsize=1)
def lexicon() -> dict:
    raw = json.loads(resources.files("extract.patterns").joinpath("officials.json").read_text("utf-8"))
    return {"long_titles": tuple(fold(t) + " " for t in raw["titles"] if len(t.split()) >= 2 and t[:1].isalpha()),"cues": {fold(c) for c in raw["cues"]}, "surnames": {fold(s) for s in raw["surnames"]},
            "titles": tuple(fold(t) for t in raw["titles"]),
            "roles": sorted(((fold(k), v) for k, v in raw["roles"].items()), key=lambda kv: -len(kv[0]))}


@dataclass
class Person:
    name: str
    title: str | None
    start: int
    end: int
    title_span: tuple[int, int] | None
    sentence: tuple[int, int]
    roles: list[str] = field(default_factory=list)


def _name_token(t) -> bool:
    s = t.text
    return s[:1].isupper() and not t.is_punct and not (len(s) > 1 and s.isupper() and "’" not in s) and not s[:1].isdigit()


def _run(doc, i: int, end: int) -> int:
    """A capitalised run, stopped where a title begins: "đồng chí Lê Văn Hùng Chủ tịch UBND…"."""
    j = i
    while j < end and j - i < 6 and _name_token(doc[j]):
        if j > i + 1 and fold(doc[j:j + 3].text).startswith(lexicon()["long_titles"]):
            break
        j += 1
    return j


@lru_cache(maxsize=256)
def _ner_people(sentence: str) -> tuple[str, ...]:
    """underthesea's NER on one sentence: the PER spans, a second opinion where the rules cannot delimit a name."""
    import underthesea
    names, current = [], []
    for word, _pos, _chunk, tag in underthesea.ner(sentence):
        if tag == "B-PER" or (tag == "I-PER" and not current):
            if current:
                names.append(" ".join(current))
            current = [word]
        elif tag == "I-PER":
            current.append(word)
        else:
            if current:
                names.append(" ".join(current))
            current = []
    if current:
        names.append(" ".join(current))
    return tuple(names)


def _ner_name(ctx: Context, sent: tuple[int, int], doc, i: int, j: int) -> int | None:
    """End token of the PER span NER finds starting at token i, if any."""
    for name in _ner_people(ctx.text[sent[0]:sent[1]]):
        words = name.split()
        if [t.text for t in doc[i:i + len(words)]] == words and 2 <= len(words) <= 6:
            return i + len(words)
    return None


def _starts_title(doc, i: int, end: int) -> bool:
    text = fold(doc[i:min(end, i + 6)].text)
    return text.startswith(lexicon()["titles"])


def _role_at(doc, i: int, end: int) -> tuple[str, int] | None:
    words = [t.norm_ for t in doc[i:min(end, i + 4)] if not t.is_space]
    for phrase, role in lexicon()["roles"]:
        p = phrase.split()
        if words[:len(p)] == p:
            return role, len(p)
    return None


def _title_after(doc, i: int, end: int) -> int:
    """End token of a title chain: up to a role verb, a clause stop, or the next person."""
    j = i
    while j < end:
        t = doc[j]
        if t.text in _CLAUSE_STOP or t.is_space:
            break
        if _role_at(doc, j, end) and j > i:
            break
        if t.norm_ in ("và", "cùng", "cho") and j + 1 < end and (fold(doc[j + 1].text) in lexicon()["cues"]
                                                                 or doc[j + 1].norm_ in ("đại", "lãnh", "các")):
            break
        if j > i and doc[j - 1].text == "," and (t.norm_ in lexicon()["cues"] or fold(doc[j:j + 2].text) in lexicon()["cues"]):
            break
        if t.norm_ in ("đã", "đến", "về", "tại", "trong", "nhấn", "cho", "đề", "yêu", "khẳng", "ghi", "đánh", "trao"):
            break
        j += 1
    while j > i and doc[j - 1].text in _SEPARATORS | {"."}:
        j -= 1
    return j


def find_officials(ctx: Context, sentences: list[tuple[int, int]]) -> list[Person]:
    lex = lexicon()
    doc = ctx.view
    people: list[Person] = []
    for sent in sentences:
        tokens = ctx.token_range(*sent)
        if tokens is None:
            continue
        (i, end), first = tokens, tokens[0]
        here: list[Person] = []
        while i < end:
            if not _name_token(doc[i]):
                i += 1
                continue
            j = _run(doc, i, end)
            if fold(doc[i].text) in lex["cues"] and j - i >= 3:      # "Ông Phan Văn Hợp" at a sentence start
                i += 1
            prev = fold(doc[max(first, i - 2):i].text).rstrip(": ")
            if prev.split()[-1:] and prev.split()[-1] in _NOT_PERSON_BEFORE:
                i = j
                continue
            cued = prev.split()[-1:] and (prev.split()[-1] in lex["cues"] or prev.endswith(tuple(lex["cues"])))
            if cued and _starts_title(doc, i, end):     # "đồng chí Phó Chủ tịch UBND huyện…": a title, the name may follow
                i += 1
                continue
            start_tok = i
            if not cued:        # title first: "Bí thư Tỉnh ủy Nghệ An Thái Thanh Quý" → the surname-led tail
                k = next((k for k in range(i, j - 1) if doc[k].norm_ in lex["surnames"] and 2 <= j - k <= 4), None)
                after = doc[j:j + 2].text.strip()
                titled_before = _starts_title(doc, max(first, i - 8), i) or \
                    any(_starts_title(doc, x, i) for x in range(max(first, i - 8), i))
                followed = after[:1] in _SEPARATORS and _starts_title(doc, j + 1 + (doc[j + 1].is_space if j + 1 < end else 0), end)
                if k is None or not (titled_before or followed) or _is_place(doc[k:j].text):
                    i = j
                    continue
                start_tok = k
            if cued and j - start_tok >= 6:      # a cue but a run too long to be one name: ask the NER model
                j = _ner_name(ctx, sent, doc, start_tok, j) or j
            if not 2 <= j - start_tok <= (5 if cued else 4):
                i = j
                continue
            name_span = doc[start_tok:j]
            if fold(name_span.text) in _NOT_PARTICIPANTS or (start_tok > 0 and doc[start_tok - 1].norm_ in _NOT_PERSON_BEFORE):
                i = j
                continue
            t0 = j
            while t0 < end and (doc[t0].text in _SEPARATORS or doc[t0].is_space):
                t0 += 1
            title_span = None
            if t0 > j and _starts_title(doc, t0, end):
                t1 = _title_after(doc, t0, end)
                title_span = (doc[t0].idx, doc[t1 - 1].idx + len(doc[t1 - 1].text)) if t1 > t0 else None
                nxt = t1
            elif start_tok > i:
                title_span = None
                nxt = j
            else:
                nxt = j
            if title_span is None and start_tok == i:
                back = _title_before(doc, first, i)
                title_span = back
            title = ctx.text[title_span[0]:title_span[1]].strip(" ,-–") if title_span else None
            person = Person(name_span.text, title, name_span.start_char, name_span.end_char, title_span, sent)
            role = _role_at(doc, nxt, end) if nxt < end else None
            if role:
                person.roles.append(role[0])
            here.append(person)
            i = max(nxt, j)
        _sentence_roles(ctx, sent, here)
        people.extend(here)
    return _merge(people)


def _title_before(doc, lo: int, i: int) -> tuple[int, int] | None:
    """"đồng chí Phó Chủ tịch UBND tỉnh Trần Văn An": the title stands between the cue and the name."""
    for k in range(max(lo, i - 14), i):
        cue = fold(doc[k - 1].text) in lexicon()["cues"] or fold(doc[max(lo, k - 2):k].text) in lexicon()["cues"]
        if _starts_title(doc, k, i) and (k == lo or cue or doc[k - 1].text in (",", ":")):
            return (doc[k].idx, doc[i - 1].idx + len(doc[i - 1].text))
    return None


def _sentence_roles(ctx: Context, sent: tuple[int, int], here: list[Person]) -> None:
    """Verbs that govern everyone named: "Dự hội nghị có …", "… đồng chủ trì hội nghị"."""
    f = fold(ctx.text[sent[0]:sent[1]])
    if not here:
        return
    if f.startswith(("dự ", "tham dự", "về dự", "đến dự", "dự hội nghị", "tham dự hội nghị")) or " về dự có" in f or " dự có" in f:
        for p in here:
            p.roles.append("attend")
    tail = fold(ctx.text[here[-1].end:sent[1]])
    for phrase, role in (("đồng chủ trì", "co_chair"), ("chủ trì", "chair")):
        if phrase in tail:
            for p in here:
                if role not in p.roles and "chair" not in p.roles:
                    p.roles.append(role)
            break
    for p in here:
        t = fold(p.title or "")
        if any(w in t for w in ("cụm trưởng", "trưởng cụm", "khối trưởng", "trưởng khối")) and "phó" not in t.split("trưởng")[0][-5:]:
            p.roles.insert(0, "cluster_leader")
        elif any(w in t for w in ("cụm phó", "phó cụm", "khối phó", "phó khối", "phó trưởng cụm", "phó trưởng khối")):
            p.roles.insert(0, "cluster_deputy")


def _is_place(name: str) -> bool:
    """"các huyện Quan Hóa, Quan Sơn": capitalised runs the gazetteer knows as districts are places."""
    from extract.gazetteer import Gazetteer
    return any(p.level in ("province", "district") for p in Gazetteer.load().find(name))


def _merge(people: list[Person]) -> list[Person]:
    out: dict[str, Person] = {}
    for p in people:
        key = fold(p.name)
        if key in out:
            q = out[key]
            if p.title and (not q.title or len(p.title) > len(q.title)):
                q.title, q.title_span = p.title, p.title_span
            q.roles.extend(r for r in p.roles if r not in q.roles)
        else:
            p.roles = list(dict.fromkeys(p.roles))
            out[key] = p
    return list(out.values())
