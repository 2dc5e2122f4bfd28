"""A paper quoted inside another record is one text: its place in the other is recorded and checked, and search
counts its words once, in the record that quotes it."""

from magiccli.load import bundled_corpus

NOTE = "frus1945Berlinv02-d1226-lozovsky-note"


def test_the_lozovsky_note_is_paragraphs_3_to_8_of_no_1417(corpus):
    note, telegram = corpus.by_id[NOTE], corpus.by_id["frus1945Berlinv02-d1226"]
    assert (note.quoted_in.record, note.quoted_in.paragraphs) == (telegram.id, [3, 4, 5, 6, 7, 8])
    assert note.paragraphs == telegram.paragraphs[2:8]
    assert note.searched_paragraphs == [] and telegram.searched_paragraphs == telegram.paragraphs


def test_its_words_are_found_and_counted_once(cli):
    assert cli("quote", "no concrete proposal", "--count").output == (
        "1\t1945-07-19\tfrus1945Berlinv02-d1226\tNo. 1417 Sato → Togo\tpublished\n"
    )


def test_a_quotation_that_differs_from_the_quoting_text_is_a_problem(cli, tmp_path):
    text = (bundled_corpus() / f"cables/{NOTE}.yaml").read_text(encoding="utf-8")
    changed = text.replace(f"id: {NOTE}", "id: user-note").replace("general in form", "general in nature", 1)
    path = tmp_path / "note.yaml"
    path.write_text(changed, encoding="utf-8")
    line = changed[: changed.index("  paragraphs:")].count("\n") + 1
    assert cli("corpus", "validate", path).output == (
        f"{path}:{line}: the text is not paragraphs 3, 4, 5, 6, 7, 8 of 'frus1945Berlinv02-d1226' word for word\n"
        "magiccli: 1 problem(s) found\n"
    )
