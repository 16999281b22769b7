"""Forms of the team administration pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from casetracker.auth.constants import Role

ROLE_CHOICES = [(r.value, r.value.capitalize()) for r in Role]


class InviteForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(message="Give their email."), Email(), Length(max=254)])
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.EDITOR.value)
    submit = SubmitField("Create invitation link")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES)
    submit = SubmitField("Change role")


class RemoveForm(FlaskForm):
    submit = SubmitField("Remove")


class AcceptForm(FlaskForm):
    name = StringField("Your name", validators=[Optional(), Length(max=200)])
    password = PasswordField("Choose a password (at least 8 characters)", validators=[Optional(), Length(max=1000)])
    submit = SubmitField("Join the team")


class SchoolTermsForm(FlaskForm):
    terms = TextAreaField("Term dates: one term a line, its first and last school day (YYYY-MM-DD YYYY-MM-DD)",
                          validators=[Optional(), Length(max=20_000)])
    submit = SubmitField("Save term dates")
