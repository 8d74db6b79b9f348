"""M2's optional backlash from the host's people killed in foreign strikes: declared, it raises every faction's
grievance by what each death adds; left out, it is 0 and the numbers are as before (tests/core/test_targets.py)."""
import yaml

import flashpoint
from flashpoint.scenario.loader import resolve


def test_the_hosts_dead_feed_every_factions_grievance(tmp_path):
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["mechanisms"]["deterrence"]["parameters"]["backlash_per_host_killed"] = {
        "value": 0.0, "unit": "grievance per host person killed", "range": [0.0, 1.0], "source": "test"}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    sc = flashpoint.load_scenario(path)
    window = ("2020-03-13", "2020-06-30")           # after the strikes of 12 March 2020 killed six Iraqis
    calm, angry = (flashpoint.simulate(sc, runs=300, seed=2, overrides={"deterrence.backlash_per_host_killed": v})
                   for v in (0.0, 1.0))
    assert (calm.total("attacks_on_foreign_forces.aah", *window).mean()
            < angry.total("attacks_on_foreign_forces.aah", *window).mean())
