import pytest


@pytest.fixture(scope="session")
def ray_local():
    """One local Ray (2 CPUs) for the whole session, started the way ``--backend ray`` starts it."""
    ray = pytest.importorskip("ray")
    import backend_faults

    from flashpoint.backends.ray_backend import connect

    started = connect(ray, 2, None)
    ray.cloudpickle.register_pickle_by_value(backend_faults)  # workers cannot import the tests
    yield ray
    if started:
        ray.shutdown()


from backends_support import RUNS, SEED, summarize_here  # noqa: E402


@pytest.fixture(scope="session")
def reference():
    """The summary computed in this process, block after block."""
    return summarize_here(backend="local")


@pytest.fixture(scope="session")
def ensemble():
    """The same runs held in memory as an Ensemble."""
    from flashpoint.engine import simulate

    return simulate("iraq-2020", runs=RUNS, seed=SEED)
