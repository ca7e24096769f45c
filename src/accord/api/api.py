"""Accord's REST API, /api/v1/: every query of the CLI and the record's main writes.

django-ninja: operations are typed functions, request and response shapes are pydantic
models, and the OpenAPI 3.1 description (/api/v1/openapi.json, docs at /api/v1/docs)
is generated from them, so it cannot drift from the code.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.openapi.docs import render_template
from ninja.operation import Operation

from accord.api import errors
from accord.api.parser import CheckedParser
from accord.api.routers import (
    bodies,
    calendar,
    documents,
    implementation,
    meetings,
    pick,
    publishing,
    registry,
    search,
    standing,
    tasks,
    topics,
    verbs,
)


class AccordAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Operation ids are the view functions' names, unique across the routers.
        return operation.view_func.__name__

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return errors.describe_unparsable_bodies(schema)


class SessionSwagger(Swagger):
    """The interactive docs, sending the session's CSRF token with what they send.

    django-ninja adds the token only when the API's own `auth` asks for CSRF; Accord's
    authentication is per router (reads open to the public, writes by token or
    session), so the docs sent none and every write tried from them by a signed-in
    user was refused (403 CSRF). A session write still needs the token (the docs page
    gives it, as every page does); a bearer token needs none."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": True,
        }
        return render_template(request, self.template, self.template_cdn, context)


api = AccordAPI(
    parser=CheckedParser(),
    docs=SessionSwagger(),
    title="Accord",
    version="1",
    urls_namespace="api",
    description=(
        "The record of intergovernmental coordinating mechanisms: organizations, members"
        " as of a date, bodies, meetings, documents, decisions.\n\n"
        "Identifiers are readable: organization and body slugs, meeting numbers (or ids"
        " of ad hoc meetings), document slugs, ISO codes of states. Reads are open to the"
        " public and show each viewer only what it may see; writes need a bearer token or"
        " a session (with its CSRF token).\n\n"
        'Errors answer `{"detail": [{"field": ..., "reason": ...}]}`: 422 invalid'
        " input or a rule refused it, 409 an identifier already taken or a removal of"
        " something still referred to, 404 missing or"
        " hidden (alike), 403 readable but not yours to change, 401 no credentials,"
        " 428 a change without If-Match, 412 a change with an outdated If-Match."
    ),
)
errors.install(api)
api.add_router("", registry.router)
api.add_router("", registry.parties_router)
api.add_router("", standing.router)
api.add_router("", bodies.router)
api.add_router("", meetings.router)
api.add_router("", topics.router)
api.add_router("", verbs.router)
api.add_router("", documents.router)
api.add_router("", implementation.router)
api.add_router("", calendar.router)
api.add_router("", search.router)
api.add_router("", pick.router)
api.add_router("", publishing.router)
api.add_router("", tasks.router)
