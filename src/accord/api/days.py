"""`Day`: a date the API reads only as written, YYYY-MM-DD.

pydantic's lax mode would also read a number as a Unix time (`?on=-4e-07` was the
1st of January 1970); the OpenAPI description says `format: date`, and so does this.
A day outside the dates the record keeps (`accord.core.dates.EARLIEST`...`LATEST`) is
refused too, as a query parameter (`?on=`, `?from=`) as in a body.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from accord.core.dates import range_problem

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _as_written(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO.fullmatch(value):
        return value  # pydantic checks that the day exists
    raise ValueError("must be a date written YYYY-MM-DD")


def _kept(value: dt.date) -> dt.date:
    if problem := range_problem(value):
        raise ValueError(problem)
    return value


Day = Annotated[dt.date, BeforeValidator(_as_written), AfterValidator(_kept)]

# A day in a path that names a stored row (a standing by its start): any day the
# database holds, so that a row stored before the range was kept can still be read,
# changed and removed.
KeyDay = Annotated[dt.date, BeforeValidator(_as_written)]
