"""``flashpoint scenario list|show|validate``: the built-in scenarios; print or check a scenario file."""
from __future__ import annotations

import typer

from flashpoint.scenario.entries import STRIKE_PROBABILITIES

scenario_app = typer.Typer(help="Print or check a scenario (built-in name or YAML file).", no_args_is_help=True)

#: the scenario as a positional argument or, as every other command takes it, --scenario
DEFAULT = "iraq-2020"
NAME = typer.Argument(None, help=f"built-in scenario name or YAML file (default {DEFAULT})", show_default=False)
OPTION = typer.Option(None, "--scenario", help="the same, as the other commands take it", show_default=False)


def _entry_values(e) -> str:
    """The fields of its type an entry sets (waves, theatre, casualties, fraction, scale, ...), and its probability."""
    from flashpoint.scenario.schema import TYPE_FIELDS

    shown = [(name, getattr(e, name)) for name in TYPE_FIELDS if name != "until" and getattr(e, name) is not None]
    if e.probability != 1:
        shown.append(("probability", e.probability))
    return ", ".join(f"{name}={', '.join(map(str, v)) if isinstance(v, (list, tuple)) else v}" for name, v in shown)


def _which(argument: str | None, option: str | None) -> str:
    if argument is not None and option is not None and argument != option:
        from flashpoint.errors import FlashpointError

        raise FlashpointError(f"two scenarios given: {argument!r} and --scenario {option!r}; give one")
    given = argument if argument is not None else option
    return DEFAULT if given is None else given       # "" is refused by the loader, not read as the default


@scenario_app.command("list")
def list_builtin(format: str = typer.Option("table", "--format", help="table or json")) -> None:
    """The built-in scenarios: name, period, title, the record they are laid beside and whether they ship a
    posterior (any other scenario is a YAML file: docs/writing-a-scenario.md)."""
    import json

    from flashpoint.calibration.posterior import shipped_posterior
    from flashpoint.errors import FlashpointError
    from flashpoint.scenario.loader import builtin_names, load_scenario

    if format not in ("table", "json"):
        raise FlashpointError(f"--format: expected table or json, got {format!r}")
    rows = []
    for name in builtin_names():
        sc = load_scenario(name)
        rows.append({"name": name, "start": str(sc.start), "end": str(sc.end), "title": sc.title,
                     "record": sc.record.dataset if sc.record is not None else None,
                     "posterior": shipped_posterior(name) is not None})
    if format == "json":
        typer.echo(json.dumps(rows))
        return
    from rich.table import Table

    from flashpoint.console import console as make_console

    table = Table(title="built-in scenarios")
    for col in ("name", "period", "record", "posterior", "title"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["name"], f"{r['start']} .. {r['end']}", r["record"] or "none", "yes" if r["posterior"] else "no",
                      r["title"])
    make_console().print(table)


