"""How an upload arrives: spooled to a temporary file, never more than the limit.

Django writes an uploaded file to disk (or memory) before the view runs. This handler
keeps at most ACCORD_MAX_UPLOAD_BYTES and one byte more of each file and counts, but
drops, the rest: a huge upload costs no more disk than the limit, and the service
still sees that it is over the limit (and refuses it, naming the field).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class LimitedUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.kept = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        room = settings.ACCORD_MAX_UPLOAD_BYTES + 1 - self.kept
        if room > 0:
            piece = raw_data[:room]
            self.file.write(piece)
            self.kept += len(piece)
        return None
