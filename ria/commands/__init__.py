"""Commands: what a user runs (``build.py build|check|serve|format|import|authority|…``).

Each command reads its options and hands plain objects to the stages: ``cli`` (the command
line), ``check`` (every problem in one run), ``serve`` (build, serve and rebuild on save),
``formatting`` (the canonical layout), ``importer`` (a transcription → a TEI skeleton) and
``authority`` (identifiers proposed for review).
"""
