"""gunicorn's hooks for `accord serve`: the garbage collector tuned for a long-lived
worker.

Python's cyclic garbage collector runs when the objects made since its last run
outnumber a threshold (700 by default), and now and then looks through every object of
the process. A worker of Accord holds about 370,000 objects once warm (modules,
translations, the transliteration tables of Chinese names, the statements kept by
`core.compiled`), and a page computed afresh makes some 2,000: measured on the
signed-in meeting page, the collector took 0.8 ms of the 6.2 ms each page cost the
worker, a full collection 160 ms every few hundred pages.

- The objects a worker holds once it has loaded Accord and imported every view (the
  URLs resolved: Django imports them at the first request otherwise) are frozen
  (`gc.freeze`) before it takes its first request: they live as long as the worker,
  and the collector no longer looks through them. (Frozen while serving, the first
  collection would pause a worker some 200 ms with connections waiting on it.)
- The collector runs after 5,000 new objects rather than 700: a request's objects
  mostly go before it looks (their references counted down), so fewer runs look
  through fewer survivors.

Measured (`bench/README.md`): the collector's share of the afresh meeting page 0.8 →
0.4 ms, no full collection in 1,500 pages (three of 160 ms before); a cached page's
(0.02 ms) unchanged.
"""

from __future__ import annotations

import gc
from typing import Any

YOUNG_OBJECTS = 5_000


def post_worker_init(worker: Any) -> None:
    """gunicorn's hook, in each worker once it has loaded Accord, before it serves."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - (imports every view)
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)
