"""The extraction pipeline: one spaCy ``Language`` per language whose components wrap pure functions.

normalise → entities → dates → coref → quotes → events, each registered by name
(``newsgraph_<name>``) and assembled in ``build_nlp(lang)``. Components keep plain data in
``doc._.ng`` (a dict of strings, offsets, tuples and frozen dataclasses), never spans or RDF terms.
``extract(article)`` runs them and returns the ``Extraction`` the graph builder turns into RDF.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from newsgraph.extract.arabic import FoldedText, fold, proclitic_variants, split_sentences, tokenize
from newsgraph.extract.context import ExtractionContext
from newsgraph.extract.entities import (
    Found,
    Gazetteer,
    gazetteer,
    is_stop,
    kb_entity,
    lexicon,
    match_kb,
    match_orgs,
    match_persons,
    minted,
    org_key,
    person_key,
    read_table,
)
from newsgraph.extract.model import Article, ArticleInfo, Entity, Extraction, Mention, Span
from newsgraph.extract.people import anchored_people, confirm_people, home_mentions

_NO_QUOTE_CHARS = str.maketrans({c: " " for c in "«»“”\"()"})
COMPONENTS = ("normalise", "entities", "dates", "coref", "quotes", "events")
_KIND = {"adjective": "nominal", "post": "title"}


class _EmptyKB:
    """Stands in when the KB cannot be loaded: no entities, roles, posts or holders."""

    entities: dict = {}
    roles: dict = {}
    posts: dict = {}
    tenures: tuple = ()

    def holder(self, post_iri: str, date: str | None) -> str | None:
        return None

    def post_iri(self, org_iri: str, role_id: str) -> str:
        return f"{org_iri}/post/{role_id}"

    def by_site_id(self, site_id: str) -> str | None:
        return None


def get_kb() -> Any:
    """The process's knowledge base (``ontology.kb.load_kb``), or an empty one if it is missing."""
    try:
        from newsgraph.ontology.kb import load_kb
    except ImportError:
        return _EmptyKB()
    return load_kb()


# --- pure steps --------------------------------------------------------------------------------

def normalise(article: Article) -> dict[str, Any]:
    """Folded text, tokens, sentences and each token's sentence index."""
    text = article.text
    ft = FoldedText.of(text)
    tokens = tokenize(text, ft)
    sents = [Span(a, b) for a, b in split_sentences(text)]
    sent_of, s = [], 0
    for t in tokens:
        while s + 1 < len(sents) and t.start >= sents[s + 1].start:
            s += 1
        sent_of.append(s)
    return {"folded": ft, "tokens": tokens, "sentences": tuple(sents), "sent_of": sent_of}


def find_entities(tokens: list, kb: Any) -> tuple[list[Found], dict[str, Entity]]:
    """KB names and adjectives, then organisations and persons by pattern, with their entities."""
    gz = gazetteer(kb)
    from newsgraph.extract.coref import persons_before_titles, role_tokens, roles
    rl = roles(kb)
    found = match_kb(tokens, gz)
    ents: dict[str, Entity] = {f.key: kb_entity(f.key, gz) if f.key in gz.entities else _distinct_body(f, tokens)
                               for f in found}
    in_roles = role_tokens(tokens, rl)
    orgs = match_orgs(tokens, gz, found, rl.first, in_roles)
    for f, e in orgs + match_persons(tokens, gz, found, rl.first):
        found.append(f)
        ents.setdefault(e.key, e)
    for f, e in persons_before_titles(tokens, found, rl, _openers()):
        found.append(f)
        ents.setdefault(e.key, e)
    # inside a quoted organisation name only countries stand as mentions of their own
    spans = [(f.tok, f.tok_end) for f, _ in orgs]
    found = [f for f in found if f.key.startswith(("Organization:", "Person:")) or f.kind != "name"
             or getattr(gz.entities.get(f.key), "type", "") == "Country"
             or not any(a < f.tok and f.tok_end <= b for a, b in spans)]
    found.sort(key=lambda f: (f.start, -f.end))
    return found, ents


