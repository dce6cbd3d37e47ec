"""The plain data that flows from the reader through extraction to the graph builder.

Everything here is a frozen dataclass of strings, numbers and tuples: no spaCy spans, no RDF
terms. That keeps extraction pure (and picklable for ``nlp.pipe(n_process=…)``) and makes
``graph.build`` the only place where IRIs are minted.

Offsets (``Span``) always index into ``Article.text``, the text exactly as read.

Entity keys
-----------
``Entity.key`` is stable across articles and runs:

* an entity from the knowledge base (``ontology/kb``) uses its IRI, e.g.
  ``https://w3id.org/newsgraph/id/country/RU``;
* any other entity uses ``"<Category>:<normalised name>"``, e.g. ``"Person:خالد مشعل"``
  (normalised with ``extract.arabic.fold``), and ``graph.iri`` mints its IRI from that key;
* a post (office) uses ``graph.iri.post_key(holder_org_key, role)``.

Events and quotations are article-local; ``graph.iri`` mints their IRIs from the article id and
their span.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: The top-level categories of the named-query contract, plus ``Post`` for offices.
Category = Literal["Person", "Organization", "Place", "Concept", "Document", "Event", "Post"]
CATEGORIES: tuple[str, ...] = ("Person", "Organization", "Place", "Concept", "Document", "Event", "Post")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def of(self, text: str) -> str:
        """The characters this span covers in ``text``."""
        return text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the article body. ``kind`` is ``"paragraph"`` or ``"heading"``."""

    span: Span
    kind: str = "paragraph"


@dataclass(frozen=True, slots=True)
class Credit:
    """Page furniture that names who made or supplied the story.

    ``kind`` is one of ``"photo"`` (``الصورة:``), ``"source"`` (``المصدر:``, the source agency),
    ``"agency"`` (an agency in a byline or dateline such as ``واس``), ``"author"`` (a byline
    name), ``"publisher"`` (the site or newspaper), ``"dateline"`` (the place of a byline).
    ``text`` is the credited name as written; ``span`` is where it stands, when it is in the text.
    """

    kind: str
    text: str
    span: Span | None = None


@dataclass(frozen=True)
class Article:
    """What ``extract.reader`` yields for one article."""

    id: str                       # stable identity: URL when known, else the file name stem (+ record no.)
    text: str                     # the text exactly as read; every Span points into it
    language: str = "ar"
    title: Span | None = None
    date: str | None = None       # ISO 8601 date (YYYY-MM-DD) of publication, if known
    date_span: Span | None = None
    paragraphs: tuple[Paragraph, ...] = ()   # body paragraphs and section headings, in order
    byline: Span | None = None    # e.g. "غزة - رويترز", "موسكو 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس"
    credits: tuple[Credit, ...] = ()
    url: str | None = None
    source_path: str | None = None
    publisher_hint: str | None = None   # a publisher id from outside the text: jsonl "source", file-name prefix
    furniture: tuple[Span, ...] = ()    # recognised page furniture (language links, markers, site name…)


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing the article talks about (see the module doc for ``key``)."""

    key: str
    category: str                 # one of CATEGORIES
    type: str                     # most specific ontology class local name: "Country", "NewsAgency", "Person"…
    label: str                    # canonical label in the article's language
    lang: str = "ar"
    labels: tuple[tuple[str, str], ...] = ()   # further (lang, label) pairs
    in_kb: bool = False           # key is a knowledge-base IRI
    wikidata: str | None = None   # a Wikidata IRI, when known for certain
    attributes: tuple[tuple[str, str], ...] = ()  # extra facts as (ontology property local name, value key)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that refers to an entity."""

    entity: str                   # Entity.key
    span: Span
    text: str                     # exactly Article.text[span.start:span.end]
    kind: str = "name"            # "name" | "acronym" | "title" | "nominal" | "pronoun"
    sentence: int = -1            # index into Extraction.sentences


@dataclass(frozen=True, slots=True)
class Quotation:
    """Reported speech with its speaker."""

    text: str                     # the quoted or reported words, as written
    span: Span
    kind: str                     # "direct" | "indirect"
    speaker: str | None           # Entity.key of who said it
    speaker_span: Span | None = None   # where the speaker is named for this quotation
    verb: str | None = None       # the reporting verb as written ("قال", "أكد", "وأضاف")
    verb_span: Span | None = None
    date: str | None = None       # ISO date the words were said, if known


@dataclass(frozen=True, slots=True)
class Event:
    """A meeting, call, press conference, visit, adoption or vote."""

    type: str                     # "Meeting" | "PhoneCall" | "PressConference" | "Visit" | "Adoption" | "Vote" | "Summit"
    label: str                    # the phrase that names it, as written
    span: Span                    # that phrase
    date: str | None = None
    participants: tuple[str, ...] = ()   # Entity.keys
    place: str | None = None      # Entity.key of a Place
    entity: str | None = None     # Entity.key of an Event entity this event is (e.g. a named summit), if any


@dataclass(frozen=True, slots=True)
class Relation:
    """A fact between two entities, with the span it was read from.

    ``predicate`` is an ontology property local name: ``adopted`` (agent → document),
    ``affirms`` (document → concept), ``holdsPost`` (person → post), ``postIn`` (post → org or
    country), ``memberOf``, ``partOf``, ``locatedIn``.
    """

    subject: str
    predicate: str
    object: str
    span: Span
    date: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """The facts about the article itself."""

    title: str | None = None
    date: str | None = None
    language: str = "ar"
    source_agency: str | None = None   # Entity.key
    publisher: str | None = None       # Entity.key
    photo_credit: str | None = None    # as written
    byline: str | None = None          # as written
    authors: tuple[str, ...] = ()      # Entity.keys of named authors


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    info: ArticleInfo
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotations: tuple[Quotation, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    meta: dict = field(default_factory=dict, compare=False)   # timings, versions: not stored as facts

    def entity(self, key: str) -> Entity | None:
        """The entity with this key, if the extraction has it."""
        return next((e for e in self.entities if e.key == key), None)
