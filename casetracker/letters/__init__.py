"""Letters: every FOI letter as a Word document, built in or on a team's own template.

The builders, ``render``, ``validation`` and the other letter modules are pure
(no Flask, no database): ``render.render_letter(kind, ctx)`` turns a plain
context into .docx bytes. The app side is ``models`` (team templates),
``context`` (a request as a context), ``services``, ``forms``, ``views`` and
``commands``.
"""

from flask import Blueprint

bp = Blueprint("letters", __name__)
