"""Arabic text handling: folding for matching, tokens and sentences with offsets, proclitics.

Matching happens on a *folded* form of the text (no diacritics or tatweel, one alef, ya for
alef maqsura, ha for ta marbuta, ASCII digits, lower-case Latin) while every offset handed on
points into the text exactly as written. ``FoldedText`` keeps the map between the two.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

_DROP = {*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640,
         0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF}
_MAP = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
        "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " "}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)   # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)   # Persian digits


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """The folded form of one character (may be empty or longer than one character)."""
    if ord(c) in _DROP:
        return ""
    n = unicodedata.normalize("NFKC", c) if ord(c) > 0x7F else c
    out = []
    for ch in n:
        if ord(ch) in _DROP:
            continue
        ch = _MAP.get(ch, ch)
        out.append(ch.lower() if ch.isascii() or ch.isupper() else ch)
    return "".join(out)


def fold(s: str) -> str:
    """The matching form of ``s``: NFKC, no diacritics/tatweel, alef/ya/ta-marbuta/hamza-seat
    variants unified, Arabic-Indic and Persian digits as ASCII, Latin lower-cased."""
    fc = _fold_char
    return "".join([fc(c) for c in s])


# characters whose fold may be longer than one character (compatibility forms) or that have a
# case (Latin-1, Greek, Cyrillic): the slow path
_SLOW = re.compile("[\u00a8-\u024f\u02b0-\u02ff\u0370-\u052f\u0675-\u0678\u2000-\u2bff"
                   "\u3000-\u33ff\ufb00-\ufdff\ufe10-\ufe6f\ufe70-\ufefe\uff00-\uffef]")
_TABLE = {**{c: None for c in _DROP}, **{ord(k): v for k, v in _MAP.items()},
          **{ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}}


@dataclass(frozen=True)
class FoldedText:
    """A folded copy of a text plus, for every folded character, its offset in the original.

    ``index`` has one entry per folded character and a final entry ``len(original)``, so a match
    ``folded[i:j]`` maps back to ``original[index[i]:index[j-1] + 1]`` (use ``span``).
    """

    original: str
    text: str
    index: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> FoldedText:
        """Fold ``original`` and remember where each folded character came from."""
        if not _SLOW.search(original):   # fast path: every character folds to at most one
            folded = original.translate(_TABLE)
            if len(folded) == len(original):
                return cls(original, folded, tuple(range(len(original) + 1)))
            index = [i for i, c in enumerate(original) if ord(c) not in _DROP]
            index.append(len(original))
            return cls(original, folded, tuple(index))
        fc = _fold_char
        parts: list[str] = []
        index: list[int] = []
        for i, c in enumerate(original):
            f = fc(c)
            if f:
                parts.append(f)
                index.extend([i] * len(f))
        index.append(len(original))
        return cls(original, "".join(parts), tuple(index))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the folded range ``[start, end)``."""
        if end <= start:
            o = self.index[start]
            return o, o
        return self.index[start], self.index[end - 1] + 1


class Token(NamedTuple):
    """A token with its original offsets: ``kind`` is ``word``, ``num`` or ``punct``."""

    start: int
    end: int
    text: str      # as written
    norm: str      # folded
    kind: str


_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,:/]\d+)*|\S")


def tokenize(text: str, folded: FoldedText | None = None) -> list[Token]:
    """Words (Arabic or Latin), numbers and single punctuation marks, with original offsets.

    Tokenises the folded text so that diacritics and tatweel never split a word."""
    ft = folded or FoldedText.of(text)
    out: list[Token] = []
    idx = ft.index
    for m in _TOKEN_RE.finditer(ft.text):
        fs, fe = m.span()
        s, e = idx[fs], idx[fe - 1] + 1
        while e < len(text) and not text[e].isspace() and not _fold_char(text[e]):
            e += 1   # keep trailing diacritics/tatweel inside the token
        tok = m.group()
        c = tok[0]
        kind = "num" if c.isdigit() else ("word" if c.isalpha() else "punct")
        out.append(Token(s, e, text[s:e], tok, kind))
    return out