def _distinct_body(f: Found, tokens: list) -> Entity:
    """An organisation named like a KB one with a distinguishing adjective ("الحكومة السورية المؤقتة")."""
    first = tokens[f.tok]
    label = " ".join([first.text[f.start - first.start:]] + [t.text for t in tokens[f.tok + 1:f.tok_end]])
    return minted(f.key, "Organization", label)


_MEDIA_TYPES = ("MediaOrganization", "NewsAgency")


def _quoted_medium(f: Found, text: str, gz: Gazetteer) -> Found:
    """A place name written alone in quotation marks that is also a KB medium's name is the medium:
    "قال لـ«الشرق الأوسط»" names the newspaper, not the region."""
    ent = gz.entities.get(f.key)
    if ent is None or ent.category != "Place" or getattr(ent, "type", "") == "Country":
        return f
    before, after = text[:f.start].rstrip()[-1:], text[f.end:].lstrip()[:1]
    if not (before in "«“\"" and after in "»”\"" and before and after):
        return f
    name = " ".join(fold(text[f.start:f.end]).split())
    heads = [h for h, (type_, _) in lexicon()["org_heads"].items() if type_ in _MEDIA_TYPES]
    for label in [name] + [f"{h} {name}" for h in sorted(heads)]:   # "الشرق الأوسط" → "صحيفة الشرق الأوسط"
        org = gz.org_labels.get(label)
        if org and getattr(gz.entities.get(org), "type", "") in _MEDIA_TYPES:
            return f._replace(key=org)
    return f


def body_agency(tokens: list, found: list[Found], gz: Gazetteer) -> str | None:
    """The news agency the body names as its source ("بحسب الألمانية", "وفقا لوكالة رويترز") when
    no credit names one: the first KB news agency within four words after a cue word."""
    cues, nisba = _agency_cues()
    at = {f.tok: f.key for f in found if f.kind == "name"}
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or not any(st in cues for _, st in proclitic_variants(tok.norm)[:3]):
            continue
        for k in range(i + 1, min(i + 5, len(tokens))):
            if getattr(gz.entities.get(at.get(k, "")), "type", "") == "NewsAgency":
                return at[k]
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        if nxt in nisba and nisba[nxt] in gz.entities:
            return nisba[nxt]
    return None


@lru_cache(maxsize=1)
def _agency_cues() -> tuple[frozenset[str], dict[str, str]]:
    rows = read_table("agency_cues.tsv")
    from newsgraph.ontology.namespace import ID_BASE
    base = ID_BASE + "org/"
    return (frozenset(fold(r[1]) for r in rows if r[0] == "cue"),
            {fold(r[1]): base + r[2] for r in rows if r[0] == "nisba"})


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    """Folded reporting verbs (with و/ف) that may stand right before a speaker's name."""
    forms = {fold(r[0]) for r in read_table("reporting_verbs.tsv")}
    return frozenset(forms | {c + f for f in forms for c in "وف"})


def _credit_entity(text: str, kb: Any, gz: Gazetteer, type_: str) -> Entity | None:
    """The organisation a credit names: a KB organisation with that very label (even one never
    matched in running text, such as a newspaper called like a region), a KB match on its words,
    else (publishers only) a minted one."""
    exact = gz.org_labels.get(" ".join(fold(text).translate(_NO_QUOTE_CHARS).split()))
    if exact:
        return kb_entity(exact, gz)
    for f in match_kb(tokenize(text), gz):
        e = kb_entity(f.key, gz)
        if e.category == "Organization":
            return e
    if type_ != "MediaOrganization":
        return None   # an agency credit that names no known agency ("وكالات") is not an entity
    name = " ".join(text.split())
    if not name or len(name) > 80:
        return None
    return minted(org_key(name), type_, name)


