"""The static files as production serves them: WhiteNoise's storage (hashed names, and
compressed copies for clients that accept them), compressing each content once.

`collectstatic` keeps a file under its own name and under its hashed name, the same
bytes twice (but for a stylesheet, whose hashed copy names other files by their hashed
names), and WhiteNoise compresses every copy. Compressing is most of the time
`collectstatic` takes (Brotli, on the API documentation's large scripts and their source
maps), so here a copy whose bytes were compressed already gets the compressed files of
the first, written again under its own name: the same files as WhiteNoise writes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage as WhiteNoiseStorage


class CompressedManifestStaticFilesStorage(WhiteNoiseStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        """A file's URL by its hashed name, worked out once a process (every page names
        the same few files; the manifest is read when the storage is made)."""
        if force or name is None:
            return super().url(name, force)
        key = (name, settings.DEBUG)  # (with DEBUG, Django's storage names it unhashed)
        found = self._urls.get(key)
        if found is None:
            found = super().url(name)
            if len(self._urls) < 1024:
                self._urls[key] = found
        return found

    def compress_files(self, paths: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(name, compressed name) of each compressed file made, as WhiteNoise's."""
        copies: dict[bytes, list[str]] = {}
        for path in sorted(paths):
            digest = hashlib.sha256(Path(self.path(path)).read_bytes()).digest()
            copies.setdefault(digest, []).append(path)
        others = {first: rest for first, *rest in copies.values()}
        for name, compressed in super().compress_files(list(others)):
            yield name, compressed
            suffix = compressed[len(name) :]
            for other in others[name]:
                made = self.path(other) + suffix
                shutil.copyfile(self.path(compressed), made)
                # As WhiteNoise dates a compressed file: by the file it compresses.
                source = Path(self.path(other)).stat()
                os.utime(made, (source.st_atime, source.st_mtime))
                yield other, other + suffix
