"""Every Danish format in one module: dates, times, durations, numbers, percentages, sizes, words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from workbook import danish


def test_dates_long_with_weekday_and_short() -> None:
    assert danish.date(dt.date(2027, 2, 4)) == "4. februar 2027"
    assert danish.date(dt.date(2027, 2, 4), weekday=True) == "torsdag den 4. februar 2027"
    assert danish.date(dt.date(2027, 3, 15)) == "15. marts 2027"
    assert danish.date_short(dt.date(2027, 3, 1)) == "01.03.2027"
    assert danish.date_short(dt.date(2027, 3, 15)) == danish.DATE_EXAMPLE == "15.03.2027"
    assert danish.EXCEL_DATE_FORMAT == "dd.mm.yyyy"
    assert danish.date_text("2027-05-12") == "12. maj 2027"
    assert danish.date_text("snart") == "snart"
    assert danish.date_text("") == ""


def test_times_are_written_with_a_colon() -> None:
    assert danish.time(dt.time(16, 5)) == "16:05"
    assert danish.time(dt.datetime(2027, 1, 1, 9, 30)) == "09:30"
    assert danish.time_span(dt.time(16, 5), dt.time(16, 25)) == "16:05–16:25"


@pytest.mark.parametrize(("minutes", "text"), [
    (45, "45 minutter"), (1, "1 minut"), (60, "1 time"), (90, "1 time og 30 minutter"),
    (121, "2 timer og 1 minut"), (0, "0 minutter"), (75, "1 time og 15 minutter"),
])
def test_meeting_length_is_written_out_for_running_text(minutes: int, text: str) -> None:
    assert danish.minutes(minutes) == text


def test_numbers_have_a_decimal_comma_and_a_thousands_dot() -> None:
    assert danish.number(0.5) == "0,5"
    assert danish.number(1) == "1"
    assert danish.number(200_000) == "200.000"
    assert danish.number(1234.5) == "1.234,5"
    assert danish.number(2.25, 1) == "2,3"  # half up, not to even
    assert danish.number(Decimal("2.5"), 0) == "3"
    assert danish.seconds(1.25) == "1,3 s"


@pytest.mark.parametrize(("share", "text"), [
    (0.625, "63 %"), (0.615, "62 %"), (0.125, "13 %"), (0.0, "0 %"), (1.0, "100 %"), (None, "–"),
    (1 / 3, "33 %"), (0.005, "1 %"),
])
def test_percentages_round_half_up_like_excel(share: float | None, text: str) -> None:
    assert danish.percent(share) == text


@pytest.mark.parametrize(("size", "text"), [
    (0, "0 byte"), (1023, "1023 byte"), (1024, "1,0 kB"), (15_441, "15 kB"),
    (1_258_291, "1,2 MB"), (25 * 1024 * 1024, "25,0 MB"),
])
def test_format_size_is_danish(size: int, text: str) -> None:
    assert danish.size(size) == text


def test_number_words() -> None:
    assert danish.count_word(2, "tema", "temaer", neuter=True) == "to temaer"
    assert danish.count_word(1, "ting", "ting") == "én ting"
    assert danish.count_word(1, "tema", "temaer", neuter=True) == "ét tema"
    assert danish.count_word(12, "udsagn", "udsagn") == "tolv udsagn"
    assert danish.count_word(14, "tema", "temaer") == "14 temaer"
    assert danish.count_word(0, "fejl", "fejl") == "nul fejl"
