"""Train, score and benchmark the Arabic NER model shipped in ``newsgraph/extract/models/ner``.

    python tools/train_ner.py train --data ../shared/data/anercorp/train.conll \
        [--unlabeled ../shared/data/saudinewsnet/politics-2015.jsonl]
    python tools/train_ner.py bench --corpus ../shared/data/saudinewsnet/politics-2015.jsonl

``train`` holds out the last 10% of ANERcorp's sentences (minus any that also occur in the
training part: ANERcorp repeats some) as a dev set, trains a CRF (CRFsuite, L-BFGS with L1+L2)
on the rest and scores it, then retrains on every sentence and exports the weights as NumPy arrays
that ``newsgraph.extract.ner`` decodes without CRFsuite. The unlabeled corpus only supplies word
counts (for telling a proclitic ``و``/``ب``/``ل`` from a word's first letter); no text is stored.
Needs ``python-crfsuite`` (a dev dependency). ``make train-ner`` runs it.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsgraph.extract import ner  # noqa: E402

Sentence = list[tuple[str, str]]

#: Folding and feature templates the model is trained with; stored in meta.json beside the weights.
FEATURES = {
    "fold_drop": "".join(chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                                          *range(0x06D6, 0x06EE), 0x0640, 0x200C, 0x200D, 0x200E, 0x200F]),
    "fold_map": {**{c: "ا" for c in "أإآٱ"}, "ى": "ي", "ة": "ه", "ک": "ك", "ی": "ي",
                 **{d: "0" for d in "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"},
                 **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}},
    "proclitics": ["وبال", "وال", "فال", "بال", "كال", "لل", "ول", "وب", "وك", "فب", "فل", "ال", "و", "ف", "ب", "ل", "ك"],
    "detachable": ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل"],
    "article": "ال",
    "cluster_ks": [64, 256],
    "windows": {"-2": ["s", "sh", "c0"], "-1": ["w", "s", "p", "sh", "x2", "c0", "c1", "fq"],
                "0": ["b", "w", "s", "p", "sh", "ln", "cl", "fq", "p1", "p2", "p3", "x1", "x2", "x3", "c0", "c1"],
                "1": ["w", "s", "p", "sh", "x2", "c0", "c1", "fq"], "2": ["s", "sh", "c0"]},
}


def read_conll(path: Path) -> list[Sentence]:
    """ANERcorp sentences as ``(token, IOB2 tag)`` lists; blank tokens are dropped."""
    out: list[Sentence] = []
    cur: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                out.append(cur)
            cur = []
            continue
        token, _, tag = line.rstrip().rpartition(" ")
        if token.strip():
            cur.append((token.strip(), tag))
    if cur:
        out.append(cur)
    return out


def retokenize(sentence: Sentence) -> tuple[list[str], list[str]]:
    """Cut ANERcorp tokens the way ``ner.tokenize`` cuts raw text, carrying the tags over.

    Punctuation at the edge of an entity token (``(د``) falls outside the entity; the first word
    piece of a ``B-`` token keeps the ``B-``, later pieces get ``I-``."""
    tokens: list[str] = []
    tags: list[str] = []
    for token, tag in sentence:
        pieces = [token[s:e] for s, e in ner.tokenize(token)]
        if tag == "O":
            tokens.extend(pieces)
            tags.extend(["O"] * len(pieces))
            continue
        words = [i for i, p in enumerate(pieces) if p[0].isalnum()] or list(range(len(pieces)))
        first, last = words[0], words[-1]
        for i, piece in enumerate(pieces):
            if i < first or i > last:
                t = "O"
            elif i == first:
                t = tag
            else:
                t = "I-" + tag[2:]
            tokens.append(piece)
            tags.append(t)
    return tokens, tags


def split(sentences: list[Sentence], dev_fraction: float) -> tuple[list[Sentence], list[Sentence]]:
    """The first sentences for training, the last ``dev_fraction`` (minus repeats of training ones) for dev."""
    cut = int(len(sentences) * (1 - dev_fraction))
    train = sentences[:cut]
    seen = {tuple(s) for s in train}
    return train, [s for s in sentences[cut:] if tuple(s) not in seen]


def word_counts(featurizer: ner.Featurizer, texts: Iterable[str], min_count: int) -> Counter[str]:
    """Folded word counts of ``texts`` (kept when seen at least ``min_count`` times)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(featurizer.fold(text[s:e]) for s, e in ner.tokenize(text))
    return Counter({w: n for w, n in counts.items() if n >= min_count and w[:1].isalpha()})


def word_clusters(featurizer: ner.Featurizer, texts: Iterable[str], vocab: Sequence[str], *,
                  min_count: int = 5, contexts: int = 400, dims: int = 64, ks: Sequence[int] = (64, 256),
                  iterations: int = 12) -> dict[str, tuple[int, ...]]:
    """Distributional word classes: k-means over SVD-reduced PPMI vectors of left/right neighbours.

    They let the model generalise from a name it saw in training to words used alike in news it
    has not seen. Returns, for each word of ``vocab`` seen ``min_count`` times, its class for
    each ``k`` in ``ks`` (coarse to fine). Deterministic: no random initialisation."""
    import numpy as np

    streams = [[featurizer.fold(t[s:e]) for s, e in ner.tokenize(t)] for t in texts]
    freq = Counter(w for ws in streams for w in ws)
    words = sorted((w for w in vocab if freq[w] >= min_count), key=lambda w: (-freq[w], w))
    row = {w: i for i, w in enumerate(words)}
    ctx = {w: i for i, (w, _) in enumerate(sorted(freq.items(), key=lambda x: (-x[1], x[0]))[:contexts])}
    m = np.zeros((len(words), 2 * contexts), dtype=np.float64)
    for ws in streams:
        padded = ["", *ws, ""]
        for i in range(1, len(padded) - 1):
            r = row.get(padded[i])
            if r is None:
                continue
            left, right = ctx.get(padded[i - 1]), ctx.get(padded[i + 1])
            if left is not None:
                m[r, left] += 1
            if right is not None:
                m[r, contexts + right] += 1
    total = m.sum()
    pc = m.sum(axis=0) ** 0.75
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(m * pc.sum() / (m.sum(axis=1, keepdims=True) * pc[None, :] + 1e-12) + 1e-12)
    ppmi = np.where(m > 0, np.maximum(pmi, 0.0), 0.0) if total else m
    values, vectors = np.linalg.eigh(ppmi.T @ ppmi)   # SVD through the small Gram matrix
    top = np.argsort(values)[::-1][:dims]
    vec = (ppmi @ vectors[:, top]) / np.sqrt(np.sqrt(np.maximum(values[top], 1e-12)))   # U·√Σ
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-12
    classes = []
    for k in ks:
        centres = vec[: min(k, len(words))].copy()   # the k most frequent words seed the classes
        for _ in range(iterations):
            assign = (vec @ centres.T).argmax(axis=1)
            sums = np.zeros_like(centres)
            np.add.at(sums, assign, vec)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            centres = np.where(norms > 0, sums / np.maximum(norms, 1e-12), centres)
        classes.append((vec @ centres.T).argmax(axis=1))
    return {w: tuple(int(c[i]) for c in classes) for i, w in enumerate(words)}


def lexicon(featurizer: ner.Featurizer, texts: Sequence[str], min_count: int
            ) -> tuple[Counter[str], dict[str, tuple[int, ...]]]:
    """Word counts and word classes of ``texts``, the two tables shipped beside the weights."""
    counts = word_counts(featurizer, texts, min_count)
    return counts, word_clusters(featurizer, texts, sorted(counts), ks=FEATURES["cluster_ks"])


def unlabeled_texts(path: Path | None) -> Iterable[str]:
    """Article bodies of a .jsonl corpus (``content`` field), or nothing."""
    if path is None:
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line).get("content") or ""


