"""The lanes every picture of the timeline draws: the two directions of the cables, then the world around them."""

from __future__ import annotations

from magiccli.model import Cable, Entry, Event

DAILY_FROM = "1945-07-01"  # the weeks of the peace feelers get a day each; the forty years before are squeezed

# key, name in a picture, name in the terminal chart
LANES = (
    ("tokyo-moscow", "Tokyo → Moscow", "Tokyo→Moscow"),
    ("moscow-tokyo", "Moscow → Tokyo", "Moscow→Tokyo"),
    ("diplomacy", "Conferences and diplomacy", "diplomacy"),
    ("war", "War", "war"),
    ("japan", "Japan at home", "Japan at home"),
)
# treaties are diplomacy's outcome; codebreaking (MAGIC itself) is the war's intelligence
_EVENT_LANES = {
    "conference": "diplomacy",
    "diplomatic": "diplomacy",
    "treaty": "diplomacy",
    "military": "war",
    "intelligence": "war",
    "domestic": "japan",
}


def lane_of(record: Cable | Event | Entry) -> str:
    """A telegram's direction; a note or statement that is not one goes with the diplomacy."""
    if isinstance(record, (Cable, Entry)) and record.kind == "cable":
        return record.direction or "diplomacy"
    return _EVENT_LANES[record.kind]
