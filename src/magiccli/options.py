"""The option vocabulary: every option and argument a command can take, declared once, with the names, short flags,
metavars and help a person reads; and the two groups that several commands share (the timeline's filters, the
output options), which a command asks for as one parameter (``filters: FilterOptions``, ``out: Output``) and
which with_filters and with_output spell out as options for typer and for magiccli.direct alike."""

from __future__ import annotations

import inspect
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from magiccli.errors import UsageProblem
from magiccli.model import DIRECTIONS, EVENT_KINDS, GRADES
from magiccli.output import Color, Format, Output
from magiccli.query import Filters
from magiccli.search import FIELDS


class Kind(str, Enum):
    cable = "cable"
    treaty = "treaty"
    conference = "conference"
    diplomatic = "diplomatic"
    military = "military"
    intelligence = "intelligence"
    domestic = "domestic"


class Direction(str, Enum):
    tokyo_moscow = "tokyo-moscow"
    moscow_tokyo = "moscow-tokyo"


class Grade(str, Enum):
    archival = "archival"
    published = "published"
    secondary_web = "secondary-web"
    weak = "weak"


class TranslationChoice(str, Enum):
    frus = "frus"
    magic = "magic"
    all = "all"


class Field(str, Enum):
    cable = "cable"
    footnote = "footnote"
    magic = "magic"
    official = "official"
    summary = "summary"


class Period(str, Enum):
    week = "week"
    month = "month"


class TableFormat(str, Enum):
    """The formats every command that prints records offers (output.Format less export's yaml)."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


# the choices above are the model's and the output's own vocabularies, spelled out for typer and the type checker
assert [k.value for k in Kind] == ["cable", *EVENT_KINDS] and [d.value for d in Direction] == list(DIRECTIONS)
assert [g.value for g in Grade] == list(GRADES) and [f.value for f in Field] == list(FIELDS)
assert [f.value for f in Format] == [*(f.value for f in TableFormat), "yaml"]  # export takes Format itself


def _complete_ref(incomplete: str) -> list[str]:
    from magiccli.commands.common import open_index

    index = open_index()
    return sorted(
        {key.partition(":")[2] for kind in ("date", "telegram", "id") for key in index.keys(f"{kind}:{incomplete}")}
    )


def _complete_actor(incomplete: str) -> list[str]:
    from magiccli.commands.common import open_index

    people = open_index().people()
    names = {name for p in people.people.values() for name in p.names} | (people.countries or set())
    return sorted(n for n in names if n.casefold().startswith(incomplete.casefold()))


def _complete_tag(incomplete: str) -> list[str]:
    from magiccli.commands.common import open_index

    return [t for t in open_index().tag_names() if t.startswith(incomplete)]


def _option(*names: str, help: str, metavar: str | None = None, **settings) -> typer.models.OptionInfo:
    """An option shown as a person reads it: no default repeated after the help, a metavar that names the value."""
    return typer.Option(*names, help=help, metavar=metavar, show_default=False, **settings)


def within(value: int, option: str, least: int, most: int | None = None) -> int:
    """``value``, given to ``option``, if it is from ``least`` to ``most``: the command checks the range its help
    states in words (typer's min and max would print ``[0<=x<=2000]`` in --help)."""
    if value < least or (most is not None and value > most):
        wanted = f"from {least} to {most}" if most is not None else f"of {least} or more"
        raise UsageProblem(f"{option} takes a number {wanted}, not {value}")
    if value > sys.maxsize:  # a count past the machine's integers: no list is that long, and islice refuses it
        raise UsageProblem(f"{option} takes a number up to {sys.maxsize}, not {value}")
    return value


# --- arguments ------------------------------------------------------------------------------------------------

REF_HELP = (
    "A date 1945-07-21, month 1945-07, range A..B, telegram number, corpus id or FRUS reference; - or none "
    "in a pipe: read them from stdin, one a line."
)


def ref_argument(help: str) -> Any:
    """The REF argument of a command that looks records up, with that command's ``help``: its metavar and
    completion are the same everywhere."""
    return typer.Argument(metavar="REF", autocompletion=_complete_ref, show_default=False, help=help)


RefArg = Annotated[
    str, ref_argument("A telegram number, corpus id, FRUS reference or date (see 'magiccli cable --help').")
]
RefsArg = Annotated[Optional[str], ref_argument(REF_HELP)]  # several, or stdin's

# --- the timeline's filters -----------------------------------------------------------------------------------

FromOpt = Annotated[Optional[str], _option("--from", metavar="DATE", help="First day: YYYY, YYYY-MM or YYYY-MM-DD.")]
ToOpt = Annotated[Optional[str], _option("--to", metavar="DATE", help="Last day: YYYY, YYYY-MM or YYYY-MM-DD.")]
KindOpt = Annotated[
    Optional[list[Kind]],
    _option(
        "--kind",
        "-k",
        metavar="KIND",
        help="Only these kinds (repeatable): cable, treaty, conference, diplomatic, "
        "military, intelligence or domestic.",
    ),
]
ActorOpt = Annotated[
    Optional[list[str]],
    _option(
        "--actor",
        "-a",
        metavar="PERSON",
        autocompletion=_complete_actor,
        help="Only records involving this person or country, by any alias (repeatable: all must match).",
    ),
]
TagOpt = Annotated[
    Optional[list[str]],
    _option(
        "--tag",
        "-t",
        metavar="TAG",
        autocompletion=_complete_tag,
        help="Only records with this tag (repeatable: any may match).",
    ),
]
GrepOpt = Annotated[
    Optional[str],
    _option(
        "--grep",
        "-g",
        metavar="WORDS",
        help="Only records whose title, summary or text contains this (case and accents ignored).",
    ),
]
DirectionOpt = Annotated[
    Optional[Direction],
    _option("--direction", "-d", metavar="WAY", help="Only cables going this way: tokyo-moscow or moscow-tokyo."),
]
MinGradeOpt = Annotated[
    Optional[Grade],
    _option(
        "--min-grade",
        metavar="GRADE",
        help="Only what rests on sources graded this or better: archival (the MAGIC summary itself), published (FRUS, "
        "books, articles), secondary-web, weak (forums, copies). A cable's own FRUS text counts as published, our "
        "summary of an event as its best source; MAGIC wordings, official texts and event sources below the grade "
        "are left out, and so is a record left without a source.",
    ),
]
LimitOpt = Annotated[
    Optional[int], _option("--limit", "-n", metavar="N", help="At most this many records (1 or more).")
]


@dataclass(frozen=True)
class FilterOptions:
    """The timeline's filters as typed: parsed against the corpus by ``parse``."""

    start: FromOpt = None
    end: ToOpt = None
    kind: KindOpt = None
    actor: ActorOpt = None
    tag: TagOpt = None
    grep: GrepOpt = None
    direction: DirectionOpt = None

    def parse(self, people) -> Filters:
        """The filters as the index reads them; ``people``: a corpus holding the register (Index.people())."""
        return Filters.parse(
            people,
            start=self.start,
            end=self.end,
            kinds=[k.value for k in self.kind or []],
            actors=self.actor or [],
            tags=self.tag or [],
            grep=self.grep,
            direction=self.direction.value if self.direction else None,
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


# --- the output options ---------------------------------------------------------------------------------------

FormatOpt = Annotated[
    TableFormat,
    _option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="text (rich on a terminal, tab-separated in a pipe), json, jsonl, csv, tsv or markdown.",
    ),
]
ColorOpt = Annotated[
    Color,
    _option(
        "--color",
        metavar="WHEN",
        help="Colour the text format: auto (on a terminal), always (in a pipe too), never. "
        "NO_COLOR and FORCE_COLOR are honoured.",
    ),
]
HeaderOpt = Annotated[
    bool,
    _option(
        "--header",
        help="Start the tab-separated text of a pipe with a line of column names (csv, tsv and markdown "
        "always have one).",
    ),
]
PagerOpt = Annotated[bool, _option("--pager/--no-pager", help="Page long texts through $PAGER on a terminal.")]


def with_filters(*names: str) -> Callable[[Callable], Callable]:
    """A command taking the timeline's filters (all of them, or ``names``) as one ``filters: FilterOptions``
    parameter, which typer sees as the options themselves."""
    chosen = [f for f in fields(FilterOptions) if not names or f.name in names]
    hints = typing.get_type_hints(FilterOptions, include_extras=True)
    spelled = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=hints[f.name])
        for f in chosen
    ]
    return lambda function: _spelled_out(function, "filters", spelled, lambda given: FilterOptions(**given))


