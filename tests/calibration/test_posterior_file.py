"""What a posterior file tells the commands that use it."""


def test_a_posterior_stopped_short_says_so_where_it_is_used(tmp_path):
    """A held-out user's calibration stopped at its time limit (temperature 0.631); posterior show, run, forecast
    and claims used the draws and said nothing (only the file's metadata knew)."""
    import warnings

    from flashpoint.calibration.posterior import (load_posterior, posterior_overrides, save_posterior,
                                                  shipped_posterior)
    from flashpoint.errors import FlashpointNote

    post = load_posterior(shipped_posterior("iraq-2020"))
    short = save_posterior(tmp_path / "short.parquet", post.samples,
                           {**post.meta, "stopped": "time limit at temperature 0.631 (not the posterior)"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        posterior_overrides(short, runs=10)
        posterior_overrides(shipped_posterior("iraq-2020"), runs=10)
    notes = [str(w.message) for w in caught if issubclass(w.category, FlashpointNote)]
    assert len(notes) == 1 and "stopped short of the posterior (time limit at temperature 0.631" in notes[0]


def test_a_loaded_posterior_is_taken_and_printed_in_one_line():
    """A held-out Python user: posterior_overrides(load_posterior(...)) was refused with the whole posterior in the
    message, and its repr printed every sample and stage."""
    import numpy as np

    from flashpoint.calibration.posterior import load_posterior, posterior_overrides, shipped_posterior

    path = shipped_posterior("iraq-2020")
    post = load_posterior(path)
    assert repr(post).startswith("Posterior(iraq-2020: 1,000 samples of ") and "\n" not in repr(post)
    loaded, read = posterior_overrides(post, runs=50, seed=3), posterior_overrides(path, runs=50, seed=3)
    assert loaded.keys() == read.keys() and all(np.array_equal(loaded[k], read[k]) for k in read)


def test_an_altered_posterior_is_refused_naming_its_column(tmp_path, capsys):
    """A held-out bad-input tester's altered copies: text in a column gave a pandas traceback; NaN ran with a
    thousand NaN printed; 1e6 against a prior of 0.005-0.3 was shown 'identified'; a dropped column ran unsaid."""
    import numpy as np
    import pytest

    from flashpoint.calibration.posterior import load_posterior, shipped_posterior
    from flashpoint.cli import main
    from flashpoint.errors import DataError

    post = load_posterior(shipped_posterior("iraq-2020"))
    name = "attacks.base_rate.kh"
    cases = {"text": post.samples.assign(**{name: "x"}), "nan": post.samples.assign(**{name: np.nan}),
             "range": post.samples.assign(**{name: 1e6}), "dropped": post.samples.drop(columns=[name]),
             "extra": post.samples.assign(**{"nosuch.param": 0.1})}
    words = {"text": "1000 of 1000 samples are not finite numbers (the first, row 0: 'x')",
             "nan": "samples are not finite numbers (the first, row 0: nan)",
             "range": "outside its prior range [0.005, 0.3]", "dropped": "with no column of samples (attacks.base_rate.kh)",
             "extra": "column 'nosuch.param' is no parameter its calibration fitted"}
    def save(path, frame):           # as calibrate writes it, but any column type (save_posterior casts to float)
        import json

        import pyarrow as pa
        import pyarrow.parquet as pq

        from flashpoint.calibration.posterior import META_KEY

        table = pa.Table.from_pandas(frame, preserve_index=False)
        pq.write_table(table.replace_schema_metadata({META_KEY: json.dumps(post.meta).encode()}), path)
        return path

    assert load_posterior(save(tmp_path / "same.parquet", post.samples)).samples.equals(post.samples)
    for case, frame in cases.items():
        path = save(tmp_path / f"{case}.parquet", frame)
        with pytest.raises(DataError) as err:
            load_posterior(path)
        assert str(path) in str(err.value) and words[case] in str(err.value), (case, str(err.value))
        assert main(["posterior", "show", str(path)]) == 2
        assert "Traceback" not in capsys.readouterr().err


def test_draws_and_seeds_are_whole_numbers_as_the_engine_wants_them():
    import pytest

    from flashpoint.calibration.posterior import load_posterior, shipped_posterior
    from flashpoint.errors import FlashpointError

    post = load_posterior(shipped_posterior("iraq-2020"))
    assert len(next(iter(post.sample(3, seed=1).values()))) == 3
    for n, seed in ((True, 0), (2.0, 0), (0, 0), (3, -1), (3, 1.0)):
        with pytest.raises(FlashpointError, match="whole number"):
            post.sample(n, seed=seed)


def test_a_posterior_of_another_format_is_refused(tmp_path, capsys):
    """Held-out bad input: a file whose metadata said flashpoint-posterior/99 was shown and run, unsaid."""
    from flashpoint.calibration.posterior import FORMAT, load_posterior, save_posterior, shipped_posterior
    from flashpoint.cli import main

    post = load_posterior(shipped_posterior("iraq-2020"))
    assert post.meta["format"] == FORMAT
    future = save_posterior(tmp_path / "future.parquet", post.samples, {**post.meta, "format": "flashpoint-posterior/99"})
    assert main(["posterior", "show", str(future)]) == 2
    assert "a posterior of format 'flashpoint-posterior/99'; this Flashpoint reads" in capsys.readouterr().err