@scenario_app.command("validate")
def validate(scenario: str | None = NAME, scenario_option: str | None = OPTION) -> None:
    """Check a scenario file; exit 0 when it is valid, 2 with the errors when not."""
    from flashpoint.scenario.loader import load_scenario
    from flashpoint.scenario.parameters import parameters
    from flashpoint.scenario.schema import HISTORICAL

    scenario = _which(scenario, scenario_option)
    sc = load_scenario(scenario)
    mapped = ""
    if sc.record is not None:        # its published counts are read too: a bad row is an error here, not later
        from flashpoint import records

        where = "" if sc.record.dataset in records.datasets() else f" (read from {sc.record.dataset})"
        series, outside = records.series_values(sc)
        ungraded = records.ungraded(sc.record.dataset)   # before "valid": a grade its sources.csv contradicts is an error
        mapped = (f"; record{where}: {len(records.period_counts(sc))} published counts"
                  + (f" and {len(series)} series values" if len(series) else "") + " mapped to its indicators")
        if not records.check_events(sc):
            mapped += " (its events.csv was not checked: that needs the events extra, pip install 'flashpoint[events]')"
    from flashpoint.engine.contract import component
    from flashpoint.engine.requirements import rule_per_party

    rules = (f"a response rule for each of {', '.join(a.id for a in sc.foreign_parties)}" if rule_per_party(sc)
             else f"one response rule ({sc.foreign_parties[0].id}'s)")
    host = sc.actors_of("host_executive")
    soil = (f", host country {sc.host_country} (from {host[0].id}'s CAMEO code: a strike whose theatre is "
            f"{sc.host_country} falls on the host's soil)" if host else ", no host state")
    typer.echo(f"{scenario}: valid scenario {sc.name!r}: {len(sc.actors)} actors, {len(sc.mechanisms)} mechanisms, "
               f"{len(parameters(sc))} parameters, {len(sc.schedule)} schedule entries, "
               f"{len(sc.policies)} policies, {len(sc.claims)} claims, {rules}{soil}{mapped}")
    from flashpoint.scenario.entries import (PATRON_SOIL, THREAT_BEYOND, idle_added_entries, idle_entries,
                                             kept_drawdowns, on_patron_soil, partial_suspensions, patron_countries,
                                             rule_after_its_owner_left, strikes_on_others, threat_words,
                                             threats_beyond_factions, unnamed_publics, wider_suspensions)

    if sc.record is not None:
        _note_left_out(sc)
        _note_series_left_out(sc, outside)
        _note_series_units(sc, series)
        _note_attacks_left_out(sc)
        _note_unused_kinds(sc)
        for name, lines in ungraded.items():
            typer.echo(f"note: record {sc.record.dataset}'s {name} has {len(lines)} row(s) citing an outlet its "
                       f"sources.csv does not grade (lines {', '.join(map(str, lines[:10]))}"
                       f"{', ...' if len(lines) > 10 else ''}): their grade (reliability) is not checked", err=True)
        for name, lines in records.unsourced(sc.record.dataset).items():
            typer.echo(f"note: record {sc.record.dataset}'s {name} has {len(lines)} row(s) with no source (lines "
                       f"{', '.join(map(str, lines[:10]))}{', ...' if len(lines) > 10 else ''}): every row should keep "
                       "its sources and their grade (docs/records.md)", err=True)
    if rule_per_party(sc):     # a number left whole is every party's: the first power's probability for all
        whole = [name for name, param in component("response").parameters.items()
                 if param.keying == "rule" and name in sc.response and not isinstance(sc.response[name].value, dict)]
        if whole:
            typer.echo(f"note: with a response rule per foreign party, response.{', response.'.join(whole)} "
                       f"{'is' if len(whole) == 1 else 'are'} one number, the same for every party "
                       f"({', '.join(a.id for a in sc.foreign_parties)}); write a value per party where they "
                       "differ", err=True)
    left = rule_after_its_owner_left(sc)
    if left:
        owner, day, others = left
        typer.echo(f"note: the scenario's one response rule is {owner}'s (the first foreign power), which the "
                   f"schedule withdraws for good on {day}: after that, attacks on {', '.join(others)} are still "
                   f"answered by that rule, and its strikes credited to {owner}; give the response parameters per "
                   "foreign party for a rule of each", err=True)
    unscoped, others = records.unscoped_casualty_counts(sc) if sc.record is not None else ([], [])
    if unscoped:
        typer.echo(f"note: {len(unscoped)} casualty count(s) of the record ({', '.join(unscoped[:3])}"
                   f"{', ...' if len(unscoped) > 3 else ''}) are laid beside the model's dead of every attack target, "
                   f"also {', '.join(others)}, which no foreign party holds: give them a target_kind, or "
                   "record.scope for their `what`, to compare them with the targets they count", err=True)
    for entry, covered, others in wider_suspensions(sc):
        typer.echo(f"note: suspension {entry} covers attack target {', '.join(covered)}, which "
                   f"{', '.join(others)} hold(s) too: the halt stops the attacks on their forces as well (declare "
                   "targets per party, or name the ones it covers in attack_targets)", err=True)
    for entry, covered, left in partial_suspensions(sc):
        typer.echo(f"note: suspension {entry} halts the attacks on {', '.join(covered)} (its target's) only: its "
                   f"factions' attacks on {', '.join(left)} go on (name every target the truce halts in "
                   "attack_targets)", err=True)
    unnamed = unnamed_publics(sc)
    if unnamed:
        kinds = {a.id: a.kind for a in sc.actors}
        typer.echo(f"note: actor(s) {', '.join(f'{a} ({kinds[a]})' for a in unnamed)} are named by no entry (but "
                   "markers), relation, "
                   "target, policy or claim: they change no number of the runs (a label of the case only; a militia "
                   "on the host's or the foreign force's side has no kind, docs/ODD.md section 9)", err=True)
    for policy, cut, kept in kept_drawdowns(sc):
        typer.echo(f"note: policy {policy} drops deployment {', '.join(cut)} but keeps the later drawdown(s) "
                   f"{', '.join(kept)} of the same party: under it they withdraw troops from the force that stays, "
                   "not the ones the deployment brought (drop them too, or give them requires: [the deployment])",
                   err=True)
    for party, struck, others in strikes_on_others(sc):
        typer.echo(f"note: {party} holds no attack target but strikes {', '.join(struck)}: a faction's backlash "
                   f"and self-excitation are its own, not aimed at who struck it, so these strikes raise its attacks "
                   f"on the targets of {', '.join(others)} (declare a target for {party} if its own forces are "
                   "attacked)", err=True)
    _note_forces(sc)
    _note_borrowed_fits(sc, scenario)
    _note_idle_attributes(sc)
    _note_unread_consent(sc)
    _note_mixes(sc)
    _note_half_recorded(sc)
    _note_shared_codes(sc)
    _note_unknown_countries(sc)
    _note_fit_switched_off(sc)
    patron_country = patron_countries(sc)
    there = on_patron_soil(sc)       # (a decapitation there too: a verifier's; and one with no theatre, on the host's
    #                                  soil; the same test claims makes beside a claim: entries.on_patron_soil)
    shared_soil = (f"; {sc.host_country} is the host's country too, so they fall on the host's soil and wear its "
                   "consent down (M5): where the patron is another state (Hanoi beside Saigon), give its land a "
                   "theatre code of its own (an ISO 3166 code, a former state's too, e.g. VDR) to keep them off it; "
                   "where it stands for the host state itself (its government arming a faction), they fall there as "
                   "the case means")       # (a held-out historian's Hanoi and Saigon; a held-out student's Premadasa
    if there:                                           # a held-out case's Rolling Thunder
        typer.echo(f"note: strike(s) {', '.join(there[:3])}{f' and {len(there) - 3} more' if len(there) > 3 else ''} "
                   f"fall in the patron's country ({', '.join(sorted(patron_country))}): {PATRON_SOIL}"
                   + (shared_soil if sc.host_country in patron_country else ""), err=True)
    threats = threats_beyond_factions(sc)     # (a held-out political scientist's threat of war to the patron; the
    if threats:                               # same test claims makes beside a claim)
        typer.echo(f"note: {threat_words(sc, threats)}: {THREAT_BEYOND}", err=True)
    for e in sc.schedule:      # a held-out case gave a seven-year campaign's host dead per day: 2 in all
        if e.type == "foreign_strike" and e.until and e.host_killed:
            typer.echo(f"note: operation {e.id} ({e.date}..{e.until}) kills {e.host_killed:g} of the host's people "
                       "once, on its first day, while its waves fall every day: host_killed is the operation's "
                       "whole toll", err=True)
    _note_entryless(sc)
    for entry, kind, through in idle_entries(sc):
        typer.echo(f"note: schedule entry {entry} ({kind}) acts only through {' and '.join(through)}, switched off in "
                   "this file and under every policy: it changes nothing in the runs (a marker would say so)", err=True)
    kinds = {e.id: e.type for e in sc.every_entry}
    table = parameters(sc)
    _note_rule_never_strikes(sc, table)
    _note_idle_hostility(sc, table)
    _note_decapitation_at_0(sc, table)
    _note_standing_pressure(sc, table, scenario)
    _note_control_reaches_no_attack(sc, table)
    _note_control_claim_unmoved(sc)
    _note_orders_unheard(sc)
    _note_first_target(sc)
    _note_consent_from_zero(sc, table)
    _note_record_of_switched_off(sc)
    for name, pol in sc.policies.items():      # a held-out case's counterfactual of a red-line threat, a marker
        touched = [*pol.drop, *(e.id for e in pol.add)]
        if not (touched or pol.set) and name != HISTORICAL:    # a held-out case's placeholder compared as a policy
            typer.echo(f"note: policy {name!r} sets, drops and adds nothing: its runs are the schedule's own, as "
                       f"{HISTORICAL!r}'s are, and a claim comparing the two can only tie", err=True)
        elif not touched and pol.set and all(_file_value(sc, table, k) == float(v) for k, v in pol.set.items()):
            typer.echo(f"note: policy {name!r} sets only values the file already has "     # (a held-out case's noop)
                       f"({', '.join(f'{k} = {v:g}' for k, v in pol.set.items())}): its runs are the schedule's own, "
                       "and a claim comparing it with them can only tie", err=True)
        if (touched and not pol.set and all(kinds.get(i) == "marker" for i in touched)
                and not any(set(e.requires) & set(touched) for e in sc.every_entry)):
            typer.echo(f"note: policy {name!r} only drops or adds marker(s) ({', '.join(touched)}), dated facts the "
                       "model does not read: its runs are those of the schedule without it, and a claim on it can only "
                       "tie", err=True)
    for entry, kind, through, policy in idle_added_entries(sc):
        typer.echo(f"note: policy {policy!r} adds entry {entry} ({kind}), which acts only through "
                   f"{' and '.join(through)}, switched off under that policy: it changes nothing in its runs, so a "
                   "claim on it can only tie", err=True)


#: the sides of a case: actors of two sides that share a CAMEO code are one actor to the event record
SIDES = {"foreign_power": "foreign", "ally": "foreign", "patron": "patron", "proxy": "proxies",
         "host_executive": "host", "host_legislature": "host", "host_forces": "host", "public": "host",
         "spoiler": "spoiler"}


def _note_shared_codes(sc) -> None:
    """Say where actors of two sides share a CAMEO code (a held-out case's ally and the host's army, both LBNMIL:
    the simulated events of attacks on the one were filed under the other's code). Factions of one side sharing
    one (three militias, IRQREB) are as CAMEO codes them."""
    holders: dict[str, list] = {}
    for a in sc.actors:
        holders.setdefault(a.cameo, []).append(a)
    for code, actors in holders.items():
        if len({SIDES.get(a.kind, a.kind) for a in actors}) > 1:
            typer.echo(f"note: actors {', '.join(f'{a.id} ({a.kind})' for a in actors)} share CAMEO code {code}: "
                       "the simulated events (run --events) give both that code, so nothing in them tells the one "
                       "from the other; give one a code of its own (another role or a group's code)", err=True)


def _note_unknown_countries(sc) -> None:
    """Say which actors' CAMEO codes begin with three letters that are no country or region code (a held-out case's
    'QQQMIL', a typo, went unsaid into every simulated event of attacks on it). A note, not a refusal: the lists
    are the text coder's, and a case may name a code they lack."""
    from flashpoint.extract.actors import country_codes
    from flashpoint.scenario.checks import CAMEO_ROLES, country_codes as iso_codes

    known = country_codes() | iso_codes() | CAMEO_ROLES    # withdrawn ISO codes too, as `theatre` takes them (a
    #                                                        held-out case's VDR was a country there, "no country" here)
    for i, a in enumerate(sc.actors):
        if a.country not in known:
            typer.echo(f"note: actors[{i}].cameo {a.cameo!r} ({a.id}): {a.country!r} is no country or region code "
                       "of the ISO 3166 list or the CAMEO actor dictionary the text coder reads; the simulated events "
                       "(run --events) carry it as written", err=True)


