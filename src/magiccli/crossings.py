"""Crossings from evidence: two telegrams crossed when each left before the other reached its addressee.

A telegram's departure is its instant of sending (Cable.instant); its arrival is what a text attests (Cable.arrived),
known to the minute or only to the local day (Arrival.earliest, Arrival.latest). Where no text attests an arrival,
a telegram still cannot have arrived before it left, so "A left before B left" shows that A left before B arrived.
"""

from __future__ import annotations

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
