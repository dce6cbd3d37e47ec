"""A view of an article's extraction context by tokens (``TextView``: tokens, sentences, mentions,
subjects, post holders) and the tables of reported speech (``lexicon()``: reporting verbs, speech cues,
quotation marks), read by ``quotes.py``, ``events.py``, ``documents.py`` and ``parties.py``."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.extract.arabic import FoldedText, Token, fold, split_sentences, tokenize
from newsgraph.extract.entities import honorific_at, read_table, word_lists, words_of
from newsgraph.extract.model import Mention, Span

#: Speaker categories; a country speaks too ("وتقول روسيا إن").
SPEAKER_CATEGORIES = ("Person", "Organization")
SPEAKER_PLACE_TYPES = ("Country",)
_PREPOSITIONS, = words_of("function_words.tsv", "preposition")


@dataclass(frozen=True)
class VerbForm:
    """One row of ``reporting_verbs.tsv`` (folded words)."""

    words: tuple[str, ...]
    lemma: str
    kind: str
    comps: frozenset[str]
    gap: int


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The speech tables, folded and indexed, loaded once per process."""
    verbs: dict[str, list[VerbForm]] = {}
    for form, lemma, kind, comps, gap in read_table("reporting_verbs.tsv"):
        words = tuple(fold(form).split())
        verbs.setdefault(words[0], []).append(
            VerbForm(words, lemma, kind, frozenset(comps.split(",")), int(gap)))
    for forms in verbs.values():
        forms.sort(key=lambda v: -len(v.words))
    cues: dict[str, set[str]] = {}
    for role, word in read_table("speech_cues.tsv"):
        cues.setdefault(role, set()).add(fold(word))
    marks = {o: c for o, c in read_table("quote_marks.tsv")}
    heads = frozenset(fold(row[0]).removeprefix("ال") for row in read_table("org_heads.tsv"))
    particles = frozenset(fold(row[0]) for row in read_table("name_particles.tsv")) | set(word_lists("name_words.tsv")["name_part"])
    return {"verbs": verbs, "cues": cues, "marks": marks, "org_heads": heads, "particles": particles}


# --- a view of the context by tokens ---------------------------------------------------------------

