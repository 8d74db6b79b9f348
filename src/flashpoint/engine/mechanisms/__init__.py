"""One file per mechanism (M1-M10). Each is a pure function of today's state, parameters,
schedule context, today's flows and a random generator, and returns the state it changes.
A mechanism never imports another; the engine calls them in a fixed order (docs/ODD.md).

Today's flows, as the engine hands them over: ``strikes`` (runs, proxies) strike waves and
``strikes_total`` (runs, 1); ``host_killed`` and ``host_attacks``; after the attacks, ``attacks``
(runs, sources), ``attacks_total`` (runs, 1) and ``killed_total`` (runs, 1, foreign personnel).
"""