def _note_forces(sc) -> None:
    """Say where the foreign forces' comings and goings leave something idle or answered from afar, and which
    attack targets no foreign party holds (their attacks count in the foreign side's totals)."""
    from flashpoint.scenario import presence
    from flashpoint.scenario.parameters import idle_mechanisms

    for party, inside, outside in presence.never_there_targets(sc):
        unless = ", unless a policy deploys it"
        said = [f"no attack falls on {', '.join(inside)}, held there only by forces never there{unless}"
                ] if inside else []
        said += [f"{', '.join(outside)}, held outside the theatre (in_theatre: false), is attacked whatever its "
                 "presence"] if outside else []
        typer.echo(f"note: {party} is never in the theatre (attributes.initial_presence 0 and no deployment entry): "
                   + "; ".join(said or [f"no attack falls on its forces{unless}"]), err=True)
    diluted = presence.never_there_dilution(sc)      # (a held-out student's Jaguars, flown from abroad: 0.968 at most)
    if diluted is not None:
        gone, away, whole, most = diluted
        typer.echo(f"note: {', '.join(gone)}, never in the theatre, declare(s) {away:,g} of the foreign side's "
                   f"{whole:,g} troops (attributes.troops): coalition_presence is the share of the declared foreign "
                   f"force there, so it is at most {most:.3g} on any day, with every other force there in full "
                   "(and what reads it, M6 and M7, reads it so); declare troops: 0 for a force that acts only from "
                   "outside the theatre (its strikes need no troops there), unless a policy deploys it or its troops "
                   "belong in that share (docs/writing-a-scenario.md section 2)", err=True)
    for party in presence.bystanders(sc):
        typer.echo(f"note: {party} holds no attack target and strikes in no entry: no attack falls on it and its "
                   "rule answers none, so it acts in the runs only through coalition_presence, the share of the "
                   "declared foreign force there, which its troops are part of (a power there that is neither side "
                   "has no kind of its own: leave it out unless its troops belong in that share)", err=True)
    none = {a.id for a in sc.foreign_parties if "troops" in a.attributes and a.attributes["troops"].value == 0}
    exposed = "exposure" in sc.attacks and sc.attacks["exposure"].value > 0      # (else troops weigh nothing anyway)
    for party in sorted(none) if exposed else []:   # (a held-out designer's troops: 0 took its posts' attacks to 3 %)
        held = [t.id for t in sc.targets if t.in_theatre and party in t.parties and set(t.parties) <= none]
        if held:
            typer.echo(f"note: {party} declares 0 troops: its share of the foreign force weighs nothing, so "
                       f"{', '.join(held)}, held in the theatre by parties of 0 troops only, draw(s) no attacks "
                       "(attacks.exposure is above 0); declare its full strength, with attributes.initial_presence for "
                       "the share there at the start", err=True)
    held = [p.id for p in sc.foreign_parties if len(sc.foreign_parties) > 1 and "troops" in p.attributes and sc.policies
            and all(presence.still_troops_idle(sc, name, f"{p.id}.troops", p.attributes["troops"].value, dict(pol.set))
                    for name, pol in sc.policies.items())]      # (a held-out analyst's two forces, never moved)
    if held:
        typer.echo(f"note: {', '.join(f'{party}.troops' for party in held)} "
                   + ("weighs" if len(held) == 1 else "weigh") + " nothing: no deployment or drawdown moves a foreign "
                   "force and coalition cohesion (M6) is off under every policy, so every force holds one and the same "
                   "start, and coalition_presence and the attacks on each target are the same at any number of troops "
                   "above 0; --set, a policy's set and the web page refuse a value of "
                   + ("it" if len(held) == 1 else "them") + " (docs/writing-a-scenario.md section 2)", err=True)
    idle = [(party, targets) for party, targets in presence.troops_move_no_attack(sc) if party not in held]
    if idle:                                        # (a held-out designer's second force: 500 or 6,000, the same)
        spoiler = "spoiler" in sc.mechanisms and "spoiler" not in idle_mechanisms(sc, list(sc.policies))
        alone = "; ".join(f"{party} alone holds {', '.join(held)}" if held else
                          f"{party} holds no attack target in the theatre" for party, held in idle)
        typer.echo(f"note: {', '.join(f'{party}.troops' for party, _ in idle)} "
                   + ("weighs" if len(idle) == 1 else "weigh") + " only coalition_presence"
                   + (" (and M7's joint operations, which read it)" if spoiler else "")
                   + ": with attack targets declared, the attacks on each follow its own parties' presence weighted "
                   f"by their troops (** attacks.exposure), and {alone}, so "
                   + ("its troops move" if len(idle) == 1 else "their troops move")
                   + " no attack, whatever their number (a target one party holds follows that party's share there, "
                   "and no deployment or drawdown of theirs is given in troops): the attacks a force's size draws are "
                   "its targets' `share` (docs/writing-a-scenario.md section 2)", err=True)
    lone = presence.lone_troops(sc)          # (a held-out analyst's one force: 3 or 6 divisions, the same runs)
    if lone is not None:
        typer.echo(f"note: {lone}.troops weighs nothing: {lone} is the one foreign party, and presence is a share of "
                   "the declared troops, so coalition_presence and the attacks on its targets are the same at any "
                   "number of troops above 0 (no deployment or drawdown of it is given in troops); --set, a policy's "
                   "set and the web page refuse a value of it (docs/writing-a-scenario.md section 2)", err=True)
    holders = {t.id: list(t.parties) for t in sc.targets}
    days = (sc.end - sc.start).days + 1
    for proxy, lost in presence.aimed_where_mostly_absent(sc):      # (a held-out designer's 80 % on a short stay)
        where = []
        for target, share, held, spans in lost:
            when = ", ".join(f"{a}..{b}" for a, b in spans[:3]) + (", ..." if len(spans) > 3 else "")
            where.append(f"{target} ({f'{share:.0%}; ' if len(lost) > 1 else ''}{', '.join(holders[target])} there, "
                         f"as the schedule has it, on {held:,} of the period's {days:,} days{': ' * bool(when)}{when})")
        typer.echo(f"note: {proxy} aims {sum(share for _, share, *_ in lost):.0%} of its attacks on the declared "
                   f"targets at {' and '.join(where)}: a target's share is one for the whole period, and while none "
                   "of its parties is there that share of the faction's attacks is lost, not turned on its other "
                   "targets (lower its share there if the faction fought elsewhere while they were away; "
                   "docs/writing-a-scenario.md section 3)", err=True)
    for entry, parties in presence.idle_tactics(sc):
        typer.echo(f"note: tactics {entry} aims at the forces of {', '.join(parties)}, none of whose troops are "
                   "there from its date to its end: it changes nothing in the runs", err=True)
    for entry, parties, first in presence.shocks_before_anyone_is_there(sc):
        until = (f"until {first}, when some are: it changes nothing in the runs before then" if first else
                 "from its date to its end (or its until): it changes nothing in the runs")
        typer.echo(f"note: outside_shock {entry} moves the attacks on the forces of {', '.join(parties)}, none of "
                   f"whose troops are there {until} (an outside shock moves the factions' attacks on the foreign "
                   "side's targets, not their attacks on the host)", err=True)
    for entry, party in presence.idle_rules_of_engagement(sc):
        typer.echo(f"note: rules_of_engagement {entry} scales the response rule of {party}, none of whose troops are "
                   "there from its date to its end: a party gone answers only the attacks on targets no party holds in "
                   "the theatre, and its rule answers none, so the entry changes nothing in the runs", err=True)
    away = presence.rule_while_its_owner_away(sc)
    if away:
        owner, spans, others = away
        when = ", ".join(f"{a}..{b}" for a, b in spans[:3]) + (", ..." if len(spans) > 3 else "")
        typer.echo(f"note: the scenario's one response rule is {owner}'s (the first foreign power), none of whose "
                   f"troops the schedule has there over {when}: attacks on {', '.join(others)} are answered by that "
                   f"rule then, and its strikes credited to {owner}; give the response parameters per foreign party "
                   "for a rule of each", err=True)
    for party, target, spans in presence.answered_while_absent(sc):
        when = ", ".join(f"{a}..{b}" for a, b in spans[:3]) + (", ..." if len(spans) > 3 else "")
        held = (f"which {', '.join(holders[target])} hold(s) outside the theatre (in_theatre: false: its attacks are "
                "not scaled by their troops, and it is never absent)" if holders.get(target)
                else "which no foreign party holds")
        partly = presence.held_fire_at_some(sc, party)
        hold = ("; its rules_of_engagement " + ", ".join(f"{i} holds its fire at {', '.join(t)} only" for i, t in partly)
                + ": an entry scales the answer to the attacks of the factions it names, so name every faction in its "
                "target" if partly else "; a rules_of_engagement entry at scale 0 naming every faction holds its fire "
                "there if it should not")
        typer.echo(f"note: {party} answers attacks on {target} (its `answered`), {held}, also "
                   f"while none of its troops are there ({when}): its strikes then come from outside the theatre"
                   f"{hold}", err=True)
    moves = [e.id for e in sc.every_entry
             if e.type in ("coalition_drawdown", "deployment")]
    if moves and "exposure" in sc.attacks and sc.attacks["exposure"].value == 0:      # a held-out case's UAE drawdown
        typer.echo(f"note: attacks.exposure is 0, so the drawdowns and deployments ({', '.join(dict.fromkeys(moves))}) "
                   "move the foreign presence, and what reads it, but no attack rate, until all of a party's troops "
                   "have gone (its targets then see none); give exposure a value above 0 if attacks follow the "
                   "force's size", err=True)
    for line in presence.overdrawn(sc):
        typer.echo(f"note: {line}", err=True)
    _note_exposure_still(sc, moves)
    _note_entryless_parameters(sc)
    _note_force_ranges(sc)
    if (note := presence.unheld_note(sc)) is not None:
        typer.echo(f"note: {note}", err=True)


