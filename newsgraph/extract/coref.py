"""Coreference: one entity per real thing, whatever the text calls it.

* titles and posts: a KB role (``وزير الخارجية``) with its qualifier (country adjective or name,
  ``ل`` + organisation) is a post; it refers to the person named in apposition, else to the person
  the article already gave that post, else to the KB holder at the article's date; an unqualified
  title is read in the publisher's home country;
* counterparts (``نظيره الروسي``): the role of the last title, in the other country;
* honorific pronouns (``معاليه``) and bare titles (``الوزير``): the current subject;
* partial names (``لافروف``, ``الجبير``, ``الدكتور العربي``): the person named in full.

All functions are pure: they take tokens and the mentions found so far and return new data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsgraph.extract.arabic import Token, fold, proclitic_variants
from newsgraph.extract.entities import (
    Found,
    Gazetteer,
    honorific_at,
    is_stop,
    kb_entity,
    lexicon,
    minted,
    person_key,
    read_name,
    words_of,
)
from newsgraph.extract.model import Entity, Relation, Span


@dataclass
class Roles:
    """KB roles as folded token sequences by first token, and the first words of every role label."""

    seqs: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)   # first -> (seq, role id)
    first: set[str] = field(default_factory=set)
    labels: dict[str, Any] = field(default_factory=dict)   # role id -> Role
    starts: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)   # cache: token -> readings
    kb_surnames: dict[str, str] = field(default_factory=dict)   # unambiguous surname of a KB person -> IRI


_ROLES_CACHE: dict[int, Roles] = {}
_CLITIC_LETTERS = "لبوف"   # a word after a title that may begin with a preposition or conjunction
_SUBJECT_WINDOW = 8   # a person named within the first tokens of a sentence is its subject


def roles(kb: Any) -> Roles:
    """The compiled role titles of ``kb`` (once per KB object)."""
    r = _ROLES_CACHE.get(id(kb))
    if r is not None:
        return r
    r = Roles()
    for role in (getattr(kb, "roles", None) or {}).values():
        r.labels[role.id] = role
        for lab in role.labels.get("ar", ()):
            seq = tuple(fold(lab).split())
            if seq:
                r.seqs.setdefault(seq[0], []).append((seq, role.id))
                r.first.add(seq[0])
    for v in r.seqs.values():
        v.sort(key=lambda sr: -len(sr[0]))
    count: dict[str, set[str]] = {}
    for iri, ent in (getattr(kb, "entities", None) or {}).items():
        if ent.category == "Person":
            for lab in ent.labels.get("ar", ()):
                words = fold(lab).split()
                if len(words) >= 2 and len(words[-1]) > 2:
                    count.setdefault(words[-1], set()).add(iri)
    r.kb_surnames = {w: next(iter(keys)) for w, keys in count.items() if len(keys) == 1}
    _ROLES_CACHE[id(kb)] = r
    return r


def role_tokens(tokens: list[Token], rl: Roles) -> set[int]:
    """Indexes of tokens inside role titles (so that name patterns leave them alone)."""
    out: set[int] = set()
    i = 0
    while i < len(tokens):
        r = role_at(tokens, i, rl) if tokens[i].kind == "word" else None
        if r:
            out.update(range(i, r[1]))
            i = r[1]
        else:
            i += 1
    return out


def roles_at(tokens: list[Token], i: int, rl: Roles) -> list[tuple[int, int, str]]:
    """Every role title starting at token ``i`` as ``(clitic length, end token, role id)``, longest first."""
    norm = tokens[i].norm
    starts = rl.starts.get(norm)
    if starts is None:
        starts = rl.starts[norm] = tuple((p, s) for p, s in proclitic_variants(norm)[:4] if s in rl.seqs)
    out = []
    for plen, stem in starts:
        for seq, rid in rl.seqs[stem]:
            k = len(seq)
            if i + k <= len(tokens) and all(tokens[i + j].norm == seq[j] for j in range(1, k)):
                out.append((plen, i + k, rid))
    out.sort(key=lambda r: (-r[1], r[0]))
    return out


_POSSESSIVE = ("ها", "هم", "ه")


def possessive_role_at(tokens: list[Token], i: int, rl: Roles) -> tuple[int, int, str] | None:
    """A role title whose second word carries a possessive suffix instead of the article
    ("رئيس مكتبها السياسي" for "رئيس المكتب السياسي"): the owner is an organisation named before."""
    if i + 1 >= len(tokens):
        return None
    second = tokens[i + 1].norm
    suffix = next((x for x in _POSSESSIVE if second.endswith(x) and len(second) > len(x) + 2), None)
    if suffix is None:
        return None
    bare = "ال" + second[:-len(suffix)]
    for plen, stem in proclitic_variants(tokens[i].norm)[:4]:
        for seq, rid in rl.seqs.get(stem, ()):
            k = len(seq)
            if k >= 2 and seq[1] == bare and i + k <= len(tokens) \
                    and all(tokens[i + j].norm == seq[j] for j in range(2, k)):
                return plen, i + k, rid
    return None


def role_at(tokens: list[Token], i: int, rl: Roles) -> tuple[int, int, str] | None:
    """``(clitic length, end token, role id)`` of the longest role title starting at token ``i``."""
    best = None
    norm = tokens[i].norm
    starts = rl.starts.get(norm)
    if starts is None:
        starts = rl.starts[norm] = tuple((p, s) for p, s in proclitic_variants(norm)[:4] if s in rl.seqs)
    for plen, stem in starts:
        for seq, rid in rl.seqs[stem]:
            k = len(seq)
            if i + k <= len(tokens) and all(tokens[i + j].norm == seq[j] for j in range(1, k)):
                if best is None or k > best[1] - i:
                    best = (plen, i + k, rid)
                break
    return best


@dataclass
class CorefResult:
    """What coreference adds: mentions (as ``Found``), entities, holdsPost relations, subjects."""

    found: list[Found] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    subjects: dict[int, str] = field(default_factory=dict)  # sentence index -> first person acting in it


def _held_by(kb: Any, role_id: str, who: str, date: str | None) -> str | None:
    """The organisation or country where the KB says ``who`` held ``role_id`` at ``date``."""
    for p in kb.posts_held(who, date) if hasattr(kb, "posts_held") else ():
        post = (getattr(kb, "posts", None) or {}).get(p)
        if post is not None and post.role.rsplit("/", 1)[-1] == role_id:
            return post.org
    return None


def _bare_country(kb: Any, role_id: str, who: str | None, date: str | None, candidates: list[str | None]) -> str | None:
    """The country an unqualified title ("وزير الخارجية", "نائب الرئيس") is read in: the one where
    the named person holds that role per the KB; else the first candidate (the country of the last
    qualified title, then the publisher's) where the KB knows the post; else the first candidate."""
    held = _held_by(kb, role_id, who, date) if who else None
    if held:
        return held
    cands = [c for c in dict.fromkeys(candidates) if c]
    for c in cands:
        post = kb.post_iri(c, role_id)
        holder = kb.holder(post, date)
        if who and holder and holder != who:
            continue   # the KB says someone else held it then
        if post in (getattr(kb, "posts", None) or {}) or holder:
            return c
    only = _only_org(kb, role_id)
    if only is not None:
        return only          # "المبعوث الأممي إلى اليمن": a role the KB knows in one organisation only
    return cands[0] if cands and not who else None


_ROLE_ORGS: dict[int, tuple[Any, dict[str, tuple[str, ...]]]] = {}   # id(kb) -> (kb, role -> orgs)


def _only_org(kb: Any, role_id: str) -> str | None:
    """The one organisation with a post of ``role_id`` in the KB when it is not a country's (UN
    envoys), else None."""
    cached = _ROLE_ORGS.get(id(kb))
    if cached is None or cached[0] is not kb:
        found: dict[str, set[str]] = {}
        for p in (getattr(kb, "posts", None) or {}).values():
            found.setdefault(p.role.rsplit("/", 1)[-1], set()).add(p.org)
        cached = _ROLE_ORGS[id(kb)] = (kb, {r: tuple(sorted(o)) for r, o in found.items()})
    by_role = cached[1]
    orgs = by_role.get(role_id, ())
    return orgs[0] if len(orgs) == 1 and "/country/" not in orgs[0] else None


def _written_title(tokens: list[Token], i: int, plen: int, end: int) -> str:
    """The title as the text writes it, without clitic or brackets ("وزير الخارجية الأميركي")."""
    words = [tokens[i].text[plen:]] + [t.text for t in tokens[i + 1:end] if t.kind == "word"]
    return " ".join(words)


def post_entity(post: str, role_id: str, holder_org: str, kb: Any, gz: Gazetteer, rl: Roles,
                written: str | None = None, translated: bool = True) -> Entity:
    """The ``Post`` entity: KB labels when the KB has the post, else the title as written (or role
    label + country adjective / ``ل`` + organisation) in Arabic and "<role> of <country>" in English.
    With ``translated=False`` (the written title says more than role and country: "الدائم لدى الأمم
    المتحدة") no English label is made up: it would drop what the title says."""
    p = (getattr(kb, "posts", None) or {}).get(post)
    role = rl.labels.get(role_id)
    ent = gz.entities.get(holder_org)
    if p is not None and p.labels.get("ar"):
        ar = p.labels["ar"][0]
        en = (p.labels.get("en") or ("",))[0]
    else:
        r_ar = (role.labels.get("ar") or ("",))[0] if role else role_id
        r_en = (role.labels.get("en") or ("",))[0] if role else role_id
        adjs = getattr(ent, "adjectives", ()) if ent else ()
        o_ar = (ent.labels.get("ar") or ("",))[0] if ent else ""
        if adjs and getattr(ent, "type", "") == "Country":
            ar = f"{r_ar} ال{adjs[0]}"
        else:
            ar = f"{r_ar} " + ("ل" + o_ar[1:] if o_ar.startswith("ال") else "ل" + o_ar)
        en = f"{r_en} of {(ent.labels.get('en') or ('',))[0]}" if ent else r_en
        ar = written or ar
        en = en if translated or not written else ""
    return Entity(key=post, category="Post", type="Post", label=ar, labels=(("en", en),) if en else (),
                  in_kb=p is not None,
                  attributes=(("postIn", holder_org),) + ((("role", role.iri),) if role is not None else ()))


def _qualifier(tokens: list[Token], j: int, found_at: dict[int, Found], gz: Gazetteer) -> tuple[str | None, int]:
    """The country or organisation qualifying a title ending at token ``j``: ``(IRI, end token)``."""
    k = j + 1 if j < len(tokens) and tokens[j].norm == "(" else j
    f = found_at.get(k)
    if f is None or f.key not in gz.entities:
        return None, j
    ent = gz.entities[f.key]
    end = f.tok_end + (1 if k > j and f.tok_end < len(tokens) and tokens[f.tok_end].norm == ")" else 0)
    if getattr(ent, "type", "") == "Country":
        return f.key, end
    if ent.category == "Organization" and (f.kind == "name"):
        return f.key, end
    return None, j


def resolve(tokens: list[Token], found: list[Found], entities: dict[str, Entity], kb: Any, gz: Gazetteer,
            date: str | None, home: str | None, sent_of: list[int]) -> CorefResult:
    """Titles, posts, counterparts, honorific pronouns and partial names → the entities they mean.

    ``found`` are the name mentions so far (KB names and adjectives, pattern names); ``home`` is
    the publisher's country (for unqualified titles); ``sent_of[i]`` is token ``i``'s sentence."""
    res = CorefResult()
    rl = roles(kb)
    lx = lexicon()
    found_at = {f.tok: f for f in found}
    covered = {t for f in found if f.kind == "name" for t in range(f.tok, f.tok_end)}
    person_at = {f.tok: f for f in found if _cat(f.key, entities, gz) == "Person"}
    royal = {seq for seq, kind in lx["honorifics"].items() if kind == "royal"}
    chain: tuple[int, str] | None = None     # (token after a person's name or title chain, that person)
    unqualified: dict[str, str] = {}          # role -> country an unqualified title was read in
    tails = {k[0]: v for k, v in surname_index(entities).items() if len(k) == 1}
    org_at = {f.tok: f.key for f in found if f.kind == "name" and _cat(f.key, entities, gz) == "Organization"}
    last_org: str | None = None
    focus: str | None = None                  # country of the last qualified title
    post_holder: dict[str, str] = {}          # post -> person linked in this article
    last_role: str | None = None
    last_person: str | None = None
    subject_by_sent: dict[int, str] = {}
    n = len(tokens)
    sent_start: dict[int, int] = {}
    for t, s in enumerate(sent_of):
        sent_start.setdefault(s, t)
    i = 0
    while i < n:
        if i in org_at:
            last_org = org_at[i]
        if i in person_at:
            f = person_at[i]
            last_person = f.key
            if i - sent_start.get(sent_of[i], i) < _SUBJECT_WINDOW:
                subject_by_sent.setdefault(sent_of[i], f.key)
            for post, role_id, org, span in _titles_inside(tokens, f, rl, kb, date):
                res.entities.setdefault(post, post_entity(post, role_id, org, kb, gz, rl))
                res.relations.append(Relation(f.key, "holdsPost", post, span, date))
                post_holder.setdefault(post, f.key)
            i = f.tok_end
            chain = (i, f.key)
            continue
        tok = tokens[i]
        if tok.kind != "word" or i in covered:
            i += 1
            continue
        pron = lx["pronouns"].get(tok.norm) or next(
            (lx["pronouns"][s] for p, s in proclitic_variants(tok.norm)[:3] if p and s in lx["pronouns"]), None)
        if pron == "pronoun":
            subj = subject_by_sent.get(sent_of[i] - 1) or last_person
            cur = _carried(subject_by_sent, sent_of[i]) or last_person
            target = cur or subj
            if target:
                res.found.append(Found(tok.start, tok.end, i, i + 1, target, "pronoun"))
                subject_by_sent.setdefault(sent_of[i], target)
            i += 1
            continue
        if pron == "counterpart" and last_role:
            country, end = _qualifier(tokens, i + 1, found_at, gz)
            if country:
                post = kb.post_iri(country, last_role)
                named, _ = _apposed(tokens, end, person_at, covered, rl, res, tails)
                who = named or post_holder.get(post) or kb.holder(post, date)
                res.entities.setdefault(post, post_entity(post, last_role, country, kb, gz, rl))
                span_end = tokens[end - 1].end
                res.found.append(Found(tok.start, span_end, i, end, post, "post"))
                if who:
                    _ensure(who, entities, res, gz)
                    if named is None:
                        res.found.append(Found(tok.start, span_end, i, end, who, "title"))
                    res.relations.append(Relation(who, "holdsPost", post, Span(tok.start, span_end), date))
                    post_holder[post] = who
                    last_person = who
                i = end
                continue
        r = role_at(tokens, i, rl)
        owner = None
        poss = possessive_role_at(tokens, i, rl) if last_org else None
        if poss and (r is None or poss[1] > r[1]):
            r, owner = poss, last_org
        if r is None:
            i += 1
            continue
        plen, j, role_id = r
        if i and _title_tails().get(tokens[i - 1].norm) == "head" and not plen:
            i = j      # "مساعد وزير الدفاع <name>": the title is the head noun's complement
            continue
        org, end = (owner, j) if owner else _qualifier(tokens, j, found_at, gz)
        if org is None:   # "رئيس جمهورية مصر العربية": a shorter title may leave the country's name whole
            for r2 in roles_at(tokens, i, rl)[1:]:
                o2, e2 = _qualifier(tokens, r2[1], found_at, gz)
                if o2:
                    (plen, j, role_id), org, end = r2, o2, e2
                    break
        bare = org is None
        if bare and role_id in _role_set("qualified_roles.tsv"):
            i = j      # "المتحدث باسم الجيش": this title names a post only with its organisation
            continue
        if bare and tokens[i].norm[plen:][:2] != "ال" and not tokens[j - 1].norm.startswith("ال"):
            i = j      # "رئيس مكتبها": a bare indefinite title is no post
            continue
        plain_end = end
        end = title_tail(tokens, end, found_at)
        k = end
        while k < n and (honorific_at(tokens, k) or (k in found_at and found_at[k].kind == "adjective")
                         or (tokens[k].norm == "(" and k == end)
                         or (tokens[k].text in "،," and k == end and k + 1 in person_at)):
            k += honorific_at(tokens, k) or 1   # also "(السفيرة <name>)" and "<title>، <name>" after the title
        after_name = chain and (chain[0] == i or (chain[0] == i - 1 and tokens[i - 1].norm == "،" and not plen))
        if after_name and k not in person_at and k < n and tokens[k].norm[:1] in _CLITIC_LETTERS:
            who, name_end = None, None   # "خليفة بن زايد رئيس الإمارات لحضور ...": the title is the name's
        else:
            who, name_end = _apposed(tokens, k, person_at, covered, rl, res, tails)
        name_end = name_end or end
        if who is None and after_name:
            who = chain[1]       # a title in apposition after the name: "محمد ... ولي ولي العهد"
        if bare:
            org = (_held_by(kb, role_id, who, date) if who else None) or unqualified.get(role_id) \
                or _bare_country(kb, role_id, who, date, [focus, home])   # "الرئيس السيسي" after "الرئيس هادي"
            if org is None or (tuple(t.norm for t in tokens[i:j]) in royal and who
                               and kb.holder(kb.post_iri(org, role_id), date) != who):
                i = max(j, name_end) if org is None else j   # "الأمير" before a name: a courtesy title
                continue
            unqualified[role_id] = org
        elif org in gz.entities and getattr(gz.entities[org], "type", "") == "Country":
            focus = org
        post = kb.post_iri(org, role_id)
        stated = who is not None
        if who is None:
            who = post_holder.get(post) or (None if bare and role_id in _role_set("generic_roles.tsv") else kb.holder(post, date))
        written = _written_title(tokens, i, plen, end)
        start = _clip(tok, plen)
        span = Span(start, tokens[end - 1].end)
        res.entities.setdefault(post, post_entity(post, role_id, org, kb, gz, rl, written, translated=end == plain_end))
        res.found.append(Found(span.start, span.end, i, end, post, "post"))
        if who:
            _ensure(who, entities, res, gz)
            if not stated:
                res.found.append(Found(span.start, span.end, i, end, who, "title"))
            res.relations.append(Relation(who, "holdsPost", post, Span(span.start, tokens[name_end - 1].end), date))
            post_holder[post] = who
            last_person = who
            subject_by_sent.setdefault(sent_of[i], who)
        last_role = role_id
        i = max(end, name_end)
        if who:
            chain = (i, who)
    res.found.extend(partial_names(tokens, found + res.found, {**entities, **res.entities}, covered))
    res.subjects = subject_by_sent
    return res


def _titles_inside(tokens: list[Token], f: Found, rl: Roles, kb: Any, date: str | None
                   ) -> list[tuple[str, str, str, Span]]:
    """Posts named by a title inside a KB person's written name ("الملك" in "خادم الحرمين الشريفين
    الملك سلمان ..."), kept only where the KB says that person holds such a post at ``date``:
    ``(post, role id, country or organisation, span)``."""
    if not f.key.startswith("http") or f.tok_end - f.tok < 2 or not hasattr(kb, "posts_held"):
        return []
    out = []
    t = f.tok
    while t < f.tok_end - 1:
        r = role_at(tokens, t, rl) if tokens[t].kind == "word" else None
        if r is None or r[1] >= f.tok_end:
            t += 1
            continue
        for p in kb.posts_held(f.key, date):
            post = (getattr(kb, "posts", None) or {}).get(p)
            if post is not None and post.role.rsplit("/", 1)[-1] == r[2]:
                out.append((p, r[2], post.org, Span(f.start, f.end)))
        t = r[1]
    return out


def persons_before_titles(tokens: list[Token], found: list[Found], rl: Roles, openers: frozenset[str]
                          ) -> list[tuple[Found, Entity]]:
    """Persons named before a comma and a title in apposition ("كشف <name>، سفير <country>"): a
    name of two or three words that starts a sentence or clause, or follows a word of ``openers``
    (reporting verbs), and is followed by "،" and a role title without a conjunction."""
    taken = {t for f in found for t in range(f.tok, f.tok_end)}
    out: list[tuple[Found, Entity]] = []
    for c, tok in enumerate(tokens):
        if tok.norm != "،" or c + 1 >= len(tokens) or tokens[c + 1].kind != "word":
            continue
        r = role_at(tokens, c + 1, rl)
        if r is None or r[0]:
            continue
        for s in (c - 3, c - 2):
            if s < 1 or any(t in taken for t in range(s, c)):
                continue
            prev = tokens[s - 1]
            if not (prev.kind != "word" or prev.norm in openers) or tokens[s].norm in openers:
                continue
            if s == c - 3 and prev.norm not in openers and tokens[s + 1].norm not in lexicon()["particles"]:
                continue   # a sentence may open with a verb: three words need a verb before or a بن-chain
            got = read_name(tokens, s, extra_stop=rl.first)
            last = tokens[c - 1]   # the comma and title vouch for a last word in ة (حمودة)
            if got != c and not (got == c - 1 > s and last.kind == "word" and last.norm[-1] == "ه"
                                 and not is_stop(last.norm) and not last.norm.startswith("ال")):
                continue
            name = " ".join(t.text for t in tokens[s:c])
            key = person_key(name)
            out.append((Found(tokens[s].start, tokens[c - 1].end, s, c, key, "name"), minted(key, "Person", name)))
            break
    return out


def title_tail(tokens: list[Token], end: int, found_at: dict[int, Found]) -> int:
    """End of a title once the words that continue it are taken in: adjectives of the title
    ("الدائم") and a place of posting ("لدى الأمم المتحدة"), so that the holder's name after them is
    read as apposed and the title is labelled as written."""
    tails = _title_tails()
    n = len(tokens)
    while end < n:
        kind = tails.get(tokens[end].norm)
        if kind == "word":
            end += 1
        elif kind == "to" and end + 1 in found_at and found_at[end + 1].kind == "name":
            end = found_at[end + 1].tok_end
        else:
            break
    return end


@lru_cache(maxsize=4)
def _role_set(table: str) -> frozenset[str]:
    from newsgraph.extract.entities import read_table
    return frozenset(r[0] for r in read_table(table))


@lru_cache(maxsize=1)
def _title_tails() -> dict[str, str]:
    from newsgraph.extract.entities import read_table
    return {fold(r[0]): r[1] for r in read_table("title_tails.tsv")}


def _apposed(tokens: list[Token], k: int, person_at: dict[int, Found], covered: set[int], rl: Roles,
             res: CorefResult, tails: dict[str, str]) -> tuple[str | None, int | None]:
    """The person named right at token ``k`` (a known mention, or a new name read there, which is
    added to ``res``): ``(key, end token)``, or ``(None, None)``."""
    if k in person_at:
        return person_at[k].key, person_at[k].tok_end
    if k >= len(tokens) or k in covered:
        return None, None
    if tokens[k].norm in tails:   # "الرئيس أوباما": the surname of someone named in full
        return tails[tokens[k].norm], k + 1
    if tokens[k].norm in rl.kb_surnames:   # or of a person the KB knows
        key = rl.kb_surnames[tokens[k].norm]
        res.found.append(Found(tokens[k].start, tokens[k].end, k, k + 1, key, "name"))
        return key, k + 1
    e2 = read_name(tokens, k, extra_stop=rl.first)
    if e2 - k < 2:
        return None, None
    name = " ".join(t.text for t in tokens[k:e2])
    who = person_key(name)
    res.entities.setdefault(who, minted(who, "Person", name))
    res.found.append(Found(tokens[k].start, tokens[e2 - 1].end, k, e2, who, "name"))
    return who, e2


def _carried(subjects: dict[int, str], sent: int) -> str | None:
    for s in range(sent - 1, -1, -1):
        if s in subjects:
            return subjects[s]
    return subjects.get(sent)


def _clip(tok: Token, plen: int) -> int:
    from newsgraph.extract.entities import _orig_offset
    return _orig_offset(tok, plen)


def _cat(key: str, entities: dict[str, Entity], gz: Gazetteer) -> str | None:
    e = entities.get(key)
    if e is not None:
        return e.category
    k = gz.entities.get(key)
    return k.category if k is not None else None


def _ensure(key: str, entities: dict[str, Entity], res: CorefResult, gz: Gazetteer) -> None:
    if key not in entities and key not in res.entities and key in gz.entities:
        res.entities[key] = kb_entity(key, gz)


#: particles that start a short name inside a full one ("بن"/"عبد" start a father's or a given name)
_SHORT_PARTICLES, = words_of("name_words.tsv", "short_particle")


def surname_index(entities: dict[str, Entity]) -> dict[tuple[str, ...], str]:
    """Folded surnames (and particle + surname: ولد الشيخ) of the persons named in full → their keys."""
    tails: dict[tuple[str, ...], str] = {}
    parts = lexicon()["particles"]
    for key, e in sorted(entities.items()):
        if e.category != "Person":
            continue
        for label in (e.label, *(lab for _, lab in e.labels)):
            words = fold(label).split()
            if len(words) < 2 or not is_arabic_word(words[-1]):
                continue
            tails.setdefault((words[-1],), key)
            if len(words) >= 3 and words[-2] in parts:
                tails.setdefault(tuple(words[-2:]), key)
            for k in range(1, len(words) - 1):       # "ولد الشيخ" of "إسماعيل ولد الشيخ أحمد", "أبو مازن"
                if words[k] in _SHORT_PARTICLES and is_arabic_word(words[k + 1]):
                    tails.setdefault((words[k], words[k + 1]), key)
    return tails


def is_arabic_word(w: str) -> bool:
    """Whether a folded word is written in Arabic letters."""
    return bool(w) and "\u0600" <= w[0] <= "\u06ff"


def partial_names(tokens: list[Token], found: list[Found], entities: dict[str, Entity],
                  covered: set[int]) -> list[Found]:
    """Surnames and name tails of persons named in full elsewhere in the article.

    A family name that looks like a nisba adjective (ال…ي, as العربي) counts only right after an
    honorific or title, where it cannot be an adjective."""
    tails = surname_index(entities)
    taken = covered | {t for f in found for t in range(f.tok, f.tok_end)}
    out: list[Found] = []
    for i, tok in enumerate(tokens):
        if i in taken or tok.kind != "word" or is_stop(tok.norm):
            continue
        for plen, stem in proclitic_variants(tok.norm)[:3]:
            if plen and len(stem) < 3:
                continue
            hit = None
            if i + 1 < len(tokens) and (stem, tokens[i + 1].norm) in tails:
                hit = (tails[(stem, tokens[i + 1].norm)], i + 2)
            elif (stem,) in tails:
                if stem.startswith("ال") and stem.endswith("ي") and not (i and honorific_at(tokens, i - 1)):
                    continue
                hit = (tails[(stem,)], i + 1)
            if hit:
                out.append(Found(_clip(tok, plen), tokens[hit[1] - 1].end, i, hit[1], hit[0], "name"))
                break
    return out


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def merge_people(entities: dict[str, Entity]) -> dict[str, str]:
    """Minted persons that are a shorter form of another person's name (same first and last
    word, the rest in order: عادل الجبير ↔ عادل بن أحمد الجبير) → the key to keep."""
    people = []
    for key, e in entities.items():
        if e.category != "Person":
            continue
        names = [e.label] + [lab for _, lab in e.labels]
        people.append((key, e.in_kb, [fold(n).split() for n in names if n]))
    alias: dict[str, str] = {}
    for key, in_kb, forms in people:
        if in_kb or not forms or len(forms[0]) < 2:
            continue
        mine = forms[0]
        best = None
        for other, o_kb, o_forms in people:
            if other == key:
                continue
            for f in o_forms:
                if len(f) >= len(mine) and f[0] == mine[0] and f[-1] == mine[-1] and _subsequence(mine, f) \
                        and (o_kb or len(f) > len(mine)):
                    cand = (o_kb, len(f), other)
                    best = max(best, cand) if best else cand
        if best:
            alias[key] = best[2]
    for k in list(alias):          # follow chains to the final key
        seen = {k}
        while alias[k] in alias and alias[k] not in seen:
            seen.add(alias[k])
            alias[k] = alias[alias[k]]
    return alias
