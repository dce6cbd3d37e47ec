"""Quotations and their speakers: direct speech in quotation marks and indirect speech.

``find_quotations(ctx)`` reads an ``ExtractionContext`` (text, tokens, resolved mentions, dates)
and returns ``Quotation`` records. Everything language-specific is data: the reporting verbs and
the kind of complement each takes (``data/reporting_verbs.tsv``), the complementisers, anonymous
sources and other cue words (``data/speech_cues.tsv``), the quotation marks
(``data/quote_marks.tsv``). The code only knows Arabic word order:

* a reporting verb takes its subject after it (VSO, "وأشار الوزير إلى أن") or, failing that,
  right before it (SVO, "كيري قال"); a participle ("مؤكداً") or a bare verb ("وأضاف:") keeps the
  current speaker; "نقل عن X قوله" and "جاء في بيان لـ X أن" make X the speaker;
* the content runs from the complement ("أن", "على", ":", a quotation mark…) to the end of the
  sentence, or to the next clause-level reporting verb ("، مضيفاً");
* a quotation in marks that no verb introduces is speech only when an attribution follows it
  ("وصرّح بذلك X") or a colon precedes it; names and scare quotes are not quotations.

Quotations whose speaker stays unknown or unnamed ("قالت مصادر") are not returned.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.extract.arabic import Token, fold
from newsgraph.extract.entities import honorific_at, is_stop, words_of
from newsgraph.extract.model import Mention, Quotation, Span
from newsgraph.extract.textview import TextView, VerbForm, feminine, lexicon, strip_conj

#: A quotation in marks shorter than this (in words) is a name or a scare quote unless a verb introduces it.
MIN_QUOTE_WORDS = 4
_ANON = "anonymous"   # marker for "an unnamed source spoke"
_PREV = "previous"    # marker for "the source named before speaks again" ("وأضاف المسؤول")
_PUNCT_END = ".!?؟…"
_CLAUSE_PUNCT = "،,؛;"
_PREPOSITIONS, _THAT, _WHAT_RELATIVE = words_of("function_words.tsv", "preposition", "that", "what_relative")
_AUX_OR_EMPHATIC = sum(words_of("function_words.tsv", "auxiliary", "emphatic"), ())

__all__ = ["TextView", "find_quotations", "lexicon", "quoted_segments", "strip_conj"]


# --- quotation marks --------------------------------------------------------------------------------

def quoted_segments(text: str, paragraphs: list[Span]) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of quotation marks (close exclusive of nothing: the closing mark's
    index, or the paragraph end when a quotation runs on to it), per paragraph."""
    marks = lexicon()["marks"]
    out: list[tuple[int, int]] = []
    for p in paragraphs:
        i = p.start
        while i < p.end:
            c = text[i]
            if c in marks:
                close = marks[c]
                depth, j = 0, i + 1
                while j < p.end:
                    if text[j] == close and depth == 0:
                        break
                    if text[j] == c and c != close:
                        depth += 1
                    elif text[j] == close:
                        depth -= 1
                    j += 1
                out.append((i, j))
                i = j + 1
                continue
            i += 1
    return out


def paragraphs_of(ctx: Any) -> list[Span]:
    """The article's paragraphs, or its lines when the reader gave none."""
    paras = [p.span for p in getattr(ctx.article, "paragraphs", ()) or ()]
    if paras:
        return paras
    out, start = [], 0
    for line in ctx.text.split("\n"):
        out.append(Span(start, start + len(line)))
        start += len(line) + 1
    return out


# --- the extractor ---------------------------------------------------------------------------------

@dataclass
class _Found:
    """A quotation before the speaker is final."""

    start: int
    end: int
    speaker: str | None
    speaker_span: Span | None
    verb: str | None
    verb_span: Span | None
    date: str | None
    direct: bool = False


