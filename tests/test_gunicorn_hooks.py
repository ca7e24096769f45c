"""`accord serve`'s gunicorn hook (`accord.config.gunicorn`): in each worker, before it
serves, every view imported, what it then holds frozen, and the collector's threshold
raised. (tests/test_serve.py serves through it.)"""

from __future__ import annotations

import gc
import sys

import pytest

from accord.config import gunicorn

pytestmark = pytest.mark.database_independent


@pytest.fixture
def collector():
    """The collector as the test found it, whatever the hook did to it."""
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def test_worker_imports_views_freezes_them_and_collects_later(collector):
    _, middle, old = gc.get_threshold()
    gunicorn.post_worker_init(worker=None)
    assert "accord.web.browse.meetings" in sys.modules
    assert gc.get_freeze_count() > 10_000  # (the modules, at least)
    assert gc.get_threshold() == (gunicorn.YOUNG_OBJECTS, middle, old)
    assert gunicorn.YOUNG_OBJECTS > 700  # (Python's default)
