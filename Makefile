# newsgraph — the commands a developer and CI run.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
SHARED  ?= ../shared
DEMO    ?= $(SHARED)/corpus/ar/csto-cmfa-indivisible-security-2022-06-10.txt
OUT     ?= demo-output

.PHONY: bench-extract install test lint demo bench bench-store bench-corpus score clean namespace train-ner kb system-deps

$(BIN)/newsgraph: pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dev]'
	touch $@

install: $(BIN)/newsgraph

# System packages some tests need: Virtuoso (a real SPARQL server) and Chromium (HTML rendering).
# Idempotent; installs only what is missing, and only as root (elsewhere it says what to install).
SYSTEM_DEPS := virtuoso-t:virtuoso-opensource chromium:chromium
system-deps:
	@missing=""; for dep in $(SYSTEM_DEPS); do command -v $${dep%%:*} >/dev/null || missing="$$missing $${dep##*:}"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing$$missing"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; }; \
	else echo "note: missing system packages:$$missing (apt-get install them as root; their tests are skipped)"; fi

test: install system-deps
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check newsgraph tests tools

score: install
	$(BIN)/python $(SHARED)/tools/score.py --cmd $(BIN)/newsgraph --corpus-root $(SHARED)

# The main job end to end on the embedded store: build the founding article, run the named queries, export Turtle.
NAMED_QUERIES := articles entities quotes adoptions affirmations positions events
demo: install
	rm -rf $(OUT) && mkdir -p $(OUT)
	$(BIN)/newsgraph build $(DEMO) --db $(OUT)/newsgraph.db
	@for q in $(NAMED_QUERIES); do echo; echo "== newsgraph query $$q --lang en"; \
		$(BIN)/newsgraph query $$q --db $(OUT)/newsgraph.db --lang en || exit 1; done
	$(BIN)/newsgraph export --db $(OUT)/newsgraph.db --format turtle -o $(OUT)/graph.ttl
	$(BIN)/newsgraph stats --db $(OUT)/newsgraph.db
	$(BIN)/newsgraph network --db $(OUT)/newsgraph.db --lang en --top 10
	$(BIN)/newsgraph viz --db $(OUT)/newsgraph.db --lang ar -o $(OUT)/network.html
	$(BIN)/newsgraph viz --db $(OUT)/newsgraph.db --lang ar -o $(OUT)/network.png

# Oxigraph vs rdflib's memory store on a generated graph of about a million triples (results in bench-output/).
BENCH_TRIPLES ?= 1000000
bench-store: install
	$(BIN)/python tools/bench_store.py --triples $(BENCH_TRIPLES) --out bench-output

# Corpus builds of 100, 1,000, all and 10x the articles of the SaudiNewsNet sample: time, words and
# triples per second, peak memory, store size, unchanged rebuild, query p50/p95 vs rdflib (bench-output/corpus.*).
BENCH_CORPUS ?= $(SHARED)/data/saudinewsnet/politics-2015.jsonl
BENCH_JOBS   ?= 2
bench-corpus: install
	$(BIN)/python tools/bench_corpus.py --corpus $(BENCH_CORPUS) --jobs $(BENCH_JOBS) --out bench-output

# Extraction words per second on one core (CPU time) and the graph size it makes (bench-output/extract.json).
bench-extract: install
	$(BIN)/python tools/bench_extract.py $(BENCH_CORPUS) --out bench-output

bench: bench-extract bench-store bench-corpus

namespace: install
	$(BIN)/python tools/gen_namespace.py

# The generated KB files (countries, places, governments, people and posts) from CLDR and tools/kb/*.tsv.
kb: install
	cd tools && ../$(BIN)/python gen_kb_countries.py && ../$(BIN)/python gen_kb_places.py \
		&& ../$(BIN)/python gen_kb_government.py && ../$(BIN)/python gen_kb_people.py

clean:
	rm -rf $(VENV) build dist *.egg-info newsgraph.db $(OUT) bench-output .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# The statistical Arabic NER model (newsgraph/extract/models/ner): CRF on ANERcorp, ~2 min on one core.
train-ner: install
	$(BIN)/python tools/train_ner.py train --data $(SHARED)/data/anercorp/train.conll \
		--unlabeled $(SHARED)/data/saudinewsnet/politics-2015.jsonl
	$(BIN)/python tools/train_ner.py bench --corpus $(SHARED)/data/saudinewsnet/politics-2015.jsonl