def train_crf(featurizer: ner.Featurizer, data: Sequence[tuple[list[str], list[str]]],
              params: dict, out: Path) -> None:
    """Train a CRFsuite model on ``(tokens, tags)`` pairs and save it to ``out``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in data:
        trainer.append(featurizer.sequence(tokens), tags)
    trainer.set_params({**params, "feature.possible_transitions": True})
    trainer.train(str(out))


def export(crf_file: Path, counts: Counter[str], clusters: dict[str, tuple[int, ...]], meta: dict,
           directory: Path) -> None:
    """Write the CRFsuite model as the NumPy arrays and meta.json that ``ner.Tagger`` loads."""
    import numpy as np
    import pycrfsuite

    info = pycrfsuite.Tagger()
    info.open(str(crf_file))
    details = info.info()
    labels = sorted(info.labels(), key=lambda x: (x != "O", x[2:], x))
    col = {lab: i for i, lab in enumerate(labels)}
    attrs = sorted({a for a, _ in details.state_features})
    row = {a: i for i, a in enumerate(attrs)}
    weights = np.zeros((len(attrs), len(labels)), dtype=np.float32)
    for (a, lab), w in details.state_features.items():
        weights[row[a], col[lab]] = w
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in details.transitions.items():
        transitions[col[a], col[b]] = w
    vocab = sorted(counts)
    missing = (-1,) * len(meta["cluster_ks"])
    directory.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(directory / ner.WEIGHTS_FILE, labels=np.array(labels), attrs=np.array(attrs),
                        weights=weights, transitions=transitions, vocab=np.array(vocab),
                        counts=np.array([counts[w] for w in vocab], dtype=np.int32),
                        clusters=np.array([clusters.get(w, missing) for w in vocab], dtype=np.int16).reshape(len(vocab), -1))
    (directory / ner.META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                           encoding="utf-8")


def score(tagger: ner.Tagger, data: Sequence[tuple[list[str], list[str]]]) -> dict[str, dict[str, float]]:
    """Exact-match entity precision, recall and F1 per label, over PERS/ORG/LOC, and over all four."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for tokens, tags in data:
        gold = set(ner.entity_spans(tags))
        pred = set(ner.entity_spans(tagger.tag(tokens)))
        for group, spans in ((n_gold, gold), (n_pred, pred), (tp, gold & pred)):
            for _, _, kind in spans:
                group[kind] += 1
    out: dict[str, dict[str, float]] = {}
    groups = {k: [k] for k in sorted(n_gold)} | {"PERS+ORG+LOC": list(ner.LABELS), "all": sorted(n_gold)}
    for name, kinds in groups.items():
        t, p, g = (sum(c[k] for k in kinds) for c in (tp, n_pred, n_gold))
        prec, rec = (t / p if p else 0.0), (t / g if g else 0.0)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[name] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "gold": g}
    return out


