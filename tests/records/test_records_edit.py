"""A record folder edited while Python runs is read again."""
import os
import shutil
from pathlib import Path

import flashpoint
from flashpoint import records


def test_an_edited_counts_file_is_read_again(tmp_path):
    """A held-out tester edited a record's counts.csv while the web server ran: its charts and fit kept the
    old counts (cached by folder) until a restart."""
    folder = tmp_path / "rec"
    shutil.copytree(records._folder("red-sea-2023"), folder)
    before = records.counts(str(folder))
    text = (folder / "counts.csv").read_text(encoding="utf-8")
    first = before["count"].iloc[0]
    lines = text.splitlines(keepends=True)
    lines[1] = lines[1].replace(f",{first},", ",12345,", 1)
    (folder / "counts.csv").write_text("".join(lines), encoding="utf-8")
    stat = (folder / "counts.csv").stat()
    os.utime(folder / "counts.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert records.counts(str(folder))["count"].iloc[0] == "12345" != first
    assert flashpoint.records.counts("red-sea-2023")["count"].iloc[0] == first


def test_a_row_with_an_unquoted_comma_is_named_by_its_line(tmp_path):
    """A held-out record's note held an unquoted comma: counts.csv stopped pandas with a traceback (exit 1), and
    the same row in series.csv shifted every field, so that the series was named by its date."""
    import pytest

    from flashpoint.errors import DataError

    folder = tmp_path / "rec"
    shutil.copytree(records._folder("red-sea-2023"), folder)
    series = lambda f: records.read_table(f, "series.csv", records.SERIES_COLUMNS)  # noqa: E731
    for name, reader in (("counts.csv", records.counts), ("series.csv", series)):
        lines = (folder / name).read_text(encoding="utf-8").splitlines(keepends=True)
        lines[2] = lines[2].rstrip("\n") + ",about 2,500 ships\n"
        (folder / name).write_text("".join(lines), encoding="utf-8")
        with pytest.raises(DataError, match=rf"{name} line 3: \d+ ','-separated fields, the header has \d+ .*double "
                                            "quotes"):
            reader(str(folder))
        shutil.copy(records._folder("red-sea-2023") / name, folder / name)
    # every such row named at once, as the other checks name theirs (a held-out case took three runs of validate)
    lines = (folder / "counts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    for i in (2, 4, 5):
        lines[i] = lines[i].rstrip("\n") + ",about 2,500 ships\n"
    (folder / "counts.csv").write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError, match=r"counts.csv line 3: .*\(also lines 5, 6\); put a field"):
        records.counts(str(folder))


def test_a_column_nothing_reads_is_refused(tmp_path):
    """A held-out record's extra counts.csv column was ignored unsaid (events.csv refuses one)."""
    import pandas as pd
    import pytest

    from flashpoint.errors import DataError

    folder = tmp_path / "rec"
    shutil.copytree(records._folder("red-sea-2023"), folder)
    series = lambda f: records.read_table(f, "series.csv", records.SERIES_COLUMNS, strict=True)  # noqa: E731
    for name, reader in (("counts.csv", records.counts), ("series.csv", series)):
        table = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
        table.assign(confidence="high").to_csv(folder / name, index=False)
        with pytest.raises(DataError, match=rf"{name} has the column\(s\) confidence, which nothing reads"):
            reader(str(folder))
        table.to_csv(folder / name, index=False)
        assert len(reader(str(folder))) == len(table)


def test_a_folder_named_like_a_shipped_record_beside_the_file_is_noted(tmp_path):
    """An outside tester's folder red-sea-2023/ beside a scenario whose dataset was `red-sea-2023` was silently
    the shipped record; `./red-sea-2023` reads the folder."""
    import pytest

    from flashpoint.errors import FlashpointNote

    shutil.copytree(records._folder("red-sea-2023"), tmp_path / "red-sea-2023")
    text = (Path(flashpoint.__file__).parent / "scenario" / "builtin" / "red-sea-2023.yaml").read_text(encoding="utf-8")
    (tmp_path / "bare.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "dotted.yaml").write_text(text.replace("dataset: red-sea-2023", "dataset: ./red-sea-2023"),
                                          encoding="utf-8")
    with pytest.warns(FlashpointNote, match=r"field record.dataset: 'red-sea-2023' is the shipped record; the folder "
                                            r".*red-sea-2023 beside the scenario file is not read \(write ./red-sea"):
        assert flashpoint.load_scenario(str(tmp_path / "bare.yaml")).record.dataset == "red-sea-2023"
    assert flashpoint.load_scenario(str(tmp_path / "dotted.yaml")).record.dataset == str(tmp_path / "red-sea-2023")
