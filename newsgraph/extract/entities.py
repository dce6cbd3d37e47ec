"""Entity mentions: the KB gazetteer (names and country adjectives) and patterns for the rest.

Everything is matched on folded tokens (``arabic.tokenize``), through proclitics, longest match
first; mention spans exclude the clitic. Names and cue words come from the KB and from the tables
in ``extract/data``; none are in this code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.extract.arabic import Token, fold, proclitic_variants, tokenize
from newsgraph.extract.model import Entity

DATA = Path(__file__).parent / "data"
CATEGORY_OF_TYPE = {"Ministry": "Organization", "Government": "Organization", "OrganizationOrgan": "Organization",
                    "PoliticalOrganization": "Organization", "ArmedGroup": "Organization", "NewsAgency": "Organization",
                    "MediaOrganization": "Organization", "FinancialInstitution": "Organization",
                    "Alliance": "Organization", "Organization": "Organization", "Person": "Person"}
_QUOTES_OPEN = {"«": "»", "“": "”", '"': '"', "(": ")"}
_NO_QUOTES = str.maketrans({c: " " for c in "«»“”\"()"})


class Found(NamedTuple):
    """A mention candidate: original char span, token span, entity key, mention kind."""

    start: int
    end: int
    tok: int
    tok_end: int
    key: str
    kind: str


def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated table in ``extract/data`` (comments and blank lines skipped)."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


@lru_cache(maxsize=16)
def word_lists(name: str) -> dict[str, tuple[str, ...]]:
    """The words of a ``kind<TAB>word`` table in ``extract/data``, by kind in file order, loaded once
    per process, so that word lists live in data files rather than in code."""
    out: dict[str, list[str]] = {}
    for kind, word, *_ in read_table(name):
        out.setdefault(kind, []).append(word)
    return {kind: tuple(words) for kind, words in out.items()}


def words_of(name: str, *kinds: str) -> tuple[tuple[str, ...], ...]:
    """The word lists of the given kinds in the ``kind<TAB>word`` table ``name``, in that order, for
    unpacking into module constants; raises KeyError (a broken data file) when a kind has no rows."""
    lists = word_lists(name)
    return tuple(lists[kind] for kind in kinds)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The cue-word tables, folded, loaded once per process."""
    hon = read_table("honorifics.tsv")
    return {
        "honorifics": {tuple(fold(r[1]).split()): r[0] for r in hon},
        "stop": {fold(r[0]) for r in read_table("stopwords.tsv")},
        "particles": {fold(r[0]) for r in read_table("name_particles.tsv")},
        "org_heads": {fold(r[0]): (r[1], r[2] if len(r) > 2 else "name") for r in read_table("org_heads.tsv")},
        "generic": {fold(r[0]) for r in read_table("generic_heads.tsv")},
        "ministries": {fold(r[0]): (r[0], r[1], r[2] == "1") for r in read_table("ministries.tsv")},
        "pronouns": {fold(r[1]): r[0] for r in read_table("pronouns.tsv")},
        "org_adjectives": {fold(r[0]) for r in read_table("org_adjectives.tsv")},
        "distinct": {fold(r[0]) for r in read_table("distinct_qualifiers.tsv")},
    }


# --- the gazetteer -----------------------------------------------------------------------------

@dataclass
class Gazetteer:
    """Folded token sequences of every matchable KB label, by first token, and country adjectives."""

    names: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)   # inflected folded form, no "ال" -> country IRI
    entities: dict[str, Any] = field(default_factory=dict)      # IRI -> KBEntity
    countries_by_name: dict[str, str] = field(default_factory=dict)  # folded label -> country IRI
    starts: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)   # cache: token -> readings
    org_labels: dict[str, str] = field(default_factory=dict)   # folded label of any KB organisation -> IRI

    def add(self, label: str, iri: str) -> None:
        """Register one label of one entity."""
        seq = tuple(t.norm for t in tokenize(label) if t.norm not in "-‐–")
        if not seq or (len(seq) == 1 and len(seq[0]) < 2):
            return
        bucket = self.names.setdefault(seq[0], [])
        if (seq, iri) not in bucket:
            bucket.append((seq, iri))
            bucket.sort(key=lambda si: -len(si[0]))


