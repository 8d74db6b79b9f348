"""A claim a schedule ``requires`` link decides is said to be decided by that link, the user's own, not by "the
model's structure" (a held-out analyst's ceasefire, which required the offensive it followed, read "decided by the
model's structure" with the reason "cutting the schedule link ceasefire.requires ..."); the JSON's ``verdict``
keeps its value, and its words are each ``under`` entry's last key, ``verdict_words``."""
import copy

from flashpoint.analysis.claims import STRUCTURAL


def test_the_words_name_the_link_only_where_a_link_decides():
    from flashpoint.analysis.claims import verdict_words

    link = {"structural": True, "decided_by": "link", "deciding_link": "ceasefire"}
    assert verdict_words(STRUCTURAL, link) == "decided by the schedule link ceasefire.requires"
    assert verdict_words(STRUCTURAL, {**link, "deciding_link": "a+b"}) == (
        "decided by the schedule links a.requires and b.requires together")
    # one way, or the schedule with every mechanism off: as before
    assert verdict_words(STRUCTURAL, {**link, "decided_by": "one_way", "deciding_link": None}) == STRUCTURAL
    assert verdict_words(STRUCTURAL, {**link, "decided_by": "schedule"}) == STRUCTURAL
    assert verdict_words("supported", None) == "supported"


def test_the_table_the_json_the_csv_and_the_html_report_name_the_link(tmp_path, claims_report, monkeypatch, capsys):
    from flashpoint.analysis import claims as claims_module
    from flashpoint.analysis.audit import ClaimAudit
    from flashpoint.cli import main
    from flashpoint.report.html import write_claims_report

    report = copy.deepcopy(claims_report)
    h3, h5 = report.results
    link = ClaimAudit("H3", 208, 20, (2291.0, 6093.0), 1.0, 0.0, (2399.0, 0.7), structural=True, link="dbp_fall",
                      decided_by="link")
    claims_module.apply_audit(report.results, {"H3": link, "H5": ClaimAudit("H5", 208, 20, (-4.0, 9.0), 0.5, 0.2,
                                                                            (0.0, 0.0))})
    said = "decided by the schedule link dbp_fall.requires"
    data = report.to_dict()["claims"]
    assert data[0]["verdict"] == STRUCTURAL                        # the value consumers match, kept
    under = data[0]["under"][data[0]["parameters"]]
    assert under["verdict"] == STRUCTURAL and list(under)[-1] == "verdict_words" and under["verdict_words"] == said
    assert data[1]["under"][data[1]["parameters"]]["verdict_words"] == data[1]["verdict"]
    assert said in repr(h3) and said in repr(report)
    table = report.table()
    assert list(table.columns)[-1] == "verdict_words" and table["verdict_words"].tolist()[0] == said
    assert table["verdict"].tolist()[0] == STRUCTURAL
    text = write_claims_report(report, tmp_path)["html"].read_text(encoding="utf-8")
    assert f">{said}</span>" in text and ">decided by the model&#x27;s structure</span>" not in text
    monkeypatch.setattr(claims_module, "claims", lambda *a, **k: report)
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["claims", "--claim", "H3", "--claim", "H5", "--prior", "--runs", "10"]) == 0
    out = capsys.readouterr().out
    assert "decided by the schedule link" in out and "dbp_fall.requires" in out
    assert "decided by the model's structure" not in out


SIGN = "its sign set by the declared range of effects.kh_raid (hand-set: not calibratable)"


def test_the_words_say_where_a_declared_one_signed_effect_gives_the_difference_its_sign():
    """Two held-out designers' claims (a border closure that "ended the war", an army sent that "raised the attacks")
    read "supported (at these values only)" where the difference could only have one sign, the sign of the effect's
    range they had declared, and its size a value no record informed: only a long note said so."""
    from flashpoint.analysis.claims import verdict_words

    fixed = {"structural": False, "decided_by": None, "direction_fixed": True,
             "fixed_sign_effects": {"effects.kh_raid": [0.0, 2.0]}, "fixed_sign_not_calibratable": ["effects.kh_raid"]}
    assert verdict_words("supported", fixed) == f"supported: {SIGN}"
    assert verdict_words("not supported", fixed) == f"not supported: {SIGN}"
    assert verdict_words("undecided", fixed) == "undecided"          # no answer to word as evidence
    # a calibratable effect is not said to be hand-set (a posterior may fit its size; its sign stays the declaration)
    assert verdict_words("supported", {**fixed, "fixed_sign_not_calibratable": []}) == (
        "supported: its sign set by the declared range of effects.kh_raid")
    # several: one word where each is hand-set, else beside those that are
    two = {**fixed, "fixed_sign_effects": {"effects.a": [-3.0, 0.0], "effects.b": [-1.0, 0.0]}}
    assert verdict_words("supported", {**two, "fixed_sign_not_calibratable": ["effects.a", "effects.b"]}) == (
        "supported: its sign set by the declared range of effects.a, effects.b (each hand-set: not calibratable)")
    assert verdict_words("supported", {**two, "fixed_sign_not_calibratable": ["effects.b"]}) == (
        "supported: its sign set by the declared range of effects.a, effects.b (hand-set: not calibratable)")
    # the schedule decides it, with every mechanism off: its sign is that declaration too
    schedule = {**fixed, "structural": True, "decided_by": "schedule", "direction_fixed": False}
    assert verdict_words(STRUCTURAL, schedule) == f"decided by the schedule: {SIGN}"
    # the sign not fixed (the mechanisms may turn it), or fixed one way by no declared effect: as before
    assert verdict_words("supported", {**fixed, "direction_fixed": False}) == "supported"
    assert verdict_words("supported", {**fixed, "fixed_sign_effects": {}}) == "supported"
    assert verdict_words(STRUCTURAL, {**schedule, "decided_by": "one_way"}) == STRUCTURAL


