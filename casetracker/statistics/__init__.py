"""Statistics per authority: how the authorities a team asks have behaved across its tracked requests."""

from flask import Blueprint

bp = Blueprint("statistics", __name__)
