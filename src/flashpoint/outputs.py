"""Checks on the paths a user names for output, made before any work starts.

``--out DIR`` must be a folder or a path where one can be made; ``--to FILE`` and
``--rejects FILE`` must not be folders and must lie in a folder that exists (or
can be made) and is writable. Each problem is a :class:`FlashpointError` naming the
option and the path, so the command line exits 2 with one line instead of a
traceback after minutes of work. Nothing is left here: a command that fails
later leaves no empty folder behind (a folder is made and removed at once to probe that the file
system takes one). The files themselves are written through
:mod:`flashpoint.atomic` (complete or not at all; permissions from the umask).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flashpoint.errors import FlashpointError


def _first_existing(path: Path) -> Path:
    """``path`` or its nearest ancestor that exists."""
    for candidate in (path, *path.parents):
        if candidate.exists() or candidate.is_symlink():
            return candidate
    return Path(".")


def _check_creatable(path: Path, option: str, what: str) -> None:
    """The missing part of ``path`` can be created: its nearest existing ancestor is a writable folder."""
    anchor = _first_existing(path.parent if what == "file" else path)
    if not anchor.is_dir():
        raise FlashpointError(f"{option} {path}: {anchor} is a file, so the {what} cannot be made there")
    if not os.access(anchor, os.W_OK | os.X_OK):
        raise FlashpointError(f"{option} {path}: the folder {anchor} is not writable")
    try:      # the permission bits can say yes where the file system says no (root, /proc, a read-only mount)
        os.rmdir(tempfile.mkdtemp(prefix=".flashpoint-probe-", dir=anchor))
    except OSError as exc:
        raise FlashpointError(f"{option} {path}: nothing can be made in {anchor} ({exc.strerror or exc})") from None


def out_dir(path: str | os.PathLike | None, option: str = "--out") -> Path | None:
    """Check a folder the command will write into (made when the results are written)."""
    if path is None:
        return None
    path = _usable(path, option)
    if path.exists() and not path.is_dir():
        raise FlashpointError(f"{option} {path}: is a file; expected a folder (one is made when it is missing)")
    _check_creatable(path, option, "folder")
    return path


def free_names(folder: Path | None, files: tuple[str, ...], folders: tuple[str, ...] = (), option: str = "--out") -> None:
    """Before any work: the outputs a command will write into ``folder`` do not clash with what is there (a
    folder where a file goes, a file where a folder goes), which was found only after the simulation."""
    if folder is None or not folder.is_dir():
        return
    for name, wanted in [(f, "file") for f in files] + [(f, "folder") for f in folders]:
        path = folder / name
        if path.exists() and path.is_dir() != (wanted == "folder"):
            raise FlashpointError(f"{option} {folder}: {name} there is a {'folder' if path.is_dir() else 'file'}, "
                                  f"where this command writes its {name} {wanted}: move it, or choose another {option}")


def out_file(path: str | os.PathLike | None, option: str, suffixes: tuple[str, ...] = ()) -> Path | None:
    """Check a file the command will write (replaced when it exists)."""
    if path is None:
        return None
    path = _usable(path, option)
    if suffixes and path.suffix.lower() not in suffixes:
        raise FlashpointError(f"{option} {path}: expected a file name ending in {' or '.join(suffixes)}")
    if path.is_dir():
        raise FlashpointError(f"{option} {path}: is a folder; expected a file name")
    if path.is_symlink():       # written through the link: the file it names is replaced, the link kept (a held-out
        path = path.resolve()   # tester's link was replaced by a plain file)
    if path.exists() and not path.is_file():       # /dev/null, /dev/full, a named pipe: replaced by a plain file
        raise FlashpointError(f"{option} {path}: is not a plain file (a device, pipe or socket); expected a file name")
    if path.exists() and not os.access(path, os.W_OK) and not os.access(path.parent, os.W_OK):
        raise FlashpointError(f"{option} {path}: the file cannot be replaced (no write permission)")
    _check_creatable(path, option, "file")
    return path


def not_the_input(path: Path | None, option: str, *inputs: Path) -> None:
    """Refuse an output that is one of the command's inputs: writing it would destroy what is being read (a
    held-out tester's --rejects named the file being imported, which the rejects replaced)."""
    if path is None:
        return
    for given in inputs:
        if given is not None and (path.resolve() == Path(given).resolve()      # (the same new file, too)
                                  or path.exists() and Path(given).exists() and os.path.samefile(path, given)):
            raise FlashpointError(f"{option} {path}: is the file being read; writing it would replace it: "
                                  "name another file")


def listed(text: str, option: str) -> list[str]:
    """A comma-separated option's items; an empty one is refused (``--claim ""`` ran every claim, ``--parameters ""``
    fitted every parameter, ``historical,,restraint`` passed unsaid: a held-out tester)."""
    items = [i.strip() for i in text.split(",")]
    if not all(items):
        raise FlashpointError(f"{option} {text!r}: an empty item; give comma-separated names, e.g. a,b")
    return items


def in_file(path: str | os.PathLike, option: str) -> Path:
    """Check a file the command will read: it exists, is a file and is readable."""
    path = _usable(path, option)
    if path.is_dir():
        raise FlashpointError(f"{option} {path}: is a folder; expected a file")
    if not path.is_file():
        raise FlashpointError(f"{option} {path}: {why_not_a_file(path)}")
    if not os.access(path, os.R_OK):
        raise FlashpointError(f"{option} {path}: cannot be read (no read permission)")
    return path


def why_not_a_file(path: Path) -> str:
    """Why a path to read is no file: missing, or a device, pipe or socket (/dev/zero was "no such file")."""
    return "is not a plain file (a device, pipe or socket)" if path.exists() else "no such file"


def _usable(path: str | os.PathLike, option: str) -> Path:
    text = os.fspath(path)
    if not text or "\x00" in text:
        raise FlashpointError(f"{option}: {text[:80]!r} is not a usable path")
    return Path(text).expanduser()
