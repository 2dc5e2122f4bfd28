"""The bundled corpus: valid, faithful to its sources, and guarded by the validator."""

import json

import jsonschema
import pytest

from magiccli.load import bundled_corpus
from magiccli.model import Cable, to_dict

from .conftest import SHARED_SOURCES


def test_bundled_corpus_validates(cli):
    result = cli("corpus", "validate")
    assert result.exit_code == 0, result.output
    assert result.output == "ok\n"


def test_every_record_matches_the_json_schema_as_jsonschema_reads_it(corpus):
    schema = json.loads((bundled_corpus() / "schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    records = [*corpus.cables, *corpus.events, *corpus.translations, *corpus.people.values()]
    assert len(records) > 80
    for record in records:
        errors = list(validator.iter_errors(to_dict(record)))
        assert not errors, (record.id, [e.message for e in errors])


def test_in_reply_to_resolves_or_is_marked_external(corpus):
    numbers = {c.telegram_no for c in corpus.cables}
    for cable in corpus.cables:
        for ref in cable.in_reply_to + cable.telegrams_mentioned:
            if ref.isdigit():
                assert ref not in numbers, f"{cable.id}: {ref} is in the corpus and should be written as its id"
            else:
                assert isinstance(corpus.by_id.get(ref), Cable), (cable.id, ref)


def test_every_record_has_a_source(corpus):
    for cable in corpus.cables:
        if cable.citation.is_frus:
            assert cable.citation.url.startswith("https://history.state.gov/historicaldocuments/frus1945Berlinv0")
        else:  # a text from outside FRUS (issue 21: the Japanese originals of August) says where it was read, graded
            assert cable.text_from and cable.text_from.grade, cable.id
        assert cable.date_source
    for record in [*corpus.events, *corpus.people.values()]:
        assert record.sources, record.id
    for translation in corpus.translations:
        assert translation.source.url.startswith("http"), translation.id


def test_an_incomplete_text_is_flagged_and_shown(corpus, cli):
    incomplete = [c for c in corpus.cables if not c.complete]
    assert incomplete
    for cable in incomplete:
        output = cli("cable", cable.id).output
        assert f"Full text: {cable.citation.url}]" in output


def _source_records():
    if not SHARED_SOURCES.is_dir():
        pytest.skip(f"{SHARED_SOURCES} is absent (a user's clone): the cross-check needs the research files")
    for path in sorted(SHARED_SOURCES.glob("frus1945Berlinv0*-peace-feelers.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("frus_doc") is not None:
                volume = path.name.split("-")[0]
                yield record.get("record_id") or f"{volume}-d{record['frus_doc']}", record


def _normalised(text):
    """The documented normalisation: runs of white space fold to one space."""
    return " ".join((text or "").split())


def test_every_cable_matches_its_research_record_or_records_a_fix(corpus):
    checked = 0
    for record_id, source in _source_records():
        cable = corpus.by_id[record_id]
        fixed = {fix["field"] for fix in cable.fixes}
        date, _, time = source["sent_local"].partition("T")
        expected = {
            "telegram_no": source["telegram_no"],
            "date": date,
            "time": time or None,
            "citation.url": source["url"],
            "text": _normalised(source["text"]),
            "complete": bool(source["complete"]),
        }
        actual = {
            "telegram_no": cable.telegram_no,
            "date": cable.date,
            "time": cable.time,
            "citation.url": cable.citation.url,
            "text": _normalised(cable.text),
            "complete": cable.complete,
        }
        for field, value in expected.items():
            if field not in fixed:
                assert actual[field] == value, (
                    f"{record_id}: {field} differs from the research file with no fix recorded"
                )
        if "text" in fixed:  # a recovered text must still hold what the research file had
            assert _normalised(source["text"])[:1500] in actual["text"], record_id
        checked += 1
    # the research files hold the FRUS papers; the cables from outside FRUS were added from their own sources (issue 21)
    assert checked == sum(c.citation.is_frus for c in corpus.cables)


def test_every_magic_wording_matches_its_research_record_or_records_a_fix(corpus):
    if not SHARED_SOURCES.is_dir():
        pytest.skip(f"{SHARED_SOURCES} is absent (a user's clone)")
    for line in (SHARED_SOURCES / "magic-summaries.jsonl").read_text(encoding="utf-8").splitlines():
        source = json.loads(line)
        # each research record is a witness of one wording now (its id the witness's former_id)
        translation, witness = next(
            (t, w) for t in corpus.translations for w in t.witnesses if w.former_id == source["record_id"]
        )
        assert translation.summary_date == source["summary_date"] or witness is not translation.witnesses[0]
        assert translation.cable == (source["frus_ref"].replace("/", "-") if source["frus_ref"] else None)
        if "text" not in {fix["field"] for fix in translation.fixes}:
            assert (witness.text or translation.text) == source["wording"], translation.id


# --- the validator on broken copies -------------------------------------------------------------------------


def _break(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1  # the line of the change


CABLE = "cables/frus1945Berlinv02-d1230.yaml"


@pytest.fixture
def user_cable(tmp_path):
    """A user's folder holding a copy of No. 932 under an id of its own: checked with the bundled corpus, whose
    people and cables it names."""
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "copy-of-932.yaml"
    path.write_text(
        (bundled_corpus() / CABLE)
        .read_text(encoding="utf-8")
        .replace("id: frus1945Berlinv02-d1230", "id: user-copy-of-d1230"),
        encoding="utf-8",
    )
    return path


def test_a_user_cable_naming_bundled_people_and_cables_validates(cli, user_cable):
    assert cli("corpus", "validate", user_cable.parent).output == "ok\n"
    assert cli("corpus", "validate", user_cable).output == "ok\n"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("kind: cable", "kind: cable\nkind: cable", "duplicate key 'kind'"),
        ("time: '21:30'", "time: 2130", "time: expected string or null, got integer 2130"),
        ("date: 1945-07-21", "date: 1945-02-30", "date: '1945-02-30' is not a real date"),
        ("place: Tokyo", "place: Tokyo\nplcae: Tokyo", "unknown field 'plcae'"),
        ("complete: false", "complete: [", "YAML syntax"),
        (
            "place: Tokyo",
            "place: !!python/object/apply:os.system ['echo pwned']",
            "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        ("place: Tokyo", "place: !!binary aGk=", "YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
        ("place: Tokyo", "place: &here Tokyo", "YAML anchors and aliases are not allowed"),
        ("place: Tokyo", "<<: {place: Tokyo}", "YAML merge keys ('<<') are not allowed"),
        ("place: Tokyo", "? [place]\n: Tokyo", "a mapping key must be a string, not a list, mapping or alias"),
        ("place: Tokyo", "place: Tokyo\n---\nplace: Tokyo", "a second document in the file"),
        ("from: togo-shigenori", "from: nobody-at-all", "'nobody-at-all' is not a person id in the corpus"),
        (
            "in_reply_to: [frus1945Berlinv02-d1229]",
            "in_reply_to: ['931']",
            "telegram 931 is in the corpus: write its id 'frus1945Berlinv02-d1229'",
        ),
    ],
)
def test_validate_names_file_and_line_of_each_problem(cli, user_cable, old, new, message):
    path = user_cable
    line = _break(path, old, new)
    result = cli("corpus", "validate", path.parent)
    assert result.exit_code == 2
    problems = [l for l in result.output.splitlines() if l.startswith(str(path))]
    assert problems, result.output
    assert any(l.startswith(f"{path}:{line}") or l.startswith(f"{path}:{line + 1}") for l in problems), problems
    assert any(message in l for l in problems), problems


def test_a_python_tag_runs_nothing(cli, user_cable, tmp_path):
    marker = tmp_path / "ran"
    _break(user_cable, "place: Tokyo", f"place: !!python/object/apply:os.system ['touch {marker}']")
    result = cli("corpus", "validate", user_cable.parent)
    assert result.exit_code == 2
    assert not marker.exists()


def test_duplicate_id_names_both_files(cli, tmp_path):
    original = bundled_corpus() / CABLE
    copy = tmp_path / "copy.yaml"  # a user's file taking an id of the bundled corpus
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("corpus", "validate", copy)
    assert (result.exit_code, result.output) == (
        2,
        f"{copy}:1: duplicate id 'frus1945Berlinv02-d1230' (also in"
        f" {original.resolve()}:1)\nmagiccli: 1 problem(s) found\n",
    )


def test_aliases_are_refused(cli, tmp_path):
    bomb = tmp_path / "bomb.yaml"
    lines = ["a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']"]
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)
    ]
    bomb.write_text("\n".join(lines) + "\n")
    result = cli("corpus", "validate", bomb)
    assert result.exit_code == 2
    assert f"{bomb}:1: YAML anchors and aliases are not allowed" in result.output  # the anchor's line
