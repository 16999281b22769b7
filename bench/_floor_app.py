"""The floor for bench/web.py: a Flask page that does no work, served by the same gunicorn and driven by the same wrk.

It renders a 50-row table from a Jinja template, with no database, session or
login, so its latency under 20 clients is what the stack alone costs on this
machine at that moment; the app's pages are printed beside it.
"""

from flask import Flask, render_template_string

app = Flask(__name__)

TABLE = ("<!doctype html><html lang=en><title>floor</title><table>{% for i in range(50) %}"
         "<tr><td>{{ i }}</td><td>Request {{ i }} &amp; its authority</td></tr>{% endfor %}</table></html>")


@app.get("/")
def floor():
    return render_template_string(TABLE)