def _inflect(adj: str) -> set[str]:
    base = fold(adj)
    base = base[2:] if base.startswith("ال") else base
    forms = {base}
    if base.endswith("ي"):
        forms |= {base + s for s in ("ه", "ون", "ين", "ات", "ان")}
    return forms


_GAZ_CACHE: dict[int, Gazetteer] = {}


def gazetteer(kb: Any) -> Gazetteer:
    """The compiled gazetteer of ``kb`` (built once per KB object per process)."""
    gz = _GAZ_CACHE.get(id(kb))
    if gz is not None:
        return gz
    gz = Gazetteer()
    for iri, ent in (getattr(kb, "entities", None) or {}).items():
        gz.entities[iri] = ent
        if getattr(ent, "type", "") == "Country":
            for labs in ent.labels.values():
                for lab in labs:
                    gz.countries_by_name[fold(lab)] = iri
        if ent.category == "Organization":
            for labs in ent.labels.values():
                for lab in labs:
                    gz.org_labels.setdefault(" ".join(fold(lab).translate(_NO_QUOTES).split()), iri)
        if not getattr(ent, "matchable", True):
            continue
        for labs in ent.labels.values():
            for lab in labs:
                gz.add(lab, iri)
        for adj in getattr(ent, "adjectives", ()) or ():
            for form in _inflect(adj):
                gz.adjectives.setdefault(form, iri)
    _GAZ_CACHE[id(kb)] = gz
    return gz


def match_kb(tokens: list[Token], gz: Gazetteer) -> list[Found]:
    """KB names (longest first, through proclitics) and country adjectives in ``tokens``."""
    out: list[Found] = []
    n = len(tokens)
    i = 0
    names, adjs = gz.names, gz.adjectives
    while i < n:
        tok = tokens[i]
        best: tuple[int, int, str, str] | None = None   # (length, -prefix, key, kind)
        head = ""                                        # the first word of the best name, without proclitics
        variants = gz.starts.get(tok.norm)
        if variants is None:
            variants = gz.starts[tok.norm] = _starts(tok, gz)
        for plen, stem in variants:
            if plen and len(stem) < 3:
                continue
            for seq, iri in names.get(stem, ()):
                k = len(seq)
                if best and k < best[0]:
                    break
                if i + k <= n and all(tokens[i + j].norm == seq[j] for j in range(1, k)):
                    iri = _by_diacritics(tokens, i, k, seq, iri, names.get(stem, ()), gz)
                    cand = (k, -plen, iri, "name")
                    if best is None or cand[:2] > best[:2]:
                        best, head = cand, stem
                    break
            if best is None and stem.startswith("ال") and stem[2:] in adjs:
                best = (1, -plen - 2, adjs[stem[2:]], "adjective")
            elif best is None and stem in adjs:
                best = (1, -plen, adjs[stem], "adjective")
        if best is None:
            i += 1
            continue
        k, negp, iri, kind = best
        if kind == "name" and not _place_ok(tokens, i, i + k, -negp, gz.entities.get(iri)):
            i += k
            continue
        if kind == "name" and i + k < n and tokens[i + k].norm in lexicon()["distinct"]:
            e = gz.entities.get(iri)           # "الحكومة السورية المؤقتة" is another body than the KB's
            if e is not None and e.category == "Organization":
                start = _orig_offset(tok, -negp)
                words = " ".join([head] + [t.norm for t in tokens[i + 1:i + k + 1]])
                out.append(Found(start, tokens[i + k].end, i, i + k + 1, "Organization:" + words, "name"))
            i += k + 1
            continue
        plen = -negp if kind == "name" else 0
        if kind == "adjective":
            plen = _clitic_len(tok.norm, iri, gz)
        start = _orig_offset(tok, plen)
        end = tokens[i + k - 1].end
        out.append(Found(start, end, i, i + k, iri, kind))
        i += k
    return out


