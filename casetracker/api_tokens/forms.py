"""Forms of the account page's API tokens section."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from casetracker.api_tokens.constants import TokenScope


class TokenForm(FlaskForm):
    """Make a new token."""

    name = StringField("Name", validators=[DataRequired(message="Give the token a name."), Length(max=100)])
    scope = SelectField("May", choices=[(TokenScope.READ.value, "Read only"),
                                        (TokenScope.WRITE.value, "Read and write (as your role allows)")])
    submit = SubmitField("Create token")


class RevokeForm(FlaskForm):
    """Revoke a token (only the CSRF token)."""

    submit = SubmitField("Revoke")
