"""Atom (RFC 4287) feeds: an organization's published press releases, and the
documents it adopted, as one viewer may see them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from accord.accounts.access import Viewer
from accord.decisions import selectors as decisions
from accord.publishing import labels, selectors
from accord.registry.models import Organization

EMPTY_SINCE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class TextFeed(Atom1Feed):
    """Atom whose entry summaries are plain text (`type="text"`, RFC 4287 3.1.1), as
    titles already are: record text is never read as markup by a feed reader, and an
    entity written in the record (`&amp;`) comes back as written."""

    def latest_post_date(self) -> dt.datetime:
        """The newest entry's date; for a feed with no entry the same date at every
        request (not the time of the request, as Django's feeds write): an empty feed
        says nothing new, and its answer stays the same until an entry comes."""
        dates: list[dt.datetime] = []
        for item in self.items:
            day = item.get("updateddate") or item.get("pubdate")
            if day:
                dates.append(day)
        return max(dates) if dates else EMPTY_SINCE

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


def _tag(org: Organization, *parts: str) -> str:
    """A stable entry id (RFC 4151 tag URI) from the record's identifiers."""
    return f"tag:accord,2001:{org.slug}/{'/'.join(parts)}"


def releases_feed(viewer: Viewer, org: Organization, link: str, self_link: str) -> str:
    """Published releases (their newest published version), newest first."""
    versions = selectors.published(viewer, org)
    feed = TextFeed(
        title=f"{org.name}: press releases",
        link=link,
        description=f"Press releases and information reports of {org.name}",
        feed_url=self_link,
        feed_guid=_tag(org, "releases"),
        author_name=org.name,
    )
    for v in versions:
        r = v.release
        feed.add_item(
            title=v.headline,
            link=f"{link.rstrip('/')}/{r.slug}/",
            description=f"{v.dateline}\n\n{v.text}" if v.dateline else v.text,
            unique_id=_tag(org, "release", r.slug),
            unique_id_is_permalink=False,
            pubdate=v.published_at,
            updateddate=v.published_at,
            author_name=org.name,
            categories=[r.kind, r.language],
        )
    return feed.writeString("utf-8")


def adopted_feed(
    viewer: Viewer, org: Organization, link: str, self_link: str, language: str = "en"
) -> str:
    """Documents adopted, signed or approved, by the date of that action, newest first;
    each verb as the organization names it in `language` (Accord's word for its own)."""
    found = selectors.adopted_documents(viewer, org)
    verbs = decisions.verbs_of(org)
    feed = TextFeed(
        title=f"{org.name}: adopted documents",
        link=link,
        description=f"Documents adopted, signed or approved by the bodies of {org.name}",
        feed_url=self_link,
        feed_guid=_tag(org, "adopted"),
        author_name=org.name,
    )
    for document, action in found:
        day = dt.datetime.combine(action.date, dt.time(), dt.UTC)
        feed.add_item(
            title=document.title,
            link=f"{link.rstrip('/')}/{document.slug}",
            description=(
                f"{document.type.name}, {labels.verb_label(action.verb, verbs, language)}"
                f" by {action.body.name}"
                f" on {action.partial_date}"
            ),
            unique_id=_tag(org, "document", document.slug),
            unique_id_is_permalink=False,
            pubdate=day,
            updateddate=day,
            author_name=(
                document.author_body.name if document.author_body is not None else org.name
            ),
            categories=[document.type.slug],
        )
    return feed.writeString("utf-8")
