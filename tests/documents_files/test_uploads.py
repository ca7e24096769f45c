"""An upload on its way in keeps no more than the limit (and one byte) on disk."""

from __future__ import annotations

import pytest

from accord.documents.uploads import LimitedUploadHandler

# No database: the answers are the same in both halves of `make test` (run in one).
pytestmark = pytest.mark.database_independent


def test_an_upload_beyond_the_limit_is_cut_at_the_limit_and_one_byte(settings):
    settings.ACCORD_MAX_UPLOAD_BYTES = 1000
    handler = LimitedUploadHandler()
    handler.new_file("file", "big.pdf", "application/pdf", None)
    for start in range(0, 10_000, 300):
        handler.receive_data_chunk(b"x" * 300, start)
    uploaded = handler.file_complete(10_200)
    try:
        assert len(uploaded.read()) == 1001
        assert uploaded.size == 10_200  # what arrived is still known
    finally:
        uploaded.close()


def test_an_upload_within_the_limit_is_kept_whole(settings):
    settings.ACCORD_MAX_UPLOAD_BYTES = 1000
    handler = LimitedUploadHandler()
    handler.new_file("file", "small.pdf", "application/pdf", None)
    handler.receive_data_chunk(b"a" * 600, 0)
    handler.receive_data_chunk(b"b" * 400, 600)
    uploaded = handler.file_complete(1000)
    try:
        assert uploaded.read() == b"a" * 600 + b"b" * 400
    finally:
        uploaded.close()
