"""Scorecards and exports: what a supervisor reads (``data``), transcripts, and CSV, JSON and PDF
files through one calling convention (``exports``, registry in ``formats``).

May import ``store``, ``engine`` and ``scenario``; the PDF writer alone uses QtGui, through the
shared chart painting in ``simulator.charts``. Never ``xapi``, ``authoring``, ``cli`` or ``gui``.
"""
