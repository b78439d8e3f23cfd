"""Thaw's build, as one MkDocs plugin: see thaw/plugin.py for its events and modules, and
ARCHITECTURE.md for how a claim travels through it."""
