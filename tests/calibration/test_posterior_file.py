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
