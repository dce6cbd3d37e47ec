"""Events, documents, concepts and the ``adopted`` / ``affirms`` relations of one article.

``find_events(ctx)`` reads an ``ExtractionContext`` and returns an ``EventsResult``:

* events (meetings, summits, phone calls, press conferences, visits, adoptions, votes) from the
  triggers in ``data/event_triggers.tsv``, with their participants (the subject and object of a
  verb trigger, the genitive and "مع/بين" phrases of a noun trigger, the subject of a support verb
  such as "عقد X اجتماعا", "برئاسة/بحضور" phrases), place ("في موسكو", "بالرياض") and date (the
  nearest resolved date in the clause, else the article date unless the clause speaks of the
  future); mentions of the same meeting ("اللقاء" later on, the headline) are merged;
* documents (``data/document_words.tsv``: "وثيقة بشأن …", "إعلان القاهرة", "القرار 2216") with
  coreference of a definite head ("الوثيقة", "هذا البند") to the last document of that head;
* concepts: "مبدأ X" is a Principle; the object of a document's affirmation verb is a Topic;
  variants with the same head words are one concept;
* relations: the subject of an adoption verb (``data/adoption_verbs.tsv``) adopted the document
  after it ("اعتمدنا" → the body whose meeting the speaker attends), the parties of "X بين A وB"
  adopted X, "قرارات مجلس الأمن … القرار N" → the council adopted N; a document affirms the concept
  after its affirmation verb (``data/affirmation_verbs.tsv``). Each adoption is an Adoption event.

Documents, concepts and adoptions are read by ``documents.DocumentReader`` (a part of this module's
reader); the tables and word lists both read are in ``eventlex.py``.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgraph.extract.arabic import fold
from newsgraph.extract.documents import DocumentReader
from newsgraph.extract.entities import _orig_offset, gazetteer, kb_entity
from newsgraph.extract.eventlex import (
    _AFTER,
    _ALSO,
    _AROUND,
    _ARRIVE,
    _ATTEND,
    _AUXILIARY,
    _BEHALF,
    _BETWEEN_THEM,
    _BI_PRONOUN,
    _BY_PHONE,
    _COMMA,
    _DEMONSTRATIVES,
    _DO,
    _DURING,
    _FUTURE,
    _IN,
    _LOCATIVE,
    _MARKS,
    _MEDIA,
    _MEETING_FAMILY,
    _OBJ_PRONOUNS,
    _PUNCT_END,
    _RELATIVE,
    _THAT,
    _TOPIC,
    _TOPIC_NOUNS,
    _TOPIC_VERBS,
    _WE,
    _WHERE,
    EventsResult,
    _Doc,
    _Ev,
    content_words,
    lexicon,
    stems,
)
from newsgraph.extract.model import Entity, Event, Mention, Quotation, Relation, Span
from newsgraph.extract.parties import coordinated, dual_parties, talk_parties
from newsgraph.extract.quotes import find_quotations
from newsgraph.extract.textview import TextView

__all__ = ["EventsResult", "content_words", "find_events", "lexicon"]

class _Reader(DocumentReader):
    """One pass over an article's triggers, documents and concepts."""

    def __init__(self, ctx: Any, quotations: Sequence[Quotation] | None = None) -> None:
        self.ctx = ctx
        self.v = TextView(ctx)
        self.lx = lexicon()
        self.docs_lx = self.lx["docs"]
        self.quotes = list(quotations) if quotations is not None else find_quotations(ctx)
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.relations: list[Relation] = []
        self.docs: list[_Doc] = []

    # -- helpers
    def doc_role(self, norm: str) -> tuple[str, str] | None:
        """The document-table row of a word (behind proclitics), if any."""
        for _, stem, _ in stems(norm):
            if stem in self.docs_lx:
                return self.docs_lx[stem]
        return None

    def is_stop(self, norm: str) -> bool:
        """A word that ends a document's or a concept's name."""
        if norm in self.docs_lx and self.docs_lx[norm][1] == "stop":
            return True
        return norm in self.lx["affirm"] or norm in self.lx["adoption"]

    def add_entity(self, key: str, category: str, type_: str, label: str, span: Span) -> None:
        """Create (or relabel with a more specific name) an entity and record its mention."""
        old = self.entities.get(key)
        if old is None or len(label) > len(old.label):
            self.entities[key] = Entity(key=key, category=category, type=type_, label=label)
        self.mentions.append(Mention(key, span, self.v.text[span.start:span.end], "name",
                                     self.ctx.sentence_index(span.start) if hasattr(self.ctx, "sentence_index") else -1))

    def speaker_near(self, offset: int) -> str | None:
        """The speaker of a quotation whose verb stands in the same sentence before ``offset``,
        else the salient person there."""
        sent = self.v.sentence(offset)
        for q in self.quotes:
            vs = q.verb_span or q.span
            if sent.start <= vs.start < offset:
                return q.speaker
        for q in self.quotes:
            if q.span.start <= offset < q.span.end:
                return q.speaker
        salient = getattr(self.ctx, "salient_person", None)
        return salient(offset) if salient else None

    # -- participants
    def agents(self, a: int, b: int) -> tuple[list[str], str | None, list[str]]:
        """Agents named in tokens ``[a, b)``, the first place named with في/ب there, and the
        countries or cities named without a locative preposition (possible destinations)."""
        v, toks = self.v, self.v.toks
        out: list[str] = []
        place: str | None = None
        bare_places: list[str] = []
        k = a
        byline = getattr(self.ctx.article, "byline", None)
        while k < b:
            m = v.mention_at(k, v.is_part) or v.mention_at(k, lambda m: v.category(m) == "Place")
            if m is None or (byline is not None and byline.start <= m.span.start < byline.end):
                k += 1                                # (the byline's agency takes part in nothing)
                continue
            cat = v.category(m)
            locative = (m.span.start > toks[k].start and toks[k].norm.startswith("ب")) or \
                (k > 0 and toks[k - 1].norm in _LOCATIVE)
            if cat == "Place" and m.kind not in ("name", "acronym"):
                pass                                  # a nisba adjective ("الروسي") is no party
            elif cat == "Place" and locative:
                place = place or m.entity
            elif cat == "Place" and k > 0 and toks[k - 1].norm in _TOPIC and \
                    (k < 2 or toks[k - 2].norm not in _BEHALF):
                pass                                  # "تحدثا عن ليبيا": a topic, not a party
            elif cat == "Place":
                bare_places.append(m.entity)
                if v.is_agent(m):
                    out.append(m.entity)
            elif cat == "Post":
                holder = v.holder(m.entity) or self.org_in(k, m)    # "التقى الأمين العام لحزب X": X took part
                if holder:
                    out.append(holder)
            else:
                out.append(m.entity)
            k = v.tok_end(m)
        return out, place, bare_places

    def nisba_parties(self, j: int) -> list[str]:
        """Countries named by two or more country adjectives right after a meeting noun
        ("مباحثات مصرية ـ إماراتية", "محادثات سعودية أمريكية"), as KB countries."""
        kb, toks = getattr(self.ctx, "kb", None), self.v.toks
        if kb is None or not hasattr(kb, "entities"):
            return []
        gz = gazetteer(kb)
        found: list[tuple[str, int]] = []
        k = j
        while k < len(toks) and k < j + 6:
            tok = toks[k]
            if tok.text in "ـ-–‐/" or tok.norm == "و":
                k += 1
                continue
            word = tok.norm[1:] if tok.norm.startswith("و") and len(tok.norm) > 4 else tok.norm
            iri = gz.adjectives.get(word.removeprefix("ال"))
            if iri is None or iri not in gz.entities:
                break
            found.append((iri, k))
            k += 1
        if len({iri for iri, _ in found}) < 2:
            return []
        for iri, t in found:
            self.entities.setdefault(iri, kb_entity(iri, gz))
            span = Span(toks[t].start, toks[t].end)
            self.mentions.append(Mention(iri, span, self.v.text[span.start:span.end], "nominal",
                                         self.ctx.sentence_index(span.start) if hasattr(self.ctx, "sentence_index") else -1))
        return list(dict.fromkeys(iri for iri, _ in found))

    def same_visitor(self, ev: _Ev, cands: list[_Ev]) -> None:
        """"X يتحدث خلال زيارة إلى طهران للاجتماع مع نظيره": a meeting noun with one party, right after a
        visit in the same sentence, has the visitor as its other party."""
        if ev.type != "Meeting" or len(ev.participants) != 1 or not cands:
            return
        prev = cands[-1]
        sent = self.v.sentence(ev.span.start)
        if prev.type == "Visit" and prev.participants and prev.span.start >= sent.start \
                and prev.participants[0] not in ev.participants and ev.tok - prev.tok <= 12:
            ev.participants.insert(0, prev.participants[0])
            ev.place = ev.place or prev.place

    def between_them(self, ev: _Ev, cands: list[_Ev]) -> None:
        """"عقد X وY مؤتمرا عقب المباحثات التي جرت بينهما أمس": "بينهما" after an event noun names the
        parties of the previous event of the sentence, which followed (عقب/بعد) this one, on its date."""
        toks = self.v.toks
        if not cands:
            return
        prev = cands[-1]
        if prev.span.start < self.v.sentence(ev.span.start).start or len(prev.participants) < 2:
            return
        window = [toks[k].norm for k in range(ev.tok + 1, min(ev.tok + 6, len(toks)))]
        if not any(w in _BETWEEN_THEM for w in window):
            return
        ev.participants = list(dict.fromkeys(prev.participants + ev.participants))
        if ev.tok > 0 and toks[ev.tok - 1].norm in _AFTER and ev.explicit_date and not prev.explicit_date:
            prev.date = ev.date

    def same_subject(self, ev: _Ev, cands: list[_Ev]) -> None:
        """"استقبل X في جدة Y، كما استقبل Z": a verb after كما/ثم with only its object keeps the
        subject (and the place) of the previous verb event of the sentence."""
        toks = self.v.toks
        if len(ev.participants) != 1 or not cands or ev.tok == 0 or toks[ev.tok - 1].norm not in _ALSO:
            return
        prev, hit = cands[-1], self.trigger_at(ev.tok)
        if not hit or hit[2] != "verb" or prev.span.start < self.v.sentence(ev.span.start).start:
            return
        prev_hit = self.trigger_at(prev.tok)
        if prev_hit and prev_hit[2] == "verb" and len(prev.participants) >= 2 \
                and prev.participants[0] not in ev.participants:
            ev.participants.insert(0, prev.participants[0])
            ev.place = ev.place or prev.place

    def person_before(self, i: int) -> str | None:
        """The last person named as a subject in the sentence before token ``i`` (or the holder of a
        post named so): who "حيث التقى" refers to."""
        v, toks = self.v, self.v.toks
        first = v.tok_at(v.sentence(toks[i].start).start)
        for k in range(i - 1, first - 1, -1):
            m = v.subject_ending(k) or next((p for p in v.by_end.get(k, ()) if v.category(p) == "Post"), None)
            if m is None:
                continue
            if v.category(m) == "Person":
                return m.entity
            if v.category(m) == "Post" and v.holder(m.entity):
                return v.holder(m.entity)
        return None

    def org_in(self, k: int, post: Mention) -> str | None:
        """The organisation named inside a post's words starting at token ``k`` ("الأمين العام لحزب X")."""
        v = self.v
        for t in range(k, v.tok_end(post)):
            m = v.mention_at(t, lambda m: v.category(m) == "Organization" and post.span.start <= m.span.start
                             and m.span.end <= post.span.end)
            if m is not None:
                return m.entity
        return None

    def clause_end(self, j: int) -> int:
        """The token after the clause that begins at token ``j``."""
        toks = self.v.toks
        if j >= len(toks):
            return j
        sent_end = self.v.sentence(toks[j - 1].start if j else 0).end
        k = j
        while k < len(toks) and k < j + 30:
            tok = toks[k]
            if tok.text in _PUNCT_END or tok.text == ":" or tok.start >= sent_end:
                break
            if tok.text in _COMMA:
                nxt = self.trigger_at(k + 1) if k + 1 < len(toks) else None
                if not (nxt and nxt[1] == "with") and not (k + 1 < len(toks) and toks[k + 1].norm in _OBJ_PRONOUNS) \
                        and not self.apposed_name(k):
                    break                                # ("لدى استقبال X، له أمس": the clause goes on)
            if k > j and any(d.span.start == tok.start for d in self.ctx.dates or ()):
                k += 1                                   # "بعد غد الثلاثاء" is a date, not a new clause
                continue
            role = self.doc_role(tok.norm)
            if k > j and role and role[1] == "doc":
                break
            hit = self.trigger_at(k)
            if k == j and hit and hit[1] in ("stop", "Talk") and (hit[0][0] in _TOPIC_NOUNS or hit[2] == "verb"
                                                                  or hit[0][0] in _TOPIC_VERBS):
                break                                    # "خلال الاستقبال استعراض العلاقات بين X وY": a topic
            if k > j and hit and hit[1] == "stop" and toks[k - 1].norm == "من":
                k += 1                                   # "من قبل": an adverb (or "by"), not a new clause
                continue
            if k > j and hit and hit[1] not in ("with",) and toks[k - 1].norm not in _DURING:
                if hit[1] == "stop" or hit[1] != "support":   # ("التقى X خلال زيارة إلى Y" goes on)
                    break
            k += 1
        return k

    def apposed_name(self, k: int) -> bool:
        """"وزير الخارجية السوري، وليد المعلم": the comma at token ``k`` stands between a title and its
        holder's name (a post or title mention ends before it, a person's name starts after it)."""
        v, toks = self.v, self.v.toks
        if k == 0 or k + 1 >= len(toks):
            return False
        after = v.mention_at(k + 1, lambda m: v.category(m) == "Person" and m.kind == "name")
        before = [m for m in v.by_end.get(k - 1, ()) if v.category(m) == "Post" or m.kind == "title"]
        return after is not None and bool(before)

    def clause_start(self, i: int) -> int:
        """The first token of the clause that ends before token ``i``."""
        toks = self.v.toks
        sent_start = self.v.sentence(toks[i].start).start if i < len(toks) else 0
        k = i
        while k > 0 and k > i - 14:
            prev = toks[k - 1]
            if prev.text in _COMMA and toks[k].norm.startswith("و") and \
                    self.v.mention_at(k, self.v.is_part) is not None and self.v.mention_ending(k - 2) is not None:
                k -= 1                                   # "عقد X، وY مؤتمرا": one subject of two names
                continue
            if prev.text in _PUNCT_END or prev.text in _COMMA or prev.norm in _THAT or prev.start < sent_start:
                break
            k -= 1
        return k

    def trigger_at(self, i: int) -> tuple[tuple[str, ...], str, str, int, bool] | None:
        """The trigger starting at token ``i``: ``(words, type, pos, token after, definite)``."""
        toks = self.v.toks
        for plen, stem, definite in stems(toks[i].norm):
            for words, type_, pos in self.lx["triggers"].get(stem, ()):
                if pos == "verb" and toks[i].norm[:plen] not in ("", "و", "ف"):
                    continue                    # "لبحث" is a purpose noun, not the verb "بحث"
                n = len(words)
                if i + n <= len(toks) and all(toks[i + k].norm == words[k] or
                                              toks[i + k].norm.removeprefix("ال") == words[k]
                                              for k in range(1, n)):
                    return words, type_, pos, i + n, definite
        return None

    # -- events
    def event_date(self, i: int, a: int, b: int) -> tuple[str | None, bool]:
        """The date of an event whose trigger is token ``i`` in the clause ``[a, b)``: the first
        day-precise date after the trigger in the clause, else the nearest before it; else the
        article date unless the clause speaks of the future."""
        toks = self.v.toks
        lo = toks[a].start if a < len(toks) else 0
        hi = toks[b - 1].end if 0 < b <= len(toks) else len(self.v.text)
        at = toks[i].start
        days = [d for d in self.ctx.dates or () if getattr(d, "iso", None) and lo <= d.span.start < hi
                and getattr(d, "precision", "day") == "day"]
        after = [d for d in days if d.span.start >= at]
        before = [d for d in days if d.span.start < at]
        if after:
            return min(after, key=lambda d: d.span.start).iso, True
        if before:
            return max(before, key=lambda d: d.span.start).iso, True
        sent = self.v.sentence(at)
        before = [d for d in self.ctx.dates or () if getattr(d, "iso", None) and sent.start <= d.span.start < at
                  and getattr(d, "precision", "day") == "day"]
        if before:
            return max(before, key=lambda d: d.span.start).iso, True
        if any(getattr(d, "iso", None) and lo <= d.span.start < hi for d in self.ctx.dates or ()):
            return None, False                       # a month or a year: not the article's day
        first = self.v.tok_at(sent.start)                # "من المقرر أن يجتمع": scheduled, not held
        words = [toks[k].norm for k in range(min(a, first), min(b, len(toks)))]
        if toks[i].norm.startswith(("س", "وس")) or any(w in _FUTURE or w.removeprefix("و") in _FUTURE for w in words):
            return None, False
        return self.ctx.article_date, False

    def read_trigger(self, i: int, hit: tuple) -> _Ev | None:
        """One event mention: its participants, place and date."""
        v, toks = self.v, self.v.toks
        words, type_, pos, j, definite = hit
        end = self.clause_end(j)
        if type_ == "Talk" and pos == "verb":
            return self.read_talk(i, hit, end)
        own, place, bare = self.agents(j, end)
        if type_ in ("Meeting", "Talk") and pos == "noun" and not own:
            own = self.nisba_parties(j)              # "مباحثات مصرية ـ إماراتية": Egypt and the UAE
        if type_ == "Visit" and pos == "noun":       # "زيارة X لموسكو": the visitor is the genitive only
            own = [m.entity for m in v.chain(j)[0] if v.is_agent(m) and v.category(m) != "Place"]
        parts = list(own)
        start = self.clause_start(i)
        if pos == "verb":
            k = i - 1
            while k >= start and toks[k].norm in _AUXILIARY:
                k -= 1
            relative = k >= start and toks[k].norm in _RELATIVE
            if relative:
                k -= 1                                          # "كيري الذي يزور قطر": the antecedent
            m = v.subject_ending(k) if k >= start else None   # SVO: "كيري سيلتقي لافروف"
            if m is None and 0 < k == start - 1 and toks[k].text in _COMMA and toks[k + 1].norm == "قد":
                m = v.subject_ending(k - 1)                     # "وكان وزير الخارجية، قد زار"
            subj = m.entity if m else None
            if relative and toks[k + 1].norm != "التي" and m is not None and v.category(m) == "Place":
                subj = self.person_before(k + 1) or subj        # "هادي رئيس اليمن الذي يزور": Hadi
            dual = dual_parties(v, j, toks[i].start) if subj is None and not parts else []
            parts = parts or dual                               # "والتقى الوزيران": the two named before
            if subj is None and not dual and not v.chain(j)[0] and (toks[i].norm[:1] in "وف" or (i > 0 and toks[i - 1].norm in _ALSO)):
                subj = self.speaker_near(toks[i].start)         # "والتقى", "كما التقى" with the current subject
            if subj is None and i > 0 and toks[i - 1].norm in _WHERE:
                subj = self.person_before(i - 1)                # "وصل X إلى الرياض حيث التقى Y"
            if subj:
                parts.insert(0, subj)
            if m is not None and subj == m.entity:             # "مصر والسعودية عقدتا", "X وY يلتقيان"
                parts = [p for p in coordinated(v, m, start) if p not in parts] + parts
        else:
            for k in range(i - 1, start - 1, -1):
                hit_k = self.trigger_at(k)
                if hit_k and hit_k[0][0] in _DO and not toks[i].norm.startswith("ب"):
                    continue                            # "قام X بزيارة": only with ب on the noun
                if hit_k and hit_k[1] == "support":
                    subj, where, _ = self.agents(hit_k[3], i)
                    place = place or where                      # "يعقد كيري اليوم في الدوحة اجتماعا"
                    subj = subj or dual_parties(v, hit_k[3], toks[k].start)    # "وأجرى الجانبان مباحثات"
                    if not subj:
                        kk = k - 1
                        while kk > 0 and toks[kk].text in _MARKS:      # 'إن المجلس "سيعقد جلسة'
                            kk -= 1
                        m = (v.subject_ending(kk) or v.org_named_before(kk)) if kk >= 0 else None
                        byline = getattr(self.ctx.article, "byline", None)
                        if m is not None and byline is not None and byline.start <= m.span.start < byline.end:
                            m = None                            # "الرياض - واس\nعقدت …": the agency holds nothing
                        first, _, _ = self.agents(self.clause_start(k), k)
                        who = m.entity if m else (self.speaker_near(toks[k].start) or (first[0] if first else None))
                        subj = [who] if who else []
                        if m is not None and v.category(m) != "Post":   # "مصر والسعودية والإمارات عقدت …"
                            subj = coordinated(v, m, self.clause_start(k)) or subj
                    parts = subj + parts
                    break
            if not parts and j + 1 < len(toks) and toks[j].norm in _DO and toks[j + 1].norm in _BI_PRONOUN:
                who = self.person_before(i) or self.speaker_near(toks[i].start)
                parts = [who] if who else []            # "آخر زيارة قام بها لموسكو": the subject before
            written = "".join(c for c in toks[i].text if fold(c))
            if written.endswith(("ه", "ها")) and len(words) == 1:     # "لقائه": his meeting
                who = self.person_before(i) or self.speaker_near(toks[i].start)   # (the nearest subject)
                if who:
                    parts.insert(0, who)
        if type_ == "Talk" and len(set(parts)) < 2:
            return None                              # "خلال المفاوضات مع إيران": negotiations told in passing
        if type_ == "PhoneCall" and pos == "noun" and i > 0 and toks[i - 1].norm in _IN \
                and not [p for p in own if (self.ctx.entities.get(p) and self.ctx.entities[p].type) not in _MEDIA]:
            return None                              # "قال X في اتصال هاتفي لـ«الشرق الأوسط»": an interview
        if i > 1 and toks[i - 1].norm in _DURING and toks[i - 2].text in _COMMA and len(set(parts)) < 2:
            before, _, _ = self.agents(self.clause_start(i - 2), i - 2)   # "بحث X ونظيره Y، خلال اتصال هاتفي"
            before = [p for p in before if self.ctx.category(p) in ("Person", "Organization")]
            if len(before) >= 2 and not parts:
                parts = list(dict.fromkeys(before + parts))
        said_in = i > 0 and toks[i - 1].norm == "في" and type_ in ("PhoneCall", "Meeting", "PressConference") and bool(own)
        if i > 0 and (toks[i - 1].norm in _AROUND or said_in) and len(set(parts)) < 2:   # "صرّح X بعد اجتماع مع Y"
            who = self.speaker_near(toks[i].start)
            verb = self.trigger_at(i - 2) if i >= 2 else None
            if verb and verb[2] == "verb" and verb[1] not in ("with", "stop"):   # "X التقى خلال زيارة": X visits
                m = v.subject_ending(i - 3) if i >= 3 else None
                who = m.entity if m else None
            if who and who not in parts:
                parts.insert(0, who)
        we = self.we_speaker(i, start, end)
        if we and we not in parts:
            parts.insert(0, we)
        if not parts and type_ == "PressConference":
            who = self.speaker_near(toks[i].start)
            parts = [who] if who else []
        if type_ == "Visit":
            dest = place or (bare[0] if bare else None)
            if words[0] in _ARRIVE and (dest is None or len(words) == 1 and (place is None or not [p for p in own if p != place])):
                return None                             # "وصل العدد إلى 30": only "وصل X إلى Y" with a place named
            place = dest
            e = self.ctx.entities.get(dest) if dest else None
            parts = [p for p in parts if p != dest and p not in bare]   # "يزور إيران وتركيا": visited, not visitors
            if not parts and pos == "noun" and i > 0 and toks[i - 1].norm == "في":
                before, _, _ = self.agents(start, i - 1)   # "وصل X إلى طهران في زيارة": X visits
                parts = [p for p in before if self.ctx.category(p) != "Place"][:1]
            if e is not None and e.type == "Country" and dest not in parts and parts:
                parts.append(dest)                      # the host country takes part, never as the visitor
        parts = [p for p in dict.fromkeys(parts) if p and p != place or (type_ == "Visit" and p)]
        prev = toks[i - 1].norm if i > 0 else ""
        nxt = toks[j].norm if j < len(toks) else ""
        anaphoric = pos == "noun" and (definite or prev in _DEMONSTRATIVES) and not own and nxt not in _FUTURE
        if pos == "noun" and definite and prev.removeprefix("و") in _ATTEND:
            anaphoric = True                    # "حضر الاستقبال X": X attended the meeting told before
        date, explicit = self.event_date(i, start, end)
        plen = next((p for p, s, _ in stems(toks[i].norm) if self.lx["triggers"].get(s)), 0)
        s = _orig_offset(toks[i], plen)
        e_end = toks[j - 1].end
        label_end, entity = e_end, None
        m = v.mention_at(j, lambda m: v.category(m) in ("Place", "Organization")) if j < len(toks) else None
        if pos == "noun" and m is not None and m.span.start == toks[j].start:
            label_end = m.span.end
            if v.category(m) == "Place" and place is None and m.entity not in parts:   # "اجتماع الدوحة" took place there
                place = m.entity
            if type_ == "Summit":                                 # a named gathering: "قمة بريكس"
                label = self.v.text[s:label_end]
                entity = "Event:" + " ".join(fold(label).split())
                self.add_entity(entity, "Event", type_, label, Span(s, label_end))
        # a summit is a meeting (Summit ⊂ Meeting): the event is typed Meeting, its named entity Summit
        return _Ev("Meeting" if type_ in ("Summit", "Talk") else type_, Span(s, e_end), i, parts, date, explicit, place, anaphoric,
                   self.v.text[s:label_end], entity)

    def read_talk(self, i: int, hit: tuple, end: int) -> _Ev | None:
        """Talks ("بحث X مع Y", "X وY يبحثان", "تباحث X وY", "اتفقت X وY على"): a meeting of two
        parties or more (one party discussing something is no meeting)."""
        words, _, _, j, _ = hit
        start = self.clause_start(i)
        parts = talk_parties(self.v, i, j, end, start) or dual_parties(self.v, j, self.v.toks[i].start)
        parts = [p for p in parts if self.ctx.category(p) in ("Person", "Organization", "Place")]
        if len(parts) < 2:
            return None
        _, place, _ = self.agents(j, end)
        parts = [p for p in parts if p != place]
        if len(parts) < 2:
            return None
        date, explicit = self.event_date(i, start, end)
        plen = next((p for p, s, _ in stems(self.v.toks[i].norm) if self.lx["triggers"].get(s)), 0)
        s = _orig_offset(self.v.toks[i], plen)
        e_end = self.v.toks[j - 1].end
        return _Ev(self.talk_medium(j), Span(s, e_end), i, parts, date, explicit, place, False, self.v.text[s:e_end],
                   talk=True)

    @staticmethod
    def calls_told_as_talks(events: list[_Ev]) -> list[_Ev]:
        """"أوباما وأردوغان يبحثان …" (headline) about a phone call told in the body: talks whose parties
        are those of a call (nested sets, compatible dates) are that call."""
        calls = [e for e in events if e.type == "PhoneCall"]
        out = []
        for e in events:
            same = e.talk and e.type == "Meeting" and any(
                (set(e.participants) <= set(c.participants) or set(c.participants) <= set(e.participants))
                and not (e.explicit_date and c.explicit_date and e.date != c.date) for c in calls)
            if not same:
                out.append(e)
        return out

    def talk_medium(self, j: int) -> str:
        """"بحث X مع Y هاتفيا" / "… خلال اتصال هاتفي": talks held by phone are a call, else a meeting."""
        toks, sent_end = self.v.toks, self.v.sentence(self.v.toks[j - 1].start).end
        for k in range(j, min(j + 25, len(toks))):
            if toks[k].start >= sent_end:
                break
            hit = self.trigger_at(k)
            if toks[k].norm in _BY_PHONE or hit and hit[1] == "PhoneCall":
                return "PhoneCall"
        return "Meeting"

    def we_speaker(self, i: int, a: int, b: int) -> str | None:
        """The speaker of a quotation around token ``i`` whose clause speaks of "we" ("في اجتماع
        الدوحة واصلنا النقاش"): the speaker took part."""
        toks = self.v.toks
        q = next((q for q in self.quotes if q.span.start <= toks[i].start < q.span.end), None)
        if q is None:
            return None
        words = [toks[k].norm for k in range(a, min(b, len(toks)))]
        if any(w in _WE or (len(w) >= 5 and w.endswith("نا") and w[:1] in "وفت" + "اي") for w in words):
            return q.speaker
        return None

    def merge(self, cands: list[_Ev]) -> list[_Ev]:
        """One event per real event: an anaphoric mention ("اللقاء") joins the last event of its
        kind; mentions of one kind with nested participant sets and compatible dates are one."""
        out: list[_Ev] = []
        for c in cands:
            fam = _MEETING_FAMILY.get(c.type, c.type)
            same = [e for e in out if _MEETING_FAMILY.get(e.type, e.type) == fam]
            target = None
            if c.anaphoric and same:
                target = same[-1]
            elif c.participants:
                for e in same:
                    a, b = set(c.participants), set(e.participants)
                    dates_ok = not (c.explicit_date and e.explicit_date and c.date != e.date)
                    if dates_ok and (a <= b or b <= a):
                        target = e
                        break
            if target is None:
                if c.participants:
                    out.append(c)
                continue
            target.participants = list(dict.fromkeys(target.participants + c.participants))
            if c.explicit_date and not target.explicit_date:
                target.date, target.explicit_date = c.date, True
            if target.place is None or (c.place and self.ctx.entities.get(target.place) is not None
                                        and self.ctx.entities[target.place].type == "Country"
                                        and self.ctx.entities.get(c.place) is not None
                                        and self.ctx.entities[c.place].type == "City"):
                target.place = c.place or target.place     # the city is more precise than the country
            target.entity = target.entity or c.entity
        return out

    def dateline_place(self) -> str | None:
        """The place of a dated dateline ("موسكو 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس"):
        where an agency story dated that day happened, when its sentence names no place."""
        art = self.ctx.article
        byline = getattr(art, "byline", None)
        if byline is None or not any(byline.start <= d.span.start < byline.end for d in self.ctx.dates or ()):
            return None
        for c in getattr(art, "credits", ()) or ():
            if c.kind != "dateline" or c.span is None:
                continue
            inside = [m for m in self.ctx.mentions if c.span.start <= m.span.start < c.span.end
                      and self.v.category(m) == "Place"]
            if inside:
                return inside[0].entity
            name = fold(c.text)
            return next((k for k, e in sorted(self.ctx.entities.items())
                         if e.category == "Place" and fold(e.label) == name), None)
        return None

    # -- the pass
    def run(self) -> EventsResult:
        """Find everything of this module in the article."""
        toks = self.v.toks
        cands = []
        for i in range(len(toks)):
            hit = self.trigger_at(i)
            if hit and hit[1] not in ("support", "with", "stop"):
                ev = self.read_trigger(i, hit)
                if ev is not None:
                    self.same_visitor(ev, cands)
                    self.same_subject(ev, cands)
                    self.between_them(ev, cands)
                    cands.append(ev)
        events = self.calls_told_as_talks(self.merge(cands))
        dateline = self.dateline_place()
        for e in events:
            if e.place is None and dateline and e.date == self.ctx.article_date:
                e.place = dateline
        self.find_docs()
        self.affirmations()
        events += self.adoptions(events)
        events = self.merge(sorted(events, key=lambda e: e.span.start))   # a vote told by its verb and its adoption
        for d in self.docs:
            if not d.bare:
                self.keep_doc(d)
        for t in range(len(toks)):
            self.principle_at(t)
        rels = list({(r.subject, r.predicate, r.object): r for r in reversed(self.relations)
                     if r.subject != r.object}.values())[::-1]
        out_events = tuple(Event(type=e.type, label=e.label, span=e.span, date=e.date,
                                 participants=tuple(e.participants), place=e.place, entity=e.entity)
                           for e in sorted(events, key=lambda e: e.span.start))
        mentions = tuple(sorted(set(self.mentions), key=lambda m: (m.span.start, -m.span.end, m.entity)))
        used = {m.entity for m in mentions} | {r.subject for r in rels} | {r.object for r in rels}
        ents = tuple(e for k, e in sorted(self.entities.items()) if k in used)
        return EventsResult(out_events, tuple(sorted(rels, key=lambda r: (r.span.start, r.predicate))), ents, mentions)


def find_events(ctx: Any, quotations: Sequence[Quotation] | None = None) -> EventsResult:
    """Events, documents, concepts and adoption/affirmation relations of one article.

    ``ctx`` is an ``ExtractionContext``; participants and adopters are entity keys of its mentions.
    ``quotations`` (from ``quotes.find_quotations(ctx)``) tell who speaks where, for "we" and
    "his meeting"; they are computed when not given."""
    return _Reader(ctx, quotations).run()
