"""Errors meant for people: each says what was wrong, where, and what was expected.

The command line turns any ``FlashpointError`` into its message on stderr
and exit status 2, with no traceback.
"""


class FlashpointError(Exception):
    """A problem with the user's input (file, option, value), explained in the message."""


class ScenarioError(FlashpointError):
    """A scenario file that cannot be loaded: names the file, line and field."""


class DataError(FlashpointError):
    """An input data file that cannot be read or imported: names the file, line and field."""
