import pytest

import flashpoint

#: the series of the built-in record and the indicators they observe (the mapping the scenario's
#: record.indicators gives them)
SERIES = {"isis_attacks": "spoiler_activity", "troops.usa": "coalition_presence.usa", "seats.fatah": "bloc_seats"}


@pytest.fixture(scope="session")
def scenario():
    """The built-in scenario, its record mapping the series above (whether or not its file does yet)."""
    sc = flashpoint.load_scenario("iraq-2020")
    record = sc.record.model_copy(update={"indicators": {**sc.record.indicators, **SERIES}})
    return sc.model_copy(update={"record": record})
