"""The document model: a blank Vietnamese spaCy pipeline with a syllable tokenizer that keeps offsets."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

# dates and numbers stay whole ("17/7", "04/8/2023", "2016-2020"); H’Drai keeps its apostrophe
_TOKEN = re.compile(r"\d+(?:[/.\-]\d+)+|\w+(?:['’]\w+)*|[^\w\s]")
_GAP_TOKEN = re.compile(r"(\s*)(\d+(?:[/.\-]\d+)+|\w+(?:['’]\w+)*|[^\w\s]|\Z)")   # whitespace, then a token
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(r"([oOuU])([" + _TONES + r"])([aAeEyY])(?=$|\W)")


def tone_style(text: str) -> str:
    """One tone-mark style, as the scorer folds: "hòa" → "hoà", "thủy" → "thuỷ" (same length in NFC)."""
    d = unicodedata.normalize("NFD", text)
    d = _OLD_TONE.sub(lambda m: m.group(0) if m.group(1) in "uU" and
                      d[:m.start()].lower().endswith("q") else m.group(1) + m.group(3) + m.group(2), d)
    return unicodedata.normalize("NFC", d)


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Matching key: NFC, lower case, one tone style, straight quotes and dashes."""
    t = tone_style(unicodedata.normalize("NFC", text)).lower()
    return t.replace("’", "'").replace("–", "-").replace("—", "-")


class SyllableTokenizer:
    """Splits on whitespace and punctuation; whitespace runs become tokens so offsets are exact."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._normed: set[str] = set()

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for gap, word in _GAP_TOKEN.findall(text):
            if gap:
                if words and gap[0] == " ":
                    spaces[-1] = True                     # one space is the token's trailing space
                    gap = gap[1:]
                if gap:                                   # any other whitespace run is a token itself
                    words.append(gap)
                    spaces.append(False)
            if word:
                words.append(word)
                spaces.append(False)
        unseen = set(words) - self._normed    # the norm lives on the lexeme: set once per distinct word
        for word in unseen:
            self.vocab[word].norm_ = fold(word)
        self._normed |= unseen
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["words"] = (words, spaces)         # for token tuples without walking the Doc
        return doc


@lru_cache(maxsize=200_000)
def lexeme_flags(word: str) -> tuple[str, bool, bool, bool]:
    """(norm, is_space, like_num, is_punct) of a word the tokenizer has seen."""
    lex = nlp().vocab[word]
    return lex.norm_, lex.is_space, lex.like_num, lex.is_punct


@lru_cache(maxsize=1)
def nlp() -> spacy.language.Language:
    """The shared pipeline: blank Vietnamese, our tokenizer, no pyvi, no statistical models."""
    pipe = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    pipe.tokenizer = SyllableTokenizer(pipe.vocab)
    return pipe


def make_doc(text: str) -> Doc:
    return nlp()(text)
