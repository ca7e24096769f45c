"""Downloads: calendars, feeds, tables, Popolo, Akoma Ntoso, releases (included at /)."""

from django.urls import path

from accord.publishing import views

app_name = "publishing"
urlpatterns = [
    path("calendar/<slug:org>.ics", views.calendar, name="calendar"),
    path("calendar/<slug:org>/<slug:body>.ics", views.calendar, name="body-calendar"),
    path("feeds/<slug:org>/releases.atom", views.releases_feed, name="releases-feed"),
    path("feeds/<slug:org>/adopted.atom", views.adopted_feed, name="adopted-feed"),
    path("export/<slug:org>/popolo.json", views.popolo_export, name="popolo"),
    path("export/<slug:org>/<slug:name>.csv", views.table, name="table"),
    path(
        "export/<slug:org>/documents/<slug:slug>.akn.xml", views.akn_document, name="akn-document"
    ),
    path(
        "export/<slug:org>/<slug:body>/<slug:ref>/decisions.akn.xml",
        views.akn_meeting,
        name="akn-meeting",
    ),
    path("releases/<slug:org>/", views.releases, name="releases"),
    path("releases/<slug:org>/<slug:slug>/", views.release, name="release"),
]
