"""The first page: each organization with its bodies and meetings."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client():
    return Client(HTTP_HOST="127.0.0.1")


@pytest.mark.django_db
def test_home_lists_the_organization_its_bodies_and_meetings(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Shanghai Cooperation Organisation" in page
    assert "Security Council Secretaries" in page
    assert "Council of Heads of State" in page
    assert "Bishkek" in page
    assert "Kyrgyzstan" in page


@pytest.mark.django_db
def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    # Organizations, bodies, meetings, co-chairs, memberships and chair terms:
    # a handful of queries whatever the number of meetings.
    with django_assert_max_num_queries(10):
        client.get("/")
