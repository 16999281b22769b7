"""Log-in and password forms."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField("Log in")


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired(message="Give your current password."),
                                                                     Length(max=1000)])
    new_password = PasswordField("New password", validators=[DataRequired(message="Choose a new password."), Length(max=1000)],
                                 description="At least 12 characters; a few uncommon words is easiest to remember.")
    confirm = PasswordField("New password again", validators=[
        DataRequired(message="Type the new password again."), EqualTo("new_password", message="The two new passwords differ.")])
    submit = SubmitField("Change password")
