"""The knowledge base of world knowledge: reference entities, roles, posts and tenures.

The KB is RDF (``newsgraph/ontology/kb/*.ttl``, plus any folders named in ``$NEWSGRAPH_KB``, so
users extend it by adding Turtle). This module reads it into plain frozen dataclasses that the
extractor compiles its gazetteer from and resolves titles against (``KB.holder``).

Conventions the files follow (see docs/internals.md, "The knowledge base"):

* labels: ``skos:prefLabel`` (one per language) then ``skos:altLabel`` variants → ``labels[lang]``;
  ``skos:hiddenLabel`` holds names that must NOT be matched in running text because they are
  ambiguous (the newspaper "الرياض" is also the city, "اليوم" also means "today"); they are not
  in ``labels``. An entity typed ``ng:matchable false`` is never matched at all (``matchable``).
* ``ng:adjective`` (ar): nisba forms without the article, for countries.
* posts: ``<org-or-country IRI>/post/<role-id>``; ``Post.role`` is the role IRI
  (``kb.roles[post.role].id`` is the role id), ``Post.org`` the org or country IRI.
* tenures: ``[] a ng:Tenure ; ng:holder <p> ; ng:post <post> ; ng:startDate … ; ng:endDate …``;
  a bare ``<p> ng:holdsPost <post>`` without a tenure gives an undated tenure.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsgraph.errors import InputError

NG = "https://w3id.org/newsgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_SUBCLASSOF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
WIKIDATA = "http://www.wikidata.org/entity/"
KB_DIR = Path(__file__).resolve().parent / "kb"
ENV_VAR = "NEWSGRAPH_KB"

#: ng: class local name → top-level category of the named-query contract.
CATEGORY_OF: dict[str, str] = {
    "Person": "Person",
    **{c: "Organization" for c in (
        "Organization", "IntergovernmentalOrganization", "OrganizationOrgan", "Government", "Ministry",
        "NewsAgency", "MediaOrganization", "PoliticalOrganization", "ArmedGroup", "FinancialInstitution",
        "Alliance")},
    **{c: "Place" for c in ("Place", "Country", "City", "Region")},
    **{c: "Concept" for c in ("Concept", "Principle", "Topic")},
    **{c: "Document" for c in (
        "Document", "Declaration", "Statement", "Resolution", "Plan", "Agreement", "Treaty")},
    **{c: "Event" for c in (
        "Event", "Meeting", "Summit", "PhoneCall", "PressConference", "Visit", "Adoption", "Vote")},
}
_TOP = {"Person", "Organization", "Place", "Concept", "Document", "Event"}


@dataclass(frozen=True)
class KBEntity:
    """A reference entity: a country, city, organisation, person… with its labels in several languages."""

    iri: str
    category: str                         # "Person"|"Organization"|"Place"|"Concept"|"Document"|"Event"
    type: str                             # most specific class local name, e.g. "Country", "NewsAgency"
    labels: dict[str, tuple[str, ...]]    # lang -> labels, prefLabel first, then altLabels
    adjectives: tuple[str, ...] = ()      # ar nisba forms without "ال" (countries)
    wikidata: str | None = None           # "Q159"
    country: str | None = None            # country IRI (ng:country)
    part_of: str | None = None            # parent IRI (ng:partOf), e.g. an organ's organisation
    site_ids: tuple[str, ...] = ()        # ng:siteId: web domains and corpus source ids of a medium
    matchable: bool = True                # False: never matched from running text
    member_of: tuple[str, ...] = ()       # IRIs of organisations it is a member of (ng:memberOf)


@dataclass(frozen=True)
class Role:
    """A kind of office (foreign minister, president…), independent of any country or organisation."""

    iri: str
    id: str                               # the IRI's last segment, e.g. "foreign-minister"
    labels: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Post:
    """An office in one country or organisation: ``<org IRI>/post/<role id>``."""

    iri: str
    role: str                             # role IRI
    org: str                              # org or country IRI (ng:postIn)
    labels: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Tenure:
    """A person in a post from ``start`` to ``end`` (ISO dates, inclusive; None = unknown/open)."""

    person: str
    post: str
    start: str | None
    end: str | None

    def covers(self, date: str) -> bool:
        """Whether this tenure includes ``date`` (ISO; only its first 10 characters count)."""
        day = date[:10]
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class KB:
    """The loaded knowledge base. Dicts are keyed by IRI."""

    entities: dict[str, KBEntity] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    tenures: tuple[Tenure, ...] = ()

    def __post_init__(self) -> None:
        self._by_post: dict[str, list[Tenure]] = {}
        self._by_person: dict[str, list[Tenure]] = {}
        for t in self.tenures:
            self._by_post.setdefault(t.post, []).append(t)
            self._by_person.setdefault(t.person, []).append(t)
        self._sites: dict[str, str] = {}
        for ent in self.entities.values():
            for sid in ent.site_ids:
                self._sites.setdefault(sid.lower(), ent.iri)
        self._role_ids = {r.id: r.iri for r in self.roles.values()}

    def holder(self, post_iri: str, date: str | None) -> str | None:
        """Who held ``post_iri`` on ``date`` (ISO); with no date, the holder with the latest start.

        When tenures overlap (a handover day), the one that started last wins.
        """
        tenures = self._by_post.get(post_iri, [])
        if date:
            tenures = [t for t in tenures if t.covers(date)]
        if not tenures:
            return None
        return max(tenures, key=lambda t: (t.start or "", t.person)).person

    def posts_held(self, person_iri: str, date: str | None) -> list[str]:
        """The posts ``person_iri`` held on ``date`` (all posts ever, latest first, when date is None)."""
        tenures = self._by_person.get(person_iri, [])
        if date:
            tenures = [t for t in tenures if t.covers(date)]
        ordered = sorted(tenures, key=lambda t: (t.start or "", t.post), reverse=True)
        return list(dict.fromkeys(t.post for t in ordered))

    def post_iri(self, org_iri: str, role_id: str) -> str:
        """The IRI of the post ``role_id`` in an organisation or country (the rule the extractor mints with).

        ``org_iri`` may also be the key of an organisation found in the text ("Organization:name"):
        the post then hangs under that organisation's minted IRI, not under a slug of key and role.
        """
        if "://" not in org_iri:
            from newsgraph.graph.iri import post_key

            return post_key(org_iri, role_id)
        return f"{org_iri}/post/{role_id}"

    def by_site_id(self, site_id: str) -> str | None:
        """The media entity known by ``site_id`` (a domain such as ``aawsat.com`` or a source id), or None."""
        key = site_id.strip().lower()
        if key.startswith("www."):
            key = key[4:]
        return self._sites.get(key)

    def role_iri(self, role_id: str) -> str | None:
        """The IRI of the role with id ``role_id`` (``foreign-minister``), or None if the KB has no such role."""
        return self._role_ids.get(role_id)


def kb_files(extra_dirs: Sequence[Path] = ()) -> list[Path]:
    """The Turtle files the KB is read from: the package's kb/*.ttl, then $NEWSGRAPH_KB dirs, then ``extra_dirs``."""
    dirs: list[Path] = [KB_DIR]
    dirs += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    dirs += [Path(p) for p in extra_dirs]
    files: list[Path] = []
    for d in dirs:
        if d.is_file():
            files.append(d)
        elif d.is_dir():
            files += sorted(d.glob("*.ttl"))
        elif d != KB_DIR:
            raise InputError(f"KB folder {d} does not exist; fix ${ENV_VAR} or the path given")
    return list(dict.fromkeys(files))


