"""Charset decoding and HTML-to-text for message bodies."""

from __future__ import annotations

import pytest

from casetracker.mail.bodies import decode_text, html_to_text


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        ("Zażółć gęślą jaźń".encode("iso-8859-2"), "iso-8859-2", "Zażółć gęślą jaźń"),
        ("Hi +- there".encode("utf-7"), "unicode-1-1-utf-7", "Hi +- there"),
        ("Zpráva převzata".encode("utf-7"), "unicode-1-1-utf-7", "Zpráva převzata"),
        ("\u4efb\u4e50\u677e".encode("gb18030"), "gb2312", "\u4efb\u4e50\u677e"),
        (b"plain", "base64", "plain"),  # a codec, but not a character set
        ("naïve café".encode("utf-8"), "windows-1252", "naïve café"),  # mislabelled UTF-8
        (b"caf\xe9", "utf-8", "café"),  # invalid in the declared charset
        (b"\x81\x8d caf\xe9", "iso-8859-1", "\x81\x8d café"),  # bytes Windows-1252 leaves unassigned
    ],
)
def test_decode_text(data, declared, expected):
    assert decode_text(data, declared) == expected


def test_html_to_text_keeps_paragraphs_and_drops_markup():
    html = """<html><head><title>t</title><script>var x = 1;</script></head><body>
      <table><tr><td>Request</td><td>FOI-2022-0042</td></tr><tr><td>Due</td><td>11 February 2022</td></tr></table>
      <ul><li>s40(2) &amp; s43(2)</li><li>withheld</li></ul>
      <p>Yours
      sincerely,<br/>FOI&nbsp;Team</p></body></html>"""

    assert html_to_text(html) == (
        "Request FOI-2022-0042\n\nDue 11 February 2022\n\ns40(2) & s43(2)\n\nwithheld\n\nYours sincerely,\nFOI Team"
    )
