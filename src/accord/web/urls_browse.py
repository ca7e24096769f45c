"""The reading pages. Their URLs mirror the API's (/organizations/<org>/...)."""

from django.urls import path

from accord.web import views
from accord.web.browse import (
    bodies,
    calendar,
    changes,
    documents,
    implementation,
    meetings,
    organizations,
    people,
    search,
)

ORG = "organizations/<slug:org>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.language, name="language"),
    path("search/", search.search, name="search"),
    path("people/<slug:slug>/", people.person, name="person"),
    path(ORG, organizations.organization, name="organization"),
    path(ORG + "calendar/", calendar.calendar, name="calendar"),
    path(ORG + "implementation/", implementation.implementation, name="implementation"),
    path(ORG + "documents/<slug:slug>/", documents.document, name="document"),
    path(ORG + "documents/<slug:slug>/changes/", changes.document_changes, name="document-changes"),
    path(
        ORG + "documents/<slug:slug>/versions/<int:number>/files/<slug:language>/<slug:kind>/",
        documents.document_file,
        name="document-file",
    ),
    path(ORG + "bodies/<slug:body>/", bodies.body, name="body"),
    path(ORG + "bodies/<slug:body>/meetings/<slug:ref>/", meetings.meeting, name="meeting"),
    path(
        ORG + "bodies/<slug:body>/meetings/<slug:ref>/minutes/",
        meetings.minutes,
        name="meeting-minutes",
    ),
    path(
        ORG + "bodies/<slug:body>/meetings/<slug:ref>/changes/",
        changes.meeting_changes,
        name="meeting-changes",
    ),
]
