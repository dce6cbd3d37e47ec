"""Generate ``newsgraph/ontology/kb/government.ttl``: governments, ministries and state memberships.

For each country in ``tools/kb/governments.tsv`` the names are made from the country's Arabic
feminine nisba ("وزارة الخارجية الروسية", "الخارجية الروسية", "الحكومة التركية") and its name in
construct ("وزارة خارجية روسيا", "حكومة تركيا"), plus English and Russian patterns and the extra
labels in ``government_labels.tsv``. IRIs: ``org/government-<CC>``, ``org/ministry-of-foreign-affairs-<CC>``,
``org/ministry-of-defence-<CC>``, ``org/ministry-of-interior-<CC>``. Run after gen_kb_countries.py.
"""
from __future__ import annotations

import sys

from gen_kb_common import KB_DIR, block, english_of, label_lines, read_tsv, write_ttl

# kind -> (IRI stem, class, Arabic definite head, Arabic construct head, short Arabic form?, en pattern, ru head)
KINDS = {
    "government": ("government", "ng:Government", "الحكومة", "حكومة", False, "Government of {}", "Правительство"),
    "foreign": ("ministry-of-foreign-affairs", "ng:Ministry", "وزارة الخارجية", "وزارة خارجية", True,
                "Ministry of Foreign Affairs of {}", "Министерство иностранных дел"),
    "defence": ("ministry-of-defence", "ng:Ministry", "وزارة الدفاع", "وزارة دفاع", False,
                "Ministry of Defence of {}", "Министерство обороны"),
    "interior": ("ministry-of-interior", "ng:Ministry", "وزارة الداخلية", "وزارة داخلية", True,
                 "Ministry of the Interior of {}", "Министерство внутренних дел"),
}
SHORT = {"foreign": "الخارجية", "interior": "الداخلية"}
RU_GENITIVE = {cc: gen for cc, gen in read_tsv("ru_genitive.tsv", 2)}


def labels_for(kind: str, country, extra: dict[str, list[str]]) -> dict[str, list[str]]:
    """Arabic, English and Russian names of one government body of ``country`` (a KBEntity)."""
    _, _, definite, construct, short, en_pattern, ru_head = KINDS[kind]
    labels = {lang: list(v) for lang, v in extra.items()}
    fem = [a for a in country.adjectives if a.endswith("ية")]
    ar = labels.setdefault("ar", [])
    ar += [f"{definite} ال{a}" for a in fem]
    ar += [f"{construct} {name}" for name in country.labels["ar"][:2]]
    if short:
        ar += [f"{SHORT[kind]} ال{a}" for a in fem]
    labels.setdefault("en", []).append(en_pattern.format(english_of(country.labels["en"][0])))
    if "ru" not in labels and cc_of(country) in RU_GENITIVE:
        labels["ru"] = [f"{ru_head} {RU_GENITIVE[cc_of(country)]}"]
        if kind == "foreign":
            labels["ru"].append(f"МИД {RU_GENITIVE[cc_of(country)]}")
    elif "ru" not in labels and country.labels.get("ru"):
        labels["ru"] = [f"{ru_head} ({country.labels['ru'][0]})"]
    return labels


def cc_of(country) -> str:
    """The ISO code at the end of a country IRI."""
    return country.iri.rsplit("/", 1)[-1]


def main() -> None:
    """Write government.ttl."""
    sys.path.insert(0, str(KB_DIR.parents[2]))
    from newsgraph.ontology.kb import build_kb, parse_files

    kb = build_kb(parse_files([KB_DIR / "countries.ttl"]))
    extra: dict[tuple[str, str], dict[str, list[str]]] = {}
    for cc, kind, lang, label in read_tsv("government_labels.tsv", 4):
        extra.setdefault((cc, kind), {}).setdefault(lang, []).append(label)
    blocks = []
    for cc, kinds in read_tsv("governments.tsv", 2):
        country = kb.entities[f"https://w3id.org/newsgraph/id/country/{cc}"]
        for kind in (k.strip() for k in kinds.split(",")):
            if kind.startswith("-"):
                continue
            stem, cls = KINDS[kind][:2]
            lines = label_lines(labels_for(kind, country, extra.get((cc, kind), {})))
            lines.append(f"ng:country country:{cc}")
            if kind != "government":
                lines.append(f"ng:partOf org:government-{cc}")
            blocks.append(block(f"org:{stem}-{cc}", [cls], lines))
    members = [f"country:{cc} ng:memberOf org:{org} ." for org, codes in read_tsv("memberships.tsv", 2)
               for cc in sorted(c.strip() for c in codes.split(",") if c.strip())]
    write_ttl("government.ttl", "Governments and ministries (tools/kb/governments.tsv, government_labels.tsv) "
              "and memberships of states in organisations (memberships.tsv).", blocks + ["\n".join(members) + "\n"])
    print(f"wrote {len(blocks)} governments and ministries, {len(members)} memberships")


if __name__ == "__main__":
    main()
