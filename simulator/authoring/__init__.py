"""Trainer tools that run headless: declared playthroughs, random walks, new-file template."""
