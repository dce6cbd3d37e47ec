"""The word tables and working records shared by ``events.py`` and ``documents.py``: the event,
adoption, affirmation and document tables (``lexicon()``), the word lists of ``data/event_words.tsv`` and
``data/function_words.tsv`` the two read clauses by, and the event and document mentions of one pass."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsgraph.extract.arabic import fold, proclitic_variants
from newsgraph.extract.entities import read_table, words_of
from newsgraph.extract.model import Entity, Event, Mention, Relation, Span

_PUNCT_END = ".!?؟…"
_COMMA = "،,؛;"
_MARKS = "«»\"“”'"
_MEETING_FAMILY = {"Meeting": "Meeting", "Summit": "Meeting"}
_MEDIA = ("MediaOrganization", "NewsAgency")
_FUTURE, _AROUND, _DURING, _TOPIC_NOUNS, _TOPIC_VERBS, _DO, _ARRIVE, _ATTEND, _BY_PHONE = words_of(
    "event_words.tsv", "future", "around", "during", "topic_noun", "topic_verb", "do", "arrive", "attend", "by_phone")
_AFTER, _NUMBER_WORD = words_of("event_words.tsv", "after", "number_word")
_DEMONSTRATIVES, _WHERE, _ALSO, _UNREAL, _WE, _TOPIC, _OBJ_PRONOUNS = words_of(
    "function_words.tsv", "demonstrative", "where", "also", "unreal", "we", "topic", "obj_pronoun")
_LOCATIVE, _BEHALF, _BETWEEN_THEM, _THAT, _AUXILIARY, _RELATIVE, _BI_PRONOUN, _IN = words_of(
    "function_words.tsv", "locative", "behalf", "between_them", "that", "auxiliary", "relative", "bi_pronoun", "in")


@dataclass(frozen=True)
class EventsResult:
    """What ``find_events`` adds to an extraction: events, relations and the entities it creates
    (documents, concepts, named events) with their mentions."""

    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The event, adoption, affirmation and document tables, folded, loaded once per process."""
    triggers: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for form, type_, pos in read_table("event_triggers.tsv"):
        words = tuple(fold(form).split())
        triggers.setdefault(words[0], []).append((words, type_, pos))
    for rows in triggers.values():
        rows.sort(key=lambda r: -len(r[0]))
    adoption: dict[str, tuple[str, str]] = {}
    for f, p, pos in read_table("adoption_verbs.tsv"):
        adoption.setdefault(fold(f), (p, pos))      # the verb "تبنى" before its noun "تبني" (one folded form)
    docs: dict[str, tuple[str, str]] = {}
    for word, type_, role in read_table("document_words.tsv"):
        docs[fold(word)] = (type_, role)
    return {
        "triggers": triggers,
        "adoption": adoption,
        "affirm": {fold(f): {fold(w) for w in then.split(",") if w != "-"}
                   for f, then in read_table("affirmation_verbs.tsv")},
        "docs": docs,
    }


@lru_cache(maxsize=65536)
def stems(norm: str) -> tuple[tuple[int, str, bool], ...]:
    """Readings of a folded word without proclitics: ``(prefix length, stem, definite)``."""
    return tuple((plen, stem, norm[:plen].endswith(("ال", "لل"))) for plen, stem in proclitic_variants(norm))


def content_words(label: str) -> frozenset[str]:
    """The content words of a concept label, without proclitics and the article, for comparing variants."""
    out = set()
    for w in fold(label).split():
        variants = proclitic_variants(w)
        out.add(variants[-1][1] if len(variants) > 1 and len(variants[-1][1]) >= 3 else w)
    return frozenset(out)


@dataclass
class _Doc:
    """A document mention while the article is read (its key may still change)."""

    key: str
    head: str
    type: str
    label: str
    span: Span
    tok: int
    tok_end: int
    bare: bool
    parties: list[str] = field(default_factory=list)


@dataclass
class _Ev:
    """An event mention while the article is read (mentions of one event are merged)."""

    type: str
    span: Span
    tok: int
    participants: list[str]
    date: str | None
    explicit_date: bool
    place: str | None
    anaphoric: bool
    label: str
    entity: str | None = None
    talk: bool = False               # told by a talks verb ("بحث X مع Y"): a meeting or a call
