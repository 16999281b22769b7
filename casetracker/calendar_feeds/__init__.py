"""Calendar feeds: a secret .ics URL per user and per team with every open clock as an all-day event."""

from flask import Blueprint

bp = Blueprint("calendar_feeds", __name__)
