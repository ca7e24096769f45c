"""Compression of answers, except those sent exactly as stored.

Django's GZipMiddleware compresses every answer the client accepts gzip for. A
document file (PDF, DOCX, ODT) is already compressed, and its ETag is the checksum of
its bytes: compressing it again would cost time, save nothing and weaken the ETag.
Answers that set `sent_as_stored` pass through untouched.

Any other answer compressed carries its ETag marked weak (`W/"..."`), as Django's
middleware makes it; a change sending that tag back in If-Match is taken as naming the
representation read (`accord.api.etags.names`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware


class GZipMiddleware(DjangoGZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(response, "sent_as_stored", False):
            return response
        return super().process_response(request, response)