_SHADDA, _HARAKAT = "\u0651", frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")


def _by_diacritics(tokens: list[Token], i: int, k: int, seq: tuple[str, ...], iri: str,
                   rows: Any, gz: Gazetteer) -> str:
    """Of the KB entities written ``seq`` once folded ("عمان": Oman, Amman), the one whose written
    shadda agrees with the text's when the text is vowelled ("عُمان" is Oman, "عمّان" is Amman)."""
    written = "".join(t.text for t in tokens[i:i + k])
    if not any(c in _HARAKAT for c in written):
        return iri
    same = [r for s, r in rows if s == seq]
    if len(same) < 2:
        return iri
    shadda = _SHADDA in written

    def agrees(r: str) -> bool:
        labels = [lab for lang, labs in getattr(gz.entities.get(r), "labels", {}).items() if lang == "ar"
                  for lab in labs if tuple(fold(lab).split()) == seq]
        return bool(labels) and any(_SHADDA in lab for lab in labels) == shadda
    return next((r for r in same if agrees(r)), iri)


@lru_cache(maxsize=1)
def _place_guards() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    rows = read_table("place_guards.tsv")
    return (frozenset(tuple(fold(r[1]).split()) for r in rows if r[0] == "phrase"),
            frozenset(fold(r[1]) for r in rows if r[0] == "cue"))


def _place_ok(tokens: list[Token], i: int, end: int, plen: int, ent: Any) -> bool:
    """Whether a KB place name at tokens ``i..end`` is a place here: not part of a common phrase
    ("مسقط رأس"), and a very short name ("إب") only after a cue word ("مدينة", "في")."""
    if ent is None or getattr(ent, "category", "") != "Place" or getattr(ent, "type", "") == "Country":
        return True
    phrases, cues = _place_guards()
    if end < len(tokens) and (tokens[i].norm[plen:], tokens[end].norm) in phrases:
        return False
    if end - i == 1 and len(tokens[i].norm) - plen <= 2:
        return i > 0 and tokens[i - 1].norm in cues
    return True


def _starts(tok: Token, gz: Gazetteer) -> tuple[tuple[int, str], ...]:
    """The readings of a token that can begin a KB name or be a country adjective."""
    variants = proclitic_variants(tok.norm) if tok.kind == "word" else ((0, tok.norm),)
    adjs = gz.adjectives
    return tuple((p, s) for p, s in variants
                 if s in gz.names or s in adjs or (s.startswith("ال") and s[2:] in adjs))


def _clitic_len(norm: str, iri: str, gz: Gazetteer) -> int:
    """Length of the conjunction/preposition before an adjective (the article "ال" stays in the span)."""
    for plen, stem in proclitic_variants(norm):
        if stem.startswith("ال") and gz.adjectives.get(stem[2:]) == iri:
            return plen
        if gz.adjectives.get(stem) == iri:
            return plen
    return 0


def _orig_offset(tok: Token, plen: int) -> int:
    """Original offset of the ``plen``-th folded character of ``tok`` (skips diacritics)."""
    if plen <= 0:
        return tok.start
    seen = 0
    for j, c in enumerate(tok.text):
        if fold(c):
            if seen == plen:
                return tok.start + j
            seen += len(fold(c))
    return tok.end


# --- names read by pattern ---------------------------------------------------------------------

def is_stop(norm: str) -> bool:
    """A function word, time word, frequent verb or generic noun (also behind a proclitic)."""
    lx = lexicon()
    if norm in lx["stop"]:
        return True
    return any(plen and stem in lx["stop"] for plen, stem in proclitic_variants(norm)[:3])


