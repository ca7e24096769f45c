"""An answer tagged from its body (`accord.api.etags.tagged_answer`): the bytes the
API's renderer writes, and the ETag of the representation (`etag_of`), whether its
body was tagged before or not; another representation, another tag."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.test import RequestFactory
from ninja.responses import NinjaJSONEncoder
from pydantic import BaseModel

from accord.api import etags


class Named(BaseModel):
    slug: str
    names: dict[str, str]
    number: int | None = None


class Answer(BaseModel):
    title: str
    parts: list[Named]


def _answer(title: str) -> Answer:
    names = {"ru": "Совет", "zh-hans": "理事会", "en": 'Council "of" \\ secretaries'}
    return Answer(title=title, parts=[Named(slug="b", names=names), Named(slug="a", names={})])


def _tagged(representation: BaseModel, **headers: str) -> HttpResponse:
    request = RequestFactory().get("/api/v1/x", **headers)
    return etags.tagged_answer(
        request, HttpResponse(content_type="application/json"), representation
    )


def test_the_body_is_the_renderers_and_the_tag_the_representations_read_again_or_not():
    etags._tags.clear()
    answer = _answer("Заседание 14")
    expected = json.dumps(answer.model_dump(mode="json"), cls=NinjaJSONEncoder).encode()
    for _ in range(2):  # (tagged from its JSON, then as a body tagged before)
        found = _tagged(answer)
        assert found.content == expected
        assert found["ETag"] == etags.etag_of(answer)
    held = _tagged(answer, HTTP_IF_NONE_MATCH=etags.etag_of(answer))
    assert held.status_code == 304 and held["ETag"] == etags.etag_of(answer)


def test_another_representation_is_tagged_anew():
    etags._tags.clear()
    first, second = _answer("one"), _answer("two")
    assert _tagged(first)["ETag"] == etags.etag_of(first)
    assert _tagged(second)["ETag"] == etags.etag_of(second) != etags.etag_of(first)
    assert _tagged(first)["ETag"] == etags.etag_of(first)
