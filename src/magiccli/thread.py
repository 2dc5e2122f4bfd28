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


def reply_target(corpus: Corpus, cable: Cable, ref: str) -> Cable | str:
    """What ``ref`` among the telegrams a cable answers means: the cable of that id; for a telegram number (as a TEI
    volume's "Re your telegram No. 502" gives it) the latest telegram of that number between the same two parties
    dated no later, since a number alone means nothing across a series where every post numbers its own; else the
    bare number, a telegram the corpus does not hold."""
    found = corpus.by_id.get(ref)
    if isinstance(found, Cable):
        return found
    parties = {cable.from_, cable.to}
    earlier = [
        other
        for other in corpus.by_telegram.get(ref, ())
        if other is not cable and {other.from_, other.to} == parties and other.date <= cable.date
    ]
    return max(earlier, key=in_order) if earlier and all(parties) else ref


def answered(corpus: Corpus, cable: Cable) -> list[Cable | str]:
    """What the cable replies to: corpus cables, or bare numbers of telegrams the corpus lacks."""
    return [reply_target(corpus, cable, ref) for ref in cable.in_reply_to]


def answering(corpus: Corpus, cable: Cable) -> list[Cable]:
    """The cables that reply to this one, in the order they were sent."""
    named = {cable.id, cable.telegram_no} - {None}
    found = [
        c for c in corpus.cables if any(ref in named and reply_target(corpus, c, ref) is cable for ref in c.in_reply_to)
    ]
    return sorted(found, key=in_order)


def thread_corpus(index, cable_id: str, *, up: bool, down: bool) -> Corpus:
    """The cables a thread from ``cable_id`` reaches, as a model: step by step, the index gives the candidates (what
    a cable's replies name, by id or by telegram number; the cables whose replies name its id or number) and the
    model keeps those it links (reply_target), which the next step starts from."""
    reached = {cable_id}
    frontier = {cable_id}
    while frontier:
        corpus = index.corpus(reached | index.reply_candidates(frontier, up=up, down=down))
        linked: set[str] = set()
        for cable in (corpus.by_id[i] for i in frontier if isinstance(corpus.by_id.get(i), Cable)):
            if up:
                linked |= {t.id for t in answered(corpus, cable) if isinstance(t, Cable)}
            if down:
                linked |= {c.id for c in answering(corpus, cable)}
        frontier = linked - reached
        reached |= linked
    return index.corpus(reached)


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
