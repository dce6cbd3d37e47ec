"""Read news articles from files, records and folders into ``model.Article``.

``read(path)`` accepts plain text (``.txt`` or no extension), HTML (``.html``/``.htm``), JSON
(``.json``: one record or a list) and JSON Lines (``.jsonl``), or a folder of them. It finds the
layout of a news page: title, date line, byline or agency dateline, body paragraphs and section
headings, and the page furniture around them (language links, site name, photo credit, source,
``// انتهى //`` markers, time stamps), which is kept out of the paragraphs and turned into
``Credit`` records (``extract.layout`` does that part; its cue words are data).

The text is never changed: every span points into ``Article.text`` exactly as read.
"""
from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import InputError
from newsgraph.extract import dates
from newsgraph.extract.layout import (
    Layout,
    body,
    byline_credits,
    dateline,
    head_and_body,
    is_short,
    layout_text,
    lines_of,
    set_title,
    strip_span,
)
from newsgraph.extract.model import Article, Credit, Span

log = logging.getLogger(__name__)

#: Largest article (or .jsonl record) read, in bytes; ``read(..., max_bytes=…)`` or the
#: environment variable ``NEWSGRAPH_MAX_BYTES`` changes it.
MAX_BYTES = 5 * 1024 * 1024
#: A file holding many records (a .json list, a UTF-16 .jsonl read whole) may be this many times larger.
MANY_FACTOR = 20
TEXT_SUFFIXES = (".txt", "")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")

__all__ = ["MAX_BYTES", "SUFFIXES", "ReadProblem", "OnError", "read", "read_text", "read_html",
           "article_from_record", "decode", "language", "byline_credits", "layout_text"]


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A record or file that could not be read; ``read`` skips it and reports it to ``on_error``."""

    path: str
    line: int | None          # 1-based line of a .jsonl record (``None`` for a whole file)
    message: str              # one line that says what is wrong and what to do


OnError = Callable[[ReadProblem], None]


# --------------------------------------------------------------------------- decoding


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LETTER = re.compile(r"[^\W\d_]")


def _sensible(s: str, *, letters: bool) -> bool:
    """Whether decoded text looks like writing: few control characters and, for a fallback
    single-byte decoding (``letters``), mostly letters among the non-space characters."""
    sample = s[:20000]
    if len(_CONTROL.findall(sample)) > len(sample) * 0.01:
        return False
    if not letters:
        return True
    dense = "".join(sample.split())
    return len(_LETTER.findall(dense)) >= len(dense) * 0.5


_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
#: What Arabic writing in cp1256 has next to its letters: digits, spaces, ASCII and Arabic punctuation,
#: quotes, dashes, harakat, tatweel. Anything else (currency and math signs, fractions, Latin-1
#: letters such as ``é``, format characters) is a sign of some other single-byte encoding or of noise.
_ARABIC_COMPANION = re.compile(r"[\w\s!-/:-@\[-`{-~\u060c\u061b\u061f\u064b-\u0652\u0640«»‘’“”–—…•\u200c\u200d]")
_LATIN1_LETTER = re.compile(r"[\u00c0-\u024f]")


def _plausible_arabic(text: str) -> bool:
    """Whether a cp1256 decoding reads as Arabic: Arabic letters are most of the letters, words
    of a usual length are separated by spaces, and odd symbols are rare.

    Why so strict: every byte decodes in cp1256, so Latin-1 German or random bytes also come out
    as "letters" — only the shape of real Arabic writing tells the encodings apart.
    """
    sample = text[:20000]
    dense = "".join(sample.split())
    if not dense:
        return False
    letters = len(_LETTER.findall(dense))
    arabic = len(_ARABIC_LETTER.findall(dense))
    odd = len(dense) - len(_ARABIC_COMPANION.findall(dense)) + len(_LATIN1_LETTER.findall(dense))
    words = sample.split()
    return (arabic >= 0.7 * max(letters, 1) and arabic >= 0.5 * len(dense)
            and odd <= 0.02 * len(dense) and len(dense) / len(words) <= 15)


def _utf16_without_bom(data: bytes) -> bool:
    """Whether NUL bytes sit in alternate positions, as in UTF-16 text saved without a byte-order mark."""
    head = data[:8192]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even + odd < 2 or min(even, odd) > (even + odd) * 0.05:
        return False
    try:
        text = head[: len(head) // 2 * 2].decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return False
    return _sensible(text, letters=True)


def decode(data: bytes, where: str) -> str:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, then cp1256 (Arabic Windows).

    UTF-8 with a few damaged bytes (at most one in a thousand) stays UTF-8, each bad byte read
    as U+FFFD and a warning logged, rather than turning the whole text into cp1256 mojibake.
    cp1256 is accepted only when the result reads as Arabic (``_plausible_arabic``): Latin-1,
    other code pages and random bytes are refused rather than stored as mojibake.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(f"{where}: bad UTF-16 ({err.reason}); save the file as UTF-8") from None
    if b"\x00" in data[:8192]:
        if _utf16_without_bom(data):
            raise InputError(f"{where}: looks like UTF-16 without a byte-order mark; save it as UTF-8")
        raise InputError(f"{where}: looks binary (NUL bytes); give a text, HTML or JSON file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        if bad * 1000 <= len(data) and _sensible(text, letters=False):
            log.warning("%s: %d invalid UTF-8 byte(s) read as U+FFFD", where, bad)
            return text
        text = data.decode("cp1256")
        if _sensible(text, letters=True) and _plausible_arabic(text):
            return text
        raise InputError(f"{where}: not UTF-8, UTF-16 or cp1256 Arabic text; convert it to UTF-8") from None
    if _sensible(text, letters=False):
        return text
    raise InputError(f"{where}: not readable text (control characters); give a text, HTML or JSON file")


def _load(path: Path, max_bytes: int) -> str:
    """A whole file as text, with the size, emptiness and encoding checks."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit; "
                             "split it or set NEWSGRAPH_MAX_BYTES")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror}); check the path and permissions") from None
    text = decode(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: empty file; remove it or give an article")
    return text


# --------------------------------------------------------------------------- file kinds


def _hint(path: Path) -> str | None:
    """The publisher hint of a file name: its first dash-separated token (``aawsat-…``)."""
    head = path.stem.split("-", 1)[0].strip().lower()
    return head or None


_SCRIPTS = (("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")), ("ru", re.compile(r"[\u0400-\u04ff]")),
            ("en", re.compile(r"[A-Za-z]")))


