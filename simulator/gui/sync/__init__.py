"""Results sync (xAPI) in the GUI: a background worker, a status line in the Staff menu and a settings page.

Imported only once the main window is on screen (``install``), so start-up never pays for it.
The rules (statements, outbox, sending, where the password may be kept) are the Qt-free core's:
``simulator.xapi.sync``, ``lrs_client`` and ``settings``; this package only schedules
them off the GUI thread and shows what happened.
"""
