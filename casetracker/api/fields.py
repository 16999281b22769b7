"""Marshmallow fields the API's schemas share: text without control characters, typed dates, choices from enums."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from marshmallow import ValidationError, fields, validate

from casetracker.timeutil import typed_date_problem, uk_today
from casetracker.typed_text import control_character_problem


def _no_control_characters(value: str) -> None:
    # No NUL or other control character (the pages refuse them too): casetracker.typed_text.
    problem = control_character_problem(value)
    if problem is not None:
        raise ValidationError(problem)


def Text(*, max_length: int | None = None, **kwargs) -> fields.String:  # noqa: N802 (a field factory)
    """A string field that refuses control characters (a NUL, \\x01…) and, with ``max_length``, longer text."""
    checks = [_no_control_characters] + ([validate.Length(max=max_length)] if max_length else [])
    return fields.String(validate=checks, **kwargs)


def Choice(enum: type[StrEnum], **kwargs) -> fields.String:  # noqa: N802
    """A string field holding one of ``enum``'s values (listed in the OpenAPI document)."""
    return fields.String(validate=validate.OneOf([member.value for member in enum]), **kwargs)


def _typed(value: date) -> None:
    problem = typed_date_problem(value, uk_today())
    if problem:
        raise ValidationError(problem)


def _not_in_future(value: date) -> None:
    if value > uk_today():
        raise ValidationError("This date is in the future.")


def TypedDate(*, past: bool = False, **kwargs) -> fields.Date:  # noqa: N802
    """A ``YYYY-MM-DD`` date a user could have typed (``timeutil.typed_date_problem``); ``past`` refuses tomorrow."""
    return fields.Date(validate=[_typed] + ([_not_in_future] if past else []), **kwargs)


def RowId(**kwargs) -> fields.Integer:  # noqa: N802
    """A row id: a positive integer that fits a database id (a larger one is refused, not a 500)."""
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=2**63 - 1), **kwargs)
