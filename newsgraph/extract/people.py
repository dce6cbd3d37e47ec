"""Persons read with the statistical NER (``extract/ner.py``): names right after an anchor (a title,
an organisation, a reporting verb) that no pattern reads, a home country's people, and the check of
the persons the patterns minted (``confirm_people``)."""
from __future__ import annotations

from typing import Any

from newsgraph.extract.arabic import Token, fold, proclitic_variants
from newsgraph.extract.entities import (
    _QUOTES_OPEN,
    Found,
    Gazetteer,
    _clitic_honorific,
    _is_def,
    _orig_offset,
    _span_text,
    honorific_at,
    is_stop,
    lexicon,
    minted,
    person_key,
    words_of,
)
from newsgraph.extract.model import Entity


def anchored_people(text: str, tokens: list[Token], sentences: tuple, sent_of: list[int], found: list[Found],
                    anchors: set[int], openers: frozenset[str], not_names: set[str] | frozenset[str] = frozenset()
                    ) -> list[tuple[Found, Entity]]:
    """Persons the statistical NER reads right after a title, an organisation or country named in
    one ("المتحدث باسم الأمم المتحدة <name>", "مدير المرصد <name>"), or a reporting verb (also with a
    quotation mark: وقال "<name>"): the context vouches for the NER, so names no pattern reads
    (a surname in ة, a foreign name) are found. ``anchors`` are token indexes of titles;
    ``not_names`` are words that end a name (the first words of titles).

    Only a few tokens around each such place are tagged, so the cost stays small."""
    covered = {t for f in found for t in range(f.tok, f.tok_end)}
    named_end = {f.tok_end - 1 for f in found if f.kind in ("name", "adjective")}
    anchors = set(anchors)
    for a in sorted(anchors):   # a title runs on over its definite complements ("... لشؤون الأمن الدولي")
        k = a + 1
        while k < len(tokens) and k - a <= 5 and k not in anchors and tokens[k].kind == "word" \
                and (k in covered or any(st.startswith("ال") for _, st in proclitic_variants(tokens[k].norm)[:3])):
            anchors.add(k)
            k += 1
    starts: dict[int, int] = {}
    for k in range(1, len(tokens)):
        t = tokens[k]
        if t.kind != "word" or k in covered or is_stop(t.norm) or t.norm in openers:
            continue
        p = k - 1
        if tokens[p].norm in _QUOTES_OPEN and p:
            p -= 1
        if p in anchors or p in named_end or tokens[p].norm in openers or honorific_at(tokens, p) \
                or (tokens[p].text in "،," and p - 1 in anchors) or _clitic_honorific(tokens[p].norm):
            starts[t.start] = k     # also "نائب الوزير السوري، <name>" and "بالسفير <name>"
    if not starts:
        return []
    try:
        from newsgraph.extract import ner
        if not ner.available():
            return []
        spans = [(s - _letter_split(text, s, starts), e)
                 for s, e, label in ner.predict(text, _windows(tokens, sorted(starts.values()), sentences, sent_of))
                 if label == "PERS"]
        spans = [(s, e) for s, e in spans if s in starts]
    except Exception:   # noqa: BLE001 - a broken model must not stop extraction
        return []
    end_at = {t.end: i for i, t in enumerate(tokens)}
    out: list[tuple[Found, Entity]] = []
    for s, e in spans:
        k, last = starts[s], end_at.get(e)
        while last is not None and last > k and (tokens[last].norm in not_names or tokens[last].norm in lexicon()["generic"]
                                                 or (last > k + 1 and tokens[last].norm[:2] in ("سي", "ست"))):
            last -= 1   # "<name> المؤسس", "<name> سيخلف": a title or a future verb after the name is not part of it
        if last is None or last - k < 1 or last - k > 3 or any(t in covered for t in range(k, last + 1)) \
                or any(tokens[t].kind != "word" or is_stop(tokens[t].norm) or not "\u0600" <= tokens[t].norm[0] <= "\u06ff"
                       for t in range(k, last + 1)):
            continue
        e = tokens[last].end
        name = _span_text(tokens, k, last + 1, s)
        key = person_key(name)
        out.append((Found(s, e, k, last + 1, key, "name"), minted(key, "Person", name)))
        covered.update(range(k, last + 1))
    return out