@lru_cache(maxsize=1)
def _honorific_firsts() -> frozenset[str]:
    return frozenset(seq[0] for seq in lexicon()["honorifics"])


def honorific_at(tokens: list[Token], i: int) -> int:
    """Number of tokens of the honorific or title starting at ``i`` (0 if none)."""
    if tokens[i].norm not in _honorific_firsts():
        return 0
    hon = lexicon()["honorifics"]
    for k in (3, 2, 1):
        if i + k <= len(tokens) and tuple(t.norm for t in tokens[i:i + k]) in hon:
            return k
    return 0


def _clitic_honorific(norm: str) -> bool:
    """A one-word honorific behind the proclitic ب/ل/و ("بالسفير", "للسفيرة", "والدكتور")."""
    hon = lexicon()["honorifics"]
    return len(norm) > 4 and norm[0] in "بلو" and (norm[1:],) in hon or \
        (norm.startswith("لل") and ("ال" + norm[2:],) in hon)


def read_name(tokens: list[Token], i: int, limit: int = 3, extra_stop: set[str] | frozenset[str] = frozenset()) -> int:
    """End token index of a personal name starting at ``i`` (``i`` if none).

    A name is a given name (not a function word, no article) followed by more name words, with
    ``بن/ابن/أبو/عبد/ولد/آل`` chains; a word with the article (a family name such as الجبير)
    ends it unless a particle follows."""
    lx = lexicon()
    parts = lx["particles"]
    n = len(tokens)
    j = i
    content = 0
    while j < n and content < limit:
        t = tokens[j]
        if t.kind != "word" or is_stop(t.norm) or honorific_at(tokens, j) or t.norm in lx["generic"] \
                or t.norm in extra_stop:
            break
        if t.norm in lx["org_heads"] or t.norm in lx["pronouns"]:
            break
        if t.norm in parts:
            if j + 1 < n and tokens[j + 1].kind == "word" and not is_stop(tokens[j + 1].norm):
                j += 2
                content += 1
                if tokens[j - 1].norm.startswith("ال") and not (j < n and tokens[j].norm in parts):
                    break
                continue
            break
        if any(p and stem.startswith("ال") for p, stem in proclitic_variants(t.norm)[:4]):
            break   # بالإيجابي، والسعودي: a clitic before the article is never inside a name
        if content >= 1 and t.norm[0] == "و" and len(t.norm) > 3 and tokens[j - 1].norm not in parts:
            break   # "كيري ولافروف": a conjunction joins the next name
        if content >= 2 and not t.norm.startswith("ال") and t.norm[-1] in "اه":
            break   # a third plain word ending in ة or tanween alif is a noun (كلمة، اجتماعا), not a name
        if content >= 1 and len(t.norm) >= 5 and t.norm[:2] in ("سي", "سن") and t.norm[-1] not in "اوي" \
                and tokens[j - 1].norm not in parts:
            break   # a future verb (سيذهب، سنعمل) after a name is not part of it (سيلفا، ستيوارت are names)
        if content == 1 and t.norm[-1] == "ه" and tokens[j - 1].norm not in parts:
            break   # a second word ending in ة or a pronoun suffix (تقديره، الجلسة) ends the name
        if j == i and (t.norm.endswith("ات") or (t.norm[0] in "ولبفك" and t.norm.endswith("ه"))):
            break   # a plural (مستجدات) or a clitic + feminine noun (لكرة، بمقالة) does not start a name
        if t.norm.startswith("ال") and (j == i or (content >= 2 and tokens[j - 2].norm not in parts)):
            break   # a family name with the article follows a given name or a بن-chain, not two plain words
        j += 1
        content += 1
        if t.norm.startswith("ال") and not (j < n and tokens[j].norm in parts):
            break
    return j


def org_key(name: str) -> str:
    """The entity key of an organisation known only by this name (quotation marks left out)."""
    return "Organization:" + " ".join(fold(name).translate(_NO_QUOTES).split())


