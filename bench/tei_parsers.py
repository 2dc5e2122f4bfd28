"""Which XML parser should read FRUS TEI volumes? Speed and peak memory of each candidate on the Quebec sample
scaled up, every candidate making the same records with magiccli.tei's functions (so only the parsing differs).

    python bench/tei_parsers.py                      # ~3.6 MB and ~40 MB volumes, 3 runs each, in a temp folder
    python bench/tei_parsers.py --sizes 3.6,40 --runs 3 --workdir /tmp/teibench
    /path/to/venv-with-lxml/bin/python bench/tei_parsers.py   # lxml is measured only where it is installed

Candidates:
  expat-stream      magiccli.tei.read_volume: pyexpat driven by hand, one document's tree at a time (line numbers)
  etree-iterparse   xml.etree.ElementTree.iterparse, start/end events, each finished element cleared and dropped
  lxml-iterparse    lxml.etree.iterparse, same, resolve_entities=False, no_network=True, load_dtd=False
  expat-parse-only  pyexpat with no handlers: the floor of any expat-based reader (no records)
  lxml-parse-only   lxml iterparse of end events, each element cleared: the floor of an lxml reader (no records)

Each run is a fresh process (python bench/tei_parsers.py --run CANDIDATE FILE) that reports the CPU time and the
wall time of its reading and its peak resident memory (ru_maxrss); on a shared machine the CPU time is the fairer
comparison (the wall time also counts other processes' turns). A bare process that only imports the same modules
is measured as the floor. The records' digest must be the same for every candidate (parse-only rows make none),
or the comparison would be meaningless.

A scaled volume is the sample's header and front matter, then its documents d1–d51 repeated with renumbered ids
(d1001–d1051, d2001–d2051, ...; footnote ids follow), then the rest of the sample (chapter 6, the index).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from magiccli import tei  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "tei" / "frus1944Quebec-sample.xml"
CANDIDATES = ("expat-stream", "etree-iterparse", "lxml-iterparse", "expat-parse-only", "lxml-parse-only")
_DOC_ID = re.compile(r'(xml:id="d)(\d+)((?:fn\d+)?")|(\bn=")(\d+)("\s+subtype="historical-document")')


def scaled_volume(target_bytes: int, out: Path) -> Path:
    """The sample with documents d1–d51 repeated until the file is about ``target_bytes`` long."""
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.rindex("<div", 0, text.index('xml:id="d1"'))
    # documents hold no nested divs in this sample: d51 ends at the first </div> after its start
    end = text.index("</div>", text.index('xml:id="d51"')) + len("</div>")
    head, block, tail = text[:start], text[start:end], text[end:]
    copies = max(1, round((target_bytes - len(head) - len(tail)) / len(block.encode("utf-8"))))
    with open(out, "w", encoding="utf-8") as stream:
        stream.write(head)
        for copy in range(copies):
            offset = 1000 * copy  # clear of d291, which follows the copies
            stream.write(_DOC_ID.sub(lambda m, offset=offset: _renumbered(m, offset), block))
        stream.write(tail)
    return out


def _renumbered(match: re.Match, offset: int) -> str:
    if match.group(1):
        return f"{match.group(1)}{int(match.group(2)) + offset}{match.group(3)}"
    return f"{match.group(4)}{int(match.group(5)) + offset}{match.group(6)}"


# --- the candidates: each yields the records of a volume ---------------------------------------------------------
def expat_stream(path: Path):
    for item in tei.read_volume(path):
        if isinstance(item, tei.TeiDocument):
            yield item.record


_STRUCTURE = {f"{tei.TEI}{name}" for name in ("TEI", "text", "front", "body", "back", "div")}


def _iterparse_records(events, parent_of, drop):
    """Records from (event, element) pairs of an iterparse: tracks pages, the header, the terms and the chapter,
    and drops each child of the structure (TEI, text, front, body, back, div) once read (``drop(element,
    parent)``), so that only the open path and one document are held."""
    page = first = last = volume = None
    terms, stack, in_document, chapter = {}, [], False, None
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag == f"{tei.TEI}pb":
                page = element.get("n")
            elif tag == f"{tei.TEI}div" and element.get("type") == "document":
                first, last, in_document = page, None, True
            stack.append(element)
            continue
        stack.pop()
        if in_document:
            if tag == f"{tei.TEI}pb":
                last = page
            elif tag == f"{tei.TEI}div" and element.get("type") == "document":
                yield tei.document_record(element, volume, (first, last or first), terms, chapter)[0]
                in_document = False
                drop(element, parent_of(element, stack))
            continue
        if tag == f"{tei.TEI}teiHeader":
            volume = tei.volume_info(element, stack[0].get(tei.XML_ID) if stack else None, "volume")
        elif tag == f"{tei.TEI}list" and element.get("type") == "terms":
            terms.update(tei.terms_of(element))
        elif tag == f"{tei.TEI}head" and stack and stack[-1].tag == f"{tei.TEI}div":
            chapter = tei._inline(element)
        if stack and stack[-1].tag in _STRUCTURE:  # read whole (the header, the terms list, a head): now drop it
            drop(element, parent_of(element, stack))


def etree_iterparse(path: Path):
    from xml.etree.ElementTree import iterparse

    def drop(element, parent):
        parent.remove(element) if parent[-1] is not element else parent.__delitem__(-1)

    return _iterparse_records(iterparse(path, events=("start", "end")), lambda _, stack: stack[-1], drop)


def lxml_iterparse(path: Path):
    from lxml import etree

    def drop(element, parent):
        parent.remove(element)

    events = etree.iterparse(
        str(path),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        huge_tree=False,
    )
    return _iterparse_records(events, lambda element, _: element.getparent(), drop)


def expat_parse_only(path: Path):
    import pyexpat

    with open(path, "rb") as stream:
        pyexpat.ParserCreate(namespace_separator="}").ParseFile(stream)
    return iter(())


def lxml_parse_only(path: Path):
    from lxml import etree

    for _, element in etree.iterparse(str(path), events=("end",), resolve_entities=False, no_network=True):
        element.clear()
    return iter(())


def _run(candidate: str, path: Path) -> dict:
    reader = {
        "expat-stream": expat_stream,
        "etree-iterparse": etree_iterparse,
        "lxml-iterparse": lxml_iterparse,
        "expat-parse-only": expat_parse_only,
        "lxml-parse-only": lxml_parse_only,
    }.get(candidate)
    digest, count = hashlib.sha256(), 0
    started, cpu = time.perf_counter(), time.process_time()
    if reader is not None:
        for record in reader(path):
            record = {**record, "chapter": None}  # the iterparse candidates track heads more loosely
            digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8"))
            count += 1
    elif candidate != "floor":
        raise SystemExit(f"unknown candidate {candidate}")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "documents": count,
        "digest": digest.hexdigest()[:12],
    }


def _measure(candidate: str, path: Path, runs: int) -> dict | None:
    results = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, __file__, "--run", candidate, str(path)], capture_output=True, text=True)
        if done.returncode:
            return None  # lxml not installed, typically
        results.append(json.loads(done.stdout))
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "cpu": statistics.median(r["cpu"] for r in results),
        "cpu_least": min(r["cpu"] for r in results),
        "peak_mb": max(r["peak_mb"] for r in results),
        "documents": results[0]["documents"],
        "digest": results[0]["digest"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="3.6,40", help="volume sizes in MB, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--run", nargs=2, metavar=("CANDIDATE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(_run(args.run[0], Path(args.run[1]))))
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tei-parsers-"))
    workdir.mkdir(parents=True, exist_ok=True)
    floor = _measure("floor", SAMPLE, 1)
    print(
        f"python {sys.version.split()[0]}, expat {__import__('pyexpat').EXPAT_VERSION}; "
        f"floor (imports only): {floor['peak_mb']:.1f} MB peak"
    )
    print(
        "| volume | documents | parser | CPU s (median) | CPU s (least) | wall s (median) | peak RSS MB "
        "| over floor MB | records digest |"
    )
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for size in args.sizes.split(","):
        path = workdir / f"quebec-{size}MB.xml"
        if not path.exists():
            scaled_volume(int(float(size) * 1_000_000), path)
        for candidate in CANDIDATES:
            result = _measure(candidate, path, args.runs)
            if result is None:
                print(f"| {path.stat().st_size / 1e6:.1f} MB | | {candidate} | not installed | | | | | |")
                continue
            print(
                f"| {path.stat().st_size / 1e6:.1f} MB | {result['documents']:,} | {candidate} | "
                f"{result['cpu']:.2f} | {result['cpu_least']:.2f} | {result['seconds']:.2f} | "
                f"{result['peak_mb']:.1f} | {result['peak_mb'] - floor['peak_mb']:.1f} | "
                f"{result['digest']} |"
            )


if __name__ == "__main__":
    main()
