"""The public request form: the least personal data a valid request needs (FOIA s8(1), FOISA s8(1))."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional


class IntakeForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(message="Give your name: a request must state it "
                                                                     "(FOIA s8(1)(b))."), Length(max=200)])
    email = EmailField("Email address for our reply", validators=[Optional(), Email(), Length(max=254)])
    postal_address = TextAreaField("Or a postal address", validators=[Optional(), Length(max=2000)])
    description = TextAreaField("The information you want", validators=[
        DataRequired(message="Describe the information you want (FOIA s8(1)(c))."), Length(max=20_000)])
    submit = SubmitField("Send request")

    def validate(self, extra_validators=None) -> bool:
        """Also require an address for correspondence: an email or a postal address (FOIA s8(1)(b))."""
        valid = super().validate(extra_validators)
        if not (self.email.data or "").strip() and not (self.postal_address.data or "").strip():
            self.email.errors = [*self.email.errors, "Give an email or a postal address for our reply "
                                                     "(FOIA s8(1)(b))."]
            return False
        return valid
