"""Generate ``kb/people.ttl`` (people, tenures) and ``kb/posts.ttl`` (posts) from ``tools/kb/people*.tsv``.

``people*.tsv``: a person line ``slug<TAB>en labels<TAB>ar labels<TAB>ru labels<TAB>wikidata`` (labels
separated by ``|``, the preferred one first), followed by its tenure lines
``<TAB>holder<TAB>role-id<TAB>start<TAB>end``, where the holder is an ISO alpha-2 country code
(``RU``), an organisation slug (``un``) or a region/city IRI tail (``city/abu-dhabi``); dates are ISO
(``YYYY-01-01`` when only the year is known), an empty end means still in office.

Arabic person labels also get the spellings papers use for foreign names (غ/ج), and the first label
without an honorific (الأمير، الشيخ، الملك…) becomes the preferred one.

Post labels are made from the role's labels and the country's nisba adjective or the organisation's
name ("وزير الخارجية الروسي", "وزير خارجية روسيا", "Minister of Foreign Affairs of Russia",
"الأمين العام للأمم المتحدة"), plus ``post_labels.tsv`` rows ``holder<TAB>role-id<TAB>lang<TAB>label``
(e.g. the US foreign minister is the "Secretary of State"); a post listed there exists even with no holder.
Reads the already generated countries.ttl and the hand-written roles.ttl/orgs.ttl, so run
``gen_kb_countries.py`` first (``make kb`` does).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from gen_kb_common import DATA, ID, KB_DIR, block, english_of, label_lines, read_tsv, write_ttl

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RU_GENITIVE = {cc: gen for cc, gen in read_tsv("ru_genitive.tsv", 2)}
MINISTER_OF = {"foreign": "foreign-minister", "defence": "defence-minister", "interior": "interior-minister"}


def holder_iri(code: str) -> str:
    """The IRI of a post holder written in the tables: ``RU`` → country, ``un`` → org, ``city/x`` as is."""
    if re.fullmatch(r"[A-Z]{2}", code):
        return f"{ID}country/{code}"
    if "/" in code:
        return ID + code
    return f"{ID}org/{code}"


def genitive(name: str) -> str:
    """Arabic "of X" with the preposition لـ: الأمم المتحدة → للأمم المتحدة, منظمة → لمنظمة."""
    return "ل" + name[1:] if name.startswith("ال") else "ل" + name


def post_labels(role, org, extra: dict[str, list[str]]) -> dict[str, list[str]]:
    """Labels of a post from its role and holder (country adjective / organisation name) plus overrides."""
    labels: dict[str, list[str]] = {lang: list(v) for lang, v in extra.items()}
    ar_role = role.labels.get("ar", ())
    ar_org = org.labels.get("ar", ())
    construct = next((x for x in ar_role[1:] if not x.startswith("ال")), None)
    if org.type == "Country":
        masc = [a for a in org.adjectives if a.endswith("ي")]
        labels.setdefault("ar", []).extend(f"{ar_role[0]} ال{a}" for a in masc)
        if construct and ar_org:
            labels["ar"].append(f"{construct} {ar_org[0]}")
    elif org.type == "Region" and construct and ar_org:
        labels.setdefault("ar", []).append(f"{construct} {ar_org[0]}")     # أمير منطقة الرياض
    elif ar_role and ar_org and "ar" not in extra:      # an organisation's post: its listed names win
        labels.setdefault("ar", []).append(f"{ar_role[0]} {genitive(ar_org[0])}")
        if construct:
            labels["ar"].append(f"{construct} {ar_org[0]}")
    if role.labels.get("en") and org.labels.get("en") and (org.type == "Country" or "en" not in extra):
        org_en = english_of(org.labels["en"][0]) if org.type == "Country" else org.labels["en"][0]
        labels.setdefault("en", []).append(f"{role.labels['en'][0]} of {org_en}")
    if "ru" not in labels and role.labels.get("ru"):
        if org.iri.rsplit("/", 1)[-1] in RU_GENITIVE:
            labels["ru"] = [f"{role.labels['ru'][0]} {RU_GENITIVE[org.iri.rsplit('/', 1)[-1]]}"]
        elif org.labels.get("ru"):
            labels["ru"] = [f"{role.labels['ru'][0]} ({org.labels['ru'][0]})"]   # no genitive inflection by rule
    return labels


HONORIFICS = ("الأمير ", "الشيخ ", "الملك ", "الملكة ", "السلطان ", "الشيخة ")


def plain_name_first(names: list[str]) -> list[str]:
    """The preferred label is the name without an honorific (محمد بن سلمان, not الأمير محمد بن سلمان)."""
    plain = [n for n in names if not n.startswith(HONORIFICS)]
    return ([plain[0]] + [n for n in names if n != plain[0]]) if plain else names


def spelling_variants(name: str) -> list[str]:
    """Other spellings Arabic papers use for a name: a foreign hard g as "غ" or "ج" (سيرغي / سيرجي)."""
    return [name.replace("غ", "ج")] if "غ" in name else []


def read_people(paths: list[Path]) -> tuple[list[list[str]], list[tuple[str, str, str, str, str]]]:
    """Person rows and tenure rows ``(person slug, holder code, role id, start, end)`` from the tables."""
    people: list[list[str]] = []
    tenures: list[tuple[str, str, str, str, str]] = []
    for path in paths:
        for n, cols in enumerate(read_tsv(path.name, 5), 1):
            if cols[0]:
                people.append(cols)
                continue
            if not people:
                sys.exit(f"{path.name}: tenure line {n} before any person")
            _, code, role, start, end = cols[:5]
            for d in (start, end):
                if d and not _DATE.match(d):
                    sys.exit(f"{path.name}: bad date {d!r} for {people[-1][0]}")
            tenures.append((people[-1][0], code, role, start, end))
    return people, tenures


def main() -> None:
    """Write people.ttl and posts.ttl."""
    sys.path.insert(0, str(KB_DIR.parents[2]))
    from newsgraph.ontology.kb import build_kb, parse_files

    sources = [KB_DIR / n for n in ("countries.ttl", "roles.ttl", "orgs.ttl", "groups.ttl", "places.ttl")]
    kb = build_kb(parse_files([p for p in sources if p.exists()]))
    people, tenures = read_people(sorted(DATA.glob("people*.tsv")))
    overrides: dict[str, dict[str, list[str]]] = {}
    for code, role_id, lang, label in read_tsv("post_labels.tsv", 4):
        post = f"{holder_iri(code)}/post/{role_id}"
        overrides.setdefault(post, {}).setdefault(lang, []).append(label)

    slugs = [p[0] for p in people]
    dupes = {s for s in slugs if slugs.count(s) > 1}
    if dupes:
        sys.exit(f"duplicate people: {sorted(dupes)}")
    person_blocks = []
    holds: dict[str, list[str]] = {}
    tenure_blocks = []
    posts: dict[str, tuple[str, str]] = {}
    for slug, code, role_id, start, end in tenures:
        org_iri = holder_iri(code)
        role_iri = f"{ID}role/{role_id}"
        if role_iri not in kb.roles:
            sys.exit(f"unknown role {role_id!r} (person {slug})")
        if org_iri not in kb.entities:
            sys.exit(f"unknown post holder {code!r} (person {slug})")
        post = f"{org_iri}/post/{role_id}"
        posts[post] = (role_iri, org_iri)
        holds.setdefault(slug, []).append(post)
        lines = [f"ng:holder person:{slug}", f"ng:post <{post}>"]
        lines += [f'ng:startDate "{start}"^^xsd:date'] if start else []
        lines += [f'ng:endDate "{end}"^^xsd:date'] if end else []
        tenure_blocks.append(block("[]", ["ng:Tenure"], lines))
    for slug, en, ar, ru, wikidata in (p[:5] for p in people):
        labels = {lang: [x.strip() for x in v.split("|") if x.strip()] for lang, v in (("en", en), ("ar", ar), ("ru", ru))}
        labels["ar"] += [spelling for x in labels["ar"] for spelling in spelling_variants(x)]
        labels["ar"] = plain_name_first(labels["ar"])
        lines = label_lines(labels)
        if slug in holds:
            lines.append("ng:holdsPost " + ", ".join(f"<{p}>" for p in dict.fromkeys(holds[slug])))
        if wikidata:
            lines.append(f"owl:sameAs wd:{wikidata}")
        person_blocks.append(block(f"person:{slug}", ["ng:Person"], lines))
    # Every government in governments.tsv has its foreign/defence/interior minister posts, held or not.
    for cc, kinds in read_tsv("governments.tsv", 2):
        for kind in (k.strip() for k in kinds.split(",")):
            if kind.lstrip("-") in MINISTER_OF:
                role_id = MINISTER_OF[kind.lstrip("-")]
                posts.setdefault(f"{ID}country/{cc}/post/{role_id}", (f"{ID}role/{role_id}", f"{ID}country/{cc}"))
    post_blocks = []
    for post in sorted(set(posts) | set(overrides)):
        if post not in posts:
            org_part, role_id = post.rsplit("/post/", 1)
            posts[post] = (f"{ID}role/{role_id}", org_part)
        role_iri, org_iri = posts[post]
        role, org = kb.roles[role_iri], kb.entities[org_iri]
        lines = label_lines(post_labels(role, org, overrides.get(post, {})))
        lines += [f"ng:role <{role_iri}>", f"ng:postIn <{org_iri}>"]
        if org.type == "Country":
            lines.append(f"ng:country <{org_iri}>")
        post_blocks.append(block(f"<{post}>", ["ng:Post"], lines))
    write_ttl("people.ttl", "People and their tenures in posts (tools/kb/people*.tsv).", person_blocks + tenure_blocks)
    write_ttl("posts.ttl", "Posts (offices): <org-or-country IRI>/post/<role id> (tools/kb/people*.tsv, post_labels.tsv).",
              post_blocks)
    print(f"wrote {len(person_blocks)} people, {len(tenure_blocks)} tenures, {len(post_blocks)} posts")


if __name__ == "__main__":
    main()
