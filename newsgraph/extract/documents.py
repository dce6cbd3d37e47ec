"""Documents, concepts and the ``adopted`` / ``affirms`` relations, read by ``events.py``'s reader.

``DocumentReader`` is the part of the one pass over an article (``events._Reader``) that finds documents
("وثيقة بشأن …", "إعلان القاهرة", "القرار 2216") and their coreference, concepts ("مبدأ X", the object
of an affirmation verb), who adopted which document and what it affirms. It reads the attributes the
reader sets up (``ctx``, ``v``, ``lx``, ``docs_lx``, ``docs``, ``entities``, ``mentions``, ``relations``)
and its helpers (``agents``, ``clause_end``, ``doc_role``...)."""
from __future__ import annotations

from typing import Any

from newsgraph.extract.arabic import fold
from newsgraph.extract.entities import _orig_offset
from newsgraph.extract.eventlex import (
    _DEMONSTRATIVES,
    _MEETING_FAMILY,
    _NUMBER_WORD,
    _PUNCT_END,
    _UNREAL,
    _Doc,
    _Ev,
    content_words,
    stems,
)
from newsgraph.extract.model import Entity, Mention, Relation, Span
from newsgraph.extract.textview import strip_conj


class DocumentReader:
    """The documents, concepts and adoptions of ``events._Reader`` (a mixin: it has no state of its own)."""

    # -- documents
    def read_doc(self, i: int) -> _Doc | None:
        """A document named at token ``i`` ("وثيقة بشأن …", "إعلان القاهرة", "القرار رقم 2216")."""
        v, toks = self.v, self.v.toks
        for plen, stem, definite in stems(toks[i].norm):  # noqa: B007 (the loop finds them)
            row = self.docs_lx.get(stem)
            if row and row[1] == "doc":
                break
        else:
            return None
        type_ = row[0]
        k, mods, new = i + 1, 0, False
        while k < len(toks) and mods < 6:
            tok = toks[k]
            if any(d.span.start == tok.start for d in self.ctx.dates or ()):
                break                                     # "الاتفاق الثلاثاء": a date ends the name
            role = self.doc_role(tok.norm)
            if tok.kind == "num" or tok.norm in _NUMBER_WORD:
                k, mods = k + 1, mods + 1
            elif tok.text == "(":
                close = next((t for t in range(k + 1, min(k + 6, len(toks))) if toks[t].text == ")"), None)
                if close is None:
                    break
                k, mods = close + 1, mods + 1
            elif role and role[1] == "new":
                k, mods, new = k + 1, mods + 1, True
            elif role and role[1] == "about":
                t = k + 1
                while t < min(k + 5, len(toks)) and toks[t].kind == "word" and not self.is_stop(toks[t].norm):
                    t += 1
                if t > k + 1:
                    k, mods = t, mods + 1
                break
            elif tok.norm == "من" and k + 1 < len(toks) and (self.doc_role(toks[k + 1].norm) or ("",))[-1] == "doc" and mods:
                inner = self.read_doc(k + 1)
                if inner is None:
                    break
                k, mods = inner.tok_end, mods + 1
                break
            elif (m := v.mention_at(k, lambda m, at=tok.start: m.span.start == at
                                    and v.category(m) in ("Place", "Organization", "Person"))) is not None:
                k, mods = v.tok_end(m), mods + 1          # "إعلان القاهرة" (not "الاتفاق لطهران")
            elif definite and tok.kind == "word" and tok.norm.startswith("ال") and not self.is_stop(tok.norm) \
                    and not self.trigger_at(k) and not role:
                k, mods = k + 1, mods + 1
            else:
                break
        if definite and not toks[i].norm[:plen].endswith("لل"):
            plen -= 2
        start = _orig_offset(toks[i], plen)
        end = toks[k - 1].end
        label = v.text[start:end]
        while label and (label[-1] in "(،, " or (label[-1] == ")" and label.count(")") > label.count("("))):
            label = label[:-1]
        if "(" in label and ")" not in label:
            label = label[:label.index("(")].rstrip()
        if any(fold(label).endswith(" " + w) for w in _NUMBER_WORD):   # "قرار مجلس الوزراء رقم" without its number
            label = label[:label.rstrip().rfind(" ")].rstrip()
        end = start + len(label)
        if definite and toks[i].norm[:plen].endswith("لل"):
            label = "ال" + label                      # "للاتفاق النووي" names "الاتفاق النووي"
        prev = toks[i - 1].norm if i > 0 else ""
        bare = mods == 0
        if (bare or new) and (definite or prev in _DEMONSTRATIVES) and not new:
            ref = next((d for d in reversed(self.docs) if d.head == stem), None)
            if ref is not None:
                return _Doc(ref.key, stem, ref.type, label, Span(start, end), i, k, False, ref.parties)
        key = "Document:" + " ".join(w for w in fold(label).split() if w not in _NUMBER_WORD)
        key = key.replace("Document:ال", "Document:", 1) if not new else key
        if bare or new:               # "الاتفاق", "الوثيقة الثانية": this article's document, not a name
            key = f"{key} ({getattr(self.ctx.article, 'id', '')})"
        known = self.known_doc(start)
        if known is not None:                         # a document the entity finder knows (KB)
            key, start, end, bare = known.entity, known.span.start, max(end, known.span.end), False
            label = v.text[start:end]
            k = max(k, v.tok_end(known))
        parties, k = self.parties(i, k)
        return _Doc(key, stem, type_, label, Span(start, end), i, k, bare, parties)

    def known_doc(self, offset: int) -> Mention | None:
        """The longest Document mention of the context that covers ``offset``."""
        cands = [m for m in self.ctx.mentions if m.span.start <= offset < m.span.end and self.v.category(m) == "Document"]
        return max(cands, key=lambda m: len(m.span)) if cands else None

    def parties(self, i: int, k: int) -> tuple[list[str], int]:
        """"إعلان القاهرة بين المملكة ومصر", "الاتفاق النووي بين إيران والدول الكبرى": the parties
        named after "بين" right after a document (or inside its name), and the token after them."""
        toks, v = self.v.toks, self.v
        at = next((t for t in range(i + 1, min(k + 1, len(toks))) if toks[t].norm == "بين"), None)
        if at is None:
            return [], k
        found, end = v.chain(at + 1)
        out = [m.entity for m in found if v.is_agent(m)]
        if not out:                                   # a party the finder swallowed into the name
            named = self.named_entity(at + 1)
            out, end = ([named], at + 2) if named else ([], k)
        return out, max(k, end)

    def named_entity(self, t: int) -> str | None:
        """An agent of the article whose one-word label is the word at token ``t`` (behind proclitics)."""
        if t >= len(self.v.toks):
            return None
        words = {s for _, s, _ in stems(self.v.toks[t].norm)}
        for key, e in sorted(self.ctx.entities.items()):
            if e.category in ("Person", "Organization", "Place") and fold(e.label) in words:
                return key
        return None

    def find_docs(self) -> None:
        """Every document mention, in text order, with coreference and issuers of resolutions."""
        toks = self.v.toks
        issuer: dict[int, str] = {}                  # sentence start → "قرارات <Org>" issuer
        for i, tok in enumerate(toks):
            row = self.doc_role(tok.norm)
            if not row:
                continue
            if row[1] == "generic" and row[0] == "Resolution" and i + 1 < len(toks):
                m = self.v.mention_at(i + 1, lambda m: self.v.category(m) == "Organization")
                if m is not None:
                    issuer[self.v.sentence(tok.start).start] = m.entity
                continue
            if row[1] != "doc" or self.inside_name(tok):
                continue
            d = self.read_doc(i)
            if d is None:
                continue
            same = next((o for o in self.docs if o.key == d.key and o.parties), None)
            if same is not None and not d.parties:     # the parties are those of the same document before
                d.parties = list(same.parties)
            if d.type == "Resolution" and not d.parties:
                inside = [m for m in self.ctx.mentions if d.span.start <= m.span.start < d.span.end
                          and self.v.category(m) == "Organization"]
                who = inside[0].entity if inside else issuer.get(self.v.sentence(tok.start).start)
                d.parties = [who] if who else []
            self.docs.append(d)

    def inside_name(self, tok: Any) -> bool:
        """Whether a token lies inside the name of an organisation, person or place ("منظمة معاهدة …")."""
        return any(m.span.start < tok.start < m.span.end and self.v.category(m) in ("Organization", "Person", "Place")
                   for m in self.ctx.mentions)

    def keep_doc(self, d: _Doc) -> None:
        """Make a document mention an entity (a bare "وثيقة" only when something is said of it)."""
        self.add_entity(d.key, "Document", d.type, d.label, d.span)
        for p in d.parties:
            self.relations.append(Relation(p, "adopted", d.key, d.span, None))

    def doc_near(self, i: int, before: bool) -> _Doc | None:
        """The document right before token ``i`` (up to two tokens away) or right after it."""
        if before:
            sent = self.v.sentence(self.v.toks[i].start)
            return next((d for d in reversed(self.docs) if i - 3 <= d.tok_end <= i and d.span.start >= sent.start
                         and not any(t.text in _PUNCT_END for t in self.v.toks[d.tok_end:i])), None)
        k = i + 1
        while k < len(self.v.toks) and self.v.toks[k].norm in _DEMONSTRATIVES:
            k += 1
        return next((d for d in self.docs if d.tok == k), None)

    # -- concepts
    def phrase_after(self, k: int, limit: int = 5) -> Span | None:
        """A concept's words from token ``k``: up to ``limit`` words, ending at a stop word or a mark."""
        toks = self.v.toks
        if k < len(toks) and toks[k].text in "«\"“„'":
            k += 1
        t = k
        while t < len(toks) and t < k + limit and toks[t].kind == "word" and not self.is_stop(toks[t].norm):
            t += 1
        return Span(toks[k].start, toks[t - 1].end) if t > k else None

    def concept(self, span: Span, type_: str) -> str:
        """The key of the concept named by ``span``: variants with the same head words are one."""
        label = self.v.text[span.start:span.end]
        words = content_words(label)
        key = None
        for e in self.entities.values():
            if e.category != "Concept" or e.type != type_:
                continue
            other = content_words(e.label)
            if min(len(words), len(other)) >= 2 and (words <= other or other <= words):
                key = e.key
                break
        key = key or "Concept:" + " ".join(fold(label).split())
        old = self.entities.get(key)
        if old is None or len(label) < len(old.label):      # the shortest variant names the concept
            self.entities[key] = Entity(key=key, category="Concept", type=type_, label=label)
        self.mentions.append(Mention(key, span, label, "name"))
        return key

    def principle_at(self, t: int) -> str | None:
        """The principle named at token ``t`` ("مبدأ X", "بمبدأ «X»"), if any."""
        if any(self.docs_lx.get(s, ("", ""))[1] == "principle" for _, s, _ in stems(self.v.toks[t].norm)):
            span = self.phrase_after(t + 1)
            if span is not None and not self.v.mention_at(self.v.tok_at(span.start)):   # not "مبادئ الأمم المتحدة"
                return self.concept(span, "Principle")
        return None

    # -- relations
    def affirmations(self) -> None:
        """"وثيقة تؤكد الالتزام بمبدأ X", "كرّست مبدأ X", "وينص هذا البند على X": the document affirms X."""
        toks = self.v.toks
        for i, tok in enumerate(toks):
            then = next((self.lx["affirm"][w] for w in strip_conj(tok.norm) if w in self.lx["affirm"]), None)
            if then is None:
                continue
            doc = self.doc_near(i, before=False)
            after_doc = doc is not None
            doc = doc or self.doc_near(i, before=True)
            if doc is None:
                continue
            k = doc.tok_end if after_doc else i + 1
            while k < len(toks) and any(s in then for _, s, _ in stems(toks[k].norm)):
                k += 1
            if k < len(toks) and self.v.mention_at(k) is not None:
                continue                                  # "وأكدت دول المجلس …": a subject, not a concept
            key = next((c for t in range(k, min(k + 4, len(toks))) for c in [self.principle_at(t)] if c), None)
            if key is None:
                span = self.phrase_after(k)
                if span is None:
                    continue
                key = self.concept(span, "Topic")
            end = max(m.span.end for m in self.mentions if m.entity == key)
            if doc.bare and not after_doc:              # "وثيقة تؤكد …" is named by what it affirms
                concept_end = next(m.span.end for m in reversed(self.mentions) if m.entity == key)
                doc.label = self.v.text[doc.span.start:concept_end]
                doc.key = "Document:" + " ".join(fold(doc.label).split())
                doc.bare = False
            self.relations.append(Relation(doc.key, "affirms", key, Span(doc.span.start, max(end, doc.span.end)), None))

    def body_for(self, offset: int, events: list[_Ev]) -> str | None:
        """Who "we" are in "اعتمدنا": the organisation taking part in the meeting being reported."""
        for e in sorted(events, key=lambda e: (e.span.start > offset, -e.span.start if e.span.start <= offset else e.span.start)):
            org = next((p for p in e.participants if self.ctx.category(p) == "Organization"), None)
            if org and _MEETING_FAMILY.get(e.type) == "Meeting":
                return org
        return self.speaker_near(offset)

    def adoptions(self, events: list[_Ev]) -> list[_Ev]:
        """Adoption relations and one Adoption event per adopted document."""
        v, toks = self.v, self.v.toks
        by_doc: dict[str, _Ev] = {}
        votes: list[_Ev] = []
        for i, tok in enumerate(toks):
            row = next((self.lx["adoption"][w] for w in strip_conj(tok.norm) if w in self.lx["adoption"]), None)
            if row is None or v.in_title(tok.start):
                continue
            person, pos = row
            where = None
            if pos == "vote":
                continue
            voted = pos == "voted"                    # "صوّت المجلس بالإجماع على القرار"
            pos = "verb" if voted else pos
            sent = v.sentence(tok.start)
            doc, adopters, extra = None, [], []
            if pos == "verb" and person == "obj":
                doc = next((d for d in reversed(self.docs) if d.tok_end <= i and d.span.start >= sent.start), None)
                adopters = [a for a in [self.body_for(tok.start, events)] if a]
            elif pos == "verb":
                present = tok.norm.removeprefix("و")[:1] in "يت"
                if any(toks[k].norm in _UNREAL or (present and toks[k].norm == "ان") for k in range(max(i - 2, 0), i)):
                    continue                          # "قبل أن يوافق عليه", "إذا لم يوافق": not adopted
                doc = next((d for d in self.docs if i < d.tok <= i + 25 and d.span.start < sent.end), None)
                if doc is None:
                    continue
                if person == "1pl":
                    adopters = [a for a in [self.body_for(tok.start, events)] if a]
                else:
                    ags, _, _ = self.agents(i + 1, doc.tok)
                    orgs = [a for a in ags if self.ctx.category(a) == "Organization"]
                    adopters = orgs[:1] or ags[:1]
                    listed = [m.entity for m in v.chain(i + 1, subject=True)[0] if v.is_agent(m)]
                    if len(set(listed)) >= 2:           # "وقعت إيران ودول 5+1 الاتفاق": every signatory
                        adopters = list(dict.fromkeys(listed))
                    if not adopters:
                        m = v.subject_ending(i - 1) if i > 0 else None
                        adopters = [m.entity] if m else []
            elif pos == "reached":
                doc = self.doc_near(i, before=True)
                if doc is None:
                    continue
                end = self.clause_end(i + 1)
                adopters, where, _ = self.agents(i + 1, end)
                with_at = next((t for t in range(i + 1, end) if toks[t].norm == "مع"), None)
                if with_at is not None and not tok.norm.startswith(("ال", "وال")) and not self.agents(i + 1, with_at)[0]:
                    continue        # "توصلت إليه القوى الغربية مع إيران": the subject is not known, the deal is not Iran's alone
            else:
                doc = self.doc_near(i, before=(pos == "issued"))
                if doc is None and pos == "issued":
                    doc = self.doc_near(i, before=False)     # "وصدر إعلان القاهرة"
                if doc is None:
                    continue
                adopters = list(doc.parties)
                if pos == "issued" and not adopters:
                    adopters = self.issuer(i)             # "بيان صدر عن المجلس": the council issued it
                if pos == "issued" and not adopters:      # "الذي صدر في ختام زيارة X": X took part
                    extra, _, _ = self.agents(i + 1, self.clause_end(i + 1))
            if doc is None or doc.bare and not adopters:
                continue
            vote_word = pos == "verb" and any(self.lx["adoption"].get(toks[t].norm, ("", ""))[1] == "vote"
                                              for t in range(i + 1, doc.tok))
            if voted and not vote_word:
                continue                # "صوتت روسيا ضد القرار": a vote, not an adoption
            doc.bare = False
            span = Span(min(tok.start, doc.span.start), max(tok.end, doc.span.end))
            for a in adopters:
                self.relations.append(Relation(a, "adopted", doc.key, span, None))
            sent_end = v.tok_at(max(sent.end - 1, sent.start)) + 1
            date, explicit = self.event_date(i, self.clause_start(i), sent_end)
            if pos in ("noun", "reached") and not explicit:
                date = None                                 # "بعد توقيع الاتفاق": an earlier act
            parts = list(dict.fromkeys(adopters + extra))
            if vote_word:               # "وافق المجلس بالإجماع على": a vote that adopted the document
                votes.append(_Ev("Vote", Span(tok.start, tok.end), i, list(adopters), date, explicit, None,
                                 False, tok.text))
            ev = by_doc.get(doc.key) or next((e for e in by_doc.values() if e.date == date and
                                              set(e.participants) & set(parts)), None)
            if ev is None:
                by_doc[doc.key] = _Ev("Adoption", Span(tok.start, tok.end), i, parts, date, explicit,
                                      where if pos == "reached" else None, False, tok.text)
            else:
                ev.participants = list(dict.fromkeys(ev.participants + parts))
                if explicit and not ev.explicit_date:
                    ev.date, ev.explicit_date = date, True
        return [e for e in by_doc.values() if e.participants] + [e for e in votes if e.participants]

    def issuer(self, i: int) -> list[str]:
        """Who issued a document "صدر عن X" / "الصادر عن X" (token ``i`` is the verb): the organisation
        or person after عن, or the organisation a definite head there ("عن المجلس") refers back to."""
        v, toks = self.v, self.v.toks
        if i + 1 >= len(toks) or toks[i + 1].norm != "عن":
            return []
        ags, _, _ = self.agents(i + 2, min(i + 8, self.clause_end(i + 2)))
        ags = [a for a in ags if self.ctx.category(a) in ("Organization", "Person")]
        if ags:
            return ags[:1]
        m = v.org_named_before(i + 2) if i + 2 < len(toks) else None
        return [m.entity] if m else []
