"""The command line: ``flashpoint run``, ``flashpoint scenario``, and the commands other parts register."""
from __future__ import annotations

import functools
import importlib
import signal
import sys
import warnings

import typer
from rich.text import Text

from flashpoint.console import console, print_error, styled
from flashpoint.errors import FlashpointError, FlashpointNote, extra_words

app = typer.Typer(
    name="flashpoint",
    help="Escalation in proxy conflicts: scenarios, ensembles, the event record, claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from flashpoint import __version__

        typer.echo(f"flashpoint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Escalation in proxy conflicts: scenarios, ensembles, the event record, claims."""


_TYPE_NAMES = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "path": "PATH", "file": "FILE",
               "directory": "FOLDER", "bool": "BOOLEAN", "datetime": "DATE"}


def _plain_help_types() -> None:
    """Help shows what a user types (TEXT, INTEGER, [table|json]), not Python annotations (<str>, <list[str]>).

    Typer 0.2x renders an option's annotation; this wraps its one method for that, and does
    nothing on a Typer without it.
    """
    import typer.core

    base = getattr(typer.core, "_TyperParameter", None)
    original = getattr(base, "display_type", None)
    if original is None or getattr(original, "plain", False):
        return

    def display_type(self, ctx):
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None
        label = str(original(self, ctx)).strip("<>").removesuffix(" range")
        while label.startswith("list[") and label.endswith("]"):
            label = label[5:-1]
        if "|" in label:
            return f"[{label}]"
        return _TYPE_NAMES.get(label, label.upper())

    display_type.plain = True
    base.display_type = display_type


_plain_help_types()

#: Modules that add commands to ``app`` through a ``register(app)`` function.
COMMAND_MODULES = (
    "flashpoint.commands.run",
    "flashpoint.commands.scenario",
    "flashpoint.events.cli",
    "flashpoint.extract.cli",
    "flashpoint.analysis.cli",
    "flashpoint.calibration.cli",
    "flashpoint.web.cli",
)

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # a part not built yet, or its extra not installed
        if exc.name and _name.startswith(exc.name):
            continue
        raise
    _module.register(app)


def _exit_on_signal(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _notes_shown(fallback):
    """A ``warnings.showwarning`` that prints a FlashpointNote as "note: MESSAGE" on stderr and hands
    other warnings to ``fallback``."""
    def show(message, category, filename, lineno, file=None, line=None) -> None:
        if issubclass(category, FlashpointNote):
            console(stderr=True).print(styled("note:", "bold yellow"), Text(str(message)), soft_wrap=True)
        else:
            fallback(message, category, filename, lineno, file, line)
    return show


def _no_empty_values(args: list[str]) -> None:
    """Refuse an empty argument: a path option reads "" as the current folder (``run --out ""``, or ``--out "$DIR"``
    with DIR unset, wrote the charts where the command ran, said nothing; a held-out tester)."""
    for i, arg in enumerate(args):
        if arg.startswith("--") and arg.endswith("=") and len(arg) > 3:
            raise FlashpointError(f"{arg[:-1]}: an empty value; give one (an unset shell variable?)")
        if arg == "":
            after = f"{args[i - 1]}: " if i and args[i - 1].startswith("-") else f"argument {i + 1}: "
            raise FlashpointError(f"{after}an empty value; give one (an unset shell variable?)")


@functools.lru_cache(maxsize=1)
def _click_command():
    """The command tree Typer builds from ``app`` (about 12 ms), built once per process: its options do not change."""
    return typer.main.get_command(app)


def _no_option_twice(args: list[str]) -> None:
    """Refuse an option given twice that takes one value: the last silently won (``run --runs 5 --runs 6`` ran 6,
    ``--format csv --format json`` printed JSON, ``--to a.csv --to b.csv`` wrote only b.csv; a held-out tester), as
    ``--summary-only --full`` would. Options that take a list (``--set``, ``--claim``) repeat."""
    command, words = _click_command(), list(args)
    while hasattr(command, "commands") and words:       # (Typer's groups and options are its own click's)
        word = words.pop(0)
        if word.startswith("-"):
            continue
        if word not in command.commands:
            return                       # click says what is wrong with it
        command = command.commands[word]
    for param in command.params:
        if param.param_type_name != "option" or param.multiple or param.count:
            continue
        names = param.opts + param.secondary_opts
        given = [w.partition("=")[0] for w in words if w.partition("=")[0] in names]
        if len(given) > 1:
            raise FlashpointError(f"{' and '.join(dict.fromkeys(given))} given {len(given)} times: give "
                                  f"{'it' if len(set(given)) == 1 else 'one of them'} once")


def _no_group_left_out(args: list[str]) -> None:
    """A group's command given without its group (``flashpoint validate FILE``: a held-out researcher read "No such
    command 'validate'. Did you mean 'evaluate', 'calibrate'?") is told the group it is in."""
    top = _click_command().commands
    word = next((w for w in args if not w.startswith("-")), None)
    if word is None or word in top:
        return
    groups = [name for name, group in top.items() if word in getattr(group, "commands", {})]
    if groups:
        raise FlashpointError(f"no command {word!r}; did you mean "
                              + " or ".join(f"'flashpoint {group} {word}'" for group in groups) + "?")


def main(argv: list[str] | None = None) -> int:
    """Entry point: user errors print one clear message and exit with status 2.

    SIGTERM and SIGHUP end the command the way Ctrl-C does, through the normal exit path, so
    half-written output files are removed (see :mod:`flashpoint.atomic`).
    """
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        try:
            if number is not None and signal.getsignal(number) is signal.SIG_DFL:
                signal.signal(number, _exit_on_signal)
        except ValueError:  # not the main thread
            pass
    try:
        args = sys.argv[1:] if argv is None else list(argv)
        _no_empty_values(args)
        _no_group_left_out(args)
        _no_option_twice(args)
        with warnings.catch_warnings():
            warnings.simplefilter("always", FlashpointNote)
            warnings.showwarning = _notes_shown(warnings.showwarning)
            code = app(args=argv, standalone_mode=False)
        if code == 130:     # Typer turns a Ctrl-C inside a command into this code, returned, not raised
            raise KeyboardInterrupt
    except FlashpointError as exc:
        print_error(exc)
        return 2
    except KeyboardInterrupt:
        console(stderr=True).print("interrupted")
        return 130
    except ModuleNotFoundError as exc:  # a command of an extra that `make demo` does not install
        words = extra_words(exc.name or "")
        if words is None:
            raise
        print_error(words)
        return 2
    except MemoryError:       # a held-out tester's 60,000 runs with --full ended in numpy's traceback, exit 1
        print_error("not enough memory for this command: use fewer --runs (or fewer --particles, --replicates, "
                    "--samples or --trajectories where the command has them), or, for run, --summary-only instead of "
                    "--full (which keeps every run's daily arrays: about 90 KB per run for the built-in scenario; "
                    "docs/distributed.md)")
        return 2
    except OSError as exc:    # a file or folder the system refused (disk full, a read-only or virtual file system)
        where = f"{exc.filename}: " if exc.filename else ""
        print_error(f"{where}{exc.strerror or exc}")
        return 2
    except SystemExit as exc:
        return int(exc.code or 0)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        return 1
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        if hasattr(exc, "show"):
            exc.show()
        else:
            print_error(exc)
        return 2
    except Exception as exc:  # DuckDB's I/O errors (a full disk) are no OSError; last: typer's above are Exceptions too
        duckdb = sys.modules.get("duckdb")
        if duckdb is not None and (isinstance(exc, getattr(duckdb, "InterruptException", ())) or
                                   isinstance(exc, RuntimeError) and str(exc) == "Query interrupted"):
            console(stderr=True).print("interrupted")   # Ctrl-C inside a query (events export: a traceback)
            return 130
        if duckdb is None or not isinstance(exc, duckdb.OperationalError):
            raise
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print_error(f"the event store could not read or write a file: {text}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
