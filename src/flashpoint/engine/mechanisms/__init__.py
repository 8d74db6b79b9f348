"""One file per mechanism (M1-M10), each declaring itself in ``COMPONENT`` (engine/contract.py).

A mechanism is a pure function of today's state, parameters, schedule context, the flows produced
earlier today and a random generator; it returns the state it changes and the flows it produces.
A mechanism never imports another; the engine finds them here and runs them in the order their
``phase`` and ``order`` declare (docs/ODD.md section 3).

Today's flows: ``yesterday`` (yesterday's simulated attacks); from the response rule ``strikes``
(runs, proxies) strike waves, ``strikes_by_soil`` (runs, proxies, soil), ``strikes_total`` and
``strikes_host_total`` (runs, 1), ``host_killed`` (runs, 1); from M3 ``host_attacks`` (runs, proxies);
after the attacks ``attacks`` (sparse), ``attacks_by_source`` (runs, sources), ``attacks_on_forces`` (runs,
1: the attacks on targets the foreign forces in the theatre hold) and ``killed_total`` (runs, 1: those killed
on the same targets, the foreign forces' dead).
"""
