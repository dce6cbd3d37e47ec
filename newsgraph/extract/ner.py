"""Statistical Arabic named-entity recognition: a linear-chain CRF trained on ANERcorp.

The entities component calls :func:`predict` to find people, organisations and places that the
knowledge base and the patterns miss. The model ships in ``extract/models/ner/``:

* ``crf.npz`` — the CRF's weights (``attrs`` × ``labels``), its label transitions, and two word
  tables from unlabeled news: counts (``vocab``/``counts``), which tell a proclitic (``و``, ``ب``,
  ``ل``…) from a word that merely starts with the same letter, and distributional word classes
  (``clusters``), which let a name the model never saw borrow what it learnt from names used alike;
* ``meta.json`` — the feature templates, the character folding and the proclitics the model was
  trained with (so featurisation is frozen with the weights), and its scores.

``tools/train_ner.py`` (``make train-ner``) writes both. Decoding is fast because a token's
features depend only on the token itself and its position relative to the tagged token: each word
type is featurised once, its weighted scores for each window offset are cached, and a sentence's
emission scores are sums of cached rows; Viterbi over the nine labels then runs on batches of
sentences at once, so its NumPy steps scale with sentence length, not article length.

Tokenisation is the same in training and prediction (:func:`tokenize`): runs of letters (with
their diacritics), numbers, and single punctuation marks.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    import numpy as np

    from newsgraph.extract.model import Span

MODEL_DIR = Path(__file__).with_name("models") / "ner"
WEIGHTS_FILE = "crf.npz"
META_FILE = "meta.json"
#: Labels :func:`predict` returns; the model also knows MISC, which it uses only as context.
LABELS = ("PERS", "ORG", "LOC")

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
TOKEN_RE = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+|\d+(?:[.,\u066b]\d+)*|\S")
_SENTENCE_END = frozenset(".!?؟…")
_PAD = "\x00"   # the token that stands before and after every sentence
_MAX_CACHE = 400_000
_BATCH = 64   # sentences decoded together


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token ``(start, end)`` offsets in ``text[start:end]``: letter runs, numbers, punctuation.

    Training re-tokenises ANERcorp's tokens with the same expression, so what the model saw and
    what it is asked about are cut alike."""
    end = len(text) if end is None else end
    return [m.span() for m in TOKEN_RE.finditer(text, start, end)]