def with_output(
    *, formats=FormatOpt, default=TableFormat.text, color: bool = True, header: bool = True, pager: bool = False
) -> Callable[[Callable], Callable]:
    """A command taking the output options as one ``out: Output`` parameter: --format (of ``formats``, ``default``
    unless told), and where the command can honour them --color, --header and --pager/--no-pager."""
    spelled = [inspect.Parameter("fmt", inspect.Parameter.KEYWORD_ONLY, default=default, annotation=formats)]
    if color:
        spelled.append(
            inspect.Parameter("color", inspect.Parameter.KEYWORD_ONLY, default=Color.auto, annotation=ColorOpt)
        )
    if header:
        spelled.append(inspect.Parameter("header", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=HeaderOpt))
    if pager:
        spelled.append(inspect.Parameter("pager", inspect.Parameter.KEYWORD_ONLY, default=True, annotation=PagerOpt))

    def output(given: dict) -> Output:
        return Output(
            Format(given["fmt"].value),
            given.get("color", Color.auto),
            given.get("header", False),
            given.get("pager", True),
        )

    return lambda function: _spelled_out(function, "out", spelled, output)


def _spelled_out(
    function: Callable, name: str, spelled: list[inspect.Parameter], make: Callable[[dict], object]
) -> Callable:
    """``function`` with its parameter ``name`` replaced, for typer and magiccli.direct, by the parameters
    ``spelled``, whose values ``make`` turns back into the one value ``function`` takes."""
    signature = inspect.signature(function, eval_str=True)
    hints = typing.get_type_hints(function, include_extras=True)

    def command(**given):
        grouped = {p.name: given.pop(p.name, p.default) for p in spelled}  # magiccli.direct gives only what was typed
        return function(**given, **{name: make(grouped)})

    parameters = []
    for parameter in signature.parameters.values():
        if parameter.name == name:
            parameters += spelled
        else:
            parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=hints[parameter.name]))
    command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    command.__name__, command.__qualname__, command.__doc__ = function.__name__, function.__qualname__, function.__doc__
    command.__module__ = function.__module__
    return command