#: short words that start a name ("أبو", "عبد"): "و|أبو" is no proclitic read as a letter of a name
_NEVER_ALONE, = words_of("name_words.tsv", "never_alone")


def _letter_split(text: str, s: int, starts: dict[int, int]) -> int:
    """1 when the NER read the first letter of a name at ``s - 1`` as a proclitic ("ف|يصل",
    "و|ليد"): the rest of the word is too short to be a name of its own; else 0 ("و|برونو")."""
    if s in starts or s - 1 not in starts or text[s - 1] not in "وفبلك":
        return 0
    rest = text[s:].split(maxsplit=1)[0] if text[s:].strip() else ""
    return int(len(rest) <= 3 and fold(rest) not in _NEVER_ALONE or (text[s - 1] == "ف" and len(rest) <= 4))


def _windows(tokens: list[Token], ks: list[int], sentences: tuple, sent_of: list[int],
             before: int = 4, after: int = 8) -> list[Any]:
    """Character regions of a few tokens around each token in ``ks`` (within its sentence), merged."""
    from newsgraph.extract.model import Span
    out: list[list[int]] = []
    for k in ks:
        sent = sentences[sent_of[k]]
        a = max(tokens[max(0, k - before)].start, sent.start)
        b = min(tokens[min(len(tokens) - 1, k + after)].end, sent.end)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [Span(a, b) for a, b in out]


def home_mentions(tokens: list[Token], home: str, gz: Gazetteer, found: list[Found]) -> list[Found]:
    """The publisher's own country called by the head word of its long name ("المملكة" for
    "المملكة العربية السعودية" in a Saudi paper), where that word is not followed by a name."""
    ent = gz.entities.get(home)
    if ent is None:
        return []
    heads = {fold(lab).split()[0] for lab in ent.labels.get("ar", ()) if len(lab.split()) > 1}
    heads = {h for h in heads if h.startswith("ال")}
    taken = {t for f in found for t in range(f.tok, f.tok_end)}
    out = []
    for i, tok in enumerate(tokens):
        if i in taken or tok.kind != "word":
            continue
        for plen, stem in proclitic_variants(tok.norm)[:3]:
            if stem in heads:
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if nxt is None or nxt.kind != "word" or is_stop(nxt.norm) or not _is_def(nxt.norm) \
                        or (i + 1) in taken:
                    out.append(Found(_orig_offset(tok, plen), tok.end, i, i + 1, home, "name"))
                break
    return out


def confirm_people(text: str, sentences: tuple, found: list[Found], entities: dict[str, Entity],
                   sent_of: list[int]) -> dict[str, tuple[str, int, int] | None]:
    """Check the persons that patterns minted against the statistical NER (``extract/ner.py``).

    Returns, for each minted person the NER does not read as it stands: ``None`` (no person name
    there: drop it) or ``(name, start, end)`` (the NER reads a shorter name inside, as "أوباما"
    in "أوباما دائما": cut it to that). Without a usable NER model nothing is checked."""
    cands = {k for k, e in entities.items() if e.category == "Person" and not e.in_kb}
    ms = [f for f in found if f.key in cands and f.kind == "name"]
    if not ms:
        return {}
    try:
        from newsgraph.extract import ner
        if not ner.available():
            return {}
        regions = sorted({sentences[sent_of[f.tok]] for f in ms if f.tok < len(sent_of)})
        spans = [(s, e) for s, e, label in ner.predict(text, regions) if label == "PERS"]
    except Exception:   # noqa: BLE001 - a broken model must not stop extraction
        return {}
    out: dict[str, tuple[str, int, int] | None] = {}
    for key in sorted(cands):
        mine = [f for f in ms if f.key == key]
        if not mine:
            continue
        hits = [(s, e) for f in mine for s, e in spans if s < f.end and f.start < e]
        if not hits:
            out[key] = None
        elif not any(s <= f.start + (text[f.start] in "وفبلك") and f.end <= e for f in mine for s, e in hits):
            # (the model may read a first letter as a proclitic: "ف|يصل مقداد" still vouches for "فيصل مقداد")
            s, e = max(hits, key=lambda h: (h[1] - h[0], -h[0]))
            out[key] = (" ".join(text[s:e].split()), s, e)
    return out
