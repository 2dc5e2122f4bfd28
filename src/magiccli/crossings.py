"""Crossings from evidence: two telegrams crossed when each left before the other reached its addressee.

A telegram's departure is its instant of sending (Cable.instant); its arrival is what a text attests (Cable.arrived),
known to the minute or only to the local day (Arrival.earliest, Arrival.latest). Where no text attests an arrival,
a telegram still cannot have arrived before it left, so "A left before B left" shows that A left before B arrived.
"""

from __future__ import annotations

from collections.abc import Mapping

from magiccli import clock
from magiccli.model import Cable


def _left_before_arrival(a: Cable, b: Cable) -> str | None:
    """Why ``a`` left before ``b`` reached its addressee, or None where the evidence does not show it."""
    if a.instant is None:
        return None
    if b.instant and a.instant < b.instant:
        return f"{a.number} left ({a.instant}) before {b.number} was sent ({b.instant})"
    if b.arrived and b.arrived.earliest and a.instant < b.arrived.earliest:
        when = b.arrived.instant or f"on {b.arrived.date} in {b.arrived.place}"
        return f"{a.number} left ({a.instant}) before {b.number} arrived ({when}: “{b.arrived.as_given}”)"
    return None


def crossed(a: Cable, b: Cable) -> str | None:
    """Why telegrams ``a`` and ``b``, sent in opposite directions, crossed on the way; None where the evidence
    (their times of sending and the arrivals texts attest) does not show it, or either time of sending is unknown."""
    if not (a.instant and b.instant and a.direction and b.direction and a.direction != b.direction):
        return None
    first, second = _left_before_arrival(a, b), _left_before_arrival(b, a)
    return f"{first}, and {second}" if first and second else None


def why(a: Cable, b: Cable, by_id: Mapping) -> str:
    """The short reason two telegrams that crossed (crossed) did: which left before which arrived, and who says when
    it arrived ("No. 1433 left at 14:00 UTC on 1945-07-21, before No. 931 arrived on 1945-07-24, as No. 1441
    says"); ``by_id`` names the attesting record by its number where it holds it."""
    first, second = sorted((a, b), key=lambda c: (c.instant or "", c.id))
    arrived, sent = first.arrived, second.instant or ""
    left = f"{second.number} left at {sent[11:16]} UTC on {sent[:10]}"
    if arrived is None or not (arrived.earliest and sent < arrived.earliest):
        return f"{left}, while {first.number} was on its way"
    witness = by_id.get(arrived.attested_by)
    named = witness.number if isinstance(witness, Cable) else arrived.attested_by
    when = " ".join(
        filter(
            None,
            (arrived.date, clock.local_time(arrived.time, clock.zone_name(arrived.date, arrived.time, arrived.place))),
        )
    )
    return f"{left}, before {first.number} arrived on {when}, as {named} says"
