"""`Day`: a date the API reads only as written, YYYY-MM-DD.

pydantic's lax mode would also read a number as a Unix time (`?on=-4e-07` was the
1st of January 1970); the OpenAPI description says `format: date`, and so does this.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _as_written(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO.fullmatch(value):
        return value  # pydantic checks that the day exists
    raise ValueError("must be a date written YYYY-MM-DD")


Day = Annotated[dt.date, BeforeValidator(_as_written)]
