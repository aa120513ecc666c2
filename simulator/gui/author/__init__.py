"""Author mode: the trainer's workbench for checking, seeing and testing scenario files.

``AuthorWorkbench`` (``workbench.py``) ties the panels together; ``analysis.py`` and
``layout.py`` hold the Qt-free parts (map facts, routes to endings, the layered layout) so they
can be tested and benchmarked without widgets.
"""