def _note_entryless_parameters(sc) -> None:
    """Say which parameters of a mechanism that is on act only through schedule entries no policy has
    (``entries.ONLY_THROUGH``): their values in the file change no number of the runs, as ``--set`` and calibrate
    say when they refuse them (a held-out case's control.obedience, with no patron_order, moved from 0.982 to 0.3
    unsaid)."""
    from flashpoint.scenario.entries import ONLY_THROUGH
    from flashpoint.scenario.parameters import idle_mechanisms, idle_parameters

    policies = list(sc.policies)
    off = idle_mechanisms(sc, policies)
    idle = sorted(n for n in idle_parameters(sc, policies) if n.partition(".")[0] not in off)
    if idle:
        kinds = "; ".join(f"{n} (a {' or '.join(k.replace('_', ' ') for k in ONLY_THROUGH[n])})" for n in idle)
        typer.echo(f"note: {kinds}: {'it acts' if len(idle) == 1 else 'they act'} only through schedule entries no "
                   "policy has, so the file's value changes no number of the runs; --set, calibrate and the web "
                   "page refuse a value of it", err=True)


def _note_fit_switched_off(sc) -> None:
    """Say which parameters marked ``calibratable`` need a mechanism the file switches off: calibrate leaves them out
    of the fit, as it says (a held-out case's consent.initial, M5 off, was marked and validate said nothing)."""
    from flashpoint.scenario.parameters import parameters, switched_off

    off = [p.name for p in parameters(sc).values() if p.calibratable and p.high > p.low and switched_off(sc, p.name)]
    if off:
        typer.echo(f"note: {', '.join(off)}: marked calibratable, but what each needs is switched off in the file "
                   "(its mechanism, or every one that reads it): calibrate and evaluate leave such a parameter out of "
                   "the fit", err=True)


def _note_force_ranges(sc) -> None:
    """Say where an end of a foreign party's declared ``troops`` or ``initial_presence`` range breaks the schedule's
    moves, so that ``--set``, the page's slider and the API refuse values the file declares plausible (a held-out
    historian's troops ranged 55,000 to 70,000, and every value below 70,000 was refused)."""
    from flashpoint.scenario.checks import forces_overridden

    for party in sc.foreign_parties:
        for attr in ("troops", "initial_presence"):
            q = party.attributes.get(attr)
            if q is None:
                continue
            for end, value in zip(("low", "high"), q.range_for()):
                if value == q.value:
                    continue
                why = {policy: w for policy in sc.policies
                       if (w := forces_overridden(sc, policy, {f"{party.id}.{attr}": float(value)}))}
                if why:       # under which policies (a verifier's broke only a policy's added deployment)
                    under = "" if len(why) == len(sc.policies) else f" under {', '.join(why)}"
                    typer.echo(f"note: the {end} end of the declared range of {party.id}.{attr} ({value:,g}) "
                               f"breaks the schedule's moves{under}, so --set, the web page and the API refuse it"
                               f"{' there' if under else ''} ({next(iter(why.values()))}); declare the range the "
                               "schedule allows", err=True)
                    break


def _note_exposure_still(sc, moves: list[str]) -> None:
    """Say when attacks.exposure can act on nothing that moves: with no deployment or drawdown in the schedule or a
    policy's ``add`` and coalition cohesion (M6) off under every policy, the foreign presence holds its start, so
    presence ** exposure is one number (1 at a full force): exposure then rescales the base rate or changes nothing,
    and a fit cannot tell it from attacks.base_rate (a held-out case's exposure, set where no troops moved, was
    taken unsaid)."""
    from flashpoint.scenario.parameters import idle_mechanisms
    from flashpoint.scenario.presence import still_exposure_idle

    q = sc.attacks.get("exposure")
    if moves or q is None or not sc.policies or "coalition" not in idle_mechanisms(sc, list(sc.policies)):
        return
    if q.value == 0 and q.range_for()[1] == 0:
        return
    starts = [a.attributes["initial_presence"].value if "initial_presence" in a.attributes else 1.0
              for a in sc.foreign_parties]
    refused = all(still_exposure_idle(sc, name, "attacks.exposure", dict(pol.set)) for name, pol in sc.policies.items())
    what = ("changes nothing in the runs (every force is there in full" + ("; --set, a policy's set and the web page "
            "refuse a value of it" if refused else "") + ")" if all(s == 1 for s in starts) else
            "only multiplies the attack rates by a constant (a force's start ** exposure), which a fit cannot tell "
            "from attacks.base_rate")
    low, high = q.range_for()
    typer.echo(f"note: attacks.exposure is {q.value:g}"
               + (f" and its range ({low:g}-{high:g}) lets a fit or a design move it" if q.value == 0 else
                  f" (range {low:g}-{high:g})") + ", but no deployment or "
               "coalition_drawdown entry moves the foreign forces and coalition cohesion (M6) is off under every "
               f"policy: each force's presence holds its start, so exposure {what}", err=True)


