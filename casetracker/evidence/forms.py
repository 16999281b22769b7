"""Forms to record claims and events, change a date, assert an order, and link evidence."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from casetracker.deadlines.constants import CalendarName
from casetracker.evidence.assertions import NEEDS_N, relation_phrase
from casetracker.evidence.constants import AssertionEffect, Relation, Stance
from casetracker.evidence.services import EvidenceError, parse_event_date
from casetracker.forms_common import UKDateField

NONE_CHOICE = (0, "—")
STANCE_CHOICES = [
    (Stance.SUPPORTS.value, "Supports the claim"),
    (Stance.CONTRADICTS.value, "Contradicts the claim"),
    (Stance.CONTEXT.value, "Context"),
]
RELATION_CHOICES = [
    (relation.value, relation_phrase(relation, 0 if relation in NEEDS_N else None).replace(" 0 ", " N "))
    for relation in Relation
]
EFFECT_CHOICES = [
    (AssertionEffect.CONTEXT.value, "If it fails, it contradicts the claim"),
    (AssertionEffect.SUPPORTS.value, "If it holds, it supports the claim; if it fails, it contradicts it"),
    (AssertionEffect.CONTRADICTS.value, "If it holds, it contradicts the claim"),
]
CALENDAR_CHOICES = [
    (CalendarName.UK.value, "UK working days (FOIA s10(6))"),
    (CalendarName.SCOTLAND.value, "Scottish working days (FOISA s73)"),
]
DATE_HELP = "15 February 2022, February 2022 or 2022 (a day is never assumed); leave empty if not known."


class _EventDate:
    """Validate a typed event date, keeping the parsed ``FuzzyDate`` (or None) on the form."""

    def __call__(self, form, field) -> None:
        try:
            form.parsed_date = parse_event_date(field.data)
        except EvidenceError as exc:
            raise ValidationError(str(exc)) from None


class ClaimForm(FlaskForm):
    text = TextAreaField("The claim, as made", validators=[DataRequired(message="Write the claim as it was made."),
                                                           Length(max=5000)])
    made_by = StringField("Made by (a person or body)", validators=[Optional(), Length(max=300)])
    made_by_authority_id = SelectField("Or the authority that made it", coerce=int, default=0)
    made_on = UKDateField("Made on", validators=[Optional()])
    recorded_in_correspondence_id = SelectField("Recorded in correspondence", coerce=int, default=0)
    recorded_in_document_id = SelectField("Or in a document", coerce=int, default=0)
    recorded_in_page = IntegerField("Page of that document", validators=[Optional(), NumberRange(min=1)])
    submit = SubmitField("Record claim")


class EventForm(FlaskForm):
    title = StringField("What happened", validators=[DataRequired(message="Say what happened."), Length(max=300)])
    date = StringField("Date", validators=[Length(max=40), _EventDate()], description=DATE_HELP)
    description = TextAreaField("Notes", validators=[Optional(), Length(max=5000)])
    correspondence_id = SelectField("Backed by correspondence", coerce=int, default=0)
    submit = SubmitField("Add event")

    parsed_date = None


class EventDateForm(FlaskForm):
    date = StringField("New date", validators=[Length(max=40), _EventDate()], description=DATE_HELP)
    submit = SubmitField("Change date and re-check assertions")

    parsed_date = None


class AssertionForm(FlaskForm):
    title = StringField("Assertion", validators=[DataRequired(message="Give the assertion a title."),
                                                 Length(max=300)])
    first_event_id = SelectField("First event", coerce=int)
    relation = SelectField("is", choices=RELATION_CHOICES)
    second_event_id = SelectField("Second event", coerce=int)
    n = IntegerField("N (for within, about or at least N days)", validators=[Optional(), NumberRange(min=0, max=3650)])
    calendar = SelectField("Working days", choices=CALENDAR_CHOICES, default=CalendarName.UK.value)
    claim_id = SelectField("Tied to the claim", coerce=int, default=0)
    effect = SelectField("What it does to the claim", choices=EFFECT_CHOICES, default=AssertionEffect.CONTEXT.value)
    submit = SubmitField("Add and check")


class EvidenceForm(FlaskForm):
    quote = TextAreaField("Quote (exact words on the page)",
                          validators=[DataRequired(message="Give the exact words as they appear on the page."),
                                      Length(max=5000)])
    stance = SelectField("Stance", choices=STANCE_CHOICES, default=Stance.SUPPORTS.value)
    claim_id = SelectField("Claim", coerce=int, default=0)
    event_id = SelectField("Event", coerce=int, default=0)
    note = TextAreaField("Note", validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Use as evidence")


class SuggestionForm(FlaskForm):
    page = IntegerField(widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1)])
    start = IntegerField(widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=0)])
    title = StringField("Event title (the sentence if empty)", validators=[Optional(), Length(max=300)])
    submit = SubmitField("Make an event")
