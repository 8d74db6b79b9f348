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
