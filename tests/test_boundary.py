"""No byte from a corpus file can change the terminal's state: every command and format, in a pipe and on a
terminal, shows control and bidi characters escaped; JSON keeps the data; validate calls them problems."""

import copy
import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from magiccli.load import bundled_corpus

from .conftest import run_magiccli

# A window title (OSC 2), a hyperlink (OSC 8), blinking red (SGR), right-to-left override, a C1 CSI, DEL
HOSTILE = (
    "OSC2\x1b]2;pwned\x1b\\ SGR\x1b[5;31mblink\x1b[0m OSC8\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"
    " RLO\u202eevil\u202c C1\x9b31m DEL\x7f markup[link=http://evil.example]x[/link]"
)
UNSAFE_BYTES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
ESCAPED = "OSC2\\x1b]2;pwned\\x1b\\ SGR\\x1b[5;31mblink\\x1b[0m"
EVIL_CABLE = "frus1945Berlinv02-d9999"


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory):
    """A folder of one cable (No. 9999, 1945-07-22, with HOSTILE in its title, summary and text) and a MAGIC
    wording of it, beside the bundled corpus."""
    folder = tmp_path_factory.mktemp("hostile")
    cable = yaml.safe_load((bundled_corpus() / "cables" / "frus1945Berlinv01-d580.yaml").read_text(encoding="utf-8"))
    cable.update(
        id=EVIL_CABLE,
        telegram_no="9999",
        date="1945-07-22",
        title=HOSTILE,
        summary=HOSTILE,
        heading=f"The Japanese Minister of Foreign Affairs (Togo) to the Japanese Ambassador {HOSTILE}",
        text=f"Unconditional pwnage {HOSTILE} end.",
        in_reply_to=["frus1945Berlinv02-d1230"],
        telegrams_mentioned=[],
    )
    cable["citation"]["document"] = 9999
    cable.pop("arrived")  # No. 890's arrival of 12 July would come before this copy was sent
    wording = {
        **yaml.safe_load((bundled_corpus() / "magic-summaries.yaml").read_text(encoding="utf-8"))[0],
        "id": "magic-9999",
        "cable": EVIL_CABLE,
        "telegram_no": "9999",
        "text": f"Wording {HOSTILE}",
    }
    (folder / "evil.yaml").write_text(yaml.safe_dump([cable, wording], allow_unicode=True), encoding="utf-8")
    run_magiccli("--corpus", folder, "corpus", "reindex")  # built here, so that no test on a terminal shows the build
    return folder


PIPED = [
    ("cable", "9999"),
    ("cable", "9999", "--format", "csv"),
    ("cable", "9999", "--format", "markdown"),
    ("timeline", "--from", "1945-07-22", "--to", "1945-07-22"),
    ("quote", "pwnage"),
    ("quote", "pwnage", "--full"),
    ("quote", "pwnage", "--count"),
    ("cite", "9999"),
    ("cite", "9999", "--style", "bibtex"),
    ("cite", "9999", "--style", "ris"),
    ("export", "--from", "1945-07-22", "--to", "1945-07-22", "--format", "tsv"),
    ("who", "togo"),
    ("thread", "9999"),
    ("compare", "9999"),
    ("compare", "9999", "--diff"),
]


@pytest.mark.parametrize("args", PIPED, ids=" ".join)
def test_in_a_pipe_every_command_shows_control_characters_escaped(hostile_corpus, args):
    result = run_magiccli("--corpus", hostile_corpus, *args)
    assert result.returncode == 0, result.stderr
    assert not UNSAFE_BYTES.search(result.stdout.replace("\t", "").replace("\n", ""))
    assert "\\x1b]2;pwned" in result.stdout or args[-1] == "--count"  # a count shows no text
    if args[0] not in ("quote", "export"):  # quote shows 40 characters of context; export a short row
        assert "\\u202eevil\\u202c" in result.stdout and "\\u009b31m" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "--from", "1945-07-22", "--to", "1945-07-22", "--format", "json"),
        ("cable", "9999", "--format", "jsonl"),
        ("quote", "pwnage", "--format", "json", "--full"),
        ("export", "--from", "1945-07-22", "--to", "1945-07-22"),
    ],
    ids=" ".join,
)
def test_json_keeps_the_data_but_escapes_it(hostile_corpus, args):
    result = run_magiccli("--corpus", hostile_corpus, *args)
    assert result.returncode == 0 and not UNSAFE_BYTES.search(result.stdout)
    assert "\\u001b]2;pwned" in result.stdout and "\\u202e" in result.stdout
    text = result.stdout
    values = json.loads(text) if text.startswith("[") else [json.loads(line) for line in text.splitlines()]
    assert HOSTILE in _strings(values)


# one character of each kind the boundary escapes that json.dumps leaves as it is: DEL, C1, bidi override, isolate,
# mark, Arabic letter mark
UNESCAPED_BY_JSON = ["\x7f", "\x9b", "\u202e", "\u2066", "\u200e", "\u061c"]


