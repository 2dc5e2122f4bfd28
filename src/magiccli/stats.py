"""What the corpus holds: counts, span, sources, incomplete texts — added up record by record, so that the index
build can count its chunks of files apart and merge them, and an update take out the records of a file and add
them again. The span and the incomplete texts are read from the index's entries (Tally.result)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlparse

from magiccli.model import Cable, Person, Translation


@dataclass
class Tally:
    kinds: Counter = field(default_factory=Counter)
    translations: int = 0
    people: int = 0
    urls: Counter = field(default_factory=Counter)  # every source URL, how often cited

    def add(self, record, times: int = 1) -> None:
        """Count the record (``times`` -1: take it out again)."""
        if isinstance(record, Translation):
            self.translations += times
            self.urls.update({url: times * n for url, n in Counter(s.url for s in record.sources).items()})
            return
        if isinstance(record, Person):
            self.people += times
            self.urls.update({url: times * n for url, n in Counter(s.url for s in record.sources).items()})
            return
        self.kinds[record.kind] += times
        urls = (
            Counter(filter(None, (record.citation.url, record.text_source)))
            if isinstance(record, Cable)
            else Counter(s.url for s in record.sources)
        )
        self.urls.update({url: times * n for url, n in urls.items()})

    def merge(self, other: Tally) -> None:
        self.kinds.update(other.kinds)
        self.translations += other.translations
        self.people += other.people
        self.urls.update(other.urls)

    def as_json(self) -> dict:
        return {"kinds": +self.kinds, "translations": self.translations, "people": self.people, "urls": +self.urls}

    @classmethod
    def from_json(cls, value: dict) -> Tally:
        return cls(Counter(value["kinds"]), value["translations"], value["people"], Counter(value["urls"]))

    def result(self, files: int, span: tuple[str | None, str | None], incomplete: list[str]) -> dict:
        """The counts, with the corpus's first and last day (``span``) and its incomplete cables, which the index
        reads from its entries."""
        sites: Counter[str] = Counter()
        for url, times in (+self.urls).items():
            sites[urlparse(url).netloc.removeprefix("www.").rstrip(".")] += times
        return {
            "files": files,
            "records": sum((+self.kinds).values()),
            "kinds": dict(sorted((+self.kinds).items())),
            "translations": self.translations,
            "people": self.people,
            "first_date": span[0],
            "last_date": span[1],
            "source_sites": dict(sorted(sites.items(), key=lambda item: (-item[1], item[0]))[:10]),
            "source_urls": len(+self.urls),
            "incomplete": incomplete,
        }
