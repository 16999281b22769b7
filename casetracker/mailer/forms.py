"""Forms of the email settings and the password reset pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length


class MailPreferenceForm(FlaskForm):
    daily_digest = BooleanField("Email me a daily digest: responses due within 5 working days, overdue ones, "
                                "internal reviews overdue, ICO and appeal windows closing, dates a holiday moved")
    search_alerts = BooleanField("Email me when a saved search matches new pages")
    submit = SubmitField("Save email settings")


class ResetRequestForm(FlaskForm):
    email = EmailField("Your email", validators=[DataRequired(message="Give your email."), Length(max=254)])
    submit = SubmitField("Send me a reset link")


class ResetForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(message="Choose a new password."),
                                                         Length(max=1000)],
                             description="At least 12 characters; a few uncommon words is easiest to remember.")
    confirm = PasswordField("New password again", validators=[
        DataRequired(message="Type the new password again."), EqualTo("password", message="The two passwords differ.")])
    submit = SubmitField("Set password")
