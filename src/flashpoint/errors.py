"""Errors meant for people: each says what was wrong, where, and what was expected.

The command line turns any ``FlashpointError`` into its message on stderr
and exit status 2, with no traceback, and any ``FlashpointNote`` (a warning: the command goes on)
into "note: MESSAGE" on stderr.
"""


class FlashpointError(Exception):
    """A problem with the user's input (file, option, value), explained in the message."""


class FlashpointNote(UserWarning):
    """Something the user should know that does not stop the work (``warnings.warn`` it)."""


class RepeatedKey(ValueError):
    """A JSON object that gives one key twice (:func:`unique_keys`); ``key`` names it."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(f"key {key[:80]!r} is given more than once in one object; give it once")


def unique_keys(pairs: list) -> dict:
    """``json.loads``' ``object_pairs_hook`` for input people write (the web API's bodies, extract's JSONL): a key
    given twice in one object is a :class:`RepeatedKey`, where JSON would keep the last value silently."""
    out = dict(pairs)
    if len(out) < len(pairs):
        seen: set = set()
        raise RepeatedKey(next(k for k, _ in pairs if k in seen or seen.add(k)))
    return out


#: how near a name must be to be refused as a misspelling where names near none are read past (with a note)
MISSPELT = 0.8


def did_you_mean(value, known, cutoff: float = 0.75) -> str:
    """"; did you mean 'x'?" for the known name closest to ``value`` (case aside), or "": a held-out tester's
    'Historical', 'h1' and 'attacks_on_foreign_force' got the whole list and no pointer. Where a near name is
    refused as a misspelling and others are read past, ``cutoff`` :data:`MISSPELT` keeps a user's own 'alt_plover' (0.75 to
    'plover') from being taken for one."""
    import difflib

    by_case = {str(k).lower(): str(k) for k in known}
    text = str(value).lower()
    close = [by_case[text]] if text in by_case else [
        by_case[c] for c in difflib.get_close_matches(text, list(by_case), n=1, cutoff=cutoff)]
    return f"; did you mean {close[0]!r}?" if close else ""


#: Packages of the optional extras (pyproject.toml) -> the extra that installs them.
EXTRAS = {"duckdb": "events", "pyarrow": "events", "platformdirs": "events", "SALib": "analysis",
          "scipy": "analysis", "scoringrules": "calibrate", "spacy": "extract", "en_core_web_sm": "extract",
          "fastapi": "web", "uvicorn": "web", "httpx": "web", "ray": "distributed"}


def extra_words(module: str, what: str = "this command", extra: str | None = None) -> str | None:
    """"WHAT needs the 'EXTRA' extra (MODULE is not installed): pip install ..." for a package of an extra (None
    for any other); ``extra``: the extra to name, where the work's own installs the package too."""
    extra = extra or EXTRAS.get(module.split(".")[0])
    if extra is None:
        return None
    return (f"{what} needs the '{extra}' extra ({module} is not installed): pip install -e '.[{extra}]' in the "
            f"project folder, or `make test` for every extra")


def need_extra(module: str, what: str, extra: str | None = None) -> None:
    """Import ``module`` before any work, and if it is not installed raise a FlashpointError that names its extra
    (a held-out designer's ``flashpoint.claims(audit=True)`` ran every ensemble, then failed with a bare
    ModuleNotFoundError; ``flashpoint calibrate`` fitted, then named the events extra for its posterior file)."""
    import importlib

    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        words = extra_words(exc.name or module, what, extra)
        if words is None:
            raise
        raise FlashpointError(words) from None


class ScenarioError(FlashpointError):
    """A scenario file that cannot be loaded: names the file, line and field."""


class DataError(FlashpointError):
    """An input data file that cannot be read or imported: names the file, line and field."""


class ScenarioFieldError(ScenarioError):
    """A problem at a place in a scenario, given as a location path such as ``("schedule", 7, "target")``.

    Validators raise it for checks that span fields (``requires`` cycles, duplicate ids): it is
    not a ``ValueError``, so pydantic lets it through unchanged, and the loader turns each
    location into the line of the file that holds it
    ("s.yaml, line 212: field schedule[7].target: ..."). Built in Python, without a file,
    the message names the field only.
    """

    def __init__(self, loc, message: str | None = None, *, problems=None):
        self.problems: list[tuple[tuple, str]] = list(problems or []) + (
            [(tuple(loc), str(message))] if loc is not None else [])
        super().__init__("\n".join(f"field {field_name(at)}: {text}" for at, text in self.problems))


def field_name(loc) -> str:
    """A location path as a field name: ("schedule", 7, "target") -> "schedule[7].target"."""
    parts: list[str] = []
    for item in loc:
        parts.append(f"[{item}]" if isinstance(item, int) else ("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"
