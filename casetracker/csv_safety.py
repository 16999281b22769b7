"""CSV files that a spreadsheet opens safely: no cell is taken for a formula.

A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
run as a formula by Excel, LibreOffice and Google Sheets ("CSV injection",
OWASP). Document titles, snippets and event titles are user text, so every CSV
the app writes goes through ``safe_writer``, which prefixes such a cell with a
single quote: the spreadsheet shows the text, and runs nothing.
"""

from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

__all__ = ["safe_cell", "safe_writer"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Return ``value`` with a leading quote when a spreadsheet would read it as a formula; numbers as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(out: TextIO) -> _SafeWriter:
    """Return a ``csv.writer`` over ``out`` whose cells never start a formula."""
    return _SafeWriter(out)