def load_kb(extra_dirs: Sequence[Path] = ()) -> KB:
    """Load (once per process and set of files) the KB from :func:`kb_files`.

    Parsing the Turtle takes about a third of a second, so the parsed KB is also pickled under the
    user cache dir (``$NEWSGRAPH_CACHE``, else ``$XDG_CACHE_HOME/newsgraph``, else ``~/.cache/newsgraph``),
    keyed by a hash of the files' paths and contents; a changed file gives a new key.
    """
    files = tuple(kb_files(extra_dirs))
    stamps = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return _load(stamps)


@lru_cache(maxsize=8)
def _load(stamps: tuple[tuple[str, int, int], ...]) -> KB:
    files = [Path(s[0]) for s in stamps]
    cache = _cache_path(files)
    if cache is not None and cache.exists():
        try:
            with cache.open("rb") as fh:
                kb = pickle.load(fh)
            if isinstance(kb, KB):
                return kb
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            pass  # a stale or broken cache is rebuilt below
    kb = build_kb(parse_files(files))
    if cache is not None:
        _write_cache(cache, kb)
    return kb


def _cache_path(files: Sequence[Path]) -> Path | None:
    digest = hashlib.sha256()
    try:
        digest.update(Path(__file__).read_bytes())  # a change to this loader invalidates the cache too
        for f in files:
            digest.update(str(f).encode() + b"\0" + f.read_bytes() + b"\0")
    except OSError:
        return None
    base = os.environ.get("NEWSGRAPH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "newsgraph")
    return Path(base) / f"kb-{digest.hexdigest()[:32]}.pickle"


def _write_cache(path: Path, kb: KB) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # no writable cache dir: load from Turtle each time


def parse_files(files: Sequence[Path]) -> dict[str, dict[str, list[tuple[str, str | None]]]]:
    """Parse Turtle files with pyoxigraph into ``{subject: {predicate: [(value, lang)]}}``.

    Blank nodes (tenures) are keyed ``_:<file index>:<id>`` so files cannot clash.
    """
    import pyoxigraph as ox

    subjects: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
    for n, path in enumerate(files):
        try:
            triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        except (SyntaxError, ValueError, OSError) as err:
            raise InputError(f"KB file {path} cannot be read ({err}); fix the Turtle or remove the file") from None
        for t in triples:
            s = t.subject
            key = f"_:{n}:{s.value}" if isinstance(s, ox.BlankNode) else s.value
            o = t.object
            if isinstance(o, ox.BlankNode):
                value, lang = f"_:{n}:{o.value}", None
            elif isinstance(o, ox.Literal):
                value, lang = o.value, o.language
            else:
                value, lang = o.value, None
            subjects.setdefault(key, {}).setdefault(t.predicate.value, []).append((value, lang))
    return subjects


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _labels(props: dict[str, list]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for pred in (SKOS + "prefLabel", SKOS + "altLabel"):
        for value, lang in props.get(pred, []):
            labels = out.setdefault(lang or "", [])
            if value not in labels:
                labels.append(value)
    return {lang: tuple(v) for lang, v in out.items()}


def _first(props: dict[str, list], pred: str) -> str | None:
    values = sorted(v for v, _ in props.get(pred, []))
    return values[0] if values else None


def _entity(iri: str, types: list[str], props: dict[str, list]) -> KBEntity | None:
    known = [t for t in types if t in CATEGORY_OF]
    if not known:
        return None
    specific = sorted(known, key=lambda t: (t in _TOP, t))[0]
    wikidata = next((v[len(WIKIDATA):] for v, _ in props.get(OWL_SAMEAS, []) if v.startswith(WIKIDATA)), None)
    matchable = _first(props, NG + "matchable") not in ("false", "0")
    return KBEntity(
        iri=iri,
        category=CATEGORY_OF[specific],
        type=specific,
        labels=_labels(props),
        adjectives=tuple(dict.fromkeys(v for v, lang in props.get(NG + "adjective", []) if lang in ("ar", None))),
        wikidata=wikidata,
        country=_first(props, NG + "country"),
        part_of=_first(props, NG + "partOf"),
        site_ids=tuple(sorted({v for v, _ in props.get(NG + "siteId", [])})),
        matchable=matchable,
        member_of=tuple(sorted({v for v, _ in props.get(NG + "memberOf", [])})),
    )


def _ng_types(classes: list[str], subjects: dict[str, dict[str, list]]) -> list[str]:
    """Local names of the ng: classes among ``classes`` or their superclasses (a user's own subclass of
    ng:MediaOrganization declared with rdfs:subClassOf in a KB file counts as a MediaOrganization)."""
    found: list[str] = []
    seen: set[str] = set()
    todo = list(classes)
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        if cls.startswith(NG):
            found.append(_local(cls))
        else:
            todo += [v for v, _ in subjects.get(cls, {}).get(RDFS_SUBCLASSOF, [])]
    return found


def build_kb(subjects: dict[str, dict[str, list[tuple[str, str | None]]]]) -> KB:
    """Turn ``{subject: {predicate: [(value, lang)]}}`` (as parsed from the KB files) into a :class:`KB`."""
    entities: dict[str, KBEntity] = {}
    roles: dict[str, Role] = {}
    posts: dict[str, Post] = {}
    tenures: list[Tenure] = []
    for iri in sorted(subjects):
        props = subjects[iri]
        types = _ng_types([v for v, _ in props.get(RDF_TYPE, [])], subjects)
        if "Tenure" in types:
            person, post = _first(props, NG + "holder"), _first(props, NG + "post")
            if person and post:
                tenures.append(Tenure(person, post, _first(props, NG + "startDate"), _first(props, NG + "endDate")))
        elif "Role" in types:
            roles[iri] = Role(iri, _local(iri), _labels(props))
        elif "Post" in types:
            role = _first(props, NG + "role") or ""
            org = _first(props, NG + "postIn") or iri.rsplit("/post/", 1)[0]
            posts[iri] = Post(iri, role, org, _labels(props))
        else:
            ent = _entity(iri, types, props)
            if ent is not None:
                entities[iri] = ent
    dated = {(t.person, t.post) for t in tenures}
    for iri in sorted(subjects):
        for post, _ in subjects[iri].get(NG + "holdsPost", []):
            if (iri, post) not in dated:
                tenures.append(Tenure(iri, post, None, None))
                dated.add((iri, post))
    tenures.sort(key=lambda t: (t.post, t.start or "", t.person))
    return KB(entities=entities, roles=roles, posts=posts, tenures=tuple(tenures))
