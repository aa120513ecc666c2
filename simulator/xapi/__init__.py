"""xAPI: statements built from a session's events, their rules, the LRS client and sync.

May import ``store``, ``engine``, ``scenario`` and the standard library; never Qt, ``gui``,
``cli`` or ``reports``. The store queues the rows this package hands it and knows nothing of xAPI.
"""
