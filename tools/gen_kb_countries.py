"""Generate ``newsgraph/ontology/kb/countries.ttl`` from CLDR (Babel), pycountry and the tables in tools/kb/.

Every territory CLDR names in Arabic, English and Russian becomes an ``ng:Country`` with its
ISO alpha-2 IRI, the variants news uses (``country_labels.tsv``), Arabic nisba adjectives
(``nisba.tsv`` overrides, else a rule) and, where certain, its Wikidata item
(``country_wikidata.tsv``). Run: ``python tools/gen_kb_countries.py`` (``make kb``).
"""
from __future__ import annotations

from gen_kb_common import block, label_lines, lit, read_tsv, strip_harakat, write_ttl

# CLDR territory codes that are not countries (or are organisations kept in orgs.ttl).
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


def nisba_bases(name: str) -> list[str]:
    """The masculine nisba derived by rule from a one-word Arabic country name (روسيا → روسي)."""
    name = strip_harakat(name)
    if " " in name or "-" in name:
        return []
    stem = name[2:] if name.startswith("ال") else name
    if stem.endswith("يا"):
        stem = stem[:-2]
    elif stem.endswith(("ا", "ة", "ه")):
        stem = stem[:-1]
    if len(stem) < 2:
        return []
    return [stem if stem.endswith("ي") else stem + "ي"]


def adjective_forms(bases: list[str], plurals: list[str]) -> list[str]:
    """Masculine, feminine, sound plurals and feminine plural of each base, then extra broken plurals."""
    forms: list[str] = []
    for base in bases:
        forms += [base, base + "ة", base + "ون", base + "ين", base + "ات"]
    return forms + plurals


def main() -> None:
    """Write countries.ttl."""
    import pycountry
    from babel import Locale

    names = {lang: Locale(lang).territories for lang in ("ar", "en", "ru")}
    codes = sorted(c for c in names["en"] if len(c) == 2 and c.isalpha() and c not in NOT_COUNTRIES)
    extra: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for cc, lang, kind, label in read_tsv("country_labels.tsv", 4):
        extra.setdefault((cc, lang), []).append((kind, label))
    nisba = {row[0]: row for row in read_tsv("nisba.tsv", 3)}
    wikidata = dict(row[:2] for row in read_tsv("country_wikidata.tsv", 2))
    blocks = []
    for cc in codes:
        labels: dict[str, list[str]] = {}
        for lang in ("ar", "en", "ru"):
            cldr = names[lang].get(cc)
            rows = extra.get((cc, lang), [])
            pref = [label for kind, label in rows if kind == "pref"]
            alts = [label for kind, label in rows if kind == "alt"]
            base = [strip_harakat(cldr)] if cldr and lang == "ar" else [cldr] if cldr else []
            labels[lang] = pref + base + alts
        country = pycountry.countries.get(alpha_2=cc)
        if country is not None:
            labels["en"] += [getattr(country, "official_name", ""), getattr(country, "common_name", ""), country.name]
        if cc in nisba:
            _, bases, plurals = nisba[cc][:3]
            base_list = [] if bases == "-" else [b for b in bases.split(",") if b]
            adjectives = adjective_forms(base_list, [p for p in plurals.split(",") if p])
        else:
            adjectives = adjective_forms(nisba_bases(labels["ar"][0]) if labels["ar"] else [], [])
        lines = label_lines(labels)
        if adjectives:
            lines.append("ng:adjective " + ", ".join(lit(a, "ar") for a in dict.fromkeys(adjectives)))
        if country is not None:
            lines.append(f"skos:notation {lit(cc)}, {lit(country.alpha_3)}")
        if cc in wikidata:
            lines.append(f"owl:sameAs wd:{wikidata[cc]}")
        blocks.append(block(f"country:{cc}", ["ng:Country"], lines))
    path = write_ttl("countries.ttl", "Countries and territories (CLDR via Babel, pycountry, tools/kb/*.tsv).", blocks)
    print(f"wrote {path} ({len(blocks)} countries)")


if __name__ == "__main__":
    main()