def train(args: argparse.Namespace) -> dict:
    """Score on a dev split, then retrain on everything and export into ``args.out``."""
    t0, c0 = time.perf_counter(), time.process_time()
    sentences = read_conll(args.data)
    train_part, dev_part = split(sentences, args.dev_fraction)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.max_iterations}
    unlabeled = list(unlabeled_texts(args.unlabeled))
    fold = ner.Featurizer(FEATURES, {})

    def texts(part: list[Sentence]) -> list[str]:
        return [" ".join(t for t, _ in s) for s in part] + unlabeled

    report: dict = {"params": params, "dev_sentences": len(dev_part), "train_sentences": len(train_part)}
    with tempfile.TemporaryDirectory() as tmp:
        if dev_part:
            t1 = time.perf_counter()
            counts, clusters = lexicon(fold, texts(train_part), args.min_count)
            feats = ner.Featurizer(FEATURES, counts, clusters)
            train_crf(feats, [retokenize(s) for s in train_part], params, Path(tmp) / "dev.crfsuite")
            export(Path(tmp) / "dev.crfsuite", counts, clusters, FEATURES, Path(tmp) / "dev")
            report["dev"] = score(ner.Tagger(Path(tmp) / "dev"), [retokenize(s) for s in dev_part])
            report["dev_train_seconds"] = round(time.perf_counter() - t1, 1)
            print(json.dumps(report["dev"], indent=1))
        counts, clusters = lexicon(fold, texts(sentences), args.min_count)
        train_crf(ner.Featurizer(FEATURES, counts, clusters), [retokenize(s) for s in sentences], params,
                  Path(tmp) / "all.crfsuite")
        report["train_seconds"] = round(time.perf_counter() - t0, 1)
        report["train_cpu_seconds"] = round(time.process_time() - c0, 1)   # wall time also counts a busy machine
        meta = {**FEATURES, "trained_on": "ANERcorp training part (all sentences)", "report": report}
        export(Path(tmp) / "all.crfsuite", counts, clusters, meta, args.out)
    size = sum(f.stat().st_size for f in args.out.iterdir())
    print(f"model: {args.out} ({size / 1e6:.2f} MB), trained in {report['train_seconds']} s")
    return report


