"""--help and --version: help that reads like the tools people know."""

import typer.main

from magiccli.app import app


def test_version(cli):
    from magiccli import __version__

    result = cli("--version")
    assert result.exit_code == 0
    assert result.output == f"magiccli {__version__}\n"


def test_help_reads_like_the_tools_people_know(cli):
    group = typer.main.get_command(app)
    for name in [*group.commands, "corpus validate", "corpus info", "corpus reindex"]:
        assert "<bool>" not in cli(*name.split(), "--help").output, name
    usage = {name: cli(name, "--help").output.split(f" {name} ")[1].partition("\n")[0].strip()
             for name in ("cable", "quote", "thread", "who", "compare", "cite")}
    assert usage == {"cable": "[OPTIONS] [REF]", "quote": "[OPTIONS] PHRASE", "thread": "[OPTIONS] REF",
                     "who": "[OPTIONS] [NAME]", "compare": "[OPTIONS] [REF]", "cite": "[OPTIONS] [REF]"}
    assert "[OPTIONS] [PATH]..." in cli("corpus", "validate", "--help").output
    wide = cli("thread", "--help", env={"COLUMNS": "200"}).output
    assert "positive: later), date, telegram number, parties, id, the neighbour nearer REF, a note, title." in wide
