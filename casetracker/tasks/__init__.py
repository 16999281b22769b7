"""Background work: the task queue, file jobs and their progress, the Processing pages."""

from flask import Blueprint

bp = Blueprint("tasks", __name__)
