"""What the quotation and event extractors receive: ``ExtractionContext``.

The pipeline (``extract/pipeline.py``) builds one context per article after entities, dates and
coreference have run, and passes it to ``quotes.find_quotations(ctx)`` and
``events.find_events(ctx)``. Everything in it is plain data; offsets index ``ctx.text``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from newsgraph.extract.arabic import FoldedText, Token
from newsgraph.extract.model import Article, Entity, Mention, Relation, Span


@dataclass
class ExtractionContext:
    """One article as the later extractors see it.

    Attributes:
        text: ``article.text``, exactly as read.
        article: the reader's ``Article`` (title, date, paragraphs, byline, credits…).
        sentences: sentence spans in text order.
        mentions: resolved mentions in text order (start, then longer first): names, acronyms,
            titles ("وزير الخارجية الروسي" → the person holding the post, kind ``"title"``), nominal
            and honorific references ("الوزير", "معاليه", "نظيره الروسي"; kind ``"nominal"`` /
            ``"pronoun"``). ``Mention.entity`` is a key of ``entities``. Post mentions (category
            ``Post``) are also here, with kind ``"post"``.
        entities: every entity found so far, by key (KB IRI or ``"Category:<folded name>"``).
        dates: ``DateMention`` objects from ``extract/dates.py`` (in text order).
        article_date: ISO date of publication, if known (relative dates resolve against it).
        kb: the ``newsgraph.ontology.kb.KB`` (roles, posts, holders, labels), or ``None``.
        folded: the folded text with its offset map (``arabic.FoldedText``), for matching cue words.
        tokens: ``arabic.Token`` list of the whole text (original offsets, folded ``norm``).
        relations: relations found so far (``holdsPost`` from appositions and titles).
        salient: for each sentence index, the key of the person who is the current subject at its
            start (the last person named as the subject of a reporting or meeting verb, or the
            last person mentioned); use ``salient_person(offset)`` to resolve "he" / "وأضاف".
    """

    text: str
    article: Article
    sentences: tuple[Span, ...]
    mentions: tuple[Mention, ...]
    entities: dict[str, Entity]
    dates: list[Any] = field(default_factory=list)
    article_date: str | None = None
    kb: Any = None
    folded: FoldedText | None = None
    tokens: list[Token] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    salient: dict[int, str] = field(default_factory=dict)

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that contains ``offset`` (or the one before it), -1 if none."""
        starts = [s.start for s in self.sentences]
        return bisect_right(starts, offset) - 1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside ``[start, end)``, in text order."""
        return [m for m in self.mentions if m.span.start >= start and m.span.end <= end]

    def category(self, key: str) -> str | None:
        """The category of the entity with this key, if known."""
        e = self.entities.get(key)
        return e.category if e else None

    def persons_before(self, offset: int, categories: tuple[str, ...] = ("Person",)) -> list[Mention]:
        """Mentions of entities of these categories ending at or before ``offset``, nearest first."""
        return [m for m in reversed(self.mentions)
                if m.span.end <= offset and self.category(m.entity) in categories]

    def salient_person(self, offset: int) -> str | None:
        """The person a pronoun or an implicit subject at ``offset`` most likely refers to:
        the salient subject of this sentence if set, else the nearest person mentioned before."""
        i = self.sentence_index(offset)
        if i in self.salient:
            return self.salient[i]
        prev = self.persons_before(offset)
        return prev[0].entity if prev else None