def _note_borrowed_fits(sc, scenario: str) -> None:
    """Say which parameters of a file give a built-in scenario's fit or record as their source: copied, they are that
    case's numbers (a held-out case's backlash, "fitted (docs/ODD.md section 8)" to a built-in's record, decided its
    claim, unsaid)."""
    from flashpoint.scenario.parameters import borrowed_fits

    if (note := borrowed_fits(sc, scenario)) is not None:
        typer.echo(f"note: {note}; in another case they are assumptions until sourced or fitted for it "
                   "(docs/writing-a-scenario.md)", err=True)


def _note_idle_attributes(sc) -> None:
    """Say which actor attributes the file gives that only switched-off mechanisms read (a held-out case's
    broker_dependence, read by M4 alone, was written for both factions with M4 off, unsaid)."""
    from flashpoint.engine.contract import registry

    readers: dict[str, list] = {}
    for c in registry():
        for name in c.attributes:
            readers.setdefault(name.partition(".")[2], []).append(c)
    for name, components in readers.items():
        if any(not c.switchable or sc.mechanisms.get(c.key) is None or sc.mechanisms[c.key].enabled for c in components):
            continue
        given = [a.id for a in sc.actors if name in a.attributes]
        if given:
            off = ", ".join(f"{c.id} ({c.key})" for c in components)
            typer.echo(f"note: attributes.{name} of {', '.join(given)} is read only by {off}, switched off here: it "
                       "changes no number of the runs", err=True)


def _file_value(sc, table, key: str) -> float | None:
    """What the file itself gives a policy's setting ``key`` (a parameter, or a mechanism's switch); None for
    anything else (an entry's link or probability)."""
    mechanism = key.removesuffix(".enabled")
    if key.endswith(".enabled") and mechanism in sc.mechanisms:
        return float(sc.mechanisms[mechanism].enabled)
    return float(table[key].value) if key in table else None


def _note_decapitation_at_0(sc, table) -> None:
    """Say when a decapitation's `scale` is 0: it sizes the leadership effects (M4) only, so the entry still costs
    the host's consent and steps up the ladder (a held-out designer's capture at scale 0 lowered the host's consent,
    unsaid)."""
    for e in (e for e in sc.every_entry if e.type == "decapitation"):
        scale = table[e.scale].value if isinstance(e.scale, str) and e.scale in table else e.scale
        if scale == 0:
            typer.echo(f"note: decapitation {e.id} has scale 0: it changes no faction's leadership or control (M4), "
                       "but is still a strike (on the host's soil unless its theatre is elsewhere) that costs the "
                       "host's consent (M5), moves polarisation (M10) and steps up the ladder (M8) where those are on "
                       "(docs/ODD.md section 9)", err=True)
        elif isinstance(scale, (int, float)) and scale > 1:     # (a held-out designer's 5: control to 0, unsaid)
            typer.echo(f"note: decapitation {e.id} has scale {scale:g}: its leadership effects (M4) are {scale:g} "
                       "times what the parameters' declared ranges give, past them, and a loss of a share of 1 or "
                       "more (control_loss x broker_dependence x scale, coordination_loss x scale) leaves 0 of "
                       "control or capability (docs/ODD.md, M4)", err=True)


def _note_standing_pressure(sc, table, scenario: str) -> None:
    """Say when M9 is on with a pressure above 0: the pressure relaxes back to pressure.initial, not to 0, so the
    patron's push (control.resistance_push x pressure) is a standing one that raises the factions' attacks from the
    first day, which a fit cannot tell from their base rates (a held-out student's copy of a built-in's 'maximum
    pressure' of 1.0 ran every faction to the ceiling in a case with no sanctions; a held-out designer's, beside one
    designation of one faction, raised another's attacks). With sanctions entries, said of files that are not a
    built-in (whose pressure is sourced for its case)."""
    from flashpoint.scenario.loader import builtin_names

    m = sc.mechanisms.get("pressure")
    if m is None or not m.enabled or "pressure.initial" not in table:
        return
    given = [(table["pressure.initial"].value, "")] + [         # a policy's own too (a verifier's 0 in the file)
        (p.set["pressure.initial"], f" under policy {name}") for name, p in sc.policies.items()
        if "pressure.initial" in p.set]
    initial, where = max(given, key=lambda g: float(g[0]))
    sanctions = any(e.type == "sanctions" for e in sc.every_entry)
    if not float(initial) or sanctions and scenario in builtin_names():
        return
    push = table.get("control.resistance_push")
    idle = push is not None and not float(push.value)   # a tester's push of 0 was said to raise the attacks
    typer.echo(f"note: M9 pressure is on with pressure.initial {float(initial):g}{where}"
               + (" and no sanctions entry under any policy: the pressure holds there" if not sanctions else
                  ": between sanctions entries the pressure relaxes back to it, not to 0")
               + ", so the patron's push (control.resistance_push" + (f" {push.value:g}" if push is not None else "")
               + (f" x pressure: nothing at that value, but at any value of its range up to {push.high:g} that a fit "
                  "or a sensitivity analysis draws)" if idle else " x pressure)")
               + " raises every faction's attacks by a constant from the first day, which a fit cannot "
               "tell from the base rates" + ("; a sanctions entry raises the pressure on the patron, and so the "
                                             "attacks of all its factions, whichever it names" if sanctions else "")
               + "; set pressure.initial to 0, or switch M9 off with a reason, unless the case has such a standing "
               "pressure", err=True)


def _on(sc, key: str) -> bool:
    """Whether the file switches mechanism ``key`` on."""
    return (m := sc.mechanisms.get(key)) is not None and m.enabled


def _note_control_reaches_no_attack(sc, table) -> None:
    """Say when a decapitation cuts the patron's control (M4) and control reaches no attack: no patron_order entry
    under any policy, no pressure for the patron's push (M9), no faction's hostility to the host; control then moves
    patron_control alone (a held-out student's decapitation cut a faction's control from 0.34 to 0.13 and the
    attacks did not move, unsaid)."""
    def above_0(name):
        q = table.get(name)
        return q is not None and bool(q.value or q.high)

    killed = [e.date for e in sc.every_entry if e.type == "decapitation"]
    if not _on(sc, "control") or not _on(sc, "decapitation") or not killed:
        return
    if any(e.type == "patron_order" and (e.until or e.date) >= min(killed) for e in sc.every_entry):
        return                 # (an order that ended before the first killing is no path for its loss: a verifier's)
    pressed = _on(sc, "pressure") and above_0("control.resistance_push") and (
        above_0("pressure.initial") or any(e.type == "sanctions" for e in sc.every_entry))
    hostile = any(name.startswith("hostility.") and above_0(name) for name in table) and any(
        above_0(name) for name in table if name.partition(".")[::2] == ("control", "host_attack_rate")
        or name.startswith("control.host_attack_rate."))
    if pressed or hostile:
        return
    typer.echo("note: the patron's control of the factions (M3) reaches no attack here: no patron_order entry under "
               "any policy after the first killing, no pressure for the patron's push (M9), no attacks on the host; so a "
               "decapitation's control loss (decapitation.control_loss, the factions' broker_dependence) moves "
               "patron_control alone (docs/ODD.md, M3 and M4)", err=True)


def _note_control_claim_unmoved(sc) -> None:
    """Say when a claim reads patron_control and nothing can move it: only a decapitation (M4) moves the patron's
    control off its start, so with no decapitation entry under any policy, or M4 off, it holds its start in every
    run (unless a policy sets the control itself) and the claim can only tie (a held-out teacher learnt it from claims'
    "no pair differs", not from validate)."""
    # a policy's own control relation (control.<patron>.<faction>; not control.host_attack_rate: a verifier's)
    relations = [["control", a.id] for a in sc.actors_of("patron")]
    if any(e.type == "decapitation" for e in sc.every_entry) and _on(sc, "decapitation") or any(
            len(k.split(".")) == 3 and k.split(".")[:2] in relations for pol in sc.policies.values() for k in pol.set):
        return
    still = [c.id for c in sc.claims if c.indicator.partition(".")[0] == "patron_control"]
    if still:
        typer.echo(f"note: claim{'s' if len(still) > 1 else ''} {', '.join(still)} read{'' if len(still) > 1 else 's'} "
                   "patron_control, which only a decapitation (M4) moves off its start; "
                   + ("M4 is off" if not _on(sc, "decapitation") else "no policy has a decapitation entry")
                   + ", so it holds its start in every run and the claim can only tie (docs/ODD.md, M3 and M4)",
                   err=True)