def sentences(text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a token list into sentences: ``(first, last + 1)`` token indexes.

    A sentence ends after ``. ! ? ؟ …`` and where a line break separates two tokens."""
    out: list[tuple[int, int]] = []
    first = 0
    for i, (s, e) in enumerate(tokens):
        last = i + 1 == len(tokens)
        if last or (e - s == 1 and text[s] in _SENTENCE_END) or "\n" in text[e:tokens[i + 1][0]]:
            out.append((first, i + 1))
            first = i + 1
    return out


class Featurizer:
    """Turns one token into its CRF attributes, as configured by the model's ``meta.json``.

    Every attribute is ``"<offset><template>=<value>"``: the token at ``offset`` from the tagged
    one contributes its ``template`` values (word, stem, prefixes, suffixes, shape…)."""

    def __init__(self, meta: dict[str, Any], counts: dict[str, int],
                 clusters: dict[str, tuple[int, ...]] | None = None) -> None:
        self.table = str.maketrans({**{c: None for c in meta["fold_drop"]}, **meta["fold_map"]})
        self.proclitics: list[str] = sorted(meta["proclitics"], key=len, reverse=True)
        self.article: str = meta["article"]
        self.detachable_proclitics = frozenset(meta["detachable"])
        self._first_letters = frozenset(p[0] for p in self.detachable_proclitics)
        self.windows: dict[int, list[str]] = {int(k): v for k, v in meta["windows"].items()}
        self.counts = counts
        self.clusters = clusters or {}
        self.n_classes = len(meta.get("cluster_ks", ()))

    def fold(self, token: str) -> str:
        """The folded form the model matches on (no diacritics, one alef, digits as 0)."""
        return token.translate(self.table)

    def split(self, folded: str) -> tuple[str, str]:
        """``(proclitic, stem)`` for the longest proclitic that leaves a stem of two letters or more."""
        for p in self.proclitics:
            if folded.startswith(p) and len(folded) - len(p) >= 2:
                return p, folded[len(p):]
        return "", folded

    def detachable(self, folded: str) -> int:
        """How many leading letters are a detachable proclitic (conjunction or preposition).

        ``و`` of ``والصين`` is (the corpora hold ``الصين`` more often than ``والصين``); the ``و``
        of ``وليد`` is not. The article ``ال`` is never detached, nor is ``لل`` (its alef is gone)."""
        if folded[:1] not in self._first_letters:
            return 0
        c = self.counts
        full = c.get(folded, 0)
        for p in self.proclitics:
            if p.endswith(self.article):
                p = p[: -len(self.article)]
            stem = folded[len(p):]
            if (p in self.detachable_proclitics and folded.startswith(p) and len(stem) >= 2
                    and c.get(stem, 0) > full):
                return len(p)
        return 0

    def values(self, token: str) -> dict[str, str]:
        """The template values of one token (independent of its neighbours)."""
        if token == _PAD:
            return {t: "<s>" for t in ("w", "s", "p", "sh", "b", "c0", "c1", "fq")}
        f = self.fold(token)
        p, stem = self.split(f)
        c0 = token[0]
        if c0.isdigit():
            shape = "D"
        elif not c0.isalpha():
            shape = "P"
        elif c0.isascii():
            shape = "Lu" if token.isupper() else ("Lc" if c0.isupper() else "Ll")
        else:
            shape = "A"
        count = self.counts.get(f, 0)
        v = {"w": f, "s": stem, "p": p or "-", "sh": shape, "b": "", "ln": str(min(len(f), 9)),
             "cl": str(self.detachable(f)), "fq": str(min(count.bit_length(), 15))}
        classes = self.clusters.get(f)
        if classes is None and p:
            classes = self.clusters.get(stem)
        for i in range(self.n_classes):
            v[f"c{i}"] = str(classes[i]) if classes else "?"
        for k in (1, 2, 3):
            if len(f) > k:
                v[f"p{k}"] = f[:k]
                v[f"x{k}"] = f[-k:]
        return v

    def attributes(self, token: str) -> dict[int, list[str]]:
        """For each window offset, the attributes this token contributes when it stands there."""
        v = self.values(token)
        return {k: [f"{k}{t}={v[t]}" for t in ts if t in v] for k, ts in self.windows.items()}

    def sequence(self, tokens: Sequence[str]) -> list[list[str]]:
        """The attribute lists of a sentence, one per token (what the trainer is given)."""
        padded = [_PAD] * 2 + list(tokens) + [_PAD] * 2
        per = [self.attributes(t) for t in padded]
        out = []
        for i in range(2, len(padded) - 2):
            attrs: list[str] = []
            for k in self.windows:
                attrs.extend(per[i + k][k])
            out.append(attrs)
        return out


class Tagger:
    """The trained CRF: weights, transitions, and a per-word-type cache of emission scores."""

    def __init__(self, directory: Path = MODEL_DIR) -> None:
        import numpy as np

        try:
            meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
            with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except (OSError, ValueError, KeyError) as exc:
            raise NewsgraphError(f"cannot load the NER model from {directory} ({exc}); run `make train-ner`") from None
        self.meta = meta
        self.labels: list[str] = [str(x) for x in arrays["labels"]]
        vocab = arrays["vocab"].tolist()
        counts = dict(zip(vocab, arrays["counts"].tolist(), strict=True))
        clusters = {w: tuple(c) for w, c in zip(vocab, arrays["clusters"].tolist(), strict=True) if c[0] >= 0}
        self.features = Featurizer(meta, counts, clusters)
        self.index = {a: i for i, a in enumerate(arrays["attrs"].tolist())}
        self.weights = np.vstack([arrays["weights"].astype(np.float32), np.zeros((1, len(self.labels)), np.float32)])
        n = len(self.labels)
        begin = [lab.startswith("I-") for lab in self.labels]
        bad = np.array([[lab_to.startswith("I-") and lab_from[2:] != lab_to[2:] for lab_to in self.labels]
                        for lab_from in self.labels])
        self.transitions = np.where(bad, -1e4, arrays["transitions"]).astype(np.float32)
        self.start = np.where(begin, -1e4, 0.0).astype(np.float32)
        self.offsets = sorted(self.features.windows)
        self.width = len(self.offsets)
        self._rows: dict[str, int] = {}
        self._table = np.zeros((1024, self.width, n), dtype=np.float32)
        self._zero = len(self.weights) - 1   # the all-zero row appended to the weights

    def _row(self, token: str) -> int:
        """Cache row holding this word type's summed weights for each window offset."""
        row = self._rows.get(token)
        if row is not None:
            return row
        import numpy as np

        row = len(self._rows)
        if row >= len(self._table):
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
        index, zero = self.index, self._zero
        ids: list[int] = []
        starts: list[int] = []
        for _offset, attrs in sorted(self.features.attributes(token).items()):
            starts.append(len(ids))
            ids.append(zero)   # keeps every group non-empty for reduceat
            ids.extend([index[a] for a in attrs if a in index])
        self._table[row] = np.add.reduceat(self.weights[ids], starts, axis=0)
        self._rows[token] = row
        return row

    def emissions(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Label scores (sentences × longest length × labels); positions past a sentence's end are junk."""
        import numpy as np

        if len(self._rows) >= _MAX_CACHE:
            self._rows.clear()   # bounded memory over a long run; rows are refilled on demand
        longest = max(len(s) for s in sentences)
        lo = self.offsets[0]
        rows = np.full((len(sentences), longest + len(self.offsets) - 1), self._row(_PAD), dtype=np.intp)
        for b, sent in enumerate(sentences):
            rows[b, -lo: -lo + len(sent)] = [self._row(t) for t in sent]
        g = self._table[rows]
        return sum(g[:, k - lo: k - lo + longest, j] for j, k in enumerate(self.offsets))

    def viterbi(self, scores: np.ndarray, lengths: Sequence[int]) -> list[list[int]]:
        """Best label index sequences under the CRF, for a batch of sentences at once.

        Forbidden ``I-`` transitions score -10⁴. Batching makes the number of NumPy steps the
        longest sentence's length instead of the article's token count."""
        import numpy as np

        n_sent, longest, _ = scores.shape
        last = np.asarray(lengths) - 1
        trans = self.transitions
        back = np.zeros((longest, n_sent, trans.shape[0]), dtype=np.int8)
        cur = scores[:, 0] + self.start
        final = cur.copy()
        for t in range(1, longest):
            cand = cur[:, :, None] + trans
            back[t] = cand.argmax(axis=1)
            cur = cand.max(axis=1) + scores[:, t]
            done = last == t
            if done.any():
                final[done] = cur[done]
        label = final.argmax(axis=1)
        path = np.empty((n_sent, longest), dtype=np.int8)
        batch = np.arange(n_sent)
        for t in range(longest - 1, -1, -1):
            path[:, t] = label   # past a sentence's end this holds its final label, unused
            if t:
                label = np.where(t <= last, back[t, batch, label], label)
        return [row[:n] for row, n in zip(path.tolist(), lengths, strict=True)]

    def predict(self, text: str, spans: Sequence[Span] | None = None) -> list[tuple[int, int, str]]:
        """Entities in ``text`` as ``(start, end, label)``; see the module function :func:`predict`."""
        return tagged(self, text, spans)

    def tag_batch(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 labels for each sentence (a list of token strings); empty sentences get ``[]``."""
        out: list[list[str]] = [[] for _ in sentences]
        # Similar lengths share a batch: little padding, bounded memory.
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        labels = self.labels
        for k in range(0, len(order), _BATCH):
            batch = [sentences[i] for i in order[k:k + _BATCH]]
            paths = self.viterbi(self.emissions(batch), [len(s) for s in batch])
            for i, path in zip(order[k:k + _BATCH], paths, strict=True):
                out[i] = [labels[j] for j in path]
        return out

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 labels for one sentence of token strings."""
        return self.tag_batch([tokens])[0]


@lru_cache(maxsize=1)
def load(directory: str | None = None) -> Tagger:
    """The shipped tagger, loaded once (≈0.1 s). Raises ``NewsgraphError`` when it is missing."""
    return Tagger(Path(directory) if directory else MODEL_DIR)


def available() -> bool:
    """Whether the trained model is present in the package (``make train-ner`` creates it)."""
    return (MODEL_DIR / WEIGHTS_FILE).is_file() and (MODEL_DIR / META_FILE).is_file()


def entity_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """IOB2 labels → ``(first, last + 1, type)`` token ranges (a stray ``I-`` starts an entity)."""
    out: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for i, lab in enumerate(labels):
        kind = lab[2:]
        if cur and (lab == "O" or lab.startswith("B-") or kind != cur[2]):
            out.append((cur[0], cur[1], cur[2]))
            cur = None
        if lab != "O":
            if cur is None:
                cur = [i, i + 1, kind]
            else:
                cur[1] = i + 1
    if cur:
        out.append((cur[0], cur[1], cur[2]))
    return out


def _trim(text: str, start: int, end: int, tagger: Tagger) -> tuple[int, int]:
    """Drop a detachable proclitic (``و`` ``ب`` ``ل`` ``ك`` ``ف``) from the front of an entity."""
    first = TOKEN_RE.match(text, start, end)
    if first is None:
        return start, end
    word = first.group()
    k = tagger.features.detachable(tagger.features.fold(word))
    i = start
    while k and i < end:
        if text[i].translate(tagger.features.table):
            k -= 1
        i += 1
    while i < end and not text[i].translate(tagger.features.table):
        i += 1   # diacritics of the detached letter
    return (i, end) if i < end else (start, end)


def _regions(text: str, spans: Sequence[Span] | None) -> Iterable[tuple[int, int]]:
    if spans is None:
        yield 0, len(text)
        return
    for sp in spans:
        if not 0 <= sp.start <= sp.end <= len(text):
            raise NewsgraphError(f"span {sp.start}..{sp.end} lies outside the text ({len(text)} characters)")
        yield sp.start, sp.end


def predict(text: str, spans: Sequence[Span] | None = None) -> list[tuple[int, int, str]]:
    """Named entities in ``text`` as ``(start, end, label)``, label ``PERS``, ``ORG`` or ``LOC``.

    Offsets index into ``text``. ``spans`` (e.g. the article's paragraphs or sentences) limits
    tagging to those regions; by default the whole text is tagged. A leading conjunction or
    preposition written onto a name (``وبغداد``) is left out of the span; the article ``ال`` stays.
    Results are sorted and deterministic."""
    return load().predict(text, spans)


def tagged(tagger: Tagger, text: str, spans: Sequence[Span] | None = None) -> list[tuple[int, int, str]]:
    """:func:`predict` with a given tagger (e.g. one being trained)."""
    out: set[tuple[int, int, str]] = set()
    sents: list[list[tuple[int, int]]] = []
    for lo, hi in _regions(text, spans):
        tokens = tokenize(text, lo, hi)
        sents.extend(tokens[a:b] for a, b in sentences(text, tokens))
    tags = tagger.tag_batch([[text[s:e] for s, e in sent] for sent in sents])
    for sent, labels in zip(sents, tags, strict=True):
        for i, j, kind in entity_spans(labels):
            if kind not in LABELS:
                continue
            while j > i and not text[sent[j - 1][0]].isalnum():
                j -= 1   # no trailing punctuation
            while i < j and not text[sent[i][0]].isalnum():
                i += 1
            if i < j:
                s, e = _trim(text, sent[i][0], sent[j - 1][1], tagger)
                out.add((s, e, kind))
    return sorted(out)
