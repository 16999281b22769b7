"""Turn context values into the text a letter prints: UK dates, pounds, lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

__all__ = ["as_merge_value", "money", "uk_long_date", "value_text"]

from casetracker.timeutil import uk_long_date


def money(amount: Decimal | int | float | str) -> str:
    """Return a sum in pounds, e.g. "£450" or "£37.50"; pence only when there are any."""
    value = Decimal(str(amount))
    if value == value.to_integral_value():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


def value_text(value: Any) -> str:
    """Return one scalar as letter text: dates in long form, enums by value, None as ""."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return uk_long_date(value.date())
    if isinstance(value, dt.date):
        return uk_long_date(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return money(value)
    return str(value)


def as_merge_value(value: Any) -> Any:
    """Return ``value`` with every date, enum and amount inside it turned to text.

    Mappings and lists keep their shape, so a template can still loop over
    ``exemptions`` or test ``ncnd``; booleans and numbers stay as they are.
    """
    if isinstance(value, Mapping):
        return {str(k): as_merge_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_merge_value(v) for v in value]
    if isinstance(value, bool) or (isinstance(value, (int, float)) and not isinstance(value, Enum)):
        return value
    return value_text(value)
