"""Read email files (.eml, .mbox, Outlook .msg) into plain values, suggest what they are, and import them.

``parsing`` turns files into ``ParsedMessage`` values and ``matching`` applies
the rules that tie a message to a request and suggest its kind: both pure, no
Flask, no database. ``services`` imports messages into requests' histories;
``views`` holds the pages of the ``bp`` blueprint made here.
"""

from flask import Blueprint

bp = Blueprint("mail", __name__)
