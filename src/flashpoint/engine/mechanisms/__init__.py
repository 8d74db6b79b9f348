"""One file per mechanism (M1-M10). Each is a pure function of today's state, parameters,
schedule context, today's flows and a random generator, and returns the state it changes.
A mechanism never imports another; the engine calls them in a fixed order (docs/ODD.md).
"""
