"""Dates in Arabic news text: absolute, Hijri, relative and weekday expressions, with offsets.

``find_dates(text, anchor)`` finds every date expression and resolves the relative ones against
the anchor (the article's date). Month and weekday names come from CLDR through Babel, plus the
Levantine, Maghrebi and Hijri month names and spelling variants of ``data/months.tsv``; the words
of relative expressions (اليوم، أمس، الماضي، المقبل، قبل…) are in ``data/date_words.tsv``.

Everything is one regular expression compiled once per process, so scanning costs a single
``finditer`` per text (dateparser is not called per token: it is far too slow for the pipeline).

Precision is part of the answer: ``iso`` is ``YYYY-MM-DD`` (day), ``YYYY-MM`` (month),
``YYYY-Www`` (ISO week) or ``YYYY`` (year); ``DateMention.precision`` says which, and so does
the kind of a coarse mention (``"relative-month"``, ``"absolute-year"``…).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgraph.extract.arabic import fold
from newsgraph.extract.model import Span

DATA = Path(__file__).parent / "data"

#: ``DateMention.kind`` values: the four day-precision kinds, and the coarser ones.
KINDS = ("absolute", "relative", "weekday", "hijri", "absolute-month", "absolute-year",
         "relative-week", "relative-month", "relative-year")

# Optional diacritics/tatweel between letters, and letters that are written in several ways.
_MARKS = "[\u064b-\u0652\u0640]*"
_VARIANTS = {"ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "آ": "[اأإآ]",
             "ي": "[يى]", "ى": "[يى]", "ة": "[ةه]", "ه": "[ةه]"}
_ERA_MARK_END = r"(?![\w])"


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression in a text.

    ``kind`` is ``"absolute"`` (``10 يونيو 2022``), ``"hijri"`` (``26 شوال 1436 هـ``, converted
    to the Gregorian calendar), ``"relative"`` (``أمس``, ``قبل أسبوع``) or ``"weekday"``
    (``الجمعة الماضي``); an expression coarser than a day says so in its kind and ``precision``:
    ``"absolute-month"`` (``أواخر يونيو`` → ``2015-06``), ``"absolute-year"`` (``في 2013``),
    ``"relative-week"`` (``الأسبوع الماضي`` → ``2015-W30``), ``"relative-month"``
    (``الشهر الماضي`` → ``2015-07``), ``"relative-year"``. ``iso`` is ``None`` when the
    expression needs an anchor and none was given, is vague (``قبل أيام``) or names an
    impossible date.
    """

    span: Span
    iso: str | None
    kind: str
    text: str
    precision: str = "day"        # "day" | "week" | "month" | "year"


def _fuzzy(name: str) -> str:
    """A regex for ``name`` that accepts alef/ya/ta-marbuta variants, diacritics and any spacing."""
    out = []
    for ch in name.strip():
        if ch.isspace():
            out.append(r"\s+")
        else:
            out.append(_VARIANTS.get(ch, re.escape(ch)) + _MARKS)
    return "".join(out)


def _alt(names: list[str]) -> str:
    """An alternation of fuzzy names, longest first so that ``تشرين الأول`` beats ``تشرين``."""
    uniq = sorted(set(names), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(_fuzzy(n) for n in uniq) + ")"


def _read_tsv(name: str) -> list[list[str]]:
    """Rows of a data table, without comments and blank lines."""
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t")
                if row and row[0].strip() and not row[0].startswith("#")]


def _key(s: str) -> str:
    """The lookup form of a matched name: ``arabic.fold`` (no marks, one alef…), single spaces."""
    return " ".join(fold(s).split())