def person_key(name: str) -> str:
    """The entity key of a person known only by this name."""
    return "Person:" + " ".join(fold(name).split())


def minted(key: str, type_: str, label: str, lang: str = "ar",
           labels: tuple[tuple[str, str], ...] = (), attributes: tuple[tuple[str, str], ...] = ()) -> Entity:
    """An ``Entity`` that is not in the KB."""
    cat = key.split(":", 1)[0]
    return Entity(key=key, category=cat, type=type_, label=label, lang=lang, labels=labels, attributes=attributes)


def kb_entity(iri: str, gz: Gazetteer, lang: str = "ar") -> Entity:
    """An ``Entity`` for a KB IRI, labelled in ``lang`` (falling back to English, then any)."""
    e = gz.entities[iri]
    labs = e.labels
    pick = (labs.get(lang) or labs.get("en") or next(iter(labs.values()), ("",)))[0]
    others = tuple((lg, ls[0]) for lg, ls in sorted(labs.items()) if ls and lg != lang)
    cat = e.category if e.category in {"Person", "Organization", "Place", "Concept", "Document", "Event"} \
        else CATEGORY_OF_TYPE.get(e.type, "Organization")
    return Entity(key=iri, category=cat, type=e.type, label=pick, lang=lang, labels=others, in_kb=True,
                  wikidata=e.wikidata)


def country_of(tokens: list[Token], i: int, gz: Gazetteer, kb_found: dict[int, Found]) -> tuple[str | None, int]:
    """A country named at token ``i`` by adjective or by name: ``(country IRI, tokens used)``."""
    f = kb_found.get(i)
    if f is None:
        return None, 0
    ent = gz.entities.get(f.key)
    if ent is not None and getattr(ent, "type", "") == "Country":
        return f.key, f.tok_end - f.tok
    return None, 0


# --- organisations and persons by pattern ------------------------------------------------------

def _head_at(tok: Token) -> tuple[int, str, str, str] | None:
    """``(clitic length, folded head, type, needs)`` if ``tok`` is an organisation head word."""
    heads = lexicon()["org_heads"]
    for plen, stem in proclitic_variants(tok.norm)[:4]:
        if stem in heads and tok.norm[max(0, plen - 2):plen] not in ("ال", "لل"):   # "الحركة", "للقوات" are no name's head
            return (plen, stem, *heads[stem])
    return None


def _is_def(norm: str) -> bool:
    return norm.startswith("ال") and len(norm) > 3


def _quoted(tokens: list[Token], j: int, limit: int = 8) -> int:
    """End index of a quoted name opening at token ``j`` (``j`` if there is none)."""
    if j >= len(tokens) or tokens[j].norm not in _QUOTES_OPEN:
        return j
    close = _QUOTES_OPEN[tokens[j].norm]
    for k in range(j + 1, min(len(tokens), j + limit + 2)):
        if tokens[k].norm == close:
            return k + 1 if k > j + 1 else j
        if tokens[k].norm in ".،,؛:!?؟":
            break
    return j


def _org_word(t: Token) -> bool:
    """A word that may stand inside an organisation's name: no function word, no imperfect verb
    (يظهر، يتولى), no conjunction joining another noun (والقبائل)."""
    if t.kind != "word" or is_stop(t.norm) or (t.norm[0] == "ي" and len(t.norm) > 3):
        return False
    return not (t.norm[0] in "وف" and any(p == 1 and stem.startswith("ال") for p, stem in proclitic_variants(t.norm)[:3]))


