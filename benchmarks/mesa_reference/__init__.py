"""The Flashpoint model written the Mesa way: one agent object per actor, scalar arithmetic, one step a day.

It is a reference for the vectorized engine (``flashpoint.engine``): both read the same numbers from
``compile_world``, and the reference restates the model's equations and schedule semantics on its own,
so their ensembles agree in distribution (tests/test_mesa_reference.py), and ``benchmarks/engine.py``
compares their speed on the same work and the same outputs.
"""
from .model import INDICATORS, ProxyConflictModel, run_ensemble, total
from .reference import Reference

__all__ = ["INDICATORS", "ProxyConflictModel", "Reference", "run_ensemble", "total"]
