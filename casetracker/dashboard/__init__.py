"""The home page: what is late, what is due, what is coming."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)
