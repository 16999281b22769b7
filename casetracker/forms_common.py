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
        from casetracker.timeutil import typed_date_problem, uk_today

        problem = self.data and typed_date_problem(self.data, uk_today())
        if problem:
            self.data = None
            raise ValueError(problem)


def not_in_future(form, field) -> None:
    """Refuse dates after today: correspondence cannot be dated tomorrow."""
    from casetracker.timeutil import uk_today

    if field.data and field.data > uk_today():
        raise ValidationError("This date is in the future.")



def apply_service_error(form, exc: Exception, default_field: str) -> None:
    """Show a service's refusal next to the form field it names, after undoing the transaction.

    ``exc`` is one of the domains' data errors (message for the user, optional
    ``field`` attribute naming the form field); ``default_field`` takes it otherwise.
    """
    from casetracker.extensions import db

    db.session.rollback()
    name = getattr(exc, "field", None)
    field = getattr(form, name, None) if name else None
    (field if field is not None else getattr(form, default_field)).errors.append(str(exc))


def refuse_absent_fields(form) -> bool:
    """Mark every text or choice field the POST left out as an error; return True if there were any.

    A browser sends every field of a form (empty ones as ""); a script need
    not, and an absent field reaches WTForms as None, not "". Checkboxes and
    file inputs are absent when unticked or empty, and a multiple select when
    nothing is chosen, so they are not counted.
    """
    from wtforms import BooleanField, FileField, MultipleFileField, SelectMultipleField, SubmitField
    from wtforms.csrf.core import CSRFTokenField

    absent = False
    for field in form:
        if isinstance(field, (BooleanField, FileField, MultipleFileField, SelectMultipleField, SubmitField,
                              CSRFTokenField)):
            continue
        if not field.raw_data:
            field.errors = [*field.errors, f"{field.label.text}: this field was missing from the form."]
            absent = True
    return absent
