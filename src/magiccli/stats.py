"""What the corpus holds: counts, span, sources, incomplete texts — added up record by record, so that the index
build can count its chunks of files apart and merge them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlparse

from magiccli.model import Cable, Event, Person, Translation


@dataclass
class Tally:
    kinds: Counter = field(default_factory=Counter)
    translations: int = 0
    people: int = 0
    first_date: str | None = None
    last_date: str | None = None
    urls: Counter = field(default_factory=Counter)  # every source URL, how often cited
    incomplete: list[str] = field(default_factory=list)

    def add(self, record) -> None:
        if isinstance(record, Translation):
            self.translations += 1
            self.urls.update(s.url for s in record.sources)
            return
        if isinstance(record, Person):
            self.people += 1
            self.urls.update(s.url for s in record.sources)
            return
        self.kinds[record.kind] += 1
        self.first_date = min(filter(None, (self.first_date, record.date)))
        self.last_date = max(filter(None, (self.last_date, record.end or record.date)))
        if isinstance(record, Cable):
            self.urls.update(filter(None, (record.citation.url, record.text_source)))
            if not record.complete:
                self.incomplete.append(record.id)
        elif isinstance(record, Event):
            self.urls.update(s.url for s in record.sources)

    def merge(self, other: Tally) -> None:
        self.kinds += other.kinds
        self.translations += other.translations
        self.people += other.people
        self.first_date = min(filter(None, (self.first_date, other.first_date)), default=None)
        self.last_date = max(filter(None, (self.last_date, other.last_date)), default=None)
        self.urls += other.urls
        self.incomplete += other.incomplete

    def result(self, files: int) -> dict:
        sites: Counter[str] = Counter()
        for url, times in self.urls.items():
            sites[urlparse(url).netloc.removeprefix("www.").rstrip(".")] += times
        return {
            "files": files,
            "records": sum(self.kinds.values()),
            "kinds": dict(sorted(self.kinds.items())),
            "translations": self.translations,
            "people": self.people,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "source_sites": dict(sorted(sites.items(), key=lambda item: (-item[1], item[0]))[:10]),
            "source_urls": len(self.urls),
            "incomplete": self.incomplete,
        }
