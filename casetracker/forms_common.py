"""Form fields shared by several domains."""

from __future__ import annotations

from wtforms import DateField
from wtforms.validators import ValidationError


class UKDateField(DateField):
    """A date input (``YYYY-MM-DD`` from the browser) with a plain-English error."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            self.data = None
            raise ValueError("Enter a real date, for example 2022-02-07.") from exc


def not_in_future(form, field) -> None:
    """Refuse dates after today: correspondence cannot be dated tomorrow."""
    from casetracker.timeutil import uk_today

    if field.data and field.data > uk_today():
        raise ValidationError("This date is in the future.")

