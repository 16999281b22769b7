"""The content security policy allows no inline script, and no template needs one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
#: A <script> with a body (not just src=...), or an on*= event handler attribute.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def test_script_src_has_no_unsafe_inline(auth):
    auth.login("viewer")
    policy = auth.get("/").headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_has_inline_script_or_event_handlers(path):
    text = path.read_text(encoding="utf-8")
    assert INLINE_SCRIPT.findall(text) == []
    assert HANDLER.findall(text) == []
    assert "javascript:" not in text


def test_the_scripts_the_pages_load_are_served(auth, make_request):
    request_id = make_request()
    auth.login("editor")
    page = auth.get(f"/requests/{request_id}/documents").get_data(as_text=True)
    assert '<script src="/static/js/dropzone.js"></script>' in page
    for name in ("dropzone.js", "quote-selection.js"):
        response = auth.get(f"/static/js/{name}")
        assert response.status_code == 200
        assert "addEventListener" in response.get_data(as_text=True)
        response.close()


def test_the_patterns_catch_what_they_should():
    assert INLINE_SCRIPT.findall('<script>alert(1)</script><script src="/x.js"></script>') == ["<script>"]
    assert HANDLER.findall('<a href="#" onclick="x()">') and not HANDLER.findall('<a data-once="1">')
