"""Letters: every FOI letter as a Word document, built in or on a team's own template.

The modules here are pure (no Flask, no database) except ``commands``:
``render.render_letter(kind, ctx)`` turns a plain context into .docx bytes.
"""
