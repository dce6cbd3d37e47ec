"""Generate ``newsgraph/ontology/kb/places.ttl``: cities and regions.

Cities come from ``tools/kb/cities.tsv`` (hand-written, news-relevant, with Arabic variants) plus
CLDR's exemplar cities of every time zone (Babel: Arabic, English and Russian names), except those
whose Arabic name is already a country, region or listed city, or is a common word
(``city_skip.tsv``). Regions come from ``tools/kb/regions.tsv``; a CLDR region code there adds
CLDR's names. Run after ``gen_kb_countries.py`` (``make kb``).
"""
from __future__ import annotations

import re

from gen_kb_common import block, label_lines, read_tsv, slug, strip_harakat, write_ttl

_ALEF = re.compile("[أإآ]")


def fold(text: str) -> str:
    """A light Arabic folding for comparing names (no vowels, one alef, ة→ه, ى→ي)."""
    return _ALEF.sub("ا", strip_harakat(text)).replace("ة", "ه").replace("ى", "ي")


def split(labels: str) -> list[str]:
    """``a|b|c`` → ``[a, b, c]`` without empty items."""
    return [x.strip() for x in labels.split("|") if x.strip()]


def country_labels() -> set[str]:
    """Folded Arabic labels of the countries already generated (countries.ttl)."""
    import sys

    from gen_kb_common import KB_DIR

    sys.path.insert(0, str(KB_DIR.parents[2]))
    from newsgraph.ontology.kb import build_kb, parse_files

    kb = build_kb(parse_files([KB_DIR / "countries.ttl"]))
    return {fold(x) for e in kb.entities.values() for x in e.labels.get("ar", ())}


def region_blocks() -> tuple[list[str], set[str]]:
    """Turtle blocks of the regions and their folded Arabic labels."""
    from babel import Locale

    cldr = {lang: Locale(lang).territories for lang in ("ar", "en", "ru")}
    blocks, taken = [], set()
    for rslug, where, en, ar, ru in read_tsv("regions.tsv", 5):
        labels = {"en": split(en), "ar": split(ar), "ru": split(ru)}
        lines: list[str] = []
        if re.fullmatch(r"\d{3}", where):
            for lang in labels:
                labels[lang].append(cldr[lang].get(where, ""))
        elif where:
            lines.append(f"ng:country country:{where}")
            lines.append(f"ng:partOf country:{where}")
        taken |= {fold(x) for x in labels["ar"]}
        blocks.append(block(f"region:{rslug}", ["ng:Region"], label_lines(labels) + lines))
    return blocks, taken


def main() -> None:
    """Write places.ttl."""
    from babel.core import get_global
    from babel.dates import get_timezone_location

    blocks, taken = region_blocks()
    taken |= country_labels()
    skip = {fold(row[0]) for row in read_tsv("city_skip.tsv", 1)}
    seen_slugs: set[str] = set()
    cities = []
    for cslug, cc, en, ar, ru in read_tsv("cities.tsv", 5):
        cities.append((cslug, cc, {"en": split(en), "ar": split(ar), "ru": split(ru)}))
        seen_slugs.add(cslug)
        taken |= {fold(x) for x in split(ar)}
    hand = len(cities)
    for tz, cc in sorted(get_global("zone_territories").items()):
        if not re.fullmatch(r"[A-Z]{2}", cc) or cc == "ZZ" or tz.startswith("Etc/"):
            continue
        names = {lang: get_timezone_location(tz, locale=lang, return_city=True) for lang in ("en", "ar", "ru")}
        ar = strip_harakat(names["ar"])
        cslug = slug(names["en"])
        if not cslug or cslug in seen_slugs or fold(ar) in taken or fold(ar) in skip or len(ar) < 3:
            continue
        seen_slugs.add(cslug)
        taken.add(fold(ar))
        cities.append((cslug, cc, {"en": [names["en"]], "ar": [ar], "ru": [names["ru"]]}))
    for cslug, cc, labels in cities:
        lines = label_lines(labels)
        if cc:
            lines.append(f"ng:country country:{cc}")
        blocks.append(block(f"city:{cslug}", ["ng:City"], lines))
    write_ttl("places.ttl", "Cities (tools/kb/cities.tsv + CLDR exemplar cities) and regions (tools/kb/regions.tsv).", blocks)
    print(f"wrote {len(cities)} cities ({hand} hand-written) and {len(blocks) - len(cities)} regions")


if __name__ == "__main__":
    main()