class _Speech:
    """One pass over an article's reporting verbs and quotation marks."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.v = TextView(ctx)
        self.lx = lexicon()
        self.cues = self.lx["cues"]
        text = self.v.text
        self.segments = [(o, c) for o, c in quoted_segments(text, paragraphs_of(ctx))]
        self.long_quotes = [(o, c) for o, c in self.segments if len(text[o + 1:c].split()) >= MIN_QUOTE_WORDS]
        self.found: list[_Found] = []
        self.women: set[str] = set()      # persons seen as the subject of a feminine verb
        self.woman_titles()
        self.date_toks = {t for d in ctx.dates or () for t in range(self.v.tok_at(d.span.start),
                                                                     self.v.tok_at(max(d.span.end - 1, d.span.start)) + 1)}

    # -- verbs
    def verb_at(self, i: int) -> tuple[VerbForm, int] | None:
        """The reporting verb form starting at token ``i`` and the token after it."""
        toks = self.v.toks
        for w in strip_conj(toks[i].norm):
            for vf in self.lx["verbs"].get(w, ()):
                n = len(vf.words)
                if i + n <= len(toks) and all(toks[i + k].norm == vf.words[k] for k in range(1, n)):
                    return vf, i + n
        return None

    def inside_quote(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation of several words."""
        return any(o < offset < c for o, c in self.long_quotes)

    def clause_level(self, i: int, vf: VerbForm) -> bool:
        """Whether the verb at token ``i`` starts a clause of its own (a new statement)."""
        toks = self.v.toks
        if vf.kind in ("participle", "according"):
            return True
        if toks[i].norm not in self.lx["verbs"] and toks[i].norm[:1] in "وف":
            return True
        return i > 0 and (toks[i - 1].text in _CLAUSE_PUNCT or toks[i - 1].text in _PUNCT_END
                          or toks[i - 1].norm in self.cues.get("while", ()))    # "فيما قالت X"

    # -- complements
    def complement(self, t: int, comps: frozenset[str]) -> int | None:
        """Where the reported content starts if a complement of ``comps`` stands at token ``t``."""
        toks, cues = self.v.toks, self.cues
        if t >= len(toks):
            return None
        tok = toks[t]
        if tok.text == ":":
            after_colon = self.complement(t + 1, frozenset({"THAT"})) if t + 1 < len(toks) else None
            return after_colon if after_colon is not None and toks[t + 1].norm in cues["that"] else tok.end
        if tok.text in self.lx["marks"]:
            return tok.start if any(o == tok.start for o, _ in self.segments) else None
        nxt = toks[t + 1].start if t + 1 < len(toks) else tok.end
        if "THAT" in comps and tok.norm in cues["that"]:
            if tok.norm not in _THAT:       # "أنها تستهدف": the pronoun is the content's subject
                return tok.start + (len(tok.text) - len(tok.text.lstrip("بو")))
            return nxt
        for cls in ("ON", "TO", "ABOUT", "FROM"):
            if cls in comps and tok.norm in cues.get("prep:" + cls, ()):
                return self.complement(t + 1, frozenset({"THAT"})) or nxt
        if "BI" in comps and tok.norm.startswith("ب") and len(tok.norm) > 3 and tok.kind == "word":
            s = tok.start + 1
            while s < tok.end and not fold(self.v.text[s]):
                s += 1
            return s
        if "RENEW" in comps and tok.norm in cues["renew"]:
            return self.complement(t + 1, frozenset({"THAT", "ON", "TO", "BI"})) or nxt
        if "SAYING" in comps and tok.norm in cues["saying"]:
            for k in range(t + 1, min(t + 6, len(toks))):
                if toks[k].text in _PUNCT_END:
                    break
                c = self.complement(k, frozenset({"THAT"}))
                if c is not None:
                    return c
            return nxt
        return None

    # -- speakers
    def subject_after(self, j: int) -> tuple[str | None, Span | None, int]:
        """The subject right after a verb: ``(key, _ANON, _PREV or None; its span; token after it)``."""
        v, toks, cues = self.v, self.v.toks, self.cues
        while j < len(toks) and (j in self.date_toks or (toks[j].norm in cues.get("adverb", ())
                                                          and not toks[j].norm.startswith("ل"))):
            j += 1                  # "أعلن أمس الأربعاء وزير الخارجية": the subject comes after the time
        quoted = j + 1 < len(toks) and toks[j].text in self.lx["marks"] \
            and not any(o == toks[j].start for o, _ in self.long_quotes)
        j += quoted                 # 'وقال "فلان" نائب المتحدث': a name in quotation marks
        found, end = self.v.chain(j, subject=True)
        if quoted and found and end < len(toks) and toks[end].text == self.lx["marks"][toks[j - 1].text]:
            end += 1
        m = self.v.pick(found)
        if m is not None:
            return m.entity, m.span, end
        k = j
        while k < len(toks) and honorific_at(toks, k):
            k += honorific_at(toks, k)
        if k < len(toks) and toks[k].norm.removeprefix("ال") in cues.get("statement", ()):
            return self.issuer(k)
        if k < len(toks) and (toks[k].norm in cues["anonymous"] or toks[k].norm.removeprefix("ال") in cues["anonymous"]):
            definite = toks[k].norm.startswith("ال")
            for t in range(k + 1, min(k + 4, len(toks))):
                if toks[t].text in _CLAUSE_PUNCT or toks[t].norm in cues["that"]:
                    break
                if any(toks[t].norm == p or (len(p) == 1 and toks[t].norm.startswith(p)) for p in cues["via"]):
                    found, end = self.v.chain(t)
                    if not found and t + 1 < len(toks):
                        found, end = self.v.chain(t + 1)
                    m = self.v.pick(found)
                    if m is not None and v.category(m) == "Organization":
                        return m.entity, m.span, end
            return (_PREV if definite else _ANON), None, k + 1
        if k < len(toks) and self.unknown_subject(k):
            known = self.person_by_word(k)
            if known is not None:                  # "وقال تشاوش": a word of a person's name given before
                return known, Span(toks[k].start, toks[k].end), k + 1
            for t in range(k + 1, min(k + 12, len(toks))):   # "رئيس لجنة … في المجلس … محمد فلان أن"
                if toks[t].norm in cues["that"] or toks[t].text in ":«\"" or toks[t].text in _PUNCT_END:
                    break
                m = v.mention_at(t)
                if m is not None and v.category(m) == "Person":
                    found, end = v.chain(t)
                    return m.entity, m.span, end
            org = v.org_named_before(k)
            if org is not None:
                return org.entity, None, k + 1
            # "وقال الحلف": a definite noun refers back to who was named before; an unknown name is someone else
            return (_PREV if toks[k].norm.startswith("ال") else _ANON), None, k + 1
        return None, None, j

    def issuer(self, k: int) -> tuple[str | None, Span | None, int]:
        """The speaker of a statement word at token ``k``: "ذكر بيان لوزارة X أن", "بيان صادر عن X"
        (X speaks); "وقال البيان", "وجاء في بيان" without an issuer is the current speaker's statement."""
        m = self.named_issuer(k)
        if m is not None:
            return m.entity, m.span, self.v.tok_end(m)
        if self.previous_speaker(self.v.toks[k].start) is None:
            for t in range(k - 1, max(k - 200, -1), -1):   # "دان المجلس في بيان صدر عن المجلس … وشدد البيان"
                if any(w.removeprefix("ال") in self.cues["statement"] for w in strip_conj(self.v.toks[t].norm)):
                    m = self.named_issuer(t)
                    if m is not None:
                        return m.entity, None, k + 1
        return _PREV, None, k + 1       # "وجاء في بيان", "وأضاف البيان": the statement of who speaks now

    def named_issuer(self, k: int) -> Mention | None:
        """The issuer named right after a statement word at token ``k`` ("بيان لوزارة X",
        "بيان صدر عن X", "بيان الخارجية"), if any."""
        v, toks = self.v, self.v.toks
        for t in range(k + 1, min(k + 5, len(toks))):
            tok = toks[t]
            if tok.text in _CLAUSE_PUNCT or tok.text in _PUNCT_END or tok.norm in self.cues["that"]:
                break
            if tok.norm in self.cues["via"]:
                t += 1
            elif not tok.norm.startswith(("ل", "ب")):
                continue
            m = v.pick(v.chain(t, subject=True)[0]) if t < len(toks) else None
            if m is None and t < len(toks):
                m = v.org_named_before(t)             # "صدر عن المجلس": the council named before
            if m is not None:
                return m
        return None

    def person_by_word(self, k: int) -> str | None:
        """The one person named before token ``k`` whose name has the word at ``k`` in it
        (a surname or a part of a compound name the entity finder did not link)."""
        v, word = self.v, self.v.toks[k].norm
        if len(word) < 3 or honorific_at(v.toks, k) or word in self.lx["particles"]:
            return None                         # ("أبو", "عبد", "آل" are parts of many names)
        start = v.toks[k].start
        who = {m.entity for m in v.ctx.mentions if m.span.end <= start and v.category(m) == "Person"
               and m.kind == "name" and word in fold(m.text).split()}
        return next(iter(who)) if len(who) == 1 else None

    def sentence_subject(self, i: int) -> str | None:
        """The agent right after the verb that opens the sentence of token ``i`` ("وشنت تركيا غارات
        مشيرة إلى"): who a participle refers to when nobody spoke before it in that sentence."""
        v, toks = self.v, self.v.toks
        first = v.tok_at(v.sentence(toks[i].start).start)
        if first + 1 >= i or not toks[first].norm.startswith(("و", "ف")) or is_stop(toks[first].norm):
            return None
        m = v.mention_at(first + 1)
        return m.entity if m is not None and m.span.start == toks[first + 1].start else None

    def that_at(self, start: int) -> bool:
        """Whether content starting at ``start`` was opened by "أن"/"إن", a colon or a quotation mark."""
        text, toks = self.v.text, self.v.toks
        k = self.v.tok_at(start)
        if text[start] in self.lx["marks"] or toks[k].norm in self.cues["that"]:
            return True
        return k > 0 and (toks[k - 1].norm in self.cues["that"] or toks[k - 1].text in ":" or toks[k - 1].text in self.lx["marks"])

    def verbal_noun(self, k: int) -> bool:
        """Whether token ``k`` (right after a named subject) opens a noun phrase object: an indefinite
        word in construct ("حرص بلاده", "ضرورة الحل"), not a preposition, time word, adverb or name."""
        toks, cues = self.v.toks, self.cues
        if k >= len(toks) or k in self.date_toks or self.v.by_start.get(k):
            return False
        tok = toks[k]
        return tok.kind == "word" and len(tok.norm) >= 3 and not tok.norm.startswith(("ال", "و", "ف", "ب", "ل")) \
            and tok.norm not in _PREPOSITIONS and not any(tok.norm in cues.get(r, ()) for r in ("adverb", "adverbial", "that", "while")) \
            and not self.verb_at(k) and not honorific_at(toks, k)

    def woman_titles(self) -> None:
        """Persons named right after a feminine title ("السفيرة X"): "وأوضحت" may refer back to them."""
        v, titles = self.v, self.cues.get("woman", ())
        for k, tok in enumerate(v.toks):
            if tok.norm in titles:
                for n in range(k + 1, min(k + 4, len(v.toks))):
                    m = v.mention_at(n, lambda m: v.category(m) == "Person")
                    if m is not None:
                        self.women.add(m.entity)
                        break

    def unknown_subject(self, k: int) -> bool:
        """Whether token ``k`` right after a verb reads as a subject the entity finder did not
        recognise (a content word, not a complement, adverb, preposition or time word): then the
        speaker is someone unnamed here, not the previous speaker."""
        tok, cues = self.v.toks[k], self.cues
        if tok.kind != "word" or tok.norm in cues["that"] or tok.norm in cues.get("adverb", ()):
            return False
        if any(tok.norm in cues.get(role, ()) for role in ("prep:ON", "prep:TO", "prep:ABOUT", "prep:FROM",
                                                             "renew", "saying", "afterwards", "via")):
            return False
        if tok.norm.startswith("ب") and len(tok.norm) > 3:
            return False                      # "طالبت بعقد", "صرح بأن": a complement, not a subject
        return not is_stop(tok.norm) and not self.verb_at(k)

    def subject_before(self, i: int) -> tuple[str | None, Span | None]:
        """An SVO subject: an agent mention ending right before the verb (after "قد"/"كان")."""
        toks = self.v.toks
        k = i - 1
        while k >= 0 and toks[k].norm in _AUX_OR_EMPHATIC:
            k -= 1
        if k < 0:
            return None, None
        m = self.v.subject_ending(k)
        return (m.entity, m.span) if m else (None, None)

    def previous_speaker(self, offset: int) -> str | None:
        """Who spoke last before ``offset`` (the salient person if nobody has yet)."""
        before = [f for f in self.found if f.start < offset]
        if before:
            return max(before, key=lambda f: f.start).speaker
        salient = getattr(self.ctx, "salient_person", None)
        return salient(offset) if salient else None

    def implicit_speaker(self, i: int, vf: VerbForm) -> str | None:
        """The speaker of a verb without a subject of its own."""
        toks, v = self.v.toks, self.v
        start = toks[i].start
        if vf.kind == "participle" or self.clause_level(i, vf):
            return self.previous_speaker(start)
        sent = v.sentence(start)
        for k in range(i - 1, v.tok_at(sent.start) - 1, -1):
            m = v.mention_ending(k)
            if m is not None and v.category(m) == "Person" and not self.inside_quote(m.span.start):
                return m.entity
        return self.previous_speaker(start)

    # -- content
    def content_end(self, start: int, cue_starts: list[int]) -> int:
        """Where reported content that starts at ``start`` ends."""
        sent = self.v.sentence(start)
        end = sent.end
        for o, c in self.segments:       # a quotation that opens in the content runs to its close
            if start <= o < end < c + 1:
                end = max(end, min(c + 1, len(self.v.text)))
        for cs in cue_starts:
            if start < cs < end:
                end = cs
                break
        text = self.v.text
        while end > start and (text[end - 1].isspace() or text[end - 1] in _CLAUSE_PUNCT + _PUNCT_END):
            end -= 1
        return end

    def add(self, start: int, cue_starts: list[int], speaker: str | None, sspan: Span | None,
            tok: Token | None, date: str | None) -> None:
        """Record content starting at ``start`` (skipping white space and commas)."""
        text = self.v.text
        while start < len(text) and (text[start].isspace() or text[start] in _CLAUSE_PUNCT):
            start += 1
        end = self.content_end(start, cue_starts)
        if end - start < 2:
            return
        self.found.append(_Found(start, end, speaker, sspan, tok.text if tok else None,
                                 Span(tok.start, tok.end) if tok else None, date))

    def run(self) -> list[Quotation]:
        """Find every quotation of the article."""
        v, toks = self.v, self.v.toks
        cues: list[tuple[int, VerbForm, int]] = []
        i = 0
        while i < len(toks):
            hit = self.verb_at(i)
            if hit and not v.in_title(toks[i].start) and not self.inside_quote(toks[i].start):
                cues.append((i, hit[0], hit[1]))
                i = hit[1]
                continue
            i += 1
        while_ = self.cues.get("while", ())
        clause_starts = [toks[i - 1 if i and toks[i - 1].norm in while_ else i].start
                         for i, vf, _ in cues if self.clause_level(i, vf)]
        for i, vf, j in cues:
            self.read_cue(i, vf, j, clause_starts)
        self.read_colons()
        return self.finish()

    def read_cue(self, i: int, vf: VerbForm, j: int, clause_starts: list[int]) -> None:
        """Read one reporting verb: its speaker, its complement and its content."""
        v, toks = self.v, self.v.toks
        tok = toks[i]
        sent = v.sentence(tok.start)
        if vf.kind == "back":
            self.read_back(j, vf.gap, tok)
            return
        if vf.kind == "according" and len(vf.words) == 1 and j < len(toks) and toks[j].norm in _WHAT_RELATIVE:
            return                  # "بحسب ما يقتضيه الحال": "as", not a source (the source rows name their verb)
        if not self.clause_level(i, vf) and any(f.start <= tok.start < f.end for f in self.found) \
                and (self.subject_before(i)[0] is not None or (i > 0 and toks[i - 1].norm in self.cues.get("pronoun", ()))):
            return              # "قالت إن باكستان تطالب بـ…": a verb inside reported content is part of it
        if j + 1 < len(toks) and toks[j].norm in self.cues["afterwards"] and toks[j + 1].norm in self.cues.get("regard", ()):
            j += 2                  # "وقال بهذا الخصوص إن": "in this regard", not "he said so"
        elif j < len(toks) and toks[j].norm in self.cues["afterwards"]:
            self.read_afterwards(i, j, tok)
            return
        speaker, sspan, after = None, None, j
        if vf.kind in ("relay", "passive"):
            for t in range(j, min(j + vf.gap, len(toks))):
                if toks[t].norm in self.cues["that"] or toks[t].text in _PUNCT_END:
                    break
                if vf.kind == "relay" and toks[t].norm != "عن":
                    continue
                speaker, sspan, after = self.subject_after(t + 1 if vf.kind == "relay" else t)
                if speaker is not None or vf.kind == "relay":
                    break
        elif vf.kind in ("verb", "plural", "according"):
            speaker, sspan, after = self.subject_after(j)
        elif vf.kind == "participle" and (named := v.pick(v.chain(j, subject=True)[0])) is not None:
            speaker, sspan, after = named.entity, named.span, v.tok_end(named)   # "مؤكداً وزير الدفاع حرص …"
        start = self.find_complement(vf, after, v.tok_at(sent.end - 1) + 1)
        if "NOUN" in vf.comps and speaker not in (None, _ANON, _PREV) and self.verbal_noun(after) \
                and (start is None or (start > toks[after].end and not self.that_at(start))):
            start = toks[after].start       # "أكد الوزير حرص بلاده على …": a verbal noun is the content
        if start is None and vf.kind == "according" and after < len(toks):
            start = toks[after].start
        if start is None and "OBJ" in vf.comps and speaker not in (None, _ANON, _PREV) and after < len(toks) \
                and toks[after].start < sent.end:
            start = toks[after].start
        if start is None:
            return
        if speaker is None and vf.kind == "participle" and not any(sent.start <= f.start < tok.start for f in self.found):
            speaker = self.sentence_subject(i)          # "وشنت تركيا غارات مشيرة إلى أنها": Turkey
        if speaker == _PREV or (speaker is None and vf.kind == "participle"):
            speaker = self.agreeing(vf, self.previous_speaker(tok.start))
        elif speaker is None and vf.kind == "plural":
            speaker, sspan = self.subject_before(i)          # "they said": only a named subject speaks
        elif speaker is None and vf.kind == "according" and len(vf.words) == 1:
            return                  # "وبحسب <a source not named as anyone>، فإن": nobody known to credit
        elif speaker is None and vf.kind in ("verb", "according"):
            speaker, sspan = self.subject_before(i) if vf.kind == "verb" else (None, None)
            if speaker is None:
                speaker = self.agreeing(vf, self.implicit_speaker(i, vf))
        elif speaker not in (None, _ANON, _PREV) and feminine(vf):
            self.women.add(speaker)      # "وقالت هالة زين": she may go on with "وأضافت"
        date = v.date_between(sent.start, start)
        self.add(start, clause_starts, None if speaker == _ANON else speaker, sspan, tok, date)

    def agreeing(self, vf: VerbForm, speaker: str | None) -> str | None:
        """``speaker`` unless a feminine verb would make a man of the story say it ("وذكرت" after
        a man spoke is someone else: a paper, a ministry, a woman not named here)."""
        e = self.v.ctx.entities.get(speaker) if speaker else None
        if feminine(vf) and e is not None and e.category == "Person" and speaker not in self.women:
            return None
        return speaker

    def find_complement(self, vf: VerbForm, after: int, limit: int) -> int | None:
        """The start of the content: the first complement of the verb within its gap (in words)."""
        toks = self.v.toks
        comps = vf.comps if vf.kind != "according" else frozenset({"THAT"})
        words, named_until = 0, after
        for t in range(after, limit):
            tok = toks[t]
            if t < named_until:
                continue            # inside a name or a title: "نائب المتحدث باسم البعثة الأمريكية … إن" counts once
            if t > after and (self.verb_at(t) or tok.text in _PUNCT_END):
                return None
            if "OBJ" in comps and tok.text in _CLAUSE_PUNCT:
                return None
            if tok.text in self.lx["marks"] and t > after and not any(o == tok.start for o, _ in self.long_quotes):
                continue            # a name in quotation marks ("قناة «…»") does not open the content
            start = self.complement(t, comps)
            if start is not None:
                return start
            if tok.kind != "punct":
                words += 1
                if words > vf.gap:
                    return None
                named = self.v.by_start.get(t)
                if named:
                    named_until = max(self.v.tok_end(m) for m in named)
        return None

    def read_afterwards(self, i: int, j: int, tok: Token) -> None:
        """"وصرّح بذلك X": X said the quotation just before."""
        v = self.v
        speaker, sspan, _ = self.subject_after(j + 1)
        if speaker in (None, _ANON):
            return
        prev = [(o, c) for o, c in self.long_quotes if c < tok.start]
        if not prev:
            return
        o, c = prev[-1]
        if len(v.text[c:tok.start].split()) > 3:   # only the sentence or paragraph right before
            return
        sent = v.sentence(tok.start)
        self.found.append(_Found(o + 1, c, speaker, sspan, tok.text, Span(tok.start, tok.end),
                                 v.date_between(sent.start, sent.end), direct=True))

    def read_back(self, j: int, gap: int, tok: Token) -> None:
        """"جاء ذلك على لسان X", "جاء ذلك في كلمة ألقاها X": X said what was just reported (when
        that had no person as speaker) and is the current speaker from here on."""
        v, toks = self.v, self.v.toks
        for t in range(j, min(j + gap, len(toks))):
            if toks[t].text in _PUNCT_END or toks[t].norm in self.cues.get("cause", ()):
                return              # "جاء ذلك عقب عقوبات …": a cause, not a speaker
            found, _ = v.chain(t, subject=True)
            m = v.pick(found)
            if m is not None:
                break
        else:
            return
        prev = [f for f in self.found if f.end <= tok.start]
        if prev:
            last = max(prev, key=lambda f: f.start)
            if last.speaker is None or v.ctx.entities.get(last.speaker) is None \
                    or v.ctx.entities[last.speaker].category != "Person":
                last.speaker, last.speaker_span = m.entity, m.span
        self.found.append(_Found(tok.start, tok.start, m.entity, m.span, None, None, None))   # the speaker now

    def read_colons(self) -> None:
        """A long quotation after "X:" that no verb introduced."""
        v, text = self.v, self.v.text
        for o, c in self.long_quotes:
            if v.in_title(o) or any(f.start <= o + 1 < f.end or o <= f.start < c for f in self.found):
                continue
            k = o - 1
            while k >= 0 and text[k].isspace():
                k -= 1
            if k < 0 or text[k] != ":":
                continue
            m = v.mention_ending(v.tok_at(k) - 1) if v.tok_at(k) > 0 else None
            speaker = m.entity if m else self.previous_speaker(o)
            self.found.append(_Found(o + 1, c, speaker, m.span if m else None, None, None,
                                     None, direct=True))

    def finish(self) -> list[Quotation]:
        """Quotation records in text order, one per span, with a known speaker."""
        text, marks = self.v.text, self.lx["marks"]
        out: dict[tuple[int, int], Quotation] = {}
        for f in sorted(self.found, key=lambda f: (f.start, f.end)):
            if f.speaker is None:
                continue
            s, e, direct = f.start, f.end, f.direct
            close = marks.get(text[s])
            if close and close not in text[s + 1:e - 1] and (close == text[s] or text[s] not in text[s + 1:e]):
                s, e, direct = s + 1, (e - 1 if text[e - 1] == close else e), True
            if len(text[s:e].split()) < 2:
                continue
            out.setdefault((s, e), Quotation(
                text=text[s:e], span=Span(s, e), kind="direct" if direct else "indirect",
                speaker=f.speaker, speaker_span=f.speaker_span, verb=f.verb, verb_span=f.verb_span,
                date=(f.date or None) if f.date is not None else self.ctx.article_date))
        return list(out.values())


def find_quotations(ctx: Any) -> list[Quotation]:
    """Direct and indirect speech of one article with their speakers, in text order.

    ``ctx`` is an ``ExtractionContext``; speakers are the entity keys of its resolved mentions."""
    return _Speech(ctx).run()