def org_name_end(tokens: list[Token], j: int) -> int:
    """End index of the name words of an organisation whose head ends at ``j``.

    Takes a construct chain of indefinite words only when definite words close it (منظمة معاهدة
    الأمن الجماعي), else one proper name (حركة حماس); then the definite words (adjectives,
    genitives) that follow; then a quoted name if one stands right after."""
    n = len(tokens)
    k = j
    while k < n and k - j < 4 and _org_word(tokens[k]) and not _is_def(tokens[k].norm):
        if k > j and (tokens[k].norm[0] in "لب" or tokens[k].norm[:2] in ("سي", "ست")):
            break   # a preposition (لمراقبة) or a future verb (سيكلفون) ends the chain
        k += 1
    if k < n and k > j and _is_def(tokens[k].norm) and not is_stop(tokens[k].norm):
        end = k
    elif k > j:
        if tokens[j].norm.endswith("ه") or len(tokens[j].norm) < 3:
            return j   # an indefinite feminine word (مالية، لمحاربة) or a letter is no proper name
        return _quoted(tokens, j + 1) if j + 1 < n else j + 1
    else:
        end = j
    while end < n and end - j < 6 and tokens[end].kind == "word" and _is_def(tokens[end].norm) \
            and (not is_stop(tokens[end].norm) or (end > j and tokens[end].norm in lexicon()["org_adjectives"])) \
            and not honorific_at(tokens, end):   # "مجلس الوزراء الدكتور"; "هيئة النقل العام"
        end += 1
    q = _quoted(tokens, end)
    return q if q > end else end


def _ministry_label(field_ar: str, country: str, gz: Gazetteer) -> tuple[str, str]:
    """Arabic and English labels of a country's ministry of ``field_ar``."""
    ent = gz.entities[country]
    adjs = getattr(ent, "adjectives", ()) or ()
    en_country = (ent.labels.get("en") or ("",))[0]
    ar_country = (ent.labels.get("ar") or ("",))[0]
    ar = f"وزارة {field_ar} ال{adjs[0]}ة" if adjs else f"وزارة {field_ar} {ar_country}"
    return ar, en_country


def match_orgs(tokens: list[Token], gz: Gazetteer, kb_found: list[Found], role_first: set[str],
               skip: set[int] = frozenset()) -> list[tuple[Found, Entity]]:
    """Organisations not in the KB: head word + name, ministries and governments of countries.

    Tokens in ``skip`` (role titles such as رئيس مجلس الوزراء) never start one."""
    lx = lexicon()
    by_tok = {f.tok: f for f in kb_found}
    covered = {t for f in kb_found if f.kind == "name" for t in range(f.tok, f.tok_end)} | set(skip)
    out: list[tuple[Found, Entity]] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        got = None
        if tok.kind == "word" and i not in covered:
            got = _org_at(tokens, i, gz, by_tok, covered, role_first, lx)
        if got is None:
            i += 1
            continue
        out.append(got)
        i = got[0].tok_end
    return out