def _author_entity(text: str, gz: Gazetteer) -> Entity | None:
    """The person a byline names: a KB person with that name, else a person known by it
    (a name of two to five words; anything else in a byline is not taken for a name)."""
    found = match_kb(tokenize(text), gz)
    if len(found) == 1 and gz.entities[found[0].key].category == "Person" \
            and fold(text[found[0].start:found[0].end]) == fold(text.strip()):
        return kb_entity(found[0].key, gz)
    name = " ".join(text.split())
    words = [t for t in tokenize(name) if t.kind == "word"]
    if not 2 <= len(words) <= 5 or len(words) != len(tokenize(name)):
        return None
    if found or any(is_stop(w.norm) or w.norm in lexicon()["org_heads"] or w.norm in lexicon()["generic"]
                    for w in words):
        return None   # "الأمم المتحدة", "مكتب الرياض", "من واشنطن": a place, a body or an office, no author
    return minted(person_key(name), "Person", name)


def article_info(article: Article, kb: Any, gz: Gazetteer) -> tuple[ArticleInfo, list[Entity], list[Mention], str | None]:
    """Title, date, source agency, publisher, photo credit, byline; their entities and mentions;
    the publisher's home country (the country of unqualified titles)."""
    text = article.text
    ents: list[Entity] = []
    ments: list[Mention] = []
    agency = publisher = photo = None
    authors: list[str] = []
    for c in article.credits:
        if c.kind in ("source", "agency") and agency is None:
            e = _credit_entity(c.text, kb, gz, "NewsAgency")
            if e:
                agency = e.key
        elif c.kind == "publisher" and publisher is None:
            e = _credit_entity(c.text, kb, gz, "MediaOrganization")
            if e:
                publisher = e.key
        elif c.kind == "photo":
            photo = c.text
            continue
        elif c.kind == "author":
            e = _author_entity(c.text, gz)
            if e is None:
                continue
            authors.append(e.key)
        else:
            continue
        if e is not None:
            ents.append(e)
            if c.span is not None and c.span.of(text) == c.text:
                ments.append(Mention(e.key, c.span, c.text, "name"))
    hinted = kb.by_site_id(article.publisher_hint) if article.publisher_hint else None
    if hinted and hinted in gz.entities and (publisher is None or not publisher.startswith("http")):
        # the site the article came from beats a credit the KB does not know; the credit names it
        ents = [e for e in ents if e.key != publisher] + [kb_entity(hinted, gz)]
        ments = [replace(m, entity=hinted) if m.entity == publisher else m for m in ments]
        publisher = hinted
    home = None
    for key in (publisher, agency):
        ent = gz.entities.get(key) if key else None
        if ent is not None and getattr(ent, "country", None):
            home = ent.country
            break
    info = ArticleInfo(title=article.title.of(text).strip() if article.title else None, date=article.date,
                       language=article.language, source_agency=agency, publisher=publisher, photo_credit=photo,
                       byline=article.byline.of(text).strip() if article.byline else None, authors=tuple(authors))
    return info, ents, ments, home


# --- spaCy components --------------------------------------------------------------------------

def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("ng"):
        Doc.set_extension("ng", default=None)

    def component(name: str, fn: Any) -> None:
        factory = f"newsgraph_{name}"
        if factory in Language.factories:
            return

        def make(nlp: Any, name: str) -> Any:
            def run(doc: Any) -> Any:
                fn(doc._.ng)
                return doc
            return run
        Language.factory(factory)(make)

    component("normalise", _c_normalise)
    component("entities", _c_entities)
    component("dates", _c_dates)
    component("coref", _c_coref)
    component("quotes", _c_quotes)
    component("events", _c_events)


def _c_normalise(d: dict) -> None:
    if "tokens" not in d:
        d.update(normalise(d["article"]))
    d["kb"] = get_kb()


def make_doc(nlp: Any, text: str, tokens: list) -> Any:
    """A ``Doc`` over ``text`` whose tokens are ours (no second tokenisation); white space between
    tokens becomes spaCy's usual whitespace tokens, so ``doc.text == text``. Falls back to the
    spaCy tokenizer if the text cannot be rebuilt exactly."""
    from spacy.tokens import Doc
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for t in tokens:
        if t.start > pos:
            gap = text[pos:t.start]
            if words and gap[0] == " " and not spaces[-1]:
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        words.append(text[t.start:t.end])
        spaces.append(False)
        pos = t.end
    if pos < len(text):
        gap = text[pos:]
        if words and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    return doc if doc.text == text else nlp.make_doc(text)


