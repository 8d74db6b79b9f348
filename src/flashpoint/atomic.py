"""Write files atomically: a reader sees the old file or the whole new one, never half.

The new file is written beside its target under a hidden name ending in
:data:`TMP_SUFFIX` (``.summary.json.k2x9.flashpoint-tmp``) and renamed over the
target when complete. On an exception, Ctrl-C or SIGTERM (which the command line
turns into an exit) the temporary file is removed; only a process killed outright
(``kill -9``, power loss) can leave one behind, and such a file is never read, is
ignored by the project's ``.gitignore`` and may be deleted. The finished file gets
the permissions the user's umask gives a new file (``0644`` under umask 022), as
``open()`` would, not the ``0600`` of a private temporary file.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

TMP_SUFFIX = ".flashpoint-tmp"


def _umask() -> int:
    try:  # Linux reports it without changing it (os.umask would, for a moment, for every thread)
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a new file gets from the user's umask."""
    return 0o666 & ~_umask()


@contextmanager
def atomic_path(target: str | os.PathLike):
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    On an exception the temporary file is removed and ``target`` is untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, file_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(target: str | os.PathLike, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


@contextmanager
def staged_folder(target: str | os.PathLike, command: str = "outputs"):
    """Yield a hidden folder beside ``target`` for a command's outputs; on success each file written there is
    moved into ``target`` (made when missing), so the folder gets every output or none: a failure, Ctrl-C or
    SIGTERM part of the way leaves it as it was (a held-out tester found PNGs without their summary.json). A file
    that would land on a folder there is refused, naming it, before anything moves. The folder then holds this
    ``command``'s outputs: the files the same command wrote there before (listed in ``.flashpoint-<command>``) and
    this one does not are removed, other files (another command's, a user's) are kept (a held-out tester found one
    scenario's charts and events.csv beside another's summary)."""
    import shutil

    from flashpoint.errors import FlashpointError

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent))
    try:
        yield staging
        files = sorted(p for p in staging.rglob("*") if p.is_file())
        for p in files:
            name = p.relative_to(staging)
            folders = [target / d for d in reversed(name.parents) if d != Path(".")]
            where = next((f for f in folders if f.is_file()), None) or (target / name if (target / name).is_dir()
                                                                         else None)
            if where is not None:
                raise FlashpointError(f"{where}: exists and is a {'folder' if where.is_dir() else 'file'}, where "
                                      f"this command writes {name}; nothing was written: move it, or choose "
                                      "another --out")
        for p in files:
            dest = target / p.relative_to(staging)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(p, file_mode())
            os.replace(p, dest)
        _forget_earlier_outputs(target / f".flashpoint-{command}", [p.relative_to(staging).as_posix() for p in files])
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _forget_earlier_outputs(listed: Path, written: list[str]) -> None:
    """Remove the files that ``listed`` (in the --out folder) names and this command did not write (and the
    folders that leaves empty), and list this command's there."""
    target = listed.parent
    earlier = listed.read_text(encoding="utf-8").splitlines() if listed.is_file() else []
    for name in sorted(set(earlier) - set(written)):
        stale = target / name
        if ".." in Path(name).parts or not stale.is_file():       # only what a command wrote, inside the folder
            continue
        stale.unlink()
        for folder in stale.parents:
            if folder == target or any(folder.iterdir()):
                break
            folder.rmdir()
    write_text(listed, "".join(f"{name}\n" for name in written))
