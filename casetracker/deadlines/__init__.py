"""Statutory deadlines: working-day calendars and the FOI, EIR, FOISA and SAR clocks."""
