"""The layout of a news page: title, date line, byline, body paragraphs, headings, furniture.

Works on lines of an article's text by offsets, never changing the text: the title line (without
an SPA category prefix or continuation header), a date line or agency dateline, a byline
(``غزة - رويترز``, ``فهيم الحامد (جدة)``), body paragraphs and section headings, and the page
furniture kept out of them (language links, site name line, ``الصورة:``/``المصدر:`` credits,
``// انتهى //`` markers, ``18:12 ت م`` time stamps). Cue words are data (``data/furniture.tsv``).
``extract.reader`` uses it for text files, HTML text and the composed text of records.
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from newsgraph.extract import dates
from newsgraph.extract.arabic import fold
from newsgraph.extract.model import Credit, Paragraph, Span

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"

_WS = " \t\r\n\u00a0\u200f\u200e\ufeff"
_FINAL_PUNCT = ".!?؟…:؛;,،"
_CLOSERS = "»\"”)'’"
_SHORT_WORDS = 8


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Cues:
    photo: re.Pattern[str]
    source: re.Pattern[str]
    marker: re.Pattern[str]
    time: re.Pattern[str]
    lang_links: re.Pattern[str]
    category: re.Pattern[str]
    continuation: re.Pattern[str]
    agencies: frozenset[str]
    generic_agencies: frozenset[str]
    date_labels: frozenset[str]
    nav: re.Pattern[str]
    from_word: str


def _alt(words: list[str]) -> str:
    """Alternation of literal words, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda s: (-len(s), s))) + ")"


def _norm(s: str) -> str:
    """Comparison form of a short name: ``arabic.fold``, dots as spaces, single spaces."""
    return " ".join(fold(s.replace(".", " ")).split())


