"""Forms of the team mailbox settings and of sending a letter by email."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

SECURITY_CHOICES = [("ssl", "SSL/TLS"), ("starttls", "STARTTLS"), ("none", "None (test servers only)")]


class MailboxForm(FlaskForm):
    imap_host = StringField("Inbox (IMAP) server", validators=[Length(max=255)])
    imap_port = IntegerField("IMAP port", default=993, validators=[NumberRange(1, 65535)])
    imap_security = SelectField("IMAP security", choices=SECURITY_CHOICES, default="ssl")
    imap_username = StringField("IMAP user name", validators=[Length(max=254)])
    imap_password = PasswordField("IMAP password (blank keeps the stored one)", validators=[Optional(), Length(max=500)])
    folders = StringField("Folders to read, comma-separated", default="INBOX", validators=[Length(max=500)])
    smtp_host = StringField("Outgoing (SMTP) server", validators=[Length(max=255)])
    smtp_port = IntegerField("SMTP port", default=587, validators=[NumberRange(1, 65535)])
    smtp_security = SelectField("SMTP security", choices=SECURITY_CHOICES, default="starttls")
    smtp_username = StringField("SMTP user name", validators=[Length(max=254)])
    smtp_password = PasswordField("SMTP password (blank keeps the stored one)", validators=[Optional(), Length(max=500)])
    from_address = StringField("Send letters from (the team's FOI address)", validators=[Length(max=254)])
    submit = SubmitField("Save mailbox")


class FetchForm(FlaskForm):
    submit = SubmitField("Fetch new mail now")


class LetterEmailForm(FlaskForm):
    to = SelectField("Send to")
    note = TextAreaField("A few words above the letter (optional)", validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Send by email")
