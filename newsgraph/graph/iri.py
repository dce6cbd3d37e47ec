"""The one place where resource IRIs are minted (scheme in docs/internals.md, "IRIs").

Every function is pure: the same input gives the same IRI in every run and every article, so
graphs built from different articles merge on shared entities. IRIs are returned as plain strings;
``graph.build`` wraps them in ``rdflib.URIRef``.

Slugs are ASCII and injective on the names the extractor produces:

* Latin letters are lowercased, digits kept, runs of spaces, ``-`` and ``_`` become one ``-``;
* Arabic letters use a Buckwalter-style table in which every letter has its own ASCII letter
  (case matters: ``H`` is ح, ``h`` is ه) and no character needs escaping in an IRI;
* anything else (other scripts, punctuation, diacritics, over-long names), a name mixing Arabic
  and Latin letters, and an Arabic name whose transliteration has no capital letter (it could
  equal a Latin slug) gets a short hash of the full name after ``_``, a character no plain slug
  contains.
"""
from __future__ import annotations

import hashlib
import unicodedata

from newsgraph import config

#: Arabic letter → ASCII, one distinct letter each (Buckwalter with IRI-safe stand-ins for ' | > & < } * $).
_ARABIC = {
    "ء": "c", "آ": "M", "أ": "O", "ؤ": "W", "إ": "I", "ئ": "U", "ا": "A", "ب": "b", "ة": "p",
    "ت": "t", "ث": "v", "ج": "j", "ح": "H", "خ": "x", "د": "d", "ذ": "V", "ر": "r", "ز": "z",
    "س": "s", "ش": "X", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z", "ع": "E", "غ": "g", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ى": "Y", "ي": "y",
    "ٱ": "L", "پ": "P", "چ": "C", "گ": "G", "ڤ": "B", "ک": "K", "ی": "R",
}
_SEPARATORS = set(" \t\n\r-_\u00a0\u200c\u200f\u200e")
_MAX_SLUG = 64
_HASH_LEN = 8
#: Categories whose IRIs live under ``<base><category>/``.
CATEGORY_PATHS = {"Person": "person", "Organization": "organization", "Place": "place", "Concept": "concept",
                   "Document": "document", "Event": "event", "Post": "post"}


def short_hash(text: str) -> str:
    """A short, stable hex digest of ``text`` (used to keep slugs unique)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:_HASH_LEN]


def slug(text: str) -> str:
    """A deterministic ASCII slug of ``text``, unique per distinct (case-folded) input.

    Why: IRIs must be readable, stable across runs and free of characters that need escaping.
    """
    parts: list[str] = []
    lossy = arabic = latin = False
    for ch in unicodedata.normalize("NFC", text.strip()):
        if ch in _SEPARATORS:
            if parts and parts[-1] != "-":
                parts.append("-")
        elif ch.isascii() and ch.isalnum():
            parts.append(ch.lower())
            latin = latin or ch.isalpha()
        elif ch in _ARABIC:
            parts.append(_ARABIC[ch])
            arabic = True
        else:
            lossy = True
    out = "".join(parts).strip("-")
    if arabic and (latin or out == out.lower()):
        lossy = True
    if len(out) > _MAX_SLUG:
        out, lossy = out[:_MAX_SLUG].rstrip("-"), True
    if not out:
        return "x_" + short_hash(text)
    return f"{out}_{short_hash(text)}" if lossy else out


def is_iri(key: str) -> bool:
    """True when ``key`` is already an absolute http(s) IRI (a knowledge-base entity)."""
    return key.startswith(("http://", "https://", "urn:"))


def article_iri(article_id: str) -> str:
    """The IRI (and named-graph name) of an article, from ``Article.id``."""
    return f"{config.base()}article/{slug(article_id)}"


def entity_iri(key: str) -> str:
    """The IRI of an entity from its ``Entity.key``: a KB IRI stays as is; ``"Category:name"`` is minted."""
    if is_iri(key):
        return key
    category, sep, name = key.partition(":")
    if not sep or not name.strip():
        return f"{config.base()}entity/{slug(key)}"
    path = CATEGORY_PATHS.get(category, slug(category))
    return f"{config.base()}{path}/{slug(name)}"


def post_key(org_key: str, role_id: str) -> str:
    """The key (an IRI) of a post: ``<org-or-country IRI>/post/<role>``, e.g. a country's foreign minister."""
    role = role_id.rsplit("/", 1)[-1].rsplit("#", 1)[-1] if is_iri(role_id) else role_id
    return f"{entity_iri(org_key)}/post/{slug(role)}"


def mention_iri(article: str, start: int, end: int) -> str:
    """The IRI of the mention covering ``[start, end)`` of the article with IRI ``article``."""
    return f"{article}/mention/{start}-{end}"


def quote_iri(article: str, start: int, end: int) -> str:
    """The IRI of the quotation covering ``[start, end)``."""
    return f"{article}/quote/{start}-{end}"


def event_iri(article: str, start: int, end: int) -> str:
    """The IRI of the (article-local) event named by ``[start, end)``."""
    return f"{article}/event/{start}-{end}"


def assertion_iri(article: str, n: int) -> str:
    """The IRI of the ``n``-th reified relation of an article."""
    return f"{article}/assertion/{n}"


def skolem_iri(label: str) -> str:
    """A skolem IRI standing for a blank node (stores hold no blank nodes, so exports stay deterministic)."""
    return f"{config.base()}.well-known/genid/{label}"
