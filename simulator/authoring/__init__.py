"""Trainer tools that run headless: declared playthroughs, random walks, new-file template, Twine import.

May import ``store``, ``engine`` and ``scenario``; never ``reports``, ``xapi``, ``cli``, ``gui`` or Qt.
"""
