"""Log in, log out, and who may see what."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
