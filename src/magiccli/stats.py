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
    sites: Counter = field(default_factory=Counter)  # the same by site, counted as the records come

    def add(self, record, times: int = 1) -> None:
        """Count the record (``times`` -1: take it out again)."""
        if isinstance(record, Translation):
            self.translations += times
        elif isinstance(record, Person):
            self.people += times
        else:
            self.kinds[record.kind] += times
        if isinstance(record, Cable):
            urls = [url for url in (record.citation.url, record.text_source) if url]
        else:
            urls = [source.url for source in record.sources]
        for url in urls:
            self.urls[url] += times
            self.sites[urlparse(url).netloc.removeprefix("www.").rstrip(".")] += times

    def merge(self, other: Tally) -> None:
        self.kinds.update(other.kinds)
        self.translations += other.translations
        self.people += other.people
        self.urls.update(other.urls)
        self.sites.update(other.sites)

    def as_json(self) -> dict:
        return {
            "kinds": +self.kinds,
            "translations": self.translations,
            "people": self.people,
            "urls": +self.urls,
            "sites": +self.sites,
        }

    @classmethod
    def from_json(cls, value: dict) -> Tally:
        return cls(
            Counter(value["kinds"]),
            value["translations"],
            value["people"],
            Counter(value["urls"]),
            Counter(value["sites"]),
        )

    def result(self, files: int, span: tuple[str | None, str | None], incomplete: list[str]) -> dict:
        """The counts, with the corpus's first and last day (``span``) and its incomplete cables, which the index
        reads from its entries."""
        return {
            "files": files,
            "records": sum((+self.kinds).values()),
            "kinds": dict(sorted((+self.kinds).items())),
            "translations": self.translations,
            "people": self.people,
            "first_date": span[0],
            "last_date": span[1],
            "source_sites": dict(sorted((+self.sites).items(), key=lambda item: (-item[1], item[0]))[:10]),
            "source_urls": len(+self.urls),
            "incomplete": incomplete,
        }