@dataclass(frozen=True)
class _Lexicon:
    gregorian: dict[str, int]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    words: dict[str, dict[str, str]]   # role → {key: value}
    raw_words: dict[str, list[str]]    # role → words as written in the table


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """Month, weekday and relative-date words from Babel (CLDR) and the data tables."""
    from babel.dates import get_day_names, get_month_names

    greg: dict[str, int] = {}
    for ctx in ("format", "stand-alone"):
        for num, name in get_month_names("wide", context=ctx, locale="ar").items():
            greg[_key(name)] = num
    wdays = {_key(name): num for num, name in get_day_names("wide", locale="ar").items()}
    hijri: dict[str, int] = {}
    for kind, num, name, *_ in _read_tsv("months.tsv"):
        table = {"gregorian": greg, "hijri": hijri, "weekday": wdays}[kind]
        table[_key(name)] = int(num)
    words: dict[str, dict[str, str]] = {}
    raw: dict[str, list[str]] = {}
    for row in _read_tsv("date_words.tsv"):
        role, word = row[0], row[1]
        value = row[2] if len(row) > 2 else ""
        words.setdefault(role, {})[_key(word)] = value
        raw.setdefault(role, []).append(word)
    return _Lexicon(greg, hijri, wdays, words, raw)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """The one regex that finds every date expression (alternatives tried longest form first)."""
    lx = lexicon()
    month = _alt(list(lx.gregorian))
    hmonth = _alt(list(lx.hijri))
    wday = _alt(list(lx.weekdays))
    w = lx.raw_words
    day_w, part, direc = _alt(w["day"]), _alt(w["part"]), _alt(w["dir"])
    unit, ago, after = _alt(w["unit"]), _alt(w["ago"]), _alt(w["in"])
    period, ycue, mcue = _alt(w["period"]), _alt(w["year_cue"]), _alt(w["month_cue"])
    prep, cal_unit, ordinal = _alt(w["month_prep"]), _alt(w["cal_unit"]), _alt(w["ordinal"])
    hmark, gmark = _alt(w["hijri_mark"]), _alt(w["greg_mark"])
    day_noun, of = _alt(w["day_noun"]), _alt(w["of"])
    d2 = r"(?<!\d)\d{1,2}(?!\d)"
    year = r"(?<!\d)\d{4}(?!\d)"
    other_month = rf"\s*[/(]\s*(?:{month})\s*\)?"     # يونيو/حزيران, يونيو (حزيران)

    def year_or_dir(p: str) -> str:
        """An optional year (``2022 م``) or direction (``المقبل``) after a month, as groups p_y, p_dir."""
        return (rf"(?:\s*[،,]?\s*(?:{ycue}\s+)?(?P<{p}_y>{year})(?:\s*{gmark}{_ERA_MARK_END})?"
                rf"|\s+(?P<{p}_dir>{direc}))?")

    alternatives = [
        # 26 شوال 1436 هـ
        rf"(?P<h_d>{d2})\s+(?P<h_m>{hmonth})\s*[،,]?\s*(?P<h_y>{year})(?:\s*{hmark}{_ERA_MARK_END})?",
        # 10 يونيو/حزيران 2022 م, 27 أغسطس المقبل, 5 يونيو
        rf"(?P<g_d>{d2})\s+(?:{mcue}\s+)?(?P<g_m>{month})(?:{other_month})?" + year_or_dir("g"),
        # (يوم) الخامس من أغسطس (المقبل)
        rf"(?:{day_noun}\s+)?(?P<o_d>{ordinal})\s+{of}\s+(?:{mcue}\s+)?(?P<o_m>{month})(?:{other_month})?"
        + year_or_dir("o"),
        # 2022-06-10 and 10/6/2022
        rf"(?P<iso_y>{year})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?!\d)",
        rf"(?P<n_d>{d2})[/.](?P<n_m>\d{{1,2}})[/.](?P<n_y>{year})",
        # أواخر يونيو, شهر سبتمبر المقبل, يونيو 2015
        rf"(?:(?P<m_per>{period})\s+(?:{mcue}\s+)?|(?P<m_cue>{mcue})\s+|(?P<m_prep>{prep})\s+)?(?P<m_m>{month})"
        rf"(?P<m_alt>{other_month})?" + year_or_dir("m"),
        # في 2013, منذ عام 2009
        rf"(?:(?P<y_prep>{prep})\s+)?(?:(?P<y_cue>{ycue})\s+)?(?P<y_y>(?:1[89]|2[01])\d\d)(?!\d)"
        rf"(?:\s*{gmark}{_ERA_MARK_END})?",
        # مساء اليوم, اليوم (الاثنين), بعد غد الثلاثاء
        rf"(?:(?P<r_part>{part})\s+)?(?P<r_day>{day_w})(?:\s*\(?\s*(?P<r_wd>{wday})\s*\)?)?",
        # قبل أسبوع, منذ 3 أيام, بعد يومين
        rf"(?:(?P<u_ago>{ago})|(?P<u_in>{after}))\s+(?:(?P<u_n>\d{{1,3}})\s+)?(?P<u_unit>{unit})(?!\s+{month})",
        # الأسبوع الماضي, الشهر المقبل
        rf"(?P<c_unit>{cal_unit})\s+(?P<c_dir>{direc})",
        # يوم الثلاثاء, الجمعة الماضي, مساء الأحد
        rf"(?:(?P<w_part>{part})\s+)?(?:{day_noun}\s+)?(?P<w_wd>{wday})(?:\s+(?P<w_dir>{direc}))?",
    ]
    body = "|".join(f"(?:{a})" for a in alternatives)
    # A proclitic (و ف ب ل) may stick to the first word; it is left out of the span.
    return re.compile(rf"(?<!\w)(?:[وفبل](?=\w))?(?P<all>{body})(?!\w)")