def test_a_changed_iraq_claims_declared_sign_is_said_in_the_table_the_json_the_csv_the_html_and_the_chart(
        tmp_path, monkeypatch, capsys):
    """The declared range found on the scenario itself (the raid's effect ranged 0 to 2, not calibratable), said
    wherever the verdict is shown; the JSON's ``verdict`` keeps its value."""
    import yaml

    import flashpoint
    from flashpoint.analysis import claims as claims_module
    from flashpoint.analysis.audit import ClaimAudit, fixed_sign_effects, fixes_direction, not_calibratable
    from flashpoint.cli import main
    from flashpoint.report import analysis_plots
    from flashpoint.report.html import write_claims_report
    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["effects"]["kh_raid"].update(value=1.0, range=[0.0, 2.0], calibratable=False)
    d["policies"]["no-raid"] = {"description": "no raid", "drop": ["kh_raid_2020_06_26"]}
    d["claims"] = [{"id": "R1", "statement": "The raid raised KH's attacks by more than 3.",
                    "indicator": "attacks_on_foreign_forces.kh", "policy": "historical", "baseline": "no-raid",
                    "window": ["2020-06-27", "2020-10-09"], "direction": "higher", "margin": 3, "source": "test"}]
    sc = flashpoint.load_scenario(d)
    claim = sc.claims[0]
    assert fixed_sign_effects(sc, claim) == {"effects.kh_raid": (0.0, 2.0)}
    assert not_calibratable(sc, ["effects.kh_raid", "effects.kh_raid_fades_days"]) == ["effects.kh_raid"]
    report = claims_module.claims(sc, runs=20, seed=0, samples=0, audit=False)
    # an audit as a held-out designer's read: + or 0 at every point, a third of them the raid drawn to 0
    a = ClaimAudit("R1", 80, 5, (0.0, 480.0), 0.66, 0.34, (6.3, 0.1), no_difference=0.34,
                   fixed_sign_effects=fixed_sign_effects(sc, claim),
                   fixed_sign_not_calibratable=not_calibratable(sc, list(fixed_sign_effects(sc, claim))))
    a.direction_fixed = fixes_direction(a.sign_range, 3.0, a.structural)
    claims_module.apply_audit(report.results, {"R1": a})
    (data,) = report.to_dict()["claims"]
    said = f"{data['verdict']}: {SIGN}"
    assert data["verdict"] == "supported"                           # the value consumers match, kept
    assert list(data["audit"])[-1] == "fixed_sign_not_calibratable"
    assert data["audit"]["fixed_sign_not_calibratable"] == ["effects.kh_raid"]
    under = data["under"][data["parameters"]]
    assert under["verdict_words"] == said and under["caveat"] == "at these values only"
    assert said in repr(report.results[0]) and said in repr(report)
    table = report.table()
    assert table["verdict_words"].tolist() == [said] and table["verdict"].tolist() == ["supported"]
    text = write_claims_report(report, tmp_path)["html"].read_text(encoding="utf-8")
    assert f">{said}</span>" in text and ">supported</span>" not in text
    monkeypatch.setattr(analysis_plots, "_save", lambda fig, path: fig)
    chart = analysis_plots.probability_chart([data], tmp_path / "p.png")
    beside = chart.axes[0].texts[0].get_text()      # in lines the layout can fit beside the axis
    assert " ".join(beside.split()).startswith(f"{said} (at these values only)")
    assert max(len(line) for line in beside.splitlines()) <= 70
    monkeypatch.setattr(claims_module, "claims", lambda *a, **k: report)
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["claims", "--claim", "R1", "--prior", "--runs", "10"]) == 0
    out = capsys.readouterr().out          # (the table wraps the words in its cell)
    assert "supported: its sign set by the declared range of" in out
    assert "effects.kh_raid (hand-set: not calibratable)" in out


def test_a_truces_compliance_the_policies_differ_by_is_a_declared_sign():
    """A methodologist's RS2: `no-deal` drops the May 2025 deal, a suspension whose compliance (hand-set, 0.8-1.0)
    can only lower the attacks; the audit read only an entry's size and said "through the attack process", naming
    neither the entry's compliance nor that it is hand-set."""
    import flashpoint
    from flashpoint.analysis.audit import fixed_sign_effects, not_calibratable

    sc = flashpoint.load_scenario("red-sea-2023")
    claim = next(c for c in sc.claims if c.id == "RS2")
    fixed = fixed_sign_effects(sc, claim)
    assert fixed["effects.us_deal_compliance"] == (0.8, 1.0)
    assert "effects.us_deal_compliance" in not_calibratable(sc, list(fixed))
