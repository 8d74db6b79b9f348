"""The command line: ``flashpoint run``, ``flashpoint scenario``, and the commands other parts register."""
from __future__ import annotations

import importlib
import sys

import typer
from flashpoint.console import console, print_error
from flashpoint.errors import FlashpointError

app = typer.Typer(
    name="flashpoint",
    help="Escalation in proxy conflicts: scenarios, ensembles, the event record, claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

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


def main(argv: list[str] | None = None) -> int:
    """Entry point: user errors print one clear message and exit with status 2."""
    try:
        app(args=argv, standalone_mode=False)
    except FlashpointError as exc:
        print_error(exc)
        return 2
    except KeyboardInterrupt:
        console(stderr=True).print("interrupted")
        return 130
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
