"""A hand-built ``ExtractionContext`` for the quotation and event tests (and a check of it).

``make_ctx`` marks every occurrence of the given surface forms as a mention of the given entity,
so the tests of ``quotes.py`` and ``events.py`` do not depend on the entity finder."""
from __future__ import annotations

from newsgraph.extract.arabic import FoldedText, split_sentences, tokenize
from newsgraph.extract.context import ExtractionContext
from newsgraph.extract.dates import find_dates
from newsgraph.extract.model import Article, Entity, Mention, Paragraph, Relation, Span

#: surface form → (entity key, category, type, mention kind)
PEOPLE = {
    "سامي نور": ("Person:سامي نور", "Person", "Person", "name"),
    "نور": ("Person:سامي نور", "Person", "Person", "name"),
    "وزير الخارجية": ("Person:سامي نور", "Person", "Person", "title"),
    "معاليه": ("Person:سامي نور", "Person", "Person", "pronoun"),
    "هالة زين": ("Person:هالة زين", "Person", "Person", "name"),
    "زين": ("Person:هالة زين", "Person", "Person", "name"),
    "نظيره الفرنسي": ("Person:هالة زين", "Person", "Person", "nominal"),
    "كمال داود": ("Person:كمال داود", "Person", "Person", "name"),
    "حركة الأمل": ("Organization:حركة الامل", "Organization", "PoliticalOrganization", "name"),
    "الأمل": ("Organization:حركة الامل", "Organization", "PoliticalOrganization", "name"),
    "مجلس الوزراء الإقليمي": ("Organization:مجلس الوزراء الاقليمي", "Organization", "OrganizationOrgan", "name"),
    "منظمة التعاون": ("Organization:منظمة التعاون", "Organization", "IntergovernmentalOrganization", "name"),
    "وكالة الأنباء الوطنية": ("Organization:وكالة الانباء الوطنيه", "Organization", "NewsAgency", "name"),
    "فرنسا": ("Place:فرنسا", "Place", "Country", "name"),
    "الفرنسية": ("Place:فرنسا", "Place", "Country", "nominal"),
    "مصر": ("Place:مصر", "Place", "Country", "name"),
    "تونس": ("Place:تونس", "Place", "Country", "name"),
    "باريس": ("Place:باريس", "Place", "City", "name"),
    "القاهرة": ("Place:القاهره", "Place", "City", "name"),
    "مجلس السلام": ("Organization:مجلس السلام", "Organization", "OrganizationOrgan", "name"),
}


def make_ctx(text: str, names: dict | None = None, date: str = "2020-03-02",
             relations: tuple[Relation, ...] = ()) -> ExtractionContext:
    """A context for ``text``: paragraphs are lines, mentions are the occurrences of ``names``
    (longest first, never overlapping), dates are found relative to ``date``."""
    names = PEOPLE if names is None else names
    taken = [False] * len(text)
    mentions, entities = [], {}
    for surface in sorted(names, key=len, reverse=True):
        key, cat, type_, kind = names[surface]
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(surface)
                mentions.append(Mention(key, Span(start, end), surface, kind))
                entities[key] = Entity(key, cat, type_, surface)
            start = text.find(surface, end)
    mentions.sort(key=lambda m: (m.span.start, -m.span.end))
    paras, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            paras.append(Paragraph(Span(pos, pos + len(line))))
        pos += len(line) + 1
    folded = FoldedText.of(text)
    article = Article(id="test", text=text, date=date, paragraphs=tuple(paras))
    return ExtractionContext(text=text, article=article,
                             sentences=tuple(Span(s, e) for s, e in split_sentences(text)),
                             mentions=tuple(mentions), entities=entities, dates=find_dates(text, date),
                             article_date=date, folded=folded, tokens=tokenize(text, folded),
                             relations=list(relations))


def test_make_ctx_marks_longest_names_first() -> None:
    ctx = make_ctx("قال سامي نور إن نور سعيد.")
    assert [m.text for m in ctx.mentions] == ["سامي نور", "نور"]
    assert {m.entity for m in ctx.mentions} == {"Person:سامي نور"}