def bench(args: argparse.Namespace) -> dict:
    """Load time and words per second of ``ner.predict`` over a .jsonl corpus, on one core."""
    t0 = time.perf_counter()
    ner.load()
    load_s = time.perf_counter() - t0
    texts = list(unlabeled_texts(args.corpus))[: args.limit or None]
    words = sum(len(t.split()) for t in texts)
    found: Counter[str] = Counter()
    t1, c1 = time.perf_counter(), time.process_time()
    for text in texts:
        found.update(label for _, _, label in ner.predict(text))
    elapsed, cpu = time.perf_counter() - t1, time.process_time() - c1
    # CPU time is what one core spends; wall time also counts waiting for a busy machine.
    result = {"load_seconds": round(load_s, 3), "articles": len(texts), "words": words,
              "seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 2),
              "words_per_second": round(words / elapsed), "words_per_cpu_second": round(words / cpu),
              "entities": dict(found)}
    print(json.dumps(result, indent=1))
    return result


def gold_scores(tagger: ner.Tagger, gold_dir: Path, corpus_root: Path) -> dict[str, float]:
    """Out-of-domain check against ``gold/*.json``: are the gold people, organisations and places found?

    A prediction is right when its folded text is one of the ``ar`` names of a gold entity of
    the matching type; it is ignored when it is an ``ignore`` form. Recall counts gold entities
    with at least one right prediction."""
    kinds = {"PERS": "Person", "ORG": "Organization", "LOC": "Place"}
    fold = tagger.features.fold
    tp = fp = found = total = 0
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("lang") != "ar":
            continue
        text = (corpus_root / gold["doc"]).read_text(encoding="utf-8")
        names = {(fold(n), e["type"]): key for key, e in gold["entities"].items() for n in e["names"].get("ar", [])}
        ignored = {fold(n) for n in gold.get("ignore", [])} | {n for n, _ in names}
        hit = set()
        for s, e, label in ner.tagged(tagger, text):
            key = names.get((fold(text[s:e]), kinds[label]))
            if key:
                tp += 1
                hit.add(key)
            elif fold(text[s:e]) not in ignored:
                fp += 1
        wanted = {k for k, e in gold["entities"].items() if e["type"] in kinds.values() and e["names"].get("ar")}
        found += len(hit & wanted)
        total += len(wanted)
    return {"precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
            "entity_recall": round(found / total, 4) if total else 0.0, "gold_entities": total}


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``train`` or ``bench``."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="score on a dev split, retrain on all, export the model")
    t.add_argument("--data", type=Path, required=True, help="ANERcorp train.conll")
    t.add_argument("--unlabeled", type=Path, help="a .jsonl corpus whose words are counted (content field)")
    t.add_argument("--out", type=Path, default=ner.MODEL_DIR)
    t.add_argument("--dev-fraction", type=float, default=0.1)
    t.add_argument("--c1", type=float, default=0.02)
    t.add_argument("--c2", type=float, default=0.1)
    t.add_argument("--max-iterations", type=int, default=150)
    t.add_argument("--min-count", type=int, default=2)
    b = sub.add_parser("bench", help="words per second of ner.predict on a .jsonl corpus")
    b.add_argument("--corpus", type=Path, required=True)
    b.add_argument("--limit", type=int, default=0, help="only the first N articles")
    g = sub.add_parser("gold", help="check a model against the gold articles (names found, per type)")
    g.add_argument("--gold", type=Path, required=True, help="the gold folder (one .json per article)")
    g.add_argument("--corpus-root", type=Path, required=True, help="folder the gold 'doc' paths are relative to")
    g.add_argument("--model", type=Path, default=ner.MODEL_DIR)
    args = p.parse_args(argv)
    if args.command == "gold":
        print(json.dumps(gold_scores(ner.Tagger(args.model), args.gold, args.corpus_root), indent=1))
    else:
        (train if args.command == "train" else bench)(args)


if __name__ == "__main__":
    main()
