"""The project's URLs with the accounts pages, and a small API signing in as Accord's will."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from ninja import NinjaAPI
from ninja.security import django_auth

from accord.accounts import access
from accord.accounts.auth import PublicAccess, TokenAuth, viewer
from accord.meetings.inputs import TopicFields
from accord.meetings.services import save_topic
from accord.registry.models import Organization

api = NinjaAPI(urls_namespace="accounts-tests", docs_url=None)


@api.exception_handler(access.Forbidden)
def forbidden(request: HttpRequest, exc: access.Forbidden) -> HttpResponse:
    problems = [{"field": p.field, "reason": p.reason} for p in exc.problems]
    return api.create_response(request, {"problems": problems}, status=403)


@api.get("/whoami", auth=[TokenAuth(), django_auth, PublicAccess()])
def whoami(request: HttpRequest) -> dict:
    seen = viewer(request)
    return {
        "user": request.user.get_username() or None,
        "admin": seen.is_admin,
        "secretariat": sorted(seen.secretariat),
        "documents": access.documents(seen).count(),
    }


@api.get("/private", auth=[TokenAuth(), django_auth])
def private(request: HttpRequest) -> dict:
    return {"user": request.auth.get_username()}


@api.post("/topics/{slug}", auth=[TokenAuth(), django_auth])
def add_topic(request: HttpRequest, slug: str) -> dict:
    org = Organization.objects.get(slug="sco")
    access.require_edit(viewer(request), org)
    save_topic(org, slug, TopicFields(name=slug))
    return {"topic": slug}


urlpatterns = [
    path("accounts/", include("accord.accounts.urls")),
    path("test-api/", api.urls),
    path("", include("accord.config.urls")),
]