def _c_entities(d: dict) -> None:
    d["found"], d["entities"] = find_entities(d["tokens"], d["kb"])
    gz = gazetteer(d["kb"])
    info, ents, ments, home = article_info(d["article"], d["kb"], gz)
    d["info"], d["home"], d["credit_mentions"] = info, home, ments
    taken = [(m.span.start, m.span.end) for m in ments]
    # inside a credit (a medium's name) only countries stand as mentions of their own, as in names
    d["found"] = [f for f in d["found"] if getattr(gz.entities.get(f.key), "type", "") == "Country"
                  or not any(a <= f.start and f.end <= b and (f.start, f.end) != (a, b) for a, b in taken)]
    from newsgraph.extract.coref import role_tokens, roles
    rl = roles(d["kb"])
    for f, e in anchored_people(d["article"].text, d["tokens"], d["sentences"], d["sent_of"], d["found"],
                                role_tokens(d["tokens"], rl), _openers(), rl.first):
        words = fold(e.label).split()
        known = gz.entities.get(rl.kb_surnames.get(words[-1], ""))
        if known is not None and any(fold(lab).startswith(words[0][:2]) for lab in known.labels.get("ar", ())):
            continue   # "آش كارتر" for the KB's "آشتون كارتر": coreference links the surname to that person
        d["found"].append(f)
        d["entities"].setdefault(e.key, e)
    d["found"].sort(key=lambda f: (f.start, -f.end))
    d["found"] = [_quoted_medium(f, d["article"].text, gz) for f in d["found"]]
    for f in d["found"]:
        if f.key not in d["entities"] and f.key in gz.entities:
            d["entities"][f.key] = kb_entity(f.key, gz)
    if info.source_agency is None:
        agency = body_agency(d["tokens"], d["found"], gz)
        if agency:
            d["info"] = replace(info, source_agency=agency)
            d["entities"].setdefault(agency, kb_entity(agency, gz))
    if home:
        d["found"] += home_mentions(d["tokens"], home, gz, d["found"])
        if any(f.key == home for f in d["found"]):
            d["entities"].setdefault(home, kb_entity(home, gz))
    for e in ents:
        d["entities"].setdefault(e.key, e)


def _c_dates(d: dict) -> None:
    try:
        from newsgraph.extract.dates import find_dates
    except ImportError:
        d["dates"] = []
        return
    d["dates"] = find_dates(d["article"].text, d["article"].date)


def _c_coref(d: dict) -> None:
    from newsgraph.extract.coref import merge_people, resolve
    kb, art = d["kb"], d["article"]
    res = resolve(d["tokens"], d["found"], d["entities"], kb, gazetteer(kb), art.date, d["home"], d["sent_of"])
    d["entities"].update({k: v for k, v in res.entities.items() if k not in d["entities"]})
    alias = merge_people(d["entities"])
    found = sorted((f._replace(key=alias.get(f.key, f.key)) for f in d["found"] + res.found),
                   key=lambda f: (f.start, -f.end))
    res.relations = [r if r.subject not in alias else replace(r, subject=alias[r.subject]) for r in res.relations]
    res.subjects = {s: alias.get(k, k) for s, k in res.subjects.items()}
    sent_of = d["sent_of"]
    text = art.text
    found, res.relations = _confirm(d, found, res.relations, kb)
    mentions = [Mention(f.key, Span(f.start, f.end), text[f.start:f.end], _KIND.get(f.kind, f.kind),
                        sent_of[f.tok] if f.tok < len(sent_of) else -1) for f in found]
    mentions += d["credit_mentions"]
    named = {m.entity for m in mentions if m.kind != "nominal" or _people_of(m.text)}
    # a country only named by an adjective ("المعارضة السورية") is not an entity of the article
    mentions = [m for m in mentions if m.kind != "nominal" or m.entity in named]
    d["mentions"] = tuple(sorted(set(mentions), key=lambda m: (m.span.start, -m.span.end, m.entity, m.kind, m.sentence)))
    d["relations"] = list({(r.subject, r.predicate, r.object): r for r in reversed(res.relations)}.values())[::-1]
    d["ctx"] = ExtractionContext(text=text, article=art, sentences=d["sentences"], mentions=d["mentions"],
                                 entities=d["entities"], dates=d["dates"], article_date=art.date, kb=kb,
                                 folded=d["folded"], tokens=d["tokens"], relations=d["relations"],
                                 salient=_salience(res.subjects, len(d["sentences"])))