@lru_cache(maxsize=1)
def cues() -> _Cues:
    """The furniture cue words of ``data/furniture.tsv`` as compiled patterns."""
    table: dict[str, list[str]] = {}
    with open(DATA / "furniture.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) >= 2 and row[0] and not row[0].startswith("#"):
                table.setdefault(row[0], []).append(row[1])
    sep = r"\s*[:：]\s*"
    return _Cues(
        photo=re.compile(rf"^{_alt(table['photo'])}{sep}(?P<name>.+?)$"),
        source=re.compile(rf"^{_alt(table['source'])}{sep}(?P<name>.+?)$"),
        marker=re.compile(rf"^/+\s*{_alt(table['marker'])}\s*/+$"),
        time=re.compile(rf"^\d{{1,2}}[:.]\d{{2}}(?:\s*{_alt(table['time_mark'])})?$"),
        lang_links=re.compile(rf"^(?:{_alt(table['lang_link'])}(?:\s*[|/·•,]\s*|\s+|$))+$"),
        category=re.compile(rf"^(?P<cat>{_alt(table['category'])})\s*/\s*"),
        continuation=re.compile(
            rf"\s*[-–]?\s*{_alt(table['continuation'])}(?:\s+{_alt(table['continuation_ordinal'])})+$"),
        agencies=frozenset(_norm(a) for a in table["agency"] + table["generic_agency"]),
        generic_agencies=frozenset(_norm(a) for a in table["generic_agency"]),
        nav=re.compile(rf"(?:{_alt(table['nav'])}\s+)+"),
        date_labels=frozenset(w for a in table["date_label"] + table["dateline_link"] for w in _norm(a).split()),
        from_word=table["from"][0],
    )


# --------------------------------------------------------------------------- lines and spans


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without surrounding white space."""
    while start < end and text[start] in _WS:
        start += 1
    while end > start and text[end - 1] in _WS:
        end -= 1
    return start, end


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Stripped non-blank lines of ``text[start:end]`` as offsets."""
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        s, e = strip_span(text, pos, stop)
        if e > s:
            out.append((s, e))
        pos = stop + 1
    return out


def _ends_sentence(line: str) -> bool:
    """Whether ``line`` ends with sentence punctuation (before any closing quotes or brackets)."""
    core = line.rstrip(_CLOSERS + _WS)
    return bool(core) and core[-1] in _FINAL_PUNCT


def is_short(line: str) -> bool:
    """A short line without final punctuation: a heading, byline or site-name line candidate."""
    return len(line.split()) <= _SHORT_WORDS and len(line) <= 80 and not _ends_sentence(line)


def _is_agency(name: str) -> bool:
    """Whether ``name`` is a news agency of the furniture table."""
    return _norm(name.strip(" :-–")) in cues().agencies


# --------------------------------------------------------------------------- bylines


_ADDRESS = re.compile(r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+)$")
_QUOTED = re.compile(r"^[«\"“](?P<name>[^«»\"“”]+)[»\"”]$")


def _part_credit(text: str, s: int, e: int, default: str) -> Credit | None:
    """The credit one piece of a byline gives: agency, quoted publisher, or ``default``."""
    s, e = strip_span(text, s, e)
    while e > s and text[e - 1] in ":-–*":
        s, e = strip_span(text, s, e - 1)
    while e > s and text[s] in ":-–*":
        s, e = strip_span(text, s + 1, e)
    if e <= s:
        return None
    piece = text[s:e]
    if _is_agency(piece):
        return Credit("agency", piece, Span(s, e))
    q = _QUOTED.match(piece)
    if q:
        return Credit("publisher", q["name"], Span(s + q.start("name"), s + q.end("name")))
    return Credit(default, piece, Span(s, e))


def byline_credits(text: str, start: int, end: int) -> tuple[Credit, ...]:
    """Credits in a byline ``text[start:end]``: place, author, agency, publisher.

    Forms: ``الدوحة: واس``, ``غزة - رويترز``, ``واس - جدة``, ``فهيم الحامد (جدة)``, ``وكالات``,
    ``«الاقتصادية» من الرياض`` and the agency dateline ``عدن 26 شوال 1436 هـ الموافق … م واس``.
    The pieces before ``:`` are places, those after it names; without a colon the first
    dash-separated piece is the place (or, when it is an agency, the others are). "Agencies" in
    general (``وكالات``) shape the byline but credit no agency.
    """
    generic = cues().generic_agencies
    return tuple(c for c in _byline_credits(text, start, end)
                 if not (c.kind == "agency" and _norm(c.text) in generic))


def _byline_credits(text: str, start: int, end: int) -> tuple[Credit, ...]:
    """All credits of a byline, generic agencies included (see ``byline_credits``)."""
    while end > start and text[end - 1] in ": \t\u00a0":
        end -= 1                               # "القاهرة - نهى سلطان:"
    line = text[start:end]
    found = dates.find_dates(line)
    full = [m for m in found if m.kind in ("absolute", "hijri") and m.precision == "day"]
    if full:                                   # agency dateline: place, dates, agency
        out = [c for c in (_part_credit(text, start, start + full[0].span.start, "dateline"),
                           _part_credit(text, start + full[-1].span.end, end, "agency")) if c]
        return tuple(c if c.kind != "publisher" else replace(c, kind="agency") for c in out)
    paren = re.match(r"^(?P<a>[^()]+)\((?P<b>[^()]+)\)\s*[:\-]?$", line)
    if paren and not _DASH.search(paren["a"]) and ":" not in paren["a"]:     # name (place)
        return (*_piece_credits(text, start + paren.start("a"), start + paren.end("a"), "author"),
                *_piece_credits(text, start + paren.start("b"), start + paren.end("b"), "dateline"))
    frm = re.match(rf"^(?P<a>[«\"“].+?[»\"”])\s+{re.escape(cues().from_word)}\s+(?P<b>.+)$", line)
    if frm:                                    # «publisher» من place
        return (*_piece_credits(text, start + frm.start("a"), start + frm.end("a"), "publisher"),
                *_piece_credits(text, start + frm.start("b"), start + frm.end("b"), "dateline"))
    colon = line.find(":")
    if colon >= 0:                             # places: names
        return (*_split_credits(text, start, start + colon, "dateline", "dateline"),
                *_split_credits(text, start + colon + 1, end, "author", "author"))
    if not _DASH.search(line):                # a name alone (or an agency)
        return _piece_credits(text, start, end, "author")
    return _split_credits(text, start, end, "dateline", "author")


_DASH = re.compile(r"\s*(?:[-–—]|&[nm]dash;)\s*|\s+ـ\s+")
_COMMA = re.compile(r"\s*[،,]\s*")


def _split_credits(text: str, start: int, end: int, first: str, rest: str) -> tuple[Credit, ...]:
    """Credits of dash-separated pieces: the first piece defaults to ``first``, the others to
    ``rest``; after an agency the others are places ("واس - جدة")."""
    out: list[Credit] = []
    pos = start
    for cut in [*_DASH.finditer(text, start, end), None]:
        stop = cut.start() if cut else end
        default = first if not out else rest
        if out and out[0].kind == "agency" and first == "dateline":
            default = "dateline"
        out.extend(_piece_credits(text, pos, stop, default))
        if cut:
            pos = cut.end()
    return tuple(out)


def _piece_credits(text: str, start: int, end: int, default: str) -> tuple[Credit, ...]:
    """Credits of one comma-separated list ("دمشق، القاهرة")."""
    out = []
    pos = start
    for cut in [*_COMMA.finditer(text, start, end), None]:
        c = _part_credit(text, pos, cut.start() if cut else end, default)
        if c:
            out.append(c)
        if cut:
            pos = cut.end()
    return tuple(out)


def _looks_like_byline(line: str) -> bool:
    """A short line that names a place, an author or an agency (not a sentence)."""
    if not is_short(line.rstrip(": ")) and not _is_agency(line):
        return False
    if _is_agency(line) or _DASH.search(line) or re.search("[:()]", line):
        return True
    return len(line.split()) <= 3


# --------------------------------------------------------------------------- layout


@dataclass
class Layout:
    """What the layout pass finds, gathered before the frozen ``Article`` is built."""

    title: Span | None = None
    date: str | None = None
    date_span: Span | None = None
    byline: Span | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    furniture: list[Span] = field(default_factory=list)


def _furniture_line(text: str, s: int, e: int, lay: Layout) -> bool:
    """Record ``text[s:e]`` as furniture (with its credit) if it is a furniture line."""
    c = cues()
    line = text[s:e]
    if c.marker.match(line) or c.time.match(line) or c.lang_links.match(line) or _ADDRESS.match(line):
        lay.furniture.append(Span(s, e))
        return True
    if lay.title is not None and len(line) <= 200 and not _ends_sentence(line) \
            and (c.category.match(line) or c.continuation.search(line)):
        lay.furniture.append(Span(s, e))       # a continuation header repeating the title
        return True
    for kind, pat in (("photo", c.photo), ("source", c.source)):
        m = pat.match(line)
        if m:
            lay.furniture.append(Span(s, e))
            lay.credits.append(Credit(kind, m["name"], Span(s + m.start("name"), s + m.end("name"))))
            return True
    return False


def set_title(text: str, s: int, e: int, lay: Layout) -> None:
    """The title line, without an SPA category prefix or a continuation header (furniture)."""
    c = cues()
    m = c.category.match(text, s, e)
    if m and m.end() < e:
        lay.furniture.append(Span(*strip_span(text, s, m.end())))
        s = m.end()
    m = c.continuation.search(text, s, e)
    if m and m.start() > s:
        lay.furniture.append(Span(m.start(), e))
        e = m.start()
    s, e = strip_span(text, s, e)
    lay.title = Span(s, e)


def dateline(text: str, s: int, e: int, lay: Layout, *, with_place: bool = True) -> bool:
    """Take a date line (``١٠ يونيو ٢٠٢٢``, ``الجمعة 10 يونيو 2022``) or, ``with_place``, a
    dateline that also names a place or agency (``عدن 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس``)."""
    line = text[s:e]
    if len(line.split()) > 16 or _ends_sentence(line):
        return False
    found = [m for m in dates.find_dates(line) if m.iso and m.precision == "day"
             and m.kind in ("absolute", "hijri")]
    if not found:
        return False
    cuts = [0, *(x for m in found for x in (m.span.start, m.span.end)), len(line)]
    rest = " ".join(line[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=True))
    others = [w for w in re.findall(r"[^\W\d_]+", _norm(rest))
              if not (dates.is_date_word(w) or w in cues().date_labels)]
    if others:                              # a place or an agency beside the date
        if not with_place or len(others) > 4:
            return False
        lay.byline = Span(s, e)
        lay.credits.extend(byline_credits(text, s, e))
    greg = [m for m in found if m.kind == "absolute"]
    hijri = [m for m in found if m.kind == "hijri"]
    best = greg[0] if greg else found[0]
    if greg and hijri:
        g, h = dt.date.fromisoformat(greg[0].iso), dt.date.fromisoformat(hijri[0].iso)
        if abs((g - h).days) > 1:
            log.warning("dateline %r: Gregorian %s and Hijri %s disagree; using the Gregorian date",
                        line, g, h)
    if lay.date is None:
        lay.date = best.iso
        lay.date_span = Span(s + best.span.start, s + best.span.end)
    return True


def _trailing(text: str, lines: list[tuple[int, int]], lay: Layout) -> list[tuple[int, int]]:
    """Strip the furniture block at the end (credits, markers, time stamps, site name line)."""
    end = len(lines)
    in_block = False
    while end > 0:
        s, e = lines[end - 1]
        if _furniture_line(text, s, e, lay):
            in_block = True
        elif in_block and is_short(text[s:e]) and end > 1:
            lay.furniture.append(Span(s, e))    # the site-name line above the credits
            lay.credits.append(Credit("publisher", text[s:e], Span(s, e)))
            return lines[:end - 1]
        else:
            break
        end -= 1
    return lines[:end]


def _lead_byline(text: str, s: int, e: int, lay: Layout, whole_line: bool) -> int:
    """A byline at the start of the body: navigation words first (``Next Previous``), then a
    byline line or a byline run into the paragraph (``سبق- وكالات: قال …``). When the article
    already has a byline, the same one again is furniture, and another one run into the
    paragraph adds its credits. Returns where the paragraph starts."""
    nav = cues().nav.match(text, s, e)
    if nav:
        lay.furniture.append(Span(*strip_span(text, s, nav.end())))
        s = nav.end()
    line = text[s:e]
    own_line = whole_line and is_short(line.rstrip(": ")) and bool(_DASH.search(line) or re.search("[:()]", line))
    if own_line:
        hs, he = s, e
        start = e
    else:
        m = re.match(r"([^:.،\n]{2,40}?)\s*:\s*", line)
        if not m or len(m[1].split()) > 5 or not (_DASH.search(m[1]) or "(" in m[1] or _is_agency(m[1])):
            return s
        hs, he = strip_span(text, s, s + m.end(1))
        start = s + m.end()
    if lay.byline is None:
        lay.byline = Span(hs, he)
        lay.credits.extend(byline_credits(text, hs, he))
    elif _shares_word(text[hs:he], lay.byline.of(text)):
        lay.furniture.append(Span(hs, he))    # the byline again
    elif not own_line:                        # a second byline run into the text: its credits count
        lay.furniture.append(Span(hs, he))
        lay.credits.extend(byline_credits(text, hs, he))
    else:
        return s                              # a short first line that is not the byline
    return start


def _shares_word(a: str, b: str) -> bool:
    """Whether two bylines have a word in common (the same byline written twice)."""
    words = set(re.findall(r"[^\W\d_]+", _norm(b)))
    return any(w in words for w in re.findall(r"[^\W\d_]+", _norm(a)))


_SENTENCE_NBSP = re.compile(r"(?<=[.!?؟»\"”])[ \t]*\u00a0[ \t\u00a0]*")


def _split_nbsp(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines cut where a no-break space follows a sentence end (paragraph breaks of some sites)."""
    out = []
    for s, e in lines:
        pos = s
        for m in _SENTENCE_NBSP.finditer(text, s, e):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, e))
    return [span for span in (strip_span(text, a, b) for a, b in out) if span[1] > span[0]]


def body(text: str, lines: list[tuple[int, int]], lay: Layout) -> None:
    """Paragraphs and headings of the body lines; furniture lines in between are set apart."""
    rows = [(s, e) for s, e in _split_nbsp(text, _trailing(text, lines, lay))
            if not _furniture_line(text, s, e, lay)]
    if rows:
        s, e = rows[0]
        s = _lead_byline(text, s, e, lay, whole_line=len(rows) > 1)
        rows[0] = (s, e)
        if s >= e:
            rows = rows[1:]
    for i, (s, e) in enumerate(rows):
        kind = "heading" if 0 < i < len(rows) - 1 and is_short(text[s:e]) else "paragraph"
        lay.paragraphs.append(Paragraph(Span(s, e), kind))


def head_and_body(text: str, lines: list[tuple[int, int]], lay: Layout) -> None:
    """The lines after the title: date line and byline (either order), then the body."""
    i = 0
    for _ in range(3):
        if i >= len(lines):
            break
        s, e = lines[i]
        if _furniture_line(text, s, e, lay) or dateline(text, s, e, lay):
            pass
        elif lay.byline is None and _looks_like_byline(text[s:e]):
            lay.byline = Span(s, e)
            lay.credits.extend(byline_credits(text, s, e))
        else:
            break
        i += 1
    body(text, lines[i:], lay)


def layout_text(text: str) -> Layout:
    """Find title, date line, byline, body and furniture in a plain-text news page."""
    lay = Layout()
    lines = lines_of(text)
    i = 0
    while i < len(lines) and (_furniture_line(text, *lines[i], lay)
                               or lay.date is None and i + 1 < len(lines)
                               and dateline(text, *lines[i], lay, with_place=False)):
        i += 1                             # furniture, or a date line above the title
    if i < len(lines):
        set_title(text, *lines[i], lay)
        i += 1
    head_and_body(text, lines[i:], lay)
    return lay
