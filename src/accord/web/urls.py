"""The web pages' URLs: reading (`urls_browse`) and recording (`urls_recording`), one
namespace. Identifiers are the record's own: organization and body slugs, meeting
numbers, document slugs, ISO codes."""

from accord.web import urls_browse, urls_recording

app_name = "web"
urlpatterns = [*urls_recording.urlpatterns, *urls_browse.urlpatterns]
