"""Provenance in sight: where each cable's text and its time of sending were read, graded, and --min-grade applied to
them (model.graded); No. 1441, read on a forum reprint under an inferred document number, says so."""

from magiccli.model import graded

FRUS = "https://history.state.gov/historicaldocuments/"


def test_every_cable_records_its_time_sources_and_every_text_its_page(corpus):
    for cable in corpus.cables:
        assert cable.time_from and cable.time_grade, cable.id
        if cable.text:
            assert cable.text_from and cable.text_from.url == cable.text_source, cable.id
        on_frus = (cable.text_source or "").split("//", 1)[-1].removeprefix("www.").startswith(FRUS.split("//")[1])
        assert (cable.text_grade == "published") == on_frus, cable.id


def test_1441_is_a_forum_reprint_under_an_inferred_number(corpus, cli):
    cable = corpus.by_id["frus1945Berlinv02-d1232"]
    assert (cable.text_grade, cable.time_grade, cable.citation.document_inferred) == ("weak", "secondary-web", True)
    assert ", document 1232 (number inferred). Washington" in cli("cite", "1441").output


def test_quote_grades_a_cable_text_by_the_page_it_was_read_on(cli):
    hits = cli("quote", "did not arrive until today", "--context", "5").output
    assert hits == (
        "1945-07-24\tfrus1945Berlinv02-d1232\tcable\tNo. 1441 Sato → Togo\t 931 \tdid not arrive until "
        "today\t, the\tweak\n"
    )
    assert cli("quote", "did not arrive until today", "--min-grade", "published").exit_code == 1
    assert cli("quote", "Konoye", "--in", "cable", "--count", "--min-grade", "published").exit_code == 0


def test_min_grade_keeps_a_text_and_a_time_only_where_their_sources_reach_it(corpus):
    cable = corpus.by_id["frus1945Berlinv02-d1230"]  # 932: FRUS text, time from the secondary 2004 index
    kept = graded(cable, "secondary-web")
    assert (kept.time, kept.instant, kept.time_left_out, kept.text_left_out) == (
        "21:30",
        "1945-07-21T12:30Z",
        False,
        False,
    )
    kept = graded(cable, "published")
    assert (kept.time, kept.instant, kept.zone, kept.time_left_out) == (None, None, None, True)
    assert (kept.text, kept.date) == (cable.text, "1945-07-21")
    assert cable.time == "21:30"  # the corpus's record is untouched
    assert graded(corpus.by_id["frus1945Berlinv02-d1232"], "published") is None  # no text, time or wording reaches it
    reprint = graded(corpus.by_id["frus1945Berlinv02-d1232"], "secondary-web")  # its time does, its text does not
    assert (reprint.text, reprint.text_left_out, reprint.time, reprint.time_left_out) == ("", True, "17:56", False)