def test_json_escapes_a_character_that_only_a_clean_cables_wording_holds(tmp_path):
    """The build notes which records hold a character the boundary escapes, and JSON writes the others as the index
    holds them (boundary.Cleared): a cable's whole JSON holds its MAGIC wordings, so a clean cable whose wording
    holds one is searched too. One cable (dated 1945-07-23) and its wording for each character."""
    cable = yaml.safe_load((bundled_corpus() / "cables" / "frus1945Berlinv01-d580.yaml").read_text(encoding="utf-8"))
    wording = yaml.safe_load((bundled_corpus() / "magic-summaries.yaml").read_text(encoding="utf-8"))[0]
    cable.pop("arrived")  # No. 890's arrival of 12 July would come before these copies were sent
    records = []
    for n, character in enumerate(UNESCAPED_BY_JSON):
        cable_id = f"frus1945Berlinv02-d{9800 + n}"
        records.append(
            copy.deepcopy(
                {  # no object twice, which YAML would write as an alias
                    **cable,
                    "id": cable_id,
                    "telegram_no": str(9800 + n),
                    "date": "1945-07-23",
                    "citation": {**cable["citation"], "document": 9800 + n},
                    "in_reply_to": [],
                    "telegrams_mentioned": [],
                }
            )
        )
        records.append(
            copy.deepcopy(
                {
                    **wording,
                    "id": f"magic-{9800 + n}",
                    "cable": cable_id,
                    "telegram_no": str(9800 + n),
                    "text": f"Wording{character}end",
                }
            )
        )
    (tmp_path / "wordings.yaml").write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")

    result = run_magiccli(
        "--corpus", tmp_path, "export", "--from", "1945-07-23", "--to", "1945-07-23", "--kind", "cable"
    )
    assert result.returncode == 0 and not UNSAFE_BYTES.search(result.stdout)
    exported = {line.split('"id":"')[1].split('"')[0]: line for line in result.stdout.splitlines()}
    for n, character in enumerate(UNESCAPED_BY_JSON):
        line = exported[f"frus1945Berlinv02-d{9800 + n}"]
        assert f"Wording\\u{ord(character):04x}end" in line
        assert json.loads(line)["translations"][0]["text"] == f"Wording{character}end"
    timeline = run_magiccli(
        "--corpus",
        tmp_path,
        "timeline",
        "--from",
        "1945-07-23",
        "--to",
        "1945-07-23",
        "--kind",
        "cable",
        "--format",
        "jsonl",
    )
    assert [json.loads(line)["id"] for line in timeline.stdout.splitlines()] == list(exported)


def _strings(value) -> str:
    if isinstance(value, dict):
        return " ".join(_strings(item) for item in value.values())
    if isinstance(value, list):
        return " ".join(map(_strings, value))
    return value if isinstance(value, str) else ""


def test_validate_calls_each_control_character_a_problem_of_its_file(hostile_corpus):
    result = run_magiccli("corpus", "validate", bundled_corpus(), hostile_corpus)
    assert result.returncode == 2
    file = hostile_corpus / "evil.yaml"
    problems = result.stdout.splitlines()
    assert any(re.fullmatch(rf"{re.escape(str(file))}:\d+: control character U\+001B in title", p) for p in problems)
    assert any(
        p.endswith("control character U+001B in [1].text") or p.endswith("control character U+001B in text")
        for p in problems
    )
    assert result.stderr == f"magiccli: {len(problems)} problem(s) found\n"


def test_file_names_and_typed_text_are_escaped_in_messages(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "title\x1b]2;pwned\x07\u202e.yaml").write_text("id: [", encoding="utf-8")
    result = run_magiccli("corpus", "validate", folder)
    assert result.returncode == 2 and not UNSAFE_BYTES.search(result.stdout + result.stderr.replace("\n", ""))
    assert re.search(r"/title\\x1b\]2;pwned\\x07\\u202e\.yaml:\d+: YAML syntax", result.stdout)
    typed = run_magiccli("cable", "\x1b]2;pwned\x07\n2")
    assert typed.returncode == 2 and typed.stderr.count("\n") == 1 and "\\x1b]2;pwned\\x07\\n2" in typed.stderr


TERMINAL = [
    ("timeline", "--from", "1945-07-22", "--to", "1945-07-22"),
    ("cable", "9999", "--no-pager"),
    ("quote", "pwnage", "--full"),
    ("thread", "9999"),
    ("who", "togo"),
    ("compare", "9999"),
    ("cite", "9999"),
]


@pytest.mark.skipif(shutil.which("script") is None, reason="script (util-linux) is not installed")
@pytest.mark.parametrize(
    "term, args",
    [
        *[({"TERM": "xterm-256color"}, args) for args in TERMINAL],
        *[({"TERM": "dumb"}, args) for args in TERMINAL[:2]],
        *[({"TERM": "xterm", "NO_COLOR": "1"}, args) for args in TERMINAL[:3:2]],
    ],
    ids=lambda value: ",".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else " ".join(value),
)
def test_on_a_terminal_nothing_but_rich_styling_reaches_it(hostile_corpus, term, args):
    """The bytes the terminal gets (script runs magiccli on a pseudo-terminal): colour codes of magiccli's own
    and no other escape sequence, C1 control or bidi control."""
    command = " ".join([sys.executable, "-m", "magiccli", "--corpus", str(hostile_corpus), *args])
    shown = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        capture_output=True,
        timeout=60,
        env={**_clean_env(), **term, "COLUMNS": "200", "LINES": "400"},
    ).stdout.decode("utf-8", "replace")
    without_styling = re.sub(r"\x1b\[[0-9;]*m", "", shown).replace("\r", "")
    assert not UNSAFE_BYTES.search(without_styling.replace("\t", "").replace("\n", "")), repr(without_styling)
    assert "\\x1b]2;pwned" in without_styling
    assert "\x1b[5" not in shown and "\x1b]" not in shown  # no blinking, no OSC at all


def _clean_env():
    import os

    return {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PAGER")}
