"""Scenario texts several test folders build on."""


def iraq_with_a_full_withdrawal() -> dict:
    """iraq-2020 with a policy `leave` that takes every foreign party out on 2021-06-01 and one claim, OUT, that
    leaving cut the attacks over 2021: 214 of its 365 days with no foreign troops there."""
    import yaml

    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("iraq-2020")[1])
    leave = dict(date="2021-06-01", type="coalition_drawdown", target="isf", fraction=1.0, cameo="087",
                 description="test", source="test")
    d["policies"]["leave"] = {"description": "test", "add": [dict(leave, id="usa_out", actor="usa"),
                                                             dict(leave, id="coalition_out", actor="coalition")]}
    d["claims"] = [{"id": "OUT", "statement": "Leaving cut the attacks.", "indicator": "attacks_on_foreign_forces",
                    "policy": "leave", "baseline": "historical", "window": ["2021-01-01", "2021-12-31"],
                    "direction": "lower", "source": "test"}]
    return d