def _confirm(d: dict, found: list[Found], relations: list, kb: Any) -> tuple[list[Found], list]:
    """Drop or cut the minted persons the statistical NER does not confirm (``confirm_people``);
    a name cut to one word is the surname of a person named in full, or nobody. Names in
    apposition to a title (holders of a post) are only cut, never dropped: the title vouches."""
    from newsgraph.extract.coref import roles, surname_index
    verdict = confirm_people(d["article"].text, d["sentences"], found, d["entities"], d["sent_of"])
    if not verdict:
        return found, relations
    tails = {k[0]: v for k, v in surname_index(d["entities"]).items() if len(k) == 1}
    titled = {r.subject for r in relations if r.predicate == "holdsPost"}
    rekey: dict[str, str | None] = {}
    for key, v in verdict.items():
        if v is None:
            # a name in apposition to a title is kept even if the NER misses it, unless its first
            # word may be a preposition + noun ("رئيس الإمارات لحضور الاحتفال", "لشؤون الأمن")
            if key not in titled or fold(d["entities"][key].label)[:1] in "لب":
                rekey[key] = None
            continue
        name, s, e = v
        if len(name.split()) >= 2:
            new = person_key(name)
            d["entities"].setdefault(new, minted(new, "Person", name))
            rekey[key] = new
        else:
            f = fold(name)
            rekey[key] = tails.get(f) if tails.get(f) not in verdict else None
            rekey[key] = rekey[key] or roles(kb).kb_surnames.get(f)
            if rekey[key] and rekey[key] not in d["entities"]:
                d["entities"][rekey[key]] = kb_entity(rekey[key], gazetteer(kb))
    out = []
    for f in found:
        if f.key not in rekey:
            out.append(f)
        elif rekey[f.key] is not None:
            v = verdict[f.key]
            if v and f.kind == "name" and f.start <= v[1] and v[2] <= f.end:
                f = f._replace(start=v[1], end=v[2])
            out.append(f._replace(key=rekey[f.key]))
    rels = []
    for r in relations:
        subject = rekey.get(r.subject, r.subject)
        if subject is None and r.predicate == "holdsPost":
            r, subject = _title_alone(d, out, r, kb)
        if subject is not None:
            rels.append(r if subject == r.subject else replace(r, subject=subject))
    return out, rels


def _title_alone(d: dict, found: list[Found], rel: Any, kb: Any) -> tuple[Any, str | None]:
    """A title whose "name" was no name ("هنأ الرئيس التونسي بذكرى استقلال"): the title stands
    alone, so, as for any unnamed title, its holder is the KB's on the article's date (not for
    roles several people hold at once). Adds the title mention of the holder to ``found``;
    returns the relation cut to the title, and the holder (None when the KB knows nobody)."""
    from newsgraph.extract.coref import _role_set
    post = rel.object
    generic = post.rsplit("/", 1)[-1] in _role_set("generic_roles.tsv")
    holder = None if generic else kb.holder(post, d["article"].date)
    titles = [f for f in found if f.key == post and f.start == rel.span.start]
    if holder is None or not titles:
        return rel, None
    d["entities"].setdefault(holder, kb_entity(holder, gazetteer(kb)))
    found.append(titles[0]._replace(key=holder, kind="title"))
    return replace(rel, subject=holder, span=Span(titles[0].start, titles[0].end)), holder


def _people_of(adjective: str) -> bool:
    """A plural nisba (الصينيون، الروس…ين) names people of the country, who act for it."""
    f = fold(adjective)
    return f.endswith(("يون", "يين")) and not f.endswith("ييين")


def _salience(subjects: dict[int, str], n: int) -> dict[int, str]:
    """For each sentence, the person carried in as its subject: the last earlier sentence's actor."""
    out: dict[int, str] = {}
    cur = None
    for i in range(n):
        if cur:
            out[i] = cur
        if i in subjects:
            cur = subjects[i]
    return out


