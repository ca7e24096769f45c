"""`dump`: an organization's record, section by section, and its publishing profile."""

from __future__ import annotations

from typing import Any

from accord.bodies.models import ChairTerm, RotationRule
from accord.decisions.models import Action, VerbDefinition
from accord.documents.models import DocumentType
from accord.meetings.models import (
    Topic,
)
from accord.publishing.models import PublishingProfile
from accord.records.defaults import unless_default
from accord.records.dumper.documents import _document, _documents
from accord.records.dumper.meetings import (
    _ACTION_RELATED,
    _action,
    _event,
    _events,
    _meeting,
    _meetings,
)
from accord.records.dumper.registry import _bodies, _body, _parties, _post, party_ids_of, people_of
from accord.records.dumper.values import _clean, _day, _meeting_ref, _nulls_first, stamped
from accord.records.files import FORMAT
from accord.registry import selectors as registry_selectors
from accord.registry.models import Membership, MembershipStatus, Organization


def dump(org: Organization) -> dict[str, Any]:
    record: dict[str, Any] = {"format": FORMAT}
    record["organization"] = _clean(
        {
            "slug": org.slug,
            "name": org.name,
            "names": org.names,
            "short_name": org.short_name,
            "short_names": org.short_names,
            "text_names": org.text_names,
            "founded": _day(org.founded_on),
            "official_languages": org.official_languages,
            "working_languages": org.working_languages,
            "decision_rule": org.decision_rule,
            "description": org.description,
            "source": org.source,
            "note": org.note,
        }
    )
    people = people_of(org)
    record["parties"] = _parties(party_ids_of(org, people))
    record["statuses"] = [
        _clean(
            {
                "id": s.slug,
                "name": s.name,
                "names": s.names,
                "takes_decisions": s.takes_decisions,
                "from": _day(s.valid_from),
                "until": _day(s.valid_until),
            }
        )
        for s in MembershipStatus.objects.filter(organization=org).order_by("rank", "slug")
    ]
    record["memberships"] = [
        _clean(
            {
                "party": m.party.code,
                "status": m.status.slug,
                "from": _day(m.start),
                "to": _day(m.end),
                "source": m.source,
                "note": m.note,
            }
        )
        for m in Membership.objects.filter(organization=org)
        .select_related("party", "status")
        .order_by("start", "party__code")
    ]
    record["document_types"] = [
        _clean({"id": t.slug, "name": t.name, "names": t.names})
        for t in DocumentType.objects.filter(organization=org)
    ]
    record["topics"] = [
        _clean({"id": t.slug, "name": t.name, "names": t.names})
        for t in Topic.objects.filter(organization=org)
    ]
    record["verbs"] = [
        _clean(
            {
                "id": v.key,
                "names": v.names,
                "status": v.status,
                "status_names": v.status_names,
                "final": v.final,
                "settles": v.settles,
                "closes": v.closes,
                "target": v.target,
                "target_required": v.target_required,
                "reference": v.reference,
                "reported": v.reported,
            }
        )
        for v in VerbDefinition.objects.filter(organization=org)
    ]
    record["bodies"] = [stamped(_body(b)) for b in _bodies(org)]
    rotation = RotationRule.objects.filter(organization=org).select_related("handover_body").first()
    if rotation is not None:
        record["rotation"] = _clean(
            {
                "order": rotation.order,
                "sequence": rotation.sequence,
                "term": rotation.term,
                "handover_body": rotation.handover_body.slug if rotation.handover_body else None,
            }
        )
    record["chairmanships"] = [
        _clean(
            {
                "party": t.party.code,
                "body": t.body.slug if t.body else None,
                "from": _day(t.start),
                "to": _day(t.end),
                "basis": unless_default("chairmanships", "basis", t.basis),
                "decided_at": _meeting_ref(t.decided_at),
                "source": t.source,
                "note": t.note,
            }
        )
        for t in ChairTerm.objects.filter(organization=org)
        .select_related("party", "body", "decided_at__body")
        .order_by(_nulls_first("body__rank"), "start")
    ]
    record["people"] = [
        _clean(
            {
                "id": p.slug,
                "name": p.name,
                "names": p.names,
                "party": p.party.code if p.party else None,
                "source": p.source,
            }
        )
        for p in people
    ]
    record["posts"] = [
        _post(p)
        for p in registry_selectors.posts_of(org)
        .select_related("party", "body", "rotation")
        .prefetch_related("holdings__person")
        .order_by("slug")
    ]
    record["documents"] = [stamped(_document(d)) for d in _documents(org)]
    record["events"] = [stamped(_event(e)) for e in _events(org)]
    record["meetings"] = [stamped(_meeting(m)) for m in _meetings(org)]
    record["actions"] = [
        _action(a, with_body=True)
        for a in Action.objects.filter(body__organization=org, meeting__isnull=True)
        .select_related(*_ACTION_RELATED)
        .order_by("body__rank", "position")
    ]
    record["publishing"] = _publishing(org)
    return {k: v for k, v in record.items() if v not in ([], {}, None)}


def _publishing(org: Organization) -> dict | None:
    profile = PublishingProfile.objects.filter(organization=org).select_related("issuer").first()
    if profile is None:
        return None
    return _clean(
        {
            "languages": profile.languages,
            "record_language": unless_default(
                "publishing", "record_language", profile.record_language
            ),
            "issuer": profile.issuer.slug if profile.issuer else None,
            "timezone": profile.timezone,
            "press_release": profile.press_release_style,
            "information_report": profile.information_report_style,
            "terms": profile.terms,
            "listing_order": _clean(
                {
                    "by": profile.listing_order,
                    "language": profile.listing_language,
                    "parties": profile.protocol_order,
                }
            )
            if profile.listing_order != "name" or profile.listing_language
            else None,
            "house_style": profile.house_style,
            "letterhead": profile.letterhead,
        }
    )
