"""Who takes part in an event named by a coordinated subject or a talks verb.

Arabic news names the parties of talks in a few recurring shapes that one subject does not cover:

* a coordinated subject before the verb: "مصر والسعودية والإمارات عقدت …", "الرئيس X والملك Y يبحثان",
  "وزير الخارجية X ونظيره الروسي Y يعقدان …" (``coordinated``);
* talks verbs (``Talk`` rows of ``data/event_triggers.tsv``: "بحث", "تباحث", "ناقش", "اتفق") whose
  parties are their subject list and the phrase after "مع": "بحث X مع Y", "X وY يبحثان", "اتفقت X وY على"
  (``talk_parties``). Such a verb is a meeting only when it names two parties or more: "بحث مجلس الوزراء
  الموازنة" is a discussion, not a meeting.

The functions read the ``TextView`` of ``textview.py`` (tokens and mentions of the article).
"""
from __future__ import annotations

from typing import Any

from newsgraph.extract.arabic import fold
from newsgraph.extract.entities import words_of
from newsgraph.extract.model import Mention

_COMMA = "،,"
_WITH, _PREPOSITIONS, _PASSIVE = words_of("function_words.tsv", "with", "preposition", "passive")


def _entity(v: Any, m: Mention) -> str | None:
    """The party a mention stands for: the holder of a post, else the agent itself."""
    if v.category(m) == "Post":
        return v.holder(m.entity)
    return m.entity if v.is_agent(m) else None


def _conjoined(v: Any, m: Mention) -> bool:
    """Whether a mention is introduced by the conjunction و ("والسعودية", "ونظيره")."""
    tok = v.toks[v.tok_at(m.span.start)]
    before = fold(v.text[tok.start:m.span.start])
    if before:
        return before == "و"
    return m.kind in ("title", "nominal") and fold(m.text).startswith("و")   # ("وليد" is a name, "ونظيره" is not)


def _ending(v: Any, k: int) -> Mention | None:
    """An agent, or a post whose holder is known, ending at token ``k``."""
    m = v.mention_ending(k)
    if m is not None:
        return m
    posts = [p for p in v.by_end.get(k, ()) if v.category(p) == "Post" and v.holder(p.entity)]
    return max(posts, key=lambda p: len(p.span)) if posts else None


def coordinated(v: Any, m: Mention, lo: int) -> list[str]:
    """The parties of the subject list that ends with mention ``m`` and starts at or after token
    ``lo``: "مصر والسعودية، والإمارات", "الرئيس X والملك Y", "الوزير X ونظيره Y" (titles in apposition
    belong to the name after them)."""
    out = [m]
    head = m
    while True:
        f = v.tok_at(head.span.start)
        while f - 1 >= lo:                       # a title before its holder's name: "نظيره الروسي سيرغي لافروف"
            posts = [p for p in v.by_end.get(f - 1, ()) if v.category(p) == "Post" or p.kind == "title"]
            if not posts:
                break
            head = max(posts, key=lambda p: len(p.span))
            f = v.tok_at(head.span.start)
        if not _conjoined(v, head):
            break
        k = f - 1
        if k >= lo and v.toks[k].text in _COMMA:
            k -= 1
        prev = _ending(v, k) if k >= lo else None
        if prev is None:
            break
        out.insert(0, prev)
        head = prev
    f = v.tok_at(head.span.start)
    clitic = fold(v.text[v.toks[f].start:head.span.start]).strip("وف")
    if len(out) > 1 and (clitic in ("ب", "ل", "لل", "بال", "ك") or f > 0 and v.toks[f - 1].norm in _PREPOSITIONS):
        return []                                # "إلى كينيا وإثيوبيا": objects of a preposition
    return [e for e in dict.fromkeys(_entity(v, x) for x in out) if e]


def subjects_before(v: Any, k: int, lo: int) -> list[str]:
    """The parties of a subject list ending at token ``k`` (nothing when no subject ends there)."""
    m = v.subject_ending(k) if k >= lo else None
    return coordinated(v, m, lo) if m is not None else []


def _topic(v: Any, t: int) -> bool:
    """A definite word that no mention covers: the topic of talks ("العلاقات"), not a party or a place."""
    tok = v.toks[t]
    return tok.norm.removeprefix("و").startswith("ال") and not any(
        m.span.start <= tok.start < m.span.end for s in range(max(t - 4, 0), t + 1) for m in v.by_start.get(s, ()))


def talk_parties(v: Any, i: int, j: int, end: int, lo: int) -> list[str]:
    """The parties of the talks verb at token ``i`` (its words end before token ``j``, its clause
    before token ``end``, its sentence clause starts at ``lo``): the subject list before it ("X وY
    يبحثان") or right after it ("تباحث X وY", "بحث X مع Y"), and the phrase after "مع"."""
    toks = v.toks
    if i > 0 and toks[i - 1].norm in _PASSIVE:
        return []                                # "تم بحث العلاقات بين البلدين": no party named
    parts: list[str] = subjects_before(v, i - 1, lo)
    found, after = v.chain(j)
    parts += [e for e in (_entity(v, m) for m in found) if e]
    k = after if found else j
    while k < end and toks[k].norm not in _WITH:
        k += 1
    if k < end and not any(_topic(v, t) for t in range(after if found else j, k)):
        # "بحث X أمس في الرياض مع Y" / "بحث مع Y" (not "بحث X العلاقات مع Y": Y is in the topic)
        others, _ = v.chain(k + 1)
        parts += [e for e in (_entity(v, m) for m in others) if e]
    return list(dict.fromkeys(parts))


_BACK = 500
#: dual nouns that name the two parties told before ("بحث الجانبان", "التقى الوزيران")
DUALS, = words_of("event_words.tsv", "dual_subject")


def dual_parties(v: Any, j: int, before: int) -> list[str]:
    """"وبحث الجانبان …" (token ``j`` is the dual noun): the last two people named in the ``_BACK``
    characters before offset ``before``, else nothing."""
    if j >= len(v.toks) or v.toks[j].norm.removeprefix("و") not in DUALS:
        return []
    people: list[str] = []
    for m in sorted(v.ctx.mentions, key=lambda m: -m.span.start):
        if before - _BACK <= m.span.start < before and v.category(m) == "Person" and m.entity not in people:
            people.append(m.entity)
            if len(people) == 2:
                return people[::-1]
    return []
