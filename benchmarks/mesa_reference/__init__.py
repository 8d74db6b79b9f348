"""The Flashpoint model written the Mesa way: one agent object per actor, scalar arithmetic, one step a day.

It is a reference for the vectorized engine (``flashpoint.engine``): both read the same numbers from
``compile_world`` and follow the same order of mechanisms, so their ensembles agree in distribution
(tests/test_mesa_reference.py), and ``benchmarks/engine.py`` compares their speed on the same work.
"""
from .model import ProxyConflictModel, Reference, run_ensemble

__all__ = ["ProxyConflictModel", "Reference", "run_ensemble"]
