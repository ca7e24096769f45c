"""Fixtures of the security tests: a browser-like client on 127.0.0.1, quick password
hashing (unless a module tests passwords), users with roles."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.people import RoleSpec, make

PASSWORD = "a long passphrase"
OFFICER = RoleSpec("sec-officer", secretariat=frozenset({"sco"}))
DELEGATE = RoleSpec("sec-delegate-kg", delegations=frozenset({("sco", "KG")}))


@pytest.fixture(autouse=True)
def quick_password_hashing(request, settings):
    if not getattr(request.module, "REAL_PASSWORD_HASHERS", False):
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


@pytest.fixture
def officer(db):
    return make(OFFICER, password=PASSWORD).user


@pytest.fixture
def delegate(db):
    return make(DELEGATE, password=PASSWORD).user
