"""Akoma Ntoso 3.0 (OASIS LegalDocML) XML: adopted documents (`doc`) and a meeting's
record of what it decided (`debateReport`), with FRBR metadata and references to the
bodies, parties and people they name.

FRBR identifiers follow the AKN naming convention, with the organization's slug in
place of a country code: /akn/<org>/doc/<type>/<date>/<slug>/!main for the work,
/eng@ (or rus@, zho@) for the expression, .xml for the manifestation. Only what the
viewer may read goes in (the public: only public decisions, actions and documents).
"""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Prefetch
from lxml import etree

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core.errors import NotFound
from accord.decisions import selectors as decisions
from accord.decisions.models import Action, Decision, DecisionOutcome
from accord.meetings.models import Meeting, Participation
from accord.publishing import labels
from accord.registry.models import Organization, Party, Person

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
A = f"{{{NS}}}"
LANGUAGE_CODES = {"en": "eng", "ru": "rus", "zh": "zho"}
SOURCE = "#accord"


def _id(text: str) -> str:
    """An XML name from a slug or code (eIds and references)."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]", "-", text).strip("-").lower()
    return cleaned if cleaned[:1].isalpha() else f"x-{cleaned}"


# What XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF): a
# title may have been recorded with one; the file leaves it out rather than failing.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    values = {k.rstrip("_"): NOT_XML.sub("", v) for k, v in attrs.items() if v}
    node = etree.SubElement(parent, A + tag, values)
    if text is not None:
        node.text = NOT_XML.sub("", text)
    return node


def _frbr(
    meta: etree._Element,
    uri: str,
    date: dt.date,
    date_name: str,
    author: str,
    country: str,
    language: str,
    subtype: str,
    number: str | None,
    name: str,
) -> None:
    lang3 = LANGUAGE_CODES.get(language, "eng")
    ident = _el(meta, "identification", source=SOURCE)
    work = _el(ident, "FRBRWork")
    _el(work, "FRBRthis", value=f"{uri}/!main")
    _el(work, "FRBRuri", value=uri)
    _el(work, "FRBRdate", date=date.isoformat(), name=date_name)
    _el(work, "FRBRauthor", href=author, as_="#author")
    _el(work, "FRBRcountry", value=country)
    _el(work, "FRBRsubtype", value=subtype)
    if number:
        _el(work, "FRBRnumber", value=number)
    _el(work, "FRBRname", value=name)
    expression = _el(ident, "FRBRExpression")
    _el(expression, "FRBRthis", value=f"{uri}/{lang3}@/!main")
    _el(expression, "FRBRuri", value=f"{uri}/{lang3}@")
    _el(expression, "FRBRdate", date=date.isoformat(), name=date_name)
    _el(expression, "FRBRauthor", href=author, as_="#author")
    _el(expression, "FRBRlanguage", language=lang3)
    manifestation = _el(ident, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=f"{uri}/{lang3}@/!main.xml")
    _el(manifestation, "FRBRuri", value=f"{uri}/{lang3}@.akn")
    _el(manifestation, "FRBRdate", date=date.isoformat(), name="generation")
    _el(manifestation, "FRBRauthor", href=SOURCE, as_="#publisher")


class _References:
    """The TLC references of a document, each once, in a fixed order."""

    def __init__(self, org: Organization, language: str) -> None:
        self.org, self.language = org, language
        self.items: dict[str, tuple[str, str, str]] = {}

    def organization(self, thing: Organization | Body | Party) -> str:
        if isinstance(thing, Organization):
            key, href = _id(thing.slug), f"/akn/ontology/organizations/{thing.slug}"
        elif isinstance(thing, Body):
            key = _id(f"{thing.slug}")
            href = f"/akn/ontology/organizations/{self.org.slug}/{thing.slug}"
        else:
            key = _id(f"party-{thing.code}")
            href = f"/akn/ontology/organizations/party/{thing.code.lower()}"
        self.items[key] = ("TLCOrganization", href, thing.name_in(self.language))
        return f"#{key}"

    def person(self, person: Person) -> str:
        key = _id(f"person-{person.slug}")
        href = f"/akn/ontology/persons/{person.slug}"
        self.items[key] = ("TLCPerson", href, person.name_in(self.language))
        return f"#{key}"

    def concept(self, slug: str, label: str) -> str:
        key = _id(f"concept-{slug}")
        self.items[key] = ("TLCConcept", f"/akn/ontology/concepts/{self.org.slug}/{slug}", label)
        return f"#{key}"

    def write(self, meta: etree._Element) -> None:
        refs = _el(meta, "references", source=SOURCE)
        _el(
            refs,
            "TLCOrganization",
            eId="accord",
            href="/akn/ontology/organizations/accord",
            showAs="Accord",
        )
        _el(refs, "TLCRole", eId="author", href="/akn/ontology/roles/author", showAs="author")
        _el(
            refs,
            "TLCRole",
            eId="publisher",
            href="/akn/ontology/roles/publisher",
            showAs="publisher",
        )
        order = ["TLCOrganization", "TLCPerson", "TLCConcept"]
        for key, (tag, href, label) in sorted(
            self.items.items(), key=lambda x: (order.index(x[1][0]), x[0])
        ):
            _el(refs, tag, eId=key, href=href, showAs=label)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def document(viewer: Viewer, org: Organization, slug: str, language: str = "en") -> bytes:
    """An adopted (or any readable) document as an AKN `doc`, with its life cycle."""
    d = access.document(viewer, org, slug)
    history = list(
        access.actions(viewer, Action.objects.filter(document=d))
        .select_related("body", "meeting__body", "target_body")
        .order_by("date", "position", "id")
    )
    verbs = decisions.verbs_of(org)
    status, by = decisions.status_from(history, verbs)
    refs = _References(org, language)
    author = refs.organization(d.author_body or d.author_party or org)
    day = (by.date if by else None) or d.date or (history[0].date if history else None)
    if day is None:
        raise NotFound.at("document", f"{d.slug} has no date to identify it by")
    root = etree.Element(A + "akomaNtoso", nsmap={None: NS})
    doc = _el(root, "doc", name=d.type.slug)
    meta = _el(doc, "meta")
    uri = f"/akn/{org.slug}/doc/{d.type.slug}/{day.isoformat()}/{d.slug}"
    _frbr(
        meta,
        uri,
        day,
        status or "record",
        author,
        org.slug,
        language,
        d.type.slug,
        None,
        d.title_in(language),
    )
    if history:
        lifecycle = _el(meta, "lifecycle", source=SOURCE)
        for i, a in enumerate(history, 1):
            _el(
                lifecycle,
                "eventRef",
                eId=f"evt_{i}",
                date=a.date.isoformat(),
                source=refs.organization(a.body),
                refersTo=refs.concept(a.verb, labels.verb_label(a.verb, verbs, language)),
            )
    refs.concept(d.type.slug, d.type.name_in(language))
    if status:
        refs.concept(
            f"status-{status.replace(' ', '-')}", labels.status_label(status, verbs, language)
        )
    refs.organization(org)
    refs.write(meta)
    preface = _el(doc, "preface")
    _el(_el(preface, "p"), "docTitle", d.title_in(language))
    if d.period:
        _el(preface, "p", d.period)
    body = _el(doc, "mainBody")
    if d.purpose:
        _el(body, "p", d.purpose)
    for a in history:
        verb = labels.verb_label(a.verb, verbs, language)
        line = f"{a.partial_date}: {a.body.name_in(language)} — {verb}"
        if a.target_body is not None:
            line += f" → {a.target_body.name_in(language)}"
        _el(body, "p", line)
    if not d.purpose and not history:
        _el(body, "p", d.title_in(language))
    return _serialise(root)


def meeting_decisions(viewer: Viewer, meeting: Meeting, language: str = "en") -> bytes:
    """What a meeting did (actions on documents and items, decisions with their
    outcome and positions), as an AKN `debateReport`."""
    m = (
        Meeting.objects.filter(pk=meeting.pk)
        .select_related("body__organization", "country")
        .prefetch_related(
            Prefetch(
                "participants", queryset=Participation.objects.select_related("party", "person")
            )
        )
        .get()
    )
    org = m.body.organization
    refs = _References(org, language)
    actions = list(
        access.actions(viewer, Action.objects.filter(meeting=m))
        .select_related("body", "document__type", "agenda_item", "event", "target_body")
        .order_by("position", "id")
    )
    found = list(
        access.decisions(viewer, Decision.objects.filter(meeting=m)).prefetch_related(
            Prefetch("positions", queryset=access.positions(viewer).select_related("party"))
        )
    )
    author = refs.organization(m.body)
    root = etree.Element(A + "akomaNtoso", nsmap={None: NS})
    report = _el(root, "debateReport", name="decisions")
    meta = _el(report, "meta")
    uri = f"/akn/{org.slug}/debateReport/decisions/{m.start.isoformat()}/{m.body.slug}-{m.slug}"
    name = m.body.name_in(language) + (f" {m.number}" if m.number else "")
    _frbr(
        meta,
        uri,
        m.start,
        "meeting",
        author,
        org.slug,
        language,
        "decisions",
        str(m.number or ""),
        name,
    )
    for p in m.participants.all():
        if p.party is not None:
            refs.organization(p.party)
        if p.person is not None:
            refs.person(p.person)
    refs.organization(org)
    for d in found:
        for position in d.positions.all():
            refs.organization(position.party)
            refs.concept(f"stance-{position.stance}", position.get_stance_display())
    verbs = decisions.verbs_of(org)
    for a in actions:
        refs.concept(a.verb, labels.verb_label(a.verb, verbs, language))
        if a.target_body is not None:
            refs.organization(a.target_body)
    refs.write(meta)
    preface = _el(report, "preface")
    title = _el(preface, "p")
    _el(title, "docTitle", name)
    _el(
        preface,
        "p",
        f"{m.partial_date}" + (f", {m.city_names.get(language) or m.city}" if m.city else ""),
    )
    body = _el(report, "mainBody")
    for i, a in enumerate(actions, 1):
        section = _el(body, "hcontainer", eId=f"action_{i}", name="action")
        subject = (
            a.document.title_in(language)
            if a.document is not None
            else (a.agenda_item.titles.get(language) or a.agenda_item.title)
            if a.agenda_item is not None
            else a.event.name_in(language)
            if a.event is not None
            else ""
        )
        content = _el(section, "content")
        p = _el(content, "p")
        _el(p, "organization", a.body.name_in(language), refersTo=f"#{_id(a.body.slug)}")
        p[-1].tail = f" — {labels.verb_label(a.verb, verbs, language)}: {subject}"
        if a.target_body is not None:
            target = _el(
                p,
                "organization",
                a.target_body.name_in(language),
                refersTo=f"#{_id(a.target_body.slug)}",
            )
            target.tail = f" ({a.purpose})" if a.purpose else None
    for i, d in enumerate(found, 1):
        section = _el(body, "hcontainer", eId=f"decision_{i}", name="decision")
        _el(section, "heading", d.titles.get(language) or d.title)
        content = _el(section, "content")
        _el(content, "p", str(DecisionOutcome(decisions.outcome_of(d, m.body).outcome).label))
        for position in d.positions.all():
            line = _el(content, "p")
            _el(
                line,
                "organization",
                position.party.name_in(language),
                refersTo=f"#{_id('party-' + position.party.code)}",
            )
            line[-1].tail = f": {position.get_stance_display()}" + (
                f" — {position.statement}" if position.statement else ""
            )
    if not actions and not found:
        _el(body, "p", "—")
    return _serialise(root)