def language(text: str) -> str:
    """The article's language from its script: Arabic → ``ar``, Cyrillic → ``ru``, Latin → ``en``."""
    sample = text[:5000]
    counts = [(len(pat.findall(sample)), -i, lang) for i, (lang, pat) in enumerate(_SCRIPTS)]
    return max(counts)[2]


def _build(id_: str, text: str, lay: Layout, **kw: object) -> Article:
    """The frozen ``Article`` from a layout."""
    return Article(id=id_, text=text, language=language(text), title=lay.title, date=lay.date,
                   date_span=lay.date_span,
                   paragraphs=tuple(lay.paragraphs), byline=lay.byline,
                   credits=tuple(lay.credits), furniture=tuple(sorted(set(lay.furniture))), **kw)


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """One plain-text article; the date falls back to a date in the file name."""
    text = _load(path, max_bytes)
    lay = layout_text(text)
    if lay.date is None:
        lay.date = dates.date_in_name(path.name)
    return _build(path.stem, text, lay, source_path=str(path), publisher_hint=_hint(path))


#: Record fields and the names they may have (SaudiNewsNet's first, then common alternatives).
_RECORD_FIELDS = {"title": ("title", "headline"), "author": ("author", "byline"),
                  "content": ("content", "text", "body"),
                  "date": ("date_published", "date", "published", "date_extracted")}


_JSON_TYPES = {list: "a JSON array", str: "a JSON string", bool: "a JSON boolean", int: "a JSON number",
               float: "a JSON number", type(None): "JSON null"}


def _not_an_object(rec: object, what: str) -> InputError:
    """The error for a record that is not a JSON object: what it is, and what to give instead."""
    kind = _JSON_TYPES.get(type(rec), type(rec).__name__)
    return InputError(f"{what} is {kind}, not an object with title/content fields; "
                      "give one JSON object per article")


