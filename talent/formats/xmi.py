"""UIMA CAS XMI with the DKPro Core / INCEpTION type system, through dkpro-cassis: spans as
NamedEntity (label in `value`), claims and links as custom INCEpTION layers (a span layer
`webanno.custom.TalentClaim`, a relation layer `webanno.custom.TalentLink` from the person's
NamedEntity, its Governor, to the organization's, its Dependent), with sentences and tokens
(never across a span's edge) and the document's title in DocumentMetaData. cassis converts the
offsets to UTF-16 units and back, as UIMA counts them."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from talent.formats import (
    NOT_XML,
    Bundle,
    asserted_by,
    link_ends,
    named_spans,
    read_asserted_by,
    xml_safe,
)
from talent.formats.tokens import tokens
from talent.model import RELATIONS
from talent.sentences import sentence_ends
from talent.strict_json import RecordError, parse_line

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
CLAIM = "webanno.custom.TalentClaim"
LINK = "webanno.custom.TalentLink"
_STRING = "uima.cas.String"
TYPESYSTEM_FILE = "typesystem.xml"


@cache
def typesystem() -> Any:
    """DKPro Core's types, DocumentMetaData, and the two custom layers of claims and links."""
    from cassis import load_dkpro_core_typesystem

    types = load_dkpro_core_typesystem()
    metadata = types.create_type(METADATA, "uima.tcas.DocumentAnnotation")
    for feature in ("documentTitle", "documentId", "documentUri", "collectionId"):
        types.create_feature(metadata, feature, _STRING)
    claim = types.create_type(CLAIM)
    for feature in ("category", "status", "note", "assertedBy"):
        types.create_feature(claim, feature, _STRING)
    link = types.create_type(LINK)
    types.create_feature(link, "Governor", NAMED_ENTITY)
    types.create_feature(link, "Dependent", NAMED_ENTITY)
    for feature in ("relation", "date", "amount", "note"):
        types.create_feature(link, feature, _STRING)
    return types


def typesystem_xml() -> str:
    """The type system file INCEpTION (or any UIMA reader) loads beside the XMI files."""
    return typesystem().to_xml()


def xmi_document(bundle: Bundle) -> tuple[str | None, int]:
    """One document as XMI, and how many links it could not carry (no span of an end); None
    for a text XML 1.0 cannot hold (a control character): changed, its offsets would lie."""
    from cassis import Cas

    types = typesystem()
    document = bundle.document
    text = document.text
    if NOT_XML.search(text):
        return None, len(bundle.links)
    cas = Cas(typesystem=types)
    cas.sofa_string = text
    cas.sofa_mime = "text/plain"
    metadata = types.get_type(METADATA)
    cas.add(
        metadata(begin=0, end=len(text), language=document.lang,
                 documentTitle=xml_safe(document.title), documentId=xml_safe(document.id))
    )  # fmt: skip
    edges = {edge for span in bundle.spans for edge in (span.start, span.end)}
    edges |= {edge for claim in bundle.claims for edge in (claim.start, claim.end)}
    sentence, token = types.get_type(SENTENCE), types.get_type(TOKEN)
    start = 0
    for end in sentence_ends(text):
        if text[start:end].strip():
            cas.add(sentence(begin=start, end=end))
        start = end
    for begin, end in tokens(text, document.lang, edges):
        cas.add(token(begin=begin, end=end))
    named = types.get_type(NAMED_ENTITY)
    mentions = {}
    for span in sorted(bundle.spans, key=lambda s: (s.start, s.end, s.id)):
        mentions[span.id] = named(begin=span.start, end=span.end, value=span.label)
        cas.add(mentions[span.id])
    claim_type = types.get_type(CLAIM)
    for claim in bundle.claims:
        cas.add(
            claim_type(begin=claim.start, end=claim.end, category=claim.category,
                       status=claim.status, note=xml_safe(claim.note) or None,
                       assertedBy=xml_safe(asserted_by(bundle, claim) or "") or None)
        )  # fmt: skip
    link_type = types.get_type(LINK)
    ends, left_out = link_ends(bundle)
    for link, person, org in ends:
        amount = None if link.amount is None else json.dumps(link.amount, sort_keys=True)
        cas.add(
            link_type(begin=org.start, end=org.end, Governor=mentions[person.id],
                      Dependent=mentions[org.id], relation=link.relation,
                      date=None if link.date is None else xml_safe(link.date), amount=amount,
                      note=xml_safe(link.note) or None)
        )  # fmt: skip
    return cas.to_xmi(), left_out


def native_from_xmi(data: bytes, types: Any) -> dict:
    """An XMI document (read with `types`, the type system beside it) as a native record to
    check and import: NamedEntity spans accepted, claims and links of the custom layers."""
    from cassis import load_cas_from_xmi

    # No DTD: an entity declared in the file could pull another file's text into this one.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise RecordError("it declares a DTD or entities, which an XMI file does not need")
    try:
        cas = load_cas_from_xmi(data.decode("utf-8"), typesystem=types)
    except Exception as error:  # lxml's and cassis's errors are many kinds; all mean the same
        raise RecordError(f"not UIMA XMI that talent-tui can read ({error})") from None
    text = cas.sofa_string
    if not isinstance(text, str):
        raise RecordError("it holds no document text")
    found = list(_select(cas, types, NAMED_ENTITY))
    native = named_spans(text, [(ne.begin, ne.end, ne.value) for ne in found])
    index = {id(ne): record for ne, record in zip(found, native["spans"], strict=True)}
    for number, claim in enumerate(_select(cas, types, CLAIM), start=1):
        native["claims"].append(
            {"id": number, "start": claim.begin, "end": claim.end, "category": claim.category,
             "status": claim.status, "note": claim.note or "",
             "attributed_to": read_asserted_by(getattr(claim, "assertedBy", None) or "", native)}
        )  # fmt: skip
    for link in _select(cas, types, LINK):
        person, org = index.get(id(link.Governor)), index.get(id(link.Dependent))
        if person is None or org is None or link.relation not in RELATIONS:
            raise RecordError(
                f"a {LINK} at {link.begin}-{link.end} must join two NamedEntity spans with a "
                f"relation of {', '.join(RELATIONS)}"
            )
        native["links"].append(
            {"person": person.get("entity"), "org": org.get("entity"), "relation": link.relation,
             "date": link.date, "note": link.note or "",
             "amount": None if link.amount is None else parse_line(link.amount)}
        )  # fmt: skip
    for metadata in _select(cas, types, METADATA):
        native["title"] = metadata.documentTitle
        # UIMA's default language is no language.
        if metadata.language not in (None, "x-unspecified"):
            native["lang"] = metadata.language
    return {key: value for key, value in native.items() if value is not None}


def read_typesystem(data: bytes) -> Any:
    """A type system file from beside XMI files (INCEpTION's, with the project's layers)."""
    from cassis import load_typesystem

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise RecordError("the type system declares a DTD or entities; not read")
    try:
        return load_typesystem(data.decode("utf-8"))
    except Exception as error:  # lxml's and cassis's errors are many kinds; all mean the same
        raise RecordError(f"not a UIMA type system ({error})") from None


def _select(cas: Any, types: Any, name: str) -> list:
    """The annotations of a type, none if the file's type system lacks it."""
    from cassis.typesystem import TypeNotFoundError

    try:
        types.get_type(name)
    except TypeNotFoundError:
        return []
    return list(cas.select(name))
