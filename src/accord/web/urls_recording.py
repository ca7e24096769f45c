"""The recording pages: the secretariat records meetings, delegations their positions;
everyone signed in keeps their own API tokens. Their URLs extend the reading pages'."""

from django.urls import path

from accord.web.recording import meetings, positions, releases, removal, tasks, tokens

MEETINGS = "organizations/<slug:org>/bodies/<slug:body>/meetings/"

urlpatterns = [
    path("accounts/tokens/", tokens.tokens, name="tokens"),
    path("tasks/", tasks.my_tasks, name="tasks"),
    path(MEETINGS + "new/", meetings.new_meeting, name="new-meeting"),
    path(MEETINGS + "<slug:ref>/edit/", meetings.edit_meeting, name="edit-meeting"),
    path(MEETINGS + "<slug:ref>/delete/", removal.delete_meeting, name="delete-meeting"),
    path(
        MEETINGS + "<slug:ref>/decisions/<slug:decision>/position/",
        positions.position,
        name="position",
    ),
    path(MEETINGS + "<slug:ref>/releases/new/", releases.draft, name="draft-release"),
    path(
        "organizations/<slug:org>/releases/<slug:slug>/work/",
        releases.release_work,
        name="release-work",
    ),
]