def article_from_record(rec: object, id_: str, source_path: str | None = None, *,
                        where: str | None = None) -> Article:
    """An article from a record with the fields ``url, source, date_extracted, title, author, content``
    (or ``headline``, ``byline``, ``text``/``body``, ``date``/``published`` for the same things).

    The text is composed as ``title + "\\n" + author + "\\n\\n" + content`` so that offsets point
    into it. The date is that of an agency dateline opening the content (the publication date),
    else the date part of the record's date field (``date_published``, ``date``, ``published``,
    else ``date_extracted``: SaudiNewsNet's crawl date). Error messages start with ``where``
    (the file and record position; default ``id_``).
    """
    where = where or id_
    if not isinstance(rec, dict):
        raise _not_an_object(rec, f"{where}: the record")
    fields = {}
    for name in ("title", "author", "content"):
        alternatives = _RECORD_FIELDS[name]
        value = next((rec[k] for k in alternatives if rec.get(k)), "")
        if not isinstance(value, str):
            raise InputError(f"{where}: field {name!r} must be a string; fix the record")
        fields[name] = value
    if not fields["content"].strip() and not fields["title"].strip():
        raise InputError(f"{where}: record has neither title nor content; remove it")
    title, author, content = fields["title"], fields["author"], fields["content"]
    text = f"{title}\n{author}\n\n{content}"
    lay = Layout()
    if title.strip():
        set_title(text, 0, len(title), lay)
    a0 = len(title) + 1
    bs, be = strip_span(text, a0, a0 + len(author))
    if be > bs and is_short(text[bs:be].rstrip(": ")):
        lay.byline = Span(bs, be)
        lay.credits.extend(byline_credits(text, bs, be))
    c0 = a0 + len(author) + 2
    lines = lines_of(text, a0 if be > bs and lay.byline is None else c0, len(text))
    if lay.byline is None and lines and dateline(text, *lines[0], lay):
        lines = lines[1:]                      # an agency dateline opening the content
    body(text, lines, lay)
    raw_date = next((rec[k] for k in _RECORD_FIELDS["date"] if rec.get(k)), None)
    if isinstance(raw_date, str) and lay.date is None:
        lay.date = dates.date_in_name(raw_date[:10])
    url = rec.get("url") if isinstance(rec.get("url"), str) and rec.get("url") else None
    source = rec.get("source") if isinstance(rec.get("source"), str) else None
    return _build(url or id_, text, lay, url=url, source_path=source_path,
                  publisher_hint=source or None)


def read_html(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """One HTML page: main text, title, date, URL, site name and author through trafilatura (offline).

    ``Article.text`` is the extracted text; when it does not begin with the page title, the
    title is put in front of it (``title + "\\n\\n" + text``) so that the title has a span.
    """
    import trafilatura

    html = _load(path, max_bytes)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, output_format="python")
    body = (doc.text if doc is not None else "") or ""
    if not body.strip():
        raise InputError(f"{path}: no article text found in the HTML; give the article page or its text")
    title = (doc.title or "").strip()
    first = lines_of(body)[0]
    if title and body[first[0]:first[1]] != title:
        body = f"{title}\n\n{body}"
    lay = Layout()
    lines = lines_of(body)
    if title:
        set_title(body, *lines[0], lay)
        lines = lines[1:]
    head_and_body(body, lines, lay)
    meta_date = dates.date_in_name(doc.date or "")
    if meta_date and meta_date != lay.date:
        lay.date, lay.date_span = meta_date, None
    lay.date = lay.date or dates.date_in_name(path.name)
    host = (doc.hostname or "").lower().removeprefix("www.") or None
    for kind, name in (("publisher", doc.sitename), ("author", doc.author)):
        name = (name or "").strip()
        if name and "." not in name and not any(c.kind == kind for c in lay.credits):
            at = body.find(name)            # metadata credits: placed when the text shows them
            lay.credits.append(Credit(kind, name, Span(at, at + len(name)) if at >= 0 else None))
    return _build(doc.url or path.stem, body, lay, url=doc.url or None, source_path=str(path),
                  publisher_hint=host or _hint(path))


def _jsonl_lines(path: Path, fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | str]]:
    """Numbered lines of a JSON Lines file: bytes, or text for a UTF-16 file (decoded whole)."""
    head = fh.read(8192)
    fh.seek(0)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        size = path.stat().st_size
        if size > MANY_FACTOR * max_bytes:
            raise InputError(f"{path}: UTF-16 file of {size:,} bytes is too large; save it as UTF-8")
        yield from enumerate(decode(fh.read(), str(path)).splitlines(), 1)
    elif b"\x00" in head:
        raise InputError(f"{path}: looks binary (NUL bytes); give one JSON record per line")
    else:
        yield from enumerate(fh, 1)


