"""The magiccli commands: each parses its options and calls load → query → render."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from itertools import chain, islice
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from magiccli import __version__, render
from magiccli.boundary import one_line
from magiccli.errors import CommandError, CorpusError, UsageProblem
from magiccli.index import Index, discard_damaged_index
from magiccli.options import Color, ColorOpt, Format, FormatOpt, HeaderOpt, Output, PagerOpt, references
from magiccli.processes import end_on_sigterm
from magiccli.locations import corpus_roots
from magiccli.model import DIRECTIONS, GRADES, Corpus, graded
from magiccli.query import Filters, describe_missing, find_cables, people_called, spellings
from magiccli.refs import parse_ref
from magiccli.search import FIELDS, SOURCE_FIELDS, Matcher, counted_groups, search

try:  # typer 0.29 carries its own copy of click; older releases use click itself
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException, NoArgsIsHelpError, UsageError


class _FlagsTakeNoValue:
    """Help shows a flag as ``--list``, not ``--list <bool>`` (typer 0.29 shows every option's type)."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_flag", False):
                param.metavar = ""
        return params


class FlagCommand(_FlagsTakeNoValue, TyperCommand):
    def collect_usage_pieces(self, ctx) -> list[str]:
        """The usage line as the tools people know write it, in every typer release: ``REF`` for a required
        argument (typer 0.29 writes ``{ref}``), ``[REF]`` for an optional one, ``[PATH]...`` for several."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or param.name.upper()
                pieces.append((name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else ""))
        return pieces


class FlagGroup(_FlagsTakeNoValue, TyperGroup):
    pass


class MagicGroup(FlagGroup):
    """Turns every failure into one line on stderr and an exit code: 1 nothing found, 2 usage or data error.
    Its commands are built when looked up (see _Commands)."""

    def __init__(self, **settings):
        super().__init__(**settings)
        self.commands = _Commands(_subcommands)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        code = _run(lambda: super(MagicGroup, self).main(
            args=args, prog_name=prog_name or "magiccli", complete_var=complete_var, standalone_mode=False, **extra))
        if standalone_mode:
            sys.exit(code)
        return code


def _run(call) -> int:
    """The exit code of ``call``, a command line's work, with every failure turned into one line on stderr: the
    output written and flushed here, so that a failing write (a full disk) is one of them too."""
    if sys.stdout is None:  # started with stdout closed: any file opened now could take its place as fd 1
        return _fail("cannot write the output: standard output is closed", 1)
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 locale gets "?" for →, not an encoding error
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        with end_on_sigterm():
            code = call()
            sys.stdout.flush()
        return code if isinstance(code, int) else 0
    except typer.Exit as done:  # raised by a command run directly; typer returns its code itself
        return done.exit_code
    except NoArgsIsHelpError as err:
        print(err.format_message())
        return 2
    except UsageError as err:
        command = err.ctx.command_path if err.ctx else "magiccli"
        return _fail(f"{' '.join(err.format_message().split())} (see '{command} --help')", 2)
    except ClickException as err:
        return _fail(err.format_message(), err.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        return 130
    except CommandError as err:
        return _fail(str(err), err.exit_code)
    except CorpusError as err:
        return _fail("the corpus has problems:", 2, err.problems)
    except BrokenPipeError:
        _stdout_to_devnull()
        return 141
    except sqlite3.DatabaseError as err:  # an index damaged where no check before the query could see
        return _fail(f"{discard_damaged_index(err)}", 1)
    except OSError as err:  # the output could not be written (a full disk, a closed stream) or a file it was sent to
        if err.filename is None:
            _stdout_to_devnull()
        return _fail(f"cannot write {err.filename or 'the output'}: {err.strerror or err}", 1)


def _fail(message: str, code: int, details: list = ()) -> int:
    """One line on stderr (and a line for each detail, such as each problem of a corpus)."""
    print(f"magiccli: {one_line(message)}", *map(one_line, details), sep="\n", file=sys.stderr)
    return code


def _stdout_to_devnull() -> None:
    """The reader went away (``| head``) or the output cannot be written: say nothing more there, and keep Python
    from complaining when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class _Commands(MutableMapping):
    """The subcommands by name, each built from its Typer when first looked up: a run builds only its own
    command's parameters, where building all of them would cost every lookup some 20 ms."""

    def __init__(self, sources: dict[str, typer.Typer]):
        self._sources = sources
        self._built: dict = {}

    def __getitem__(self, name: str):
        if name not in self._built:
            command = typer.main.get_command(self._sources[name])
            command.name = name
            self._built[name] = command
        return self._built[name]

    def __setitem__(self, name: str, command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("magiccli's commands are fixed")

    def __iter__(self):
        return iter({**self._sources, **self._built})

    def __len__(self) -> int:
        return len({**self._sources, **self._built})


_subcommands: dict[str, typer.Typer] = {}
_functions: dict[str, Callable] = {}  # the same commands' functions, which main() may call without typer's parsing


def command(name: str | None = None, **settings):
    """Register a subcommand of magiccli, as app.command would, on a Typer of its own that _Commands builds."""
    def register(function):
        single = typer.Typer(add_completion=False)
        single.command(cls=FlagCommand, **settings)(function)
        command_name = name or function.__name__.replace("_", "-")
        _subcommands[command_name], _functions[command_name] = single, function
        return function

    return register


app = typer.Typer(
    cls=MagicGroup,
    help="Read the 1945 Togo–Sato peace-feeler cables (FRUS, MAGIC) and the events around them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
corpus_app = typer.Typer(cls=FlagGroup, help="Check and describe the corpus.", no_args_is_help=True, add_completion=False)


class Kind(str, Enum):
    cable = "cable"
    treaty = "treaty"
    conference = "conference"
    diplomatic = "diplomatic"
    military = "military"
    intelligence = "intelligence"
    domestic = "domestic"


Direction = Enum("Direction", {d.replace("-", "_"): d for d in DIRECTIONS}, type=str)
TranslationChoice = Enum("TranslationChoice", {k: k for k in ("frus", "magic", "all")}, type=str)
Field = Enum("Field", {k: k for k in FIELDS}, type=str)
Period = Enum("Period", {k: k for k in ("week", "month")}, type=str)
Grade = Enum("Grade", {g.replace("-", "_"): g for g in GRADES}, type=str)

def _complete_ref(incomplete: str) -> list[str]:
    index = _index()
    return sorted({key.partition(":")[2] for kind in ("date", "telegram", "id")
                   for key in index.keys(f"{kind}:{incomplete}")})


def _complete_actor(incomplete: str) -> list[str]:
    people = _index().people()
    names = {name for p in people.people.values() for name in p.names} | people.countries
    return sorted(n for n in names if n.casefold().startswith(incomplete.casefold()))


def _complete_tag(incomplete: str) -> list[str]:
    return [t for t in _index().tag_names() if t.startswith(incomplete)]


FromOpt = Annotated[Optional[str], typer.Option("--from", help="First day: YYYY, YYYY-MM or YYYY-MM-DD.", show_default=False)]
ToOpt = Annotated[Optional[str], typer.Option("--to", help="Last day: YYYY, YYYY-MM or YYYY-MM-DD.", show_default=False)]
KindOpt = Annotated[Optional[list[Kind]], typer.Option("--kind", "-k", help="Only these kinds (repeatable).", show_default=False)]
ActorOpt = Annotated[Optional[list[str]], typer.Option("--actor", "-a", autocompletion=_complete_actor, help="Only records involving this person or country, by any alias (repeatable: all must match).", show_default=False)]
TagOpt = Annotated[Optional[list[str]], typer.Option("--tag", "-t", autocompletion=_complete_tag, help="Only records with this tag (repeatable: any may match).", show_default=False)]
GrepOpt = Annotated[Optional[str], typer.Option("--grep", "-g", help="Only records whose title, summary or text contains this (case and accents ignored).", show_default=False)]
DirectionOpt = Annotated[Optional[Direction], typer.Option("--direction", "-d", help="Only cables going this way.", show_default=False)]
MinGradeOpt = Annotated[Optional[Grade], typer.Option("--min-grade", help="Only what rests on sources graded this or better: archival (the MAGIC summary itself), published (FRUS, books, articles), secondary-web, weak (forums, copies). A cable's own FRUS text counts as published, our summary of an event as its best source; MAGIC wordings, official texts and event sources below the grade are left out, and so is a record left without a source.", show_default=False)]


_added_corpora: list[str] = []  # --corpus, set by the main callback for the command that follows


def _index(rebuild: bool = False) -> Index:
    return Index.open(corpus_roots(_added_corpora), rebuild=rebuild)


def _filters(index: Index, start, end, kinds, actors, tags, grep, direction) -> Filters:
    return Filters.parse(index.people(), start=start, end=end, kinds=[k.value for k in kinds or []],
                         actors=actors or [], tags=tags or [], grep=grep, direction=direction.value if direction else None)


def _found(items: Iterable, nothing: str) -> Iterator:
    """``items``, or exit 1 saying ``nothing`` when there are none: a stream is checked by its first item."""
    items = iter(items)
    first = next(items, _NONE)
    if first is _NONE:
        raise typer.Exit(_fail(nothing, 1))
    return chain([first], items)


_NONE = object()


def _version(value: bool):
    if value:
        print(f"magiccli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    corpora: Annotated[Optional[list[str]], typer.Option("--corpus", help="Also read the corpus files in this folder (repeatable; MAGICCLI_CORPUS takes a list too).", show_default=False)] = None,
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display for long work (an index build, a search that reads every record).")] = False,
):
    """Read the 1945 Togo–Sato peace-feeler cables (FRUS, MAGIC) and the events around them."""
    from magiccli import progress

    _added_corpora[:] = corpora or []
    progress.quiet = quiet


@command(epilog="""Examples:\n\n  magiccli timeline --from 1945-07 --to 1945-08\n\n  magiccli timeline --kind cable --direction moscow-tokyo\n\n  magiccli timeline --actor konoye --format jsonl | jq -r .id\n\n  magiccli timeline --chart --from 1945-07\n\n  magiccli timeline --svg story.svg --html story.html""")
def timeline(
    start: FromOpt = None,
    end: ToOpt = None,
    kind: KindOpt = None,
    actor: ActorOpt = None,
    tag: TagOpt = None,
    grep: GrepOpt = None,
    direction: DirectionOpt = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many records.", show_default=False)] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    chart: Annotated[bool, typer.Option("--chart", help="Draw the story: lanes of cables and events, by year before July 1945 and by day after.")] = False,
    svg: Annotated[Optional[Path], typer.Option("--svg", metavar="FILE", help="Save a printable SVG picture of the timeline to this file (- for stdout): every mark labelled, system fonts, nothing fetched.", show_default=False)] = None,
    html: Annotated[Optional[Path], typer.Option("--html", metavar="FILE", help="Save the timeline as one offline HTML page to this file (- for stdout): hover a mark, click it to read the cable, filter in the page.", show_default=False)] = None,
    fmt: FormatOpt = Format.text,
    color: ColorOpt = Color.auto,
    header: HeaderOpt = False,
):
    """Cables and events in date order, one line each, or drawn as a chart."""
    out = Output(fmt, color, header)
    index = _index()
    filters = _filters(index, start, end, kind, actor, tag, grep, direction)
    entries = _found(islice(index.entries(filters, reverse=reverse), limit), _NOTHING_MATCHES)
    if chart or svg or html:
        _timeline_chart(index, entries, chart, svg, html, out)
    elif out.rich:
        from magiccli import terminal

        terminal.timeline(out.console(), entries)
    else:
        objects = islice(index.record_texts(filters, with_wordings=False, reverse=reverse), limit)
        out.emit(render.timeline_table(entries, objects))


RefArg = Annotated[str, typer.Argument(metavar="REF", autocompletion=_complete_ref, help="A telegram number, corpus id, FRUS reference or date (see 'magiccli cable --help').", show_default=False)]
RefsArg = Annotated[Optional[str], typer.Argument(metavar="REF", autocompletion=_complete_ref, help="A telegram number, corpus id, FRUS reference or date (see 'magiccli cable --help'); - or none in a pipe: read them from stdin, one a line.", show_default=False)]


@command(epilog="""Examples:\n\n  magiccli cable 1945-07-21\n\n  magiccli cable 932\n\n  magiccli cable 1945-07-12..1945-07-15 --list\n\n  magiccli cable 1945-07-13 --translation all\n\n  magiccli cable frus1945Berlinv02/d1230 --format json\n\n  printf '932\\n1433\\n' | magiccli cable - --list""")
def cable(
    ref: Annotated[Optional[str], typer.Argument(metavar="REF", autocompletion=_complete_ref, help="A date 1945-07-21, month 1945-07, range A..B, telegram number, corpus id or FRUS reference; - or none in a pipe: read them from stdin, one a line.", show_default=False)] = None,
    translation: Annotated[TranslationChoice, typer.Option("--translation", help="Which English text: the FRUS translation, the MAGIC summary wording, or all.")] = TranslationChoice.frus,
    as_list: Annotated[bool, typer.Option("--list", "-l", help="One line per cable instead of full texts.")] = False,
    pager: PagerOpt = True,
    direction: DirectionOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    min_grade: MinGradeOpt = None,
    fmt: FormatOpt = Format.text,
    color: ColorOpt = Color.auto,
    header: HeaderOpt = False,
):
    """The cables of a day, a month or a range, or one cable by number or id: full text and citation. --direction,
    --actor and --kind keep those of them the timeline's filters keep."""
    out = Output(fmt, color, header)
    index = _index()
    corpus, matches = _cables(index, references(ref), min_grade)
    if direction or actor or kind:
        kept = index.passing(_filters(index, None, None, kind, actor, None, None, direction), (m.cable.id for m in matches))
        matches = list(_found((m for m in matches if m.cable.id in kept), _NOTHING_MATCHES))
    if as_list or out.fmt is not Format.text:
        out.emit(render.cable_list_table(corpus, matches, with_text=not as_list))
    elif out.rich:
        from magiccli import terminal
        from rich.console import Group

        views = [terminal.cable_view(corpus, m, translation.value) for m in matches]
        terminal.page(out.console(), Group(*views), pager)
    else:
        out.document("\n".join(render.cable_document(corpus, m, translation.value) for m in matches))


@command(epilog="""Examples:\n\n  magiccli quote "unconditional surrender"\n\n  magiccli quote "konoye" --count\n\n  magiccli quote "emperor" --in magic --context 60\n\n  magiccli quote "surrender.*honou?r" --regex\n\n  magiccli quote "unconditional surrender" --by week""")
def quote(
    phrase: Annotated[str, typer.Argument(metavar="PHRASE", help="The phrase to find (case, accents and punctuation ignored).", show_default=False)],
    all_words: Annotated[bool, typer.Option("--all-words", help="Find paragraphs holding all the words, in any order.")] = False,
    regex: Annotated[bool, typer.Option("--regex", "-E", help="PHRASE is a Python regular expression.")] = False,
    case_sensitive: Annotated[bool, typer.Option("--case-sensitive", "-s", help="Tell upper from lower case.")] = False,
    literal: Annotated[bool, typer.Option("--literal", help="Only PHRASE as written: a name of the people register does not bring in the person's other spellings.")] = False,
    fields: Annotated[Optional[list[Field]], typer.Option("--in", help="Search these texts (repeatable): cable texts, FRUS footnotes, MAGIC wordings, official texts, and our own summaries of events (summary). Default: all but summary, the sources alone.", show_default=False)] = None,
    context: Annotated[int, typer.Option("--context", "-C", min=0, max=2000, help="Characters of context either side.")] = 40,
    count: Annotated[bool, typer.Option("--count", "-c", help="Hits per document instead of the hits.")] = False,
    full: Annotated[bool, typer.Option("--full", help="The whole paragraph of each hit.")] = False,
    by: Annotated[Optional[Period], typer.Option("--by", help="How many cables and events say it per week (named by its Monday) or month, by the date of the cable or event.", show_default=False)] = None,
    each_wording: Annotated[bool, typer.Option("--each-wording", help="With --by: count each text apart, a cable's FRUS document and each MAGIC wording of it, not each cable once.")] = False,
    start: FromOpt = None,
    end: ToOpt = None,
    kind: KindOpt = None,
    actor: ActorOpt = None,
    tag: TagOpt = None,
    grep: GrepOpt = None,
    direction: DirectionOpt = None,
    min_grade: MinGradeOpt = None,
    fmt: FormatOpt = Format.text,
    color: ColorOpt = Color.auto,
    header: HeaderOpt = False,
):
    """Every passage that says PHRASE, in context: a keyword-in-context concordance. Each hit shows the grade of
    its source."""
    if all_words and regex:
        raise UsageProblem("--all-words and --regex do not go together")
    if by and count:
        raise UsageProblem("--by and --count do not go together")
    if each_wording and not by:
        raise UsageProblem("--each-wording counts with --by")
    out = Output(fmt, color, header)
    index = _index()
    corpus = index.people()
    names = [] if literal or regex or all_words or case_sensitive else spellings(corpus, phrase)
    if names:  # on stderr, so that the output stays the hits alone
        print(f"searched: {', '.join(names)}", file=sys.stderr)
    matcher = Matcher(phrase, all_words=all_words, regex=regex, case_sensitive=case_sensitive, spellings=names)
    searched = {f.value for f in fields} if fields else set(SOURCE_FIELDS)
    least = min_grade.value if min_grade else None
    filtered = any((start, end, kind, actor, tag, grep, direction))
    groups = counted_groups(index, matcher, searched, least) if count and not filtered else None
    if groups is not None:  # counted by the index, which holds each source's label: no record is read
        _print_counts(render.group_count_rows(_found(groups, _no_passage_says(phrase))), out)
        return
    filters = _filters(index, start, end, kind, actor, tag, grep, direction)
    among = index.candidates(matcher, searched)
    records = (record for _, record in index.records(filters, among=among))
    if among is None:  # every record is read: say how far it has got
        from magiccli.progress import tracked

        records = tracked(records, index.count(filters), "records searched")
    hits = _found(search(records, matcher, searched, least),
                  _no_passage_says(phrase) + (f" in a source graded {least} or better" if least else ""))
    if by:
        _quote_histogram(hits, by.value, each_wording, out)
    elif count:
        _print_counts(render.count_rows(corpus, hits), out)
    elif out.rich:
        from magiccli import terminal

        terminal.quote_hits(out.console(), corpus, hits, context, full)
    else:
        out.emit(render.quote_table(corpus, hits, context, full))


def _no_passage_says(phrase: str) -> str:
    return f"no passage says '{phrase}'"


def _print_counts(rows: list[dict], out: Output) -> None:
    if out.rich:
        from magiccli import terminal

        terminal.counts(out.console(), rows)
    else:
        out.emit(render.Table(["count", "date", "id", "label", "grade"], rows, rows))


@corpus_app.command("validate", cls=FlagCommand)
def corpus_validate(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH", help="Corpus folders or files, checked together with the bundled corpus as --corpus would read them (default: the bundled corpus and any --corpus).", show_default=False)] = None,
    fmt: FormatOpt = Format.text,
    header: HeaderOpt = False,
):
    """Check corpus files against the schema and each other: exit 0, or 2 with file:line: problem lines."""
    from magiccli.load import validate

    if paths and "" in paths:  # Path("") is the current folder
        raise UsageProblem("corpus validate needs folder or file names, not an empty one")
    out = Output(fmt, header=header)
    problems = validate(corpus_roots([*_added_corpora, *map(Path, paths or [])]))
    if out.fmt is Format.text:
        out.document("".join(f"{one_line(problem)}\n" for problem in problems) or "ok\n")
    else:
        rows = [{"file": str(p.file), "line": p.line, "problem": p.message} for p in problems]
        out.emit(render.Table(["file", "line", "problem"], rows, rows))
    if problems:
        raise typer.Exit(_fail(f"{len(problems)} problem(s) found", 2))


@corpus_app.command("info", cls=FlagCommand)
def corpus_info(fmt: FormatOpt = Format.text, color: ColorOpt = Color.auto, header: HeaderOpt = False):
    """Counts by kind, the date span, the sources and the texts that are incomplete."""
    stats = _index().stats()
    rows = [{"what": k, "value": v} for k, v in stats.items() if not isinstance(v, (list, dict))]
    rows += [{"what": f"{k}.{sub}", "value": n} for k, v in stats.items() if isinstance(v, dict) for sub, n in v.items()]
    rows += [{"what": k, "value": item} for k, v in stats.items() if isinstance(v, list) for item in v]
    Output(fmt, color, header).emit(render.Table(["what", "value"], rows, [stats]))  # JSON: the one object


@corpus_app.command("reindex", cls=FlagCommand)
def corpus_reindex(fmt: FormatOpt = Format.text):
    """Rebuild the search index now (it rebuilds on its own when a corpus file is added, removed or changed)."""
    index = _index(rebuild=True)
    out = Output(fmt)
    if out.fmt is Format.text:
        out.document(one_line(f"{index.count()} records indexed in {index.location}") + "\n")
    else:
        rows = [{"records": index.count(), "location": str(index.location)}]
        out.emit(render.Table(["records", "location"], rows, rows))


# --- thread, who, compare, cite, export ----------------------------------------------------------------------

_NOTHING_MATCHES = "nothing matches those filters"


def _cables(index: Index, refs: list[str], min_grade: Grade | None = None) -> tuple[Corpus, list]:
    """The cables the references name, in their order, with the corpus they stand in (them, the people register and
    the cables they answer or mention), or exit 1 with the nearest days or the reason for the first that names
    none; with ``min_grade``, as model.graded leaves them."""
    parsed = [parse_ref(ref) for ref in refs]
    corpus = index.corpus(set().union(*map(index.cable_ids, parsed)), with_linked=True)
    matches = []
    for ref in parsed:
        found = find_cables(corpus, ref)
        if not found:
            nearby = index.corpus(index.cable_ids_next_to(ref)) if ref.kind == "span" else corpus
            raise typer.Exit(_fail(describe_missing(nearby, ref), 1))
        matches += found
    if min_grade:
        matches = [replace(m, cable=kept) for m in matches if (kept := graded(m.cable, min_grade.value))]
        matches = list(_found(matches, f"none of these cables has a text graded {min_grade.value} or better"))
    return corpus, matches


@command(epilog="""Examples:\n\n  magiccli thread 932\n\n  magiccli thread 890 --down\n\n  magiccli thread frus1945Berlinv02-d1229 --up --format csv""")
def thread(
    ref: RefArg,
    up: Annotated[bool, typer.Option("--up", help="Only the telegrams it answers, and those they answer.")] = False,
    down: Annotated[bool, typer.Option("--down", help="Only the cables answering it, and those answering them.")] = False,
    fmt: FormatOpt = Format.text,
    color: ColorOpt = Color.auto,
    header: HeaderOpt = False,
):
    """The chain of telegrams a cable answers and the cables that answer it (from their "Re your telegram" lines).

    In a pipe, one cable per line: depth (negative: earlier in the chain, 0: REF, positive: later), date, telegram number, parties, id, the neighbour nearer REF, a note, title."""
    from magiccli.thread import no_thread_message, thread as reply_chain, thread_table

    out = Output(fmt, color, header)
    index = _index()
    _, matches = _cables(index, [ref])
    if len(matches) > 1:
        numbers = ", ".join(m.cable.telegram_no or m.cable.id for m in matches)
        raise UsageProblem(f"'{ref}' names {len(matches)} cables ({numbers}); give one telegram number or id")
    up, down = up or up == down, down or up == down
    corpus = index.corpus(index.thread_ids(matches[0].cable.id, up=up, down=down))
    cable = corpus.by_id[matches[0].cable.id]
    links = reply_chain(corpus, cable, up=up, down=down, crossings=index.crossings(c.id for c in corpus.cables))
    if len(links) == 1:
        raise typer.Exit(_fail(no_thread_message(corpus, cable, up, down), 1))
    if out.rich:
        from magiccli import views

        views.thread_tree(out.console(), corpus, links)
    else:
        out.emit(thread_table(corpus, links))


@command(epilog="""Examples:\n\n  magiccli who\n\n  magiccli who konoye\n\n  magiccli who "Tōgō Shigenori" --format jsonl | jq -r .id""")
def who(
    name: Annotated[Optional[str], typer.Argument(metavar="NAME", autocompletion=_complete_actor, help="A person, by any alias (case, accents and punctuation ignored); none for the whole register.", show_default=False)] = None,
    fmt: FormatOpt = Format.text,
    color: ColorOpt = Color.auto,
    header: HeaderOpt = False,
):
    """The people register, or one person: role in 1945, dates, aliases, and every cable and event they appear in."""
    from magiccli import register

    out = Output(fmt, color, header)
    index = _index()
    corpus = index.people()
    if name is None:
        if out.rich:
            from magiccli import views

            views.register(out.console(), corpus)
        else:
            out.emit(register.register_table(corpus))
        return
    people = people_called(corpus, name)
    if not people:
        near = register.near_names(corpus, name)
        raise typer.Exit(_fail(f"no person called '{name}' in the register" + (f"; did you mean: {', '.join(near)}?" if near else ""), 1))
    found = [(person, index.appearances(person.id)) for person in people]
    if out.rich:
        from magiccli import views

        for person, appearances in found:
            views.person(out.console(), person, appearances)
    elif out.fmt is Format.text:
        out.document(register.people_lines(found))
    else:
        out.emit(register.people_table(found))


@command(epilog="""Examples:\n\n  magiccli compare 932\n\n  magiccli compare 893 --diff\n\n  magiccli compare 1945-07 --format csv\n\n  printf '893\\n932\\n' | magiccli compare -""")
def compare(
    ref: RefsArg = None,
    diff: Annotated[bool, typer.Option("--diff", help="Mark the words that differ (in a pipe: [-FRUS only-] and {+MAGIC only+}).")] = False,
    min_grade: MinGradeOpt = None,
    fmt: FormatOpt = Format.text,
    color: ColorOpt = Color.auto,
):
    """The FRUS translation and the MAGIC-summary wording of a cable, side by side on a wide terminal, each wording
    with the grade of its source."""
    from magiccli import compare as cmp

    out = Output(fmt, color)
    index = _index()
    corpus, matches = _cables(index, references(ref), min_grade)
    cables = [m.cable for m in matches]
    pairs = cmp.pairs(cables, diff)
    if not pairs and min_grade:
        raise typer.Exit(_fail(cmp.without_wording_graded(corpus, cables, min_grade.value), 1))
    if not pairs:
        raise typer.Exit(_fail(cmp.without_wording(corpus, cables, index.with_wordings()), 1))
    if out.rich:
        from magiccli import views

        views.compare(out.console(), corpus, pairs)
    elif out.fmt is Format.text:
        out.document("\n".join(cmp.pair_document(corpus, p) for p in pairs))
    else:
        out.emit(cmp.compare_table(pairs))


CiteStyle = Enum("CiteStyle", {k.replace("-", "_"): k for k in ("chicago", "bibtex", "csl-json", "ris")}, type=str)


@command(epilog="""Examples:\n\n  magiccli cite 932\n\n  magiccli cite 1945-07-21 --style bibtex >> potsdam.bib\n\n  magiccli cite 1945-07-26-potsdam-declaration --style csl-json\n\n  magiccli cite 1945-07 --style ris > cables.ris\n\n  magiccli timeline --kind cable --format jsonl | jq -r .id | magiccli cite - --style bibtex""")
def cite(
    ref: Annotated[Optional[str], typer.Argument(metavar="REF", autocompletion=_complete_ref, help="A cable (telegram number, id, FRUS reference or date) or an event id; - or none in a pipe: read them from stdin, one a line.", show_default=False)] = None,
    style: Annotated[CiteStyle, typer.Option("--style", "-s", help="Chicago bibliography entry, BibTeX, CSL-JSON (Zotero, Pandoc) or RIS.")] = CiteStyle.chicago,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text (the style's own file format, on a terminal as in a pipe), or a row a citation in json, jsonl, csv, tsv or markdown.")] = Format.text,
):
    """A citation of a cable's FRUS document, or of an event's first source, that reference managers import."""
    from magiccli import cite as citations

    out = Output(fmt)
    index = _index()
    refs = [citation for one in references(ref) for citation in _citations(index, one)]
    if out.fmt is Format.text:
        out.document(citations.cite(refs, style.value))
    else:
        rows = [{"id": r.key, "style": style.value, "citation": citations.cite([r], style.value).rstrip("\n")} for r in refs]
        out.emit(render.Table(["id", "style", "citation"], rows, rows))


def _citations(index: Index, ref: str) -> list:
    """The references to cite for REF: an event's, or those of the cables it names."""
    from magiccli import cite as citations
    from magiccli.model import Event

    corpus = index.corpus([ref])
    record = corpus.by_id.get(ref)
    if isinstance(record, Event):
        return [citations.reference(corpus, record)]
    corpus, matches = _cables(index, [ref])
    return [citations.reference(corpus, m.cable) for m in matches]


ExportFormat = Enum("ExportFormat", {k: k for k in ("jsonl", *(f.value for f in Format if f is not Format.jsonl), "yaml")}, type=str)


@command(epilog="""Examples:\n\n  magiccli export > corpus.jsonl\n\n  magiccli export --kind cable --format csv | csvstat\n\n  magiccli export --from 1945-07 --to 1945-08 --actor konoye --format yaml""")
def export(
    start: FromOpt = None,
    end: ToOpt = None,
    kind: KindOpt = None,
    actor: ActorOpt = None,
    tag: TagOpt = None,
    grep: GrepOpt = None,
    direction: DirectionOpt = None,
    min_grade: MinGradeOpt = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, json and yaml hold every field (cables with their MAGIC wordings); text, csv, tsv and markdown one flat row a record.")] = ExportFormat.jsonl,
    color: ColorOpt = Color.auto,
    header: HeaderOpt = False,
):
    """The cables and events, whole or filtered as in the timeline, as data for other tools."""
    from magiccli import export as exporter

    index = _index()
    filters = _filters(index, start, end, kind, actor, tag, grep, direction)
    least = min_grade.value if min_grade else None
    records = _found((record for _, record in index.records(filters, least=least)), _NOTHING_MATCHES)
    if fmt is ExportFormat.yaml:
        exporter.write_yaml(records)
    else:
        objects = index.record_texts(filters, with_wordings=True, least=least)
        Output(Format(fmt.value), color, header).emit(exporter.export_table(records, objects))


def _timeline_chart(index: Index, entries: Iterator, chart: bool, svg: Optional[Path], html: Optional[Path],
                    out: Output) -> None:
    from magiccli import chart as terminal_chart, picture

    if out.fmt is not Format.text:
        raise UsageProblem("--chart, --svg and --html draw a picture; leave out --format")
    if chart and picture.STDOUT in (svg, html):
        raise UsageProblem("--chart prints to stdout; send --svg or --html to a file")
    entries = list(islice(entries, picture.MOST_MARKS + 1) if svg or html else entries)
    if len(entries) > picture.MOST_MARKS:
        raise UsageProblem(f"--svg and --html draw at most {picture.MOST_MARKS:,} cables and events, and these filters"
                           " keep more: narrow them (--from/--to, --kind, --actor, --tag, --grep or --limit)")
    if svg or html:  # a picture shows the whole records it holds
        corpus = index.corpus(entry.id for entry in entries)
        picture.save(corpus, corpus.records, svg, html)
    if not chart:
        return
    drawing = terminal_chart.draw(sorted(entries, key=lambda e: e.position))
    if out.rich or out.colored:  # the same drawing; in a pipe its lines are not cut to a terminal's width
        out.console().print(drawing, soft_wrap=not out.rich)
    else:
        out.document(drawing.plain + "\n")


def _quote_histogram(hits, by: str, each_wording: bool, out: Output) -> None:
    from magiccli.histogram import histogram, histogram_table

    rows = histogram(hits, by, each_wording)
    if out.rich:
        from magiccli import views

        views.histogram(out.console(), rows, by)
    else:
        out.emit(histogram_table(rows))


_subcommands["corpus"] = corpus_app  # listed after the others, as typer lists command groups


def main() -> None:
    from magiccli.direct import direct_call

    call = None if "_MAGICCLI_COMPLETE" in os.environ else direct_call(main_options, _functions, sys.argv[1:])
    if call is None:
        app()
    else:
        sys.exit(_run(call))