def _note_idle_hostility(sc, table) -> None:
    """Say when the factions' hostility relations to the host scale a control.host_attack_rate that is 0 with no
    range (its value and its plausible range both 0): they change no number of the runs (a held-out analyst's
    hostility was taken unsaid; the reverse, a rate beside no hostility above 0, is refused); and, where they act,
    that a target no foreign party holds is a second count beside attacks_on_host."""
    rates = [q for name, q in table.items() if name.partition(".")[::2] == ("control", "host_attack_rate")
             or name.startswith("control.host_attack_rate.")]
    hostile = [name for name, q in table.items() if name.startswith("hostility.") and (q.value or q.high)]
    if (m := sc.mechanisms.get("control")) is None or not m.enabled or not rates or not hostile:
        return
    if all(not q.value and not q.high for q in rates):
        typer.echo(f"note: {', '.join(hostile[:3])}{' ...' if len(hostile) > 3 else ''} scale(s) "
                   "control.host_attack_rate, which is 0 with a range of 0 to 0: no faction attacks the host and the "
                   "hostility relations change no number of the runs; give the rate a value or range above 0, or "
                   "leave the relations out", err=True)
        return
    unheld = [t.id for t in sc.targets if not t.parties]
    if unheld:      # (three held-out cases read one count and laid the host's losses beside the other)
        typer.echo(f"note: the factions' attacks on the host are attacks_on_host (M3: control.host_attack_rate x "
                   f"{', '.join(hostile[:3])}{' ...' if len(hostile) > 3 else ''}), a flow of its own; the attacks on "
                   f"{', '.join(unheld)}, which no foreign party holds, count in attacks_on_foreign_forces: if one "
                   "stands for the host's forces, the two are separate counts of one fight, which truces, shocks and "
                   "policies move apart (docs/ODD.md, M3); lay a record of the host's losses beside the one you "
                   "mean", err=True)


def _note_unread_consent(sc) -> None:
    """Say when M5 moves the host's consent and no mechanism reads it (a held-out case's consent fell from 0.9 to
    0.01 under strikes the host had asked for, printed by run with nothing depending on it, unsaid)."""
    from flashpoint.scenario.parameters import consent_unread

    if (m := sc.mechanisms.get("consent")) is not None and m.enabled and consent_unread(sc):
        typer.echo("note: M5 (consent) is on but the mechanisms that read the host's consent (M6 coalition, M7 "
                   "spoiler) are off: host_consent is an output only, changing no other number of the runs", err=True)


def _note_half_recorded(sc) -> None:
    """Say which scheduled attacks record one of killed and wounded and leave the other out: the runs draw the
    missing one (a held-out designer's strike, "no human losses", written `killed: 0`, came out with 24-35
    wounded a run)."""
    half = [e for e in sc.every_entry if e.type in ("proxy_attack", "patron_direct_strike")
            and (e.killed is None) != (e.wounded is None)]
    for kind in ("proxy_attack", "patron_direct_strike"):
        ids = list(dict.fromkeys(e.id for e in half if e.type == kind))
        if ids:
            drawn = ("as for an attack of its mode (attacks.killed_per_attack, attacks.wounded_per_attack)"
                     if kind == "proxy_attack" else "from escalation.direct_strike_killed / direct_strike_wounded")
            typer.echo(f"note: {kind} {', '.join(ids[:6])}{', ...' if len(ids) > 6 else ''} record(s) one of killed "
                       f"and wounded and leave the other out: the runs draw the missing count {drawn}; write 0 "
                       "where the source says there were none", err=True)
    # a direct strike recording neither draws both a strike (a held-out analyst's raids, 0 killed in her record,
    # came out with 30 wounded each, a built-in's value, unsaid)
    from flashpoint.scenario.parameters import parameters

    table, drawn = parameters(sc), {}      # the file's values, and a policy's (a verifier's policy set 100 wounded)
    for n in ("killed", "wounded"):
        name = f"escalation.direct_strike_{n}"
        if name not in table:
            continue
        values = [f"{table[name].value:g}"] + [f"{float(pol.set[name]):g} under {p}"
                                               for p, pol in sc.policies.items() if name in pol.set]
        if table[name].value or any(pol.set.get(name) for pol in sc.policies.values()):
            drawn[n] = ", ".join(values)
    bare = list(dict.fromkeys(e.id for e in sc.every_entry if e.type == "patron_direct_strike" and e.killed is None
                              and e.wounded is None))
    if bare and drawn:
        typer.echo(f"note: patron_direct_strike {', '.join(bare[:6])}{', ...' if len(bare) > 6 else ''} record(s) "
                   "neither killed nor wounded: each strike draws "
                   + " and ".join(f"escalation.direct_strike_{n} ({v})" for n, v in drawn.items())
                   + "; write the source's counts on the entry (0 where it says there were none)", err=True)


def _note_mixes(sc) -> None:
    """Say which declared mix of attack modes (the factions', a target's, a tactics entry's) does not sum to 1: the
    engine reads its shares as weights and normalises them, so a typo (0.9 + 0.9) runs as an even mix unsaid."""
    mixes = [("attacks.mode_share", sc.attacks.get("mode_share"))]
    mixes += [(f"targets.{t.id}.mode_share", t.mode_share) for t in sc.targets]
    named = {e.mode_share for e in sc.every_entry
             if e.type == "tactics" and isinstance(e.mode_share, str)}
    mixes += [(name, sc.effects.get(name.removeprefix("effects."))) for name in sorted(named)]
    for name, q in mixes:
        if q is None or not isinstance(q.value, dict) or not all(isinstance(v, (int, float)) for v in q.value.values()):
            continue
        total = sum(q.value.values())
        if total > 0 and abs(total - 1.0) > 0.01:
            shares = ", ".join(f"{m} {v / total:.3g}" for m, v in q.value.items())
            typer.echo(f"note: {name}'s shares sum to {total:g}, not 1: they are read as weights and normalised "
                       f"({shares})", err=True)


def _note_rule_never_strikes(sc, table) -> None:
    """Say when the response rule can never strike back (a held-out case gave every strike probability 0: M2's
    deterrence and backlash answered its scheduled strikes alone, unsaid)."""
    import numpy as np

    names = {f"response.{n}" for n in STRIKE_PROBABILITIES}

    def probability(key: str) -> bool:            # one number, or one per foreign party
        return key in names or key.rsplit(".", 1)[0] in names

    if any(table[k].value > 0 for k in table if probability(k)):
        keyed = any(probability(k) and k not in names for k in table)        # a rule per party
        idle = [a.id for a in sc.foreign_parties if keyed and all(
            table[k].value == 0 for k in table if probability(k) and (k in names or k.endswith(f".{a.id}")))]
        if idle:                # (one rule per party: a verifier's three parties at 0 beside one that strikes, unsaid)
            one = len(idle) == 1
            typer.echo(f"note: the response rule{'' if one else 's'} of {', '.join(idle)} never strike"
                       f"{'s' if one else ''} back ({'its' if one else 'their'} three strike probabilities are 0): "
                       f"{'it strikes' if one else 'they strike'} only in scheduled foreign_strike entries", err=True)
        return
    raising = [name for name, pol in sc.policies.items()
               if any(probability(k) and np.any(np.asarray(v) > 0) for k, v in pol.set.items())]
    strikes = any(e.type == "foreign_strike" for e in sc.every_entry)
    typer.echo("note: the response rule never strikes back (response.strike_prob_after_lethal, _after_wounding and "
               "_per_attack are all 0" + (f"; policy {', '.join(raising)} raise(s) them" if raising else "") + "): "
               + ("in the file's runs only the scheduled foreign_strike entries strike, and deterrence and "
                  "backlash answer those alone"
                  if strikes else "no strike falls in any run, and deterrence and backlash (M2) have nothing to "
                  "answer"), err=True)


