"""What the corpus holds: counts, span, sources, incomplete texts."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlparse

from magiccli.model import Corpus


def corpus_stats(corpus: Corpus) -> dict:
    kinds = Counter(r.kind for r in corpus.records)
    urls = [c.citation.url for c in corpus.cables] + [c.text_source for c in corpus.cables if c.text_source]
    urls += [s.url for e in corpus.events for s in e.sources] + [s.url for t in corpus.translations for s in t.sources]
    urls += [s.url for p in corpus.people.values() for s in p.sources]
    return {
        "files": len(corpus.files),
        "records": len(corpus.records),
        "kinds": dict(sorted(kinds.items())),
        "translations": len(corpus.translations),
        "people": len(corpus.people),
        "first_date": corpus.records[0].date if corpus.records else None,
        "last_date": max((r.end or r.date for r in corpus.records), default=None),
        "source_sites": dict(Counter(urlparse(u).netloc.removeprefix("www.").rstrip(".") for u in urls).most_common(10)),
        "source_urls": len(set(urls)),
        "incomplete": [c.id for c in corpus.cables if not c.complete],
    }