def _guarded(what: str, fn: Any, default: Any, d: dict) -> Any:
    """Run a later extractor; if it fails on this article, log it and keep what came before, so
    one article's odd text costs its quotations or events, never the whole extraction."""
    try:
        return fn()
    except Exception as exc:   # noqa: BLE001 - a bug in one extractor must not lose the article
        logging.getLogger(__name__).warning("%s: %s extraction failed (%s: %s)", d["article"].id, what,
                                            type(exc).__name__, exc)
        return default


def _c_quotes(d: dict) -> None:
    try:
        from newsgraph.extract.quotes import find_quotations
    except ImportError:
        d["quotations"] = []
        return
    d["quotations"] = _guarded("quotations", lambda: list(find_quotations(d["ctx"])), [], d)


def _c_events(d: dict) -> None:
    d["events"] = []
    try:
        from newsgraph.extract.events import find_events
    except ImportError:
        return
    res = _guarded("events", lambda: find_events(d["ctx"], quotations=d.get("quotations")), None, d)
    d["events"] = list(getattr(res, "events", ()) or ())
    for e in getattr(res, "entities", ()) or ():
        d["entities"].setdefault(e.key, e)
    extra = tuple(getattr(res, "mentions", ()) or ())
    if extra:
        d["mentions"] = tuple(sorted(set(d["mentions"]) | set(extra), key=lambda m: (m.span.start, -m.span.end, m.entity, m.kind, m.sentence)))
    d["relations"].extend(getattr(res, "relations", ()) or ())


@lru_cache(maxsize=4)
def build_nlp(lang: str = "ar") -> Any:
    """The spaCy pipeline for ``lang`` (a blank tokenizer plus the newsgraph components), built once."""
    import spacy
    _register()
    try:
        nlp = spacy.blank(lang)
    except Exception:   # a language spaCy has no class for: fall back to the multi-language one
        nlp = spacy.blank("xx")
    for name in COMPONENTS:
        nlp.add_pipe(f"newsgraph_{name}", name=name)
    return nlp


# --- public API --------------------------------------------------------------------------------

def extract(article: Article) -> Extraction:
    """Everything the pipeline finds in one article (entities, mentions, quotations, events, relations)."""
    t0 = time.perf_counter()
    nlp = build_nlp(article.language or "ar")
    pre = normalise(article)
    doc = make_doc(nlp, article.text, pre["tokens"])
    doc._.ng = {"article": article, **pre}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    d = doc._.ng
    mentions = d["mentions"]
    used = {m.entity for m in mentions}
    info: ArticleInfo = d["info"]
    used |= {k for k in (info.source_agency, info.publisher) if k}
    used |= {r.subject for r in d["relations"]} | {r.object for r in d["relations"]}
    for q in d.get("quotations", ()):
        if q.speaker:
            used.add(q.speaker)
    for ev in d.get("events", ()):
        used |= set(ev.participants) | ({ev.place} if ev.place else set()) | ({ev.entity} if ev.entity else set())
    ents = tuple(d["entities"][k] for k in sorted(used) if k in d["entities"])
    # words nobody can be credited with ("قالت مصادر إن …") are no quotation of the graph
    quotations = tuple(q for q in d.get("quotations", ()) if q.speaker)
    return Extraction(article=article, info=info, sentences=d["sentences"], entities=ents, mentions=mentions,
                      quotations=quotations, events=tuple(d.get("events", ())),
                      relations=tuple(d["relations"]),
                      meta={"seconds": round(time.perf_counter() - t0, 4), "words": len(d["tokens"])})


def extract_many(articles: Iterable[Article], n_process: int = 1) -> Iterator[Extraction]:
    """``extract`` over many articles, in order; with ``n_process > 1``, in worker processes."""
    if n_process <= 1:
        for a in articles:
            yield extract(a)
        return
    from multiprocessing import get_context
    with get_context("spawn").Pool(n_process) as pool:
        yield from pool.imap(extract, articles, chunksize=8)