def _note_orders_unheard(sc) -> None:
    """Say which factions a patron's order names at control 0 (a held-out case ordered a militia no state holds,
    control 0 with range [0, 0], to restrain: valid, unsaid, and not a number of the runs changed): a faction obeys
    in proportion to its control (M3), and control at 0 stays 0."""
    control = {r.target: r.value for r in sc.relations if r.type == "control"}
    unheld = [f for f, q in control.items() if q.value == 0 and q.range_for()[1] == 0]
    if unheld and len(unheld) < len(control):     # (two held-out cases read the mean, 0.25 of 0.5 and 0, as weak)
        typer.echo(f"note: {', '.join(unheld)} {'is' if len(unheld) == 1 else 'are'} held by no patron (control 0, "
                   "range [0, 0]): patron_control, the mean over the factions, counts "
                   f"{'it' if len(unheld) == 1 else 'them'} at 0; read patron_control.<faction> for each", err=True)
    for e in dict((e.id, e) for e in sc.every_entry if e.type == "patron_order").values():
        deaf = [f for f in e.targets if f in control and control[f].value == 0]
        if deaf:
            fixed = all(control[f].range_for()[1] == 0 for f in deaf)
            typer.echo(f"note: patron_order {e.id} names {', '.join(deaf)}, whose control is 0"
                       + (" (range [0, 0])" if fixed else " in the file (its range allows more, which a fit or a "
                          "design point may give)") + ": a faction obeys in proportion to its control (M3), so "
                       + ("" if fixed else "at the file's value ")
                       + f"the order changes nothing for {'it' if len(deaf) == 1 else 'them'}", err=True)


def _note_first_target(sc) -> None:
    """Say which recorded attacks name a party that holds several attack targets and no ``attack_targets``: each
    falls on the party's first target, its casualties counted there (a held-out researcher's two battles in Angola
    were counted as dead in Namibia, the first target of the force that held both, unsaid)."""
    unaimed: dict[str, list[str]] = {}
    for e in dict((e.id, e) for e in sc.every_entry).values():
        if e.type in ("proxy_attack", "patron_direct_strike") and not e.attack_targets:
            unaimed.setdefault(e.targets[0], []).append(e.id)
    for party, ids in unaimed.items():
        held = [t.id for t in sc.attack_targets if party in t.parties]
        if len(held) > 1:
            typer.echo(f"note: {len(ids)} recorded attack(s) ({', '.join(ids[:3])}"
                       f"{f' and {len(ids) - 3} more' if len(ids) > 3 else ''}) name {party}, which holds "
                       f"{len(held)} attack targets ({', '.join(held)}), and no attack_targets: each falls on the "
                       f"first, {held[0]}, its casualties counted there; name the one struck in attack_targets",
                       err=True)


def _note_consent_from_zero(sc, table) -> None:
    """Say when the host's consent starts at 0 with M5 moving it and M7 reading it: M7 reads the cooperation against
    the spoiler as consent kept (consent / its start), 1 for a host that starts at none, so joint operations run
    in full, while a start just above 0 falls under strikes and takes them away (a held-out designer's host that
    never consented ran joint operations in full: the spoiler's activity 17 a day at 0, 26 at 0.001)."""
    on = {k for k in ("consent", "spoiler") if (m := sc.mechanisms.get(k)) is not None and m.enabled}
    if on == {"consent", "spoiler"} and "consent.initial" in table and table["consent.initial"].value == 0:
        typer.echo("note: consent.initial is 0: M7 reads the host's cooperation against the spoiler as the consent it "
                   "keeps (consent over its start), which is whole for a host that starts at none, so joint "
                   "operations with the foreign forces run in full whatever the strikes do; a start just above 0 "
                   "loses it under strikes and the joint operations with it (docs/ODD.md section 7, M7)", err=True)


def _note_record_of_switched_off(sc) -> None:
    """Say which of the record's counts or series are mapped to the output of a mechanism switched off in the file
    and under every policy: every run holds its resting value there (a verifier's isis_attacks beside
    spoiler_activity with M7 off, unsaid)."""
    from flashpoint.engine.contract import mechanisms
    from flashpoint.scenario.checks import indicator_owner
    from flashpoint.scenario.parameters import idle_mechanisms

    if sc.record is None:
        return
    idle = idle_mechanisms(sc, list(sc.policies))
    for what, name in sc.record.indicators.items():
        for part in name.split("+"):
            owner = mechanisms().get(indicator_owner(sc, part) or "")
            if owner is not None and owner.key in idle:
                typer.echo(f"note: record.indicators maps {what} to {name}, the output of {owner.id} {owner.key}, "
                           "switched off in this file and under every policy: every run holds its resting value "
                           "there, so the record is laid beside a constant", err=True)
                break


def _note_entryless(sc) -> None:
    """Say which mechanism that acts only through schedule entries of its own (M4: decapitation entries) is on
    while no policy's schedule has such an entry: its parameters change nothing in the runs (calibrate says so
    when it leaves them out of the fit; validate said nothing, a held-out case)."""
    from flashpoint.scenario.entries import ONLY_THROUGH, entryless

    policies = list(sc.policies)
    for key, kinds in ONLY_THROUGH.items():
        mechanism = sc.mechanisms.get(key)
        if mechanism is None or not policies or not all(key in entryless(sc, p) for p in policies):
            continue
        switched = f"{key}.enabled"
        if not (mechanism.enabled or any(sc.policies[p].set.get(switched) for p in policies)):
            continue                                  # off everywhere: nothing to say
        kind = " or ".join(kinds)
        scheduled = [e.id for e in sc.schedule if e.type in kinds]
        why = (f"every policy drops the schedule's {kind} entries ({', '.join(scheduled)})" if scheduled else
               f"neither the schedule nor any policy's `add` has a {kind} entry")
        names = [f"{key}.{name}" for name in mechanism.parameters]
        typer.echo(f"note: {mechanism.id} {key} is switched on, but it acts only through {kind} entries and {why}: "
                   f"its parameters ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''}) change nothing in the "
                   f"runs, and calibrate leaves them out of the fit; switch it off (enabled: false, with a reason) "
                   f"or add a {kind} entry", err=True)


def _note_left_out(sc) -> None:
    """Say which of the record's counts are not laid beside the runs, and why (a misspelt ``what`` or target
    kind drops a count as surely as a deliberate choice), one line per reason."""
    from flashpoint import records

    for line in records.beyond_ceiling(sc):
        typer.echo(f"note: record count {line}", err=True)
    left = records.left_out_counts(sc)
    if not left:
        return
    reasons: dict[str, list[int]] = {}
    for line, why in left:
        reasons.setdefault(why, []).append(line)
    typer.echo(f"note: {len(left)} of record {sc.record.dataset}'s published counts are left out (counts.csv lines):",
               err=True)
    for why, lines in reasons.items():
        typer.echo(f"  {', '.join(map(str, lines))}: {why}", err=True)


