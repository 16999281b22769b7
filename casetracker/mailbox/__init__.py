"""A team's FOI inbox both ways: fetched over IMAP into the mail import, letters sent by SMTP."""

from flask import Blueprint

bp = Blueprint("mailbox", __name__)
