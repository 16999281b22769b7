"""Team administration in the browser: invite members by one-time link, change roles, remove members."""

from flask import Blueprint

bp = Blueprint("teams", __name__)