def _note_unused_kinds(sc) -> None:
    """Say which keys of ``record.target_kinds`` no row of the record's counts or events uses, nor ``record.scope``:
    a misspelt kind maps nothing, and changes nothing (a held-out field audit's `tanker: shipping` passed unsaid)."""
    from flashpoint import records
    from flashpoint.calibration.observations import EVENT_COLUMNS

    used = set()
    for name, columns in (("counts.csv", records.COUNT_COLUMNS), ("events.csv", EVENT_COLUMNS)):
        table = records.read_table(sc.record.dataset, name, columns)
        if "target_kind" in table:       # a row may name several kinds: "a|b"
            used |= {k for kinds in table["target_kind"].astype(str) for k in kinds.split("|")}
    used |= {k for kinds in sc.record.scope.values() for k in kinds.split("|")}   # counts naming none cover them
    unused = [k for k in sc.record.target_kinds if k not in used]        # (two held-out testers' note was false)
    if unused:
        typer.echo(f"note: record.target_kinds maps {', '.join(map(repr, unused))}, which no row of record "
                   f"{sc.record.dataset}'s counts.csv or events.csv names (target_kind): a misspelt kind? it maps "
                   "nothing", err=True)


def _note_attacks_left_out(sc) -> None:
    """Say which of the record's dated attacks the dated list cannot use (``observations.unusable_note``)."""
    from flashpoint.calibration.observations import unusable_note

    if (note := unusable_note(sc)) is not None:
        typer.echo(f"note: {note}", err=True)


def _note_series_units(sc, series) -> None:
    """Say which series laid beside a party's forces (a presence times its declared troops) gives its values in a
    unit that shares no word with the one the party's troops are declared in ("soldiers" beside "troops in the
    theatre"). Units are words, so this is a note; a scale the other lacks or a unit that counts nothing the
    declared one names ("thousand troops", "brigades") is refused at its line (records.series_values)."""
    from flashpoint.scenario.units import unit_words

    declared = {a.id: a.attributes["troops"].unit for a in sc.foreign_parties if "troops" in a.attributes}
    seen = set()
    for r in series.itertuples(index=False):
        unit = declared.get(r.scale_party)
        if unit is None or (r.name, r.unit) in seen or unit_words(r.unit) & unit_words(unit):
            continue
        seen.add((r.name, r.unit))
        typer.echo(f"note: series {r.name} is in {r.unit!r} and is laid beside {r.scale_party}'s forces, declared "
                   f"in {unit!r} (attributes.troops): give the series in the same unit", err=True)


def _note_series_left_out(sc, outside: list[dict]) -> None:
    """Say which values of the record's series.csv are neither fitted nor laid beside the runs: series the
    scenario does not map in ``record.indicators``, and values outside its period (``outside``, as
    ``records.series_values`` gives them)."""
    from flashpoint import records

    table = records.read_table(sc.record.dataset, "series.csv", records.SERIES_COLUMNS, strict=True)
    unmapped = table[~table["series"].isin(set(sc.record.indicators))]
    if len(unmapped):
        names = ", ".join(dict.fromkeys(unmapped["series"]))
        typer.echo(f"note: {len(unmapped)} of record {sc.record.dataset}'s series values are left out: {names} "
                   "not mapped in record.indicators (name: indicator)", err=True)
    if outside:
        typer.echo(f"note: {len(outside)} of record {sc.record.dataset}'s series values lie outside the scenario's "
                   f"period: {', '.join(x['row'].removeprefix('series ') for x in outside)}", err=True)


def _value(v) -> str:
    """A declared value as a table cell: a number, or a mapping of numbers (per faction, per mode)."""
    if isinstance(v, dict):
        return ", ".join(f"{k} {x:g}" if isinstance(x, (int, float)) else f"{k} {x}" for k, x in v.items())
    return f"{v:g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


@scenario_app.command("show")
def show(scenario: str | None = NAME, scenario_option: str | None = OPTION,
         parameters_only: bool = typer.Option(False, "--parameters", help="only the parameter table")) -> None:
    """Print a scenario: actors, mechanisms, parameters (unit, default, range, source), schedule, policies,
    claims and the record it is laid beside."""
    from rich.table import Table

    from flashpoint.console import console as make_console, styled
    from flashpoint.scenario.loader import load_scenario
    from flashpoint.scenario.parameters import parameters

    sc = load_scenario(_which(scenario, scenario_option))
    console = make_console()
    if not parameters_only:
        console.print(styled(sc.name), f": {sc.title} ({sc.start} .. {sc.end})", sep="")
        actors = Table(title="actors")
        for col in ("id", "kind", "CAMEO", "name"):
            actors.add_column(col)
        for a in sc.actors:
            actors.add_row(a.id, a.kind, a.cameo, a.name)
        console.print(actors)
        if sc.relations:         # a held-out case writer found them, and the targets, missing from show
            rels = Table(title="relations")
            for col in ("type", "from", "to", "value", "source"):
                rels.add_column(col, overflow="fold")
            for r in sc.relations:
                rels.add_row(r.type, r.source, r.target, _value(r.value.value), r.value.source)
            console.print(rels)
        if sc.targets:
            targets = Table(title="attack targets")
            for col in ("id", "kind", "parties", "in theatre", "share", "answered", "mode mix", "name"):
                targets.add_column(col, overflow="fold")
            for t in sc.targets:
                targets.add_row(t.id, t.kind, ", ".join(t.parties) or "none", "yes" if t.in_theatre else "no",
                                _value(t.share.value), (("1" if t.parties else "0") + " (default)") if t.answered is None else _value(t.answered.value),
                                "the factions'" if t.mode_share is None else _value(t.mode_share.value), t.name)
            console.print(targets)
        mechs = Table(title="mechanisms")
        for col in ("id", "name", "enabled", "title", "reason"):
            mechs.add_column(col, overflow="fold")
        for name, m in sc.mechanisms.items():
            mechs.add_row(m.id, name, "yes" if m.enabled else "no", m.title, m.reason)
        console.print(mechs)
    params = Table(title="parameters")
    for col in ("name", "value", "unit", "range", "calibratable", "source"):
        params.add_column(col, overflow="fold")
    for p in parameters(sc).values():
        params.add_row(p.name, f"{p.value:g}", p.unit, f"[{p.low:g}, {p.high:g}]", "yes" if p.calibratable else "",
                       p.source)
    console.print(params)
    if parameters_only:
        return
    sched = Table(title="schedule")
    for col in ("date", "id", "type", "actor -> target", "values", "requires", "description"):
        sched.add_column(col, overflow="fold")
    for e in sc.schedule:
        sched.add_row(str(e.date) + (f"..{e.until}" if e.until else ""), e.id, e.type,     # names, not a Python
                      f"{', '.join(e.actors)} -> {', '.join(e.targets)}",                   # list (a held-out find)
                      _entry_values(e), ", ".join(e.requires), e.description)
    console.print(sched)
    from flashpoint.scenario.entries import drop_words, policy_changes

    pols = Table(title="policies")
    for col in ("name", "description", "settings", "drops", "adds"):
        pols.add_column(col, overflow="fold")
    for name in sc.policies:
        ch = policy_changes(sc, name)
        pols.add_row(name, ch["description"], ", ".join(f"{k}={v}" for k, v in ch["sets"].items()), drop_words(ch),
                     ", ".join(ch["adds"]))
    console.print(pols)
    if sc.claims:
        claims = Table(title="claims")
        for col in ("id", "comparison", "indicator", "window", "statement"):
            claims.add_column(col, overflow="fold")
        for c in sc.claims:
            claims.add_row(c.id, c.comparison, c.indicator,
                           f"{c.window[0]}..{c.window[1]}", c.statement)
        console.print(claims)
    if sc.record is not None:
        r = sc.record
        console.print(f"record: {r.dataset}; maps " + ", ".join(f"{k} -> {v}" for k, v in r.indicators.items())
                      + (f"; patterns: {', '.join(p.id for p in r.patterns)}" if r.patterns else ""))


def register(app: typer.Typer) -> None:
    app.add_typer(scenario_app, name="scenario")