# --- sentences ---------------------------------------------------------------------------------

_OPEN = {"«": "»", "“": "”", "„": "“", "‹": "›"}
_CLOSE = {v for v in _OPEN.values()}
_ENDERS = set(".!?؟…")
_TRAILERS = set("»”\"')’›]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` without surrounding white space.

    Splits at ``. ! ? ؟ …`` and at line breaks; not inside a quotation that opened in the same
    paragraph (``«…» “…” "…"``), not after a one-letter abbreviation (``أ. ف. ب.``), not between
    digits (``3.5``). Closing quotation marks after the full stop stay with the sentence."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    depth = 0
    straight_open = False
    i = 0

    def emit(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))

    while i < n:
        c = text[i]
        if c == "\n":
            emit(start, i)
            start, depth, straight_open = i + 1, 0, False
        elif c in _OPEN:
            depth += 1
        elif c in _CLOSE and depth:
            depth -= 1
        elif c == '"':
            straight_open = not straight_open
        elif c in _ENDERS and not depth and not straight_open:
            if c == "." and _no_break_at_dot(text, i):
                i += 1
                continue
            j = i + 1
            while j < n and (text[j] in _ENDERS or text[j] in _TRAILERS):
                j += 1
            emit(start, j)
            start = j
            i = j
            continue
        i += 1
    emit(start, n)
    return spans


def _no_break_at_dot(text: str, i: int) -> bool:
    """A dot inside a number, after a one-letter abbreviation, or not followed by space/end."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isdigit() and nxt.isdigit():
        return True
    if prev.isalpha() and (i < 2 or not text[i - 2].isalpha()):
        return True   # one letter then a dot: an abbreviation such as "أ." or "U."
    return bool(nxt.isalpha()) and not nxt.isspace()


# --- clitics -----------------------------------------------------------------------------------

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_MIN_STEM = 2


@lru_cache(maxsize=65536)
def proclitic_variants(token: str) -> tuple[tuple[int, str], ...]:
    """Readings of a folded token with proclitics split off: ``(prefix_len, stem)`` pairs.

    ``prefix_len`` counts the characters of the token before the stem (so the mention span
    excludes the clitic). Covers the conjunctions و ف, the prepositions ب ل ك and their
    combinations, ``لل`` (= ل + ال, as in للأمم → الأمم) and the article ``ال`` (so الروسية also
    reads as روسية). The token itself comes first; the longer the prefix, the later."""
    out: list[tuple[int, str]] = [(0, token)]
    seen = {token}

    def add(k: int, stem: str) -> None:
        if len(stem) >= _MIN_STEM and stem not in seen:
            seen.add(stem)
            out.append((k, stem))

    heads = [0]
    if token[:1] in _CONJ:
        heads.append(1)
    for h in list(heads):
        if token[h:h + 1] in _PREP:
            heads.append(h + 1)
    for h in heads:
        rest = token[h:]
        add(h, rest)
        if rest.startswith("ال"):
            add(h + 2, rest[2:])
    # "لل" + noun = preposition ل + article ال with its alef elided
    for h in (0, 1):
        if h == 1 and token[:1] not in _CONJ:
            continue
        if token[h:h + 2] == "لل" and len(token) - h - 2 >= _MIN_STEM:
            add(h + 1, "ال" + token[h + 2:])
            add(h + 2, token[h + 2:])
    out.sort(key=lambda kv: kv[0])
    return tuple(out)


def strip_article(word: str) -> str:
    """``word`` without a leading ``ال`` (folded forms), when what is left is a word."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def is_arabic(text: str) -> bool:
    """Whether ``text`` contains an Arabic letter."""
    return any("\u0600" <= c <= "\u06ff" for c in text)
