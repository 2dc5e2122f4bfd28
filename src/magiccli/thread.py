"""Reply chains: the telegrams a cable answers ("Re your telegram No. …") and those that answer it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from magiccli.model import Cable, Corpus, in_order


@dataclass(frozen=True)
class Link:
    """One line of a thread: a cable of the corpus, or a telegram number the corpus does not hold."""

    depth: int  # 0 the cable asked for; -n a telegram it answers n steps back; +n one answering it n steps on
    cable: Cable | None
    number: str | None  # the telegram number when the cable is not in the corpus
    via: Cable | None  # the neighbour one step nearer the cable asked for
    repeated: bool = False  # already shown higher up (replies can answer two telegrams): not expanded again
    crossed: tuple[tuple[str, str], ...] = ()  # (number or id, why) of each telegram it crossed (Index.crossings)

    @property
    def note(self) -> str:
        if self.cable is None:
            return "not in the corpus"
        notes = ["shown above"] if self.repeated else []
        if self.crossed:
            notes.append(
                "crossed with " + ", ".join(f"{f'No. {n}' if n[0].isdigit() else n} ({why})" for n, why in self.crossed)
            )
        return "; ".join(notes)


def answered(corpus: Corpus, cable: Cable) -> list[Cable | str]:
    """What the cable replies to: corpus cables, or bare numbers of telegrams the corpus lacks."""
    return [found if isinstance(found := corpus.by_id.get(ref), Cable) else ref for ref in cable.in_reply_to]


def answering(corpus: Corpus, cable: Cable) -> list[Cable]:
    """The cables that reply to this one, in the order they were sent."""
    found = [c for c in corpus.cables if cable.id in c.in_reply_to]
    return sorted(found, key=in_order)


def thread(
    corpus: Corpus, cable: Cable, *, up: bool = True, down: bool = True, crossings: dict | None = None
) -> list[Link]:
    """The chain, depth first: what the cable answers (negative depths), the cable, then what answers it; each
    cable with the telegrams it crossed on the wire and why, from ``crossings`` (Index.crossings)."""
    earlier = _walk(corpus, cable, -1, lambda c: answered(corpus, c)) if up else []
    later = _walk(corpus, cable, 1, lambda c: answering(corpus, c)) if down else []
    links = [*earlier, Link(0, cable, None, None), *later]
    crossings = crossings or {}
    return [
        replace(
            link, crossed=tuple((c.entry.telegram_no or c.entry.id, c.why) for c in crossings.get(link.cable.id, ()))
        )
        if link.cable
        else link
        for link in links
    ]


def _walk(corpus: Corpus, start: Cable, step: int, neighbours) -> list[Link]:
    links: list[Link] = []
    seen = {start.id}

    def visit(cable: Cable, depth: int) -> None:
        for neighbour in neighbours(cable):
            if isinstance(neighbour, str):
                links.append(Link(depth, None, neighbour, cable))
                continue
            repeated = neighbour.id in seen
            links.append(Link(depth, neighbour, None, cable, repeated))
            if not repeated:
                seen.add(neighbour.id)
                visit(neighbour, depth + step)

    visit(start, step)
    return links