def _read_jsonl(path: Path, max_bytes: int, on_error: OnError | None) -> Iterator[Article]:
    """Records of a JSON Lines file; a bad line is reported and skipped, the rest still read."""
    try:
        fh = open(path, "rb")
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror}); check the path and permissions") from None
    seen = 0
    with fh:
        for no, raw in _jsonl_lines(path, fh, max_bytes):
            if not raw.strip():
                continue
            seen += 1
            try:
                if len(raw) > max_bytes:
                    raise InputError(f"{path}:{no}: record over the {max_bytes:,}-byte limit; "
                                     "shorten it or set NEWSGRAPH_MAX_BYTES")
                line = raw if isinstance(raw, str) else decode(raw, f"{path}:{no}")
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}:{no}: malformed JSON ({err.msg} at column {err.colno}); "
                                     "fix or remove the line") from None
                yield article_from_record(rec, f"{path.stem}#{no}", str(path), where=f"{path}:{no}")
            except InputError as err:
                _report(ReadProblem(str(path), no, str(err)), on_error)
    if not seen:
        raise InputError(f"{path}: empty file; give one JSON record per line")


def _read_json(path: Path, max_bytes: int) -> Iterator[Article]:
    """One record or a list of records."""
    try:
        data = json.loads(_load(path, MANY_FACTOR * max_bytes))
    except json.JSONDecodeError as err:
        raise InputError(f"{path}: malformed JSON ({err.msg} at line {err.lineno}); fix the file") from None
    if not isinstance(data, list):
        yield article_from_record(data, path.stem, str(path), where=str(path))
        return
    for i, rec in enumerate(data, 1):  # checked first: a list of the wrong things stores nothing
        if not isinstance(rec, dict):
            raise _not_an_object(rec, f"{path}: record {i}")
    for i, rec in enumerate(data, 1):
        yield article_from_record(rec, f"{path.stem}#{i}" if len(data) > 1 else path.stem, str(path),
                                  where=f"{path}: record {i}")


def _report(problem: ReadProblem, on_error: OnError | None) -> None:
    """Hand a problem to the caller's callback, or log it."""
    if on_error is None:
        log.warning("%s", problem.message)
    else:
        on_error(problem)


def _read_file(path: Path, max_bytes: int, on_error: OnError | None) -> Iterator[Article]:
    """Articles of one file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, max_bytes, on_error)
    elif suffix == ".json":
        yield from _read_json(path, max_bytes)
    elif suffix in HTML_SUFFIXES:
        yield read_html(path, max_bytes)
    elif suffix in TEXT_SUFFIXES or not suffix:
        yield read_text(path, max_bytes)
    else:
        raise InputError(f"{path}: unsupported file type {suffix!r}; give .txt, .html, .json or .jsonl")


def _env_max_bytes() -> int:
    """``NEWSGRAPH_MAX_BYTES`` when it is a positive whole number, else ``MAX_BYTES``."""
    value = os.environ.get("NEWSGRAPH_MAX_BYTES", "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_BYTES


def read(path: str | Path, *, on_error: OnError | None = None,
         max_bytes: int | None = None) -> Iterator[Article]:
    """Yield the articles in a file or folder (folders: every supported file, recursively, sorted).

    Bad input raises ``InputError`` with a one-line message. Exceptions: a bad record of a
    ``.jsonl`` file, and — when ``on_error`` is given — a bad file inside a folder, are skipped
    and reported as a ``ReadProblem`` (path, line number, message) to ``on_error``
    (or logged as a warning when it is ``None``), so one bad record never stops the rest.
    Hidden files and folders are skipped; a folder without any supported file is an
    ``InputError``. ``max_bytes`` caps one article or record (default
    ``NEWSGRAPH_MAX_BYTES`` or 5 MB).
    """
    max_bytes = max_bytes or _env_max_bytes()
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        if not files:
            raise InputError(f"no articles found in {p} (supported: {' '.join(SUFFIXES)}); "
                             "give a folder or file of articles")
        for f in files:
            if on_error is None:
                yield from _read_file(f, max_bytes, on_error)
                continue
            try:
                yield from _read_file(f, max_bytes, on_error)
            except InputError as err:
                on_error(ReadProblem(str(f), None, str(err)))
        return
    if not p.exists():
        raise InputError(f"{p}: no such file or folder; check the path")
    yield from _read_file(p, max_bytes, on_error)