def _anchor(anchor: str | None) -> dt.date | None:
    """The anchor as a date (``None`` for no anchor or an anchor without a day)."""
    if not anchor:
        return None
    try:
        return dt.date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def _day(y: int, m: int, d: int) -> str | None:
    """``YYYY-MM-DD`` for a valid date, else ``None``."""
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_shift(y: int, m: int, n: int) -> tuple[int, int]:
    """The month ``n`` months after ``y-m``."""
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _weekday_near(base: dt.date, weekday: int, direction: int, inclusive: bool) -> dt.date:
    """The ``weekday`` nearest ``base`` going backwards (``direction < 0``) or forwards."""
    step = -1 if direction < 0 else 1
    day = base if inclusive else base + dt.timedelta(days=step)
    while day.weekday() != weekday:
        day += dt.timedelta(days=step)
    return day


def _year_for(month: int, day: int, direction: int, anchor: dt.date | None) -> int | None:
    """The year of a day-month date without a year: the anchor's, moved by ``المقبل``/``الماضي``."""
    if anchor is None:
        return None
    y = anchor.year
    if direction > 0 and (month, day) < (anchor.month, anchor.day):
        y += 1
    elif direction < 0 and (month, day) > (anchor.month, anchor.day):
        y -= 1
    return y


def _resolve(g: dict[str, str | None], anchor: dt.date | None) -> tuple[str | None, str, str] | None:
    """``(iso, kind, precision)`` for one match's groups, or ``None`` when it is no date after all."""
    lx = lexicon()
    words = lx.words

    def direction(s: str | None) -> int:
        return int(words["dir"][_key(s)]) if s else 0

    if g["h_d"]:
        from hijridate import Hijri

        try:
            iso = Hijri(int(g["h_y"]), lx.hijri[_key(g["h_m"])], int(g["h_d"])).to_gregorian().isoformat()
        except (ValueError, OverflowError):
            iso = None
        return iso, "hijri", "day"
    if g["g_d"] or g["o_d"]:
        p = "g_" if g["g_d"] else "o_"
        m = lx.gregorian[_key(g[p + "m"])]
        d = int(g["g_d"]) if g["g_d"] else int(words["ordinal"][_key(g["o_d"])])
        y = int(g[p + "y"]) if g[p + "y"] else _year_for(m, d, direction(g[p + "dir"]), anchor)
        return (_day(y, m, d) if y else None), "absolute", "day"
    if g["iso_y"]:
        return _day(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])), "absolute", "day"
    if g["n_d"]:
        return _day(int(g["n_y"]), int(g["n_m"]), int(g["n_d"])), "absolute", "day"
    if g["m_m"]:
        if not (g["m_per"] or g["m_cue"] or g["m_prep"] or g["m_alt"] or g["m_y"] or g["m_dir"]):
            return None            # a bare month name ("آب") is too often another word
        m = lx.gregorian[_key(g["m_m"])]
        if g["m_y"]:
            y: int | None = int(g["m_y"])
        else:
            dirn = direction(g["m_dir"])
            y = _year_for(m, 15 if dirn else 1, dirn, anchor)
            if y is not None and anchor is not None and dirn and m == anchor.month:
                y += dirn
        return (f"{y:04d}-{m:02d}" if y else None), "absolute", "month"
    if g["y_y"]:
        if not (g["y_prep"] or g["y_cue"]):
            return None            # a bare four-digit number is too often a count
        return str(int(g["y_y"])), "absolute", "year"
    if g["r_day"]:
        if anchor is None:
            return None, "relative", "day"
        base = anchor + dt.timedelta(days=int(words["day"][_key(g["r_day"])]))
        if g["r_wd"]:
            wd = lx.weekdays[_key(g["r_wd"])]
            # "اليوم الاثنين" against a crawl date a little after publication: trust the weekday.
            forward = base > anchor
            base = _weekday_near(base, wd, 1 if forward else -1, inclusive=True)
        return base.isoformat(), "relative", "day"
    if g["u_unit"] or g["c_unit"]:
        return _resolve_unit(g, anchor)
    wd = lx.weekdays[_key(g["w_wd"])]
    if anchor is None:
        return None, "weekday", "day"
    dirn = direction(g["w_dir"])
    if dirn > 0:
        return _weekday_near(anchor, wd, 1, inclusive=False).isoformat(), "weekday", "day"
    return _weekday_near(anchor, wd, -1, inclusive=dirn == 0).isoformat(), "weekday", "day"