def _org_at(tokens: list[Token], i: int, gz: Gazetteer, by_tok: dict[int, Found], covered: set[int],
            role_first: set[str], lx: dict[str, Any]) -> tuple[Found, Entity] | None:
    tok = tokens[i]
    prev = tokens[i - 1].norm if i else ""
    head = _head_at(tok)
    # a ministry, written out (وزارة الخارجية الروسية) or elliptic (الخارجية الأميركية)
    field_i = i + 1 if head and head[1] == "وزاره" else i
    fld = tokens[field_i].norm if field_i < len(tokens) else ""
    if fld in lx["ministries"] and (head or (lx["ministries"][fld][2] and prev not in role_first)):
        country, used = country_of(tokens, field_i + 1, gz, by_tok)
        kind = by_tok[field_i + 1].kind if used else ""
        if country and (head or kind == "adjective"):
            ar, en = _ministry_label(lx["ministries"][fld][0], country, gz)
            key = "Organization:" + fold(ar)
            plen = head[0] if head else 0
            f = Found(_orig_offset(tok, plen), tokens[field_i + used].end, i, field_i + 1 + used, key, "name")
            ent = minted(key, "Ministry", ar, labels=(("en", f"Ministry of {lx['ministries'][fld][1]} of {en}"),),
                         attributes=(("country", country),))
            return f, ent
    if head is None:
        return None
    plen, stem, type_, needs = head
    if needs == "country":
        country, used = country_of(tokens, i + 1, gz, by_tok)
        if not country:
            return None
        ent = gz.entities[country]
        adjs = getattr(ent, "adjectives", ()) or ()
        ar = f"الحكومة ال{adjs[0]}ة" if adjs else f"حكومة {(ent.labels.get('ar') or ('',))[0]}"
        key = "Organization:" + fold(ar)
        en = (ent.labels.get("en") or ("",))[0]
        f = Found(_orig_offset(tok, plen), tokens[i + used].end, i, i + 1 + used, key, "name")
        return f, minted(key, "Government", ar, labels=(("en", f"Government of {en}"),),
                         attributes=(("country", country),))
    end = org_name_end(tokens, i + 1)
    if end <= i + 1:
        return None
    place = by_tok.get(end) if end == i + 2 and not _is_def(tokens[i + 1].norm) else None
    if place is not None and place.kind == "name" and getattr(gz.entities.get(place.key), "category", "") == "Place":
        end = place.tok_end   # "هيئة موانئ دبي": a place closes the construct chain of the name
    else:
        place = None
    quoted = tokens[end - 1].norm in _QUOTES_OPEN.values() and end - 1 > i + 1
    if not quoted and any(t in covered for t in range(i + 1, place.tok if place else end)):
        return None
    inner = [t for t in range(i + 1, end) if tokens[t].kind == "word"]
    if quoted and inner and all(t in covered for t in inner) and len({by_tok[t].key for t in inner if t in by_tok}) == 1 \
            and inner[0] in by_tok and by_tok[inner[0]].tok_end > inner[-1]:
        return None   # تنظيم «داعش»: the quoted word is a known name; the KB mention stands
    if tokens[i + 1].norm in lx["generic"] or is_stop(tokens[i + 1].norm):
        return None
    start = _orig_offset(tok, plen)
    orig = _span_text(tokens, i, end, start)
    first, _, rest = orig.partition(" ")
    if stem.startswith("ال") and fold(first) == stem[1:]:   # "للجيش": the article's alef was elided after ل
        orig = ("ا" + first + " " + rest).strip()
    key = org_key(orig)
    return Found(start, tokens[end - 1].end, i, end, key, "name"), minted(key, type_, orig)


def _span_text(tokens: list[Token], i: int, end: int, start: int) -> str:
    """The words of tokens ``i..end`` as written, from ``start``, single-spaced."""
    parts = [tokens[i].text[start - tokens[i].start:]] + [t.text for t in tokens[i + 1:end]]
    return " ".join(parts)


def match_persons(tokens: list[Token], gz: Gazetteer, kb_found: list[Found], role_first: set[str]
                  ) -> list[tuple[Found, Entity]]:
    """Persons not in the KB named after an honorific or title (الدكتور نبيل العربي, الأمير ... بن ...)."""
    covered = {t for f in kb_found if f.kind == "name" for t in range(f.tok, f.tok_end)}
    adj_at = {f.tok for f in kb_found if f.kind == "adjective"}
    out: list[tuple[Found, Entity]] = []
    n = len(tokens)
    i = 0
    while i < n:
        k = honorific_at(tokens, i)
        if not k:
            i += 1
            continue
        j = i + k
        while j < n and (honorific_at(tokens, j) or j in adj_at):
            j += honorific_at(tokens, j) or 1
        end = read_name(tokens, j, extra_stop=role_first)
        if end - j >= 2 and not any(t in covered for t in range(j, end)):
            name = _span_text(tokens, j, end, tokens[j].start)
            key = person_key(name)
            out.append((Found(tokens[j].start, tokens[end - 1].end, j, end, key, "name"), minted(key, "Person", name)))
            i = end
        else:
            i = j
    return out
