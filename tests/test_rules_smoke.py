import datetime as dt

from accord.core.dates import PartialDate, Precision


def test_month_only_date_spans_the_month():
    april = PartialDate.parse("2019-04")
    assert april.precision is Precision.MONTH
    assert april.earliest == dt.date(2019, 4, 1)
    assert april.latest == dt.date(2019, 4, 30)