def _resolve_unit(g: dict[str, str | None], anchor: dt.date | None) -> tuple[str | None, str, str]:
    """``قبل أسبوع``, ``بعد يومين``, ``الشهر الماضي``: a shift of the anchor by calendar units."""
    words = lexicon().words
    if g["u_unit"]:
        unit = words["unit"][_key(g["u_unit"])]
        sign = -1 if g["u_ago"] else 1
        count = int(g["u_n"]) if g["u_n"] else 1
        precise = True          # "a week ago" is a day; "last week" is a week
    else:
        unit = words["cal_unit"][_key(g["c_unit"])]
        sign = int(words["dir"][_key(g["c_dir"])])
        count = 1
        precise = False
    vague = unit.endswith("*") and not g["u_n"]      # "قبل أيام": some days ago
    if unit.endswith("2"):          # dual forms: يومين، أسبوعين…
        unit, count = unit[:-1], 2
    unit = unit.rstrip("*")
    precision = "day" if precise and unit in ("day", "week") else unit
    if anchor is None or vague:
        return None, "relative", precision
    n = sign * count
    if unit == "day":
        return (anchor + dt.timedelta(days=n)).isoformat(), "relative", "day"
    if unit == "week":
        day = anchor + dt.timedelta(weeks=n)
        if precise:
            return day.isoformat(), "relative", "day"
        y, w, _ = day.isocalendar()
        return f"{y:04d}-W{w:02d}", "relative", "week"
    if unit == "month":
        y, m = _month_shift(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}", "relative", "month"
    return f"{anchor.year + n:04d}", "relative", "year"


def find_dates(text: str, anchor: str | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in order, relative ones resolved against ``anchor``.

    ``anchor`` is the article's date (``YYYY-MM-DD``); without it relative expressions are still
    found but their ``iso`` is ``None``. A bare weekday ("الاثنين") is the most recent such day on
    or before the anchor (news is written in the past tense); with ``المقبل`` the next one.
    """
    base = _anchor(anchor)
    out: list[DateMention] = []
    for m in _pattern().finditer(text):
        g = m.groupdict()
        resolved = _resolve(g, base)
        if resolved is None:
            continue
        iso, kind, precision = resolved
        start, end = m.span("all")
        if g["y_prep"]:                 # "في 2013": the preposition is not part of the date
            start = m.start("y_cue") if g["y_cue"] else m.start("y_y")
        elif g["m_prep"]:
            start = m.start("m_m")
        if precision != "day":
            kind = f"{kind}-{precision}"
        out.append(DateMention(Span(start, end), iso, kind, text[start:end], precision))
    return out


def parse_date(text: str, anchor: str | None = None) -> tuple[str, Span] | None:
    """The first full calendar date (day precision, absolute or Hijri) in ``text``, with its span.

    Used for date lines and datelines, where a relative word would not be the publication date.
    """
    for m in find_dates(text, anchor):
        if m.iso and m.precision == "day" and m.kind in ("absolute", "hijri"):
            return m.iso, m.span
    return None


def is_date_word(word: str) -> bool:
    """Whether ``word`` is a weekday name or an era mark (``الجمعة``, ``هـ``, ``م``)."""
    lx = lexicon()
    k = _key(word)
    return k in lx.weekdays or k in lx.words["hijri_mark"] or k in lx.words["greg_mark"]


def date_in_name(name: str) -> str | None:
    """A ``YYYY-MM-DD`` date written in a file name (``story-2015-08-06.txt``), if valid."""
    for m in re.finditer(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", name):
        iso = _day(int(m[1]), int(m[2]), int(m[3]))
        if iso:
            return iso
    return None
