"""Read email files (.eml, .mbox, Outlook .msg) into plain values, and suggest what they are.

Pure: no Flask, no database. ``parsing`` turns files into ``ParsedMessage`` values;
``matching`` applies the rules that tie a message to a request and suggest its kind.
"""
