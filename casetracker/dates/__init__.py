"""Dates written in text, shared by evidence (chronology) and documents (a document's own date). Pure.

``fuzzy.FuzzyDate`` is a date known to the day, month or year; ``finder.find_dates`` lists the
dates a text gives in the usual UK forms; ``own_date.document_own_date`` picks the date a
document bears on its face.
"""
