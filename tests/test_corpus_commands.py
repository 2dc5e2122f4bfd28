"""corpus validate, info and reindex, and users' own corpus folders: grades checked, a broken file left out with
a warning on every run."""

from magiccli.load import bundled_corpus

from .conftest import run_magiccli

GRADES = {"archival", "published", "secondary-web", "weak"}


def test_every_wording_and_event_source_has_a_grade(corpus):
    graded = [s for t in corpus.translations for s in t.sources]
    graded += [s for e in corpus.events for s in e.sources + ([e.official_text.source] if e.official_text else [])]
    assert {s.grade for s in graded} <= GRADES
    assert all(s.grade for s in graded)


def test_a_wording_source_without_a_grade_fails_validation(cli, tmp_path):
    # a user's wording (the bundled file's first, under an id of its own) checked with the bundled corpus
    first = (bundled_corpus() / "magic-summaries.yaml").read_text(encoding="utf-8").split("\n- id: ")[1]
    path = tmp_path / "wording.yaml"
    path.write_text("- id: user-" + first.replace("      grade: weak\n", "", 1), encoding="utf-8")
    result = cli("corpus", "validate", path)
    assert result.exit_code == 2
    assert "missing field 'witnesses[0].source.grade'" in result.output


def test_an_unknown_grade_fails_validation(cli, tmp_path):
    event = (bundled_corpus() / "events" / "1945-07-17-potsdam-conference.yaml").read_text(encoding="utf-8")
    path = tmp_path / "event.yaml"
    path.write_text(
        event.replace("grade: published", "grade: good", 1).replace(
            "id: 1945-07-17-potsdam-conference", "id: user-potsdam-conference"
        ),
        encoding="utf-8",
    )
    result = cli("corpus", "validate", path)
    assert result.exit_code == 2
    assert "sources[0].grade: 'good' is not one of: archival, published, secondary-web, weak" in result.output


def test_a_broken_user_file_is_left_out_with_a_warning_on_every_run(corpus_copy, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    good = (corpus_copy / "cables" / "frus1945Berlinv02-d1230.yaml").read_text(encoding="utf-8")
    (folder / "good.yaml").write_text(
        good.replace("id: frus1945Berlinv02-d1230", "id: user-cable-1").replace(
            "telegram_no: '932'", "telegram_no: null"
        ),
        encoding="utf-8",
    )
    (folder / "broken.yaml").write_text("id: broken\nkind: cable\n", encoding="utf-8")
    warning = f"magiccli: {folder / 'broken.yaml'}: left out: 24 problem(s); 'magiccli corpus validate' lists them\n"
    for _ in range(2):  # the build's run and a run that finds the index fresh
        found = run_magiccli("--corpus", folder, "cable", "user-cable-1", "--list")
        assert (found.returncode, found.stderr) == (0, warning)
        assert "\tuser-cable-1\t" in found.stdout
    checked = run_magiccli("corpus", "validate", folder)
    assert checked.returncode == 2
    assert checked.stdout.count(f"{folder / 'broken.yaml'}:") == 24


def test_validate_of_the_corpus_in_use_reads_its_index_and_says_what_a_check_of_its_files_says(cli, tmp_path):
    # a cable whose people list lacks whom its text names, with a control character in its title: the index's
    # build keeps both problems, and a corpus validate of other roots reads the files (load.validate)
    original = (bundled_corpus() / "cables/frus1945Berlinv01-d582.yaml").read_text(encoding="utf-8")
    lacking = (
        original.replace("id: frus1945Berlinv01-d582", "id: user-copy-of-d582")
        .replace(
            "people: [togo-shigenori, sato-naotake, molotov-vyacheslav, hirohito, konoe-fumimaro]",
            "people: [togo-shigenori, sato-naotake, hirohito]",
        )
        .replace("\ntitle: The Emperor's wish", "\ntitle: \"\\e[31mThe Emperor's wish", 1)
        .replace("before Potsdam\n", 'before Potsdam"\n', 1)
    )
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "copy.yaml").write_text(lacking, encoding="utf-8")
    named = cli("corpus", "validate", folder)
    assert (named.exit_code, named.output.count("people lacks"), named.output.count("control character U+001B")) == (
        2,
        2,
        1,
    )
    for fmt in ("text", "json"):
        assert cli("--corpus", folder, "corpus", "validate", "--format", fmt).output == (
            cli("corpus", "validate", folder, "--format", fmt).output
        )
    (folder / "broken.yaml").write_text("id: broken\nkind: cable\n", encoding="utf-8")  # a file's own problems
    named = cli("corpus", "validate", folder)
    assert named.exit_code == 2 and "people lacks" not in named.output and "U+001B" in named.output
    assert cli("--corpus", folder, "corpus", "validate").output == named.output