class TextView:
    """Tokens, sentences and mentions of one article, indexed for cue matching.

    Shared by the quotation and event extractors so both see the same tokens and mention lookup."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.text: str = ctx.text
        folded = ctx.folded or FoldedText.of(self.text)
        self.toks: list[Token] = list(ctx.tokens) or tokenize(self.text, folded)
        self.starts = [t.start for t in self.toks]
        sents = ctx.sentences or tuple(Span(s, e) for s, e in split_sentences(self.text))
        self.sentences: tuple[Span, ...] = tuple(sents)
        self._sent_starts = [s.start for s in self.sentences]
        self.by_start: dict[int, list[Mention]] = {}
        self.by_end: dict[int, list[Mention]] = {}
        for m in ctx.mentions:
            self.by_start.setdefault(self.tok_at(m.span.start), []).append(m)
            self.by_end.setdefault(self.tok_at(max(m.span.end - 1, m.span.start)), []).append(m)
        title = getattr(ctx.article, "title", None)
        self.title: Span | None = title

    def tok_at(self, offset: int) -> int:
        """Index of the token that contains (or precedes) ``offset``."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def sentence(self, offset: int) -> Span:
        """The sentence containing ``offset`` (the whole text if there are no sentences)."""
        i = bisect_right(self._sent_starts, offset) - 1
        if i < 0 or not self.sentences:
            return Span(0, len(self.text))
        return self.sentences[i]

    def category(self, m: Mention) -> str | None:
        """The category of a mention's entity."""
        e = self.ctx.entities.get(m.entity)
        return e.category if e else None

    def is_agent(self, m: Mention) -> bool:
        """Whether the mention names something that can speak or act: a person, an organisation, a country."""
        e = self.ctx.entities.get(m.entity)
        if e is None:
            return False
        if e.category == "Place":       # a country named as such, not a nisba adjective ("الروسي")
            return e.type in SPEAKER_PLACE_TYPES and m.kind in ("name", "acronym")
        return e.category in SPEAKER_CATEGORIES

    def mention_at(self, ti: int, pred: Any = None) -> Mention | None:
        """The best mention starting in token ``ti``: longest, persons before organisations before places."""
        pred = pred or self.is_agent
        cands = [m for m in self.by_start.get(ti, ()) if pred(m)]
        if not cands:
            return None
        rank = {"Person": 0, "Organization": 1, "Place": 2}
        return min(cands, key=lambda m: (rank.get(self.category(m) or "", 3), -len(m.span), m.span.start))

    def mention_ending(self, ti: int) -> Mention | None:
        """The longest agent mention ending in token ``ti``."""
        cands = [m for m in self.by_end.get(ti, ()) if self.is_agent(m)]
        return max(cands, key=lambda m: len(m.span)) if cands else None

    def subject_ending(self, ti: int) -> Mention | None:
        """An agent mention ending in token ``ti`` that can be a subject: not the object of a
        preposition ("يصل إلى كينيا ويلتقي": Kenya is no subject)."""
        m = self.mention_ending(ti)
        if m is None:
            return None
        first = self.tok_at(m.span.start)
        tok = self.toks[first]
        if m.span.start > tok.start and fold(self.text[tok.start:m.span.start]).strip("وف") in ("ب", "ل", "لل", "بال", "ك"):
            return None
        if first > 0 and self.toks[first - 1].norm in _PREPOSITIONS:
            return None
        return m

    def org_named_before(self, k: int) -> Mention | None:
        """"وأوضحت الوزارة", "إن المجلس سيعقد": the last organisation named before token ``k`` whose
        name starts with the head noun there ("وزارة الخارجية"), if that word is an organisation head."""
        head = strip_conj(self.toks[k].norm)[-1]
        if not head.startswith("ال") or head[2:] not in lexicon()["org_heads"]:
            return None
        start = self.toks[k].start
        cands = [m for m in self.ctx.mentions if m.span.end <= start and self.category(m) == "Organization"
                 and fold(self.ctx.entities[m.entity].label).removeprefix("ال").split()[:1] == [head[2:]]]
        return max(cands, key=lambda m: m.span.start) if cands else None

    def tok_end(self, m: Mention) -> int:
        """Index of the token after the mention."""
        return self.tok_at(max(m.span.end - 1, m.span.start)) + 1

    def date_between(self, start: int, end: int) -> str | None:
        """The ISO date of the first resolved date expression inside ``[start, end)``: a day
        ("اليوم الجمعة"), or ``""`` when the only dates there are coarser ("عام 2009")."""
        coarse = False
        for d in self.ctx.dates or ():
            if start <= d.span.start < end and getattr(d, "iso", None):
                if getattr(d, "precision", "day") == "day":
                    return d.iso
                coarse = True
        return "" if coarse else None

    def in_title(self, offset: int) -> bool:
        """Whether ``offset`` lies in the article's title."""
        return self.title is not None and self.title.start <= offset < self.title.end

    def is_part(self, m: Mention) -> bool:
        """Whether a mention can be part of a subject phrase: an agent or a post ("وزير الخارجية")."""
        return self.is_agent(m) or self.category(m) == "Post"

    def chain(self, k: int, subject: bool = False) -> tuple[list[Mention], int]:
        """The mentions of a subject phrase starting at token ``k`` ("وزير الخارجية الروسي سيرغي
        لافروف", "الرئيس اليمني، عبدربه منصور هادي،") and the token after it; with ``subject``,
        the phrase ends at the first person's or country's name (what follows is an object)."""
        v, toks = self, self.toks
        found: list[Mention] = []
        end = k
        while k < len(toks):
            m = v.mention_at(k, self.is_part)
            if m is None:
                h = honorific_at(toks, k)
                if h or (found and toks[k].text in "،,()"):
                    k += max(h, 1)
                    continue
                break
            found.append(m)
            end = k = v.tok_end(m)
            if subject and (self.category(m) == "Person" or (self.category(m) == "Place" and self.is_agent(m))) \
                    and not (k < len(toks) and toks[k].norm.startswith("و") and self.mention_at(k)):
                break           # a name ends a subject: "دعت باكستان مجلس الأمن" (but "أعلنت مصر وتونس")
        return found, end

    def pick(self, found: list[Mention]) -> Mention | None:
        """The speaker of a subject phrase: its person (or the holder of its post), else its
        organisation, else a country named as such (not a nisba adjective such as "الروسي")."""
        v = self
        for m in found:
            if v.category(m) == "Person":
                return m
            if v.category(m) == "Post":
                holder = self.holder(m.entity)
                if holder:
                    return Mention(holder, m.span, m.text, m.kind, m.sentence)
        for cat in ("Organization", "Place"):
            m = next((m for m in found if v.category(m) == cat and v.is_agent(m)), None)
            if m is not None:
                return m
        return None

    def holder(self, post: str) -> str | None:
        """The person the article or the KB says holds ``post``, if the article knows that person."""
        for r in getattr(self.ctx, "relations", ()) or ():
            if r.predicate == "holdsPost" and r.object == post and r.subject in self.ctx.entities:
                return r.subject
        kb = getattr(self.ctx, "kb", None)
        if kb is not None and hasattr(kb, "holder"):
            try:
                h = kb.holder(post, self.ctx.article_date)
            except (KeyError, ValueError, TypeError):
                h = None
            if h and h in self.ctx.entities:
                return h
        return None


@lru_cache(maxsize=65536)
def strip_conj(norm: str) -> tuple[str, ...]:
    """A folded word and, if it starts with the conjunction و or ف, the word without it."""
    return (norm, norm[1:]) if len(norm) > 2 and norm[0] in "وف" else (norm,)


def feminine(vf: VerbForm) -> bool:
    """Whether a past-tense verb form agrees with a feminine subject ("قالت", "أضافت")."""
    return vf.kind == "verb" and vf.words[-1].endswith("ت") and not fold(vf.lemma).endswith("ت")
