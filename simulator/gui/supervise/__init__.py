"""Supervisor mode: the cohort, trainee scorecards, scenario results and exports, behind a passphrase.

The main window adds ``area.SupervisorArea(store)`` to its stack and calls ``request_access()``
when the supervisor asks for it; see ``area`` for the signals it emits.
"""
