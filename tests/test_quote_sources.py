"""quote searches the sources (FRUS texts and footnotes, MAGIC wordings, official texts) unless asked for our own
summaries, and a name of the people register finds every spelling of the person."""

from .conftest import run_magiccli

KONOE = "searched: Konoye, Konoe, 近衛文麿, 近衞文麿\n"


def test_our_summaries_are_searched_only_when_asked(cli):
    # "Konoe" is the spelling of our event summaries; the FRUS texts and MAGIC wordings spell him "Konoye"
    sources = run_magiccli("quote", "konoe", "--literal", "--count")
    assert (sources.returncode, sources.stdout, sources.stderr) == (1, "", "magiccli: no passage says 'konoe'\n")
    ours = cli("quote", "konoe", "--literal", "--in", "summary", "--format", "tsv").stdout.splitlines()
    assert ours[0] == "date\tid\tfield\tlabel\tleft\thit\tright\tgrade"
    assert {line.split("\t")[2] for line in ours[1:]} == {"summary"} and len(ours) == 7


def test_the_count_from_the_index_leaves_our_summaries_out(cli):
    counted = cli("quote", "Soong", "--literal", "--count").stdout  # counted by the index alone
    read = cli("quote", "Soong", "--literal", "--count", "--from", "1900").stdout  # counted from the records
    assert counted == read == "1\t1945-07-11\tfrus1945Berlinv01-d580\tNo. 890 Togo → Sato\tpublished\n"
    assert cli("quote", "Soong", "--literal", "--count", "--in", "summary").stdout == (
        "3\t1945-06-30\t1945-06-30-soong-stalin-talks\tSoong–Stalin talks in Moscow on the Yalta terms for China\tpublished\n")


def test_a_name_finds_every_spelling_of_the_person(cli):
    konoe = run_magiccli("quote", "konoe", "--count")
    konoye = run_magiccli("quote", "Prince Fumimaro Konoye", "--count")
    assert konoe.stderr == konoye.stderr == KONOE
    assert konoe.stdout == konoye.stdout == run_magiccli("quote", "konoye", "--literal", "--count").stdout
    assert konoe.stdout.splitlines()[0] == "1\t1945-07-12\tfrus1945Berlinv01-d582\tNo. 893 Togo → Sato\tpublished"
    # "Prince Fumimaro Konoye" holds "Konoye": one hit, not two, centred on the shorter spelling
    first = run_magiccli("quote", "konoe", "--context", "15").stdout.splitlines()[0]
    assert first == "1945-07-12\tfrus1945Berlinv01-d582\tcable\tNo. 893 Togo → Sato\trince Fumimaro \tKonoye\t as special env\tpublished"


def test_literal_and_the_other_modes_search_the_phrase_alone(cli):
    for args in (["--literal"], ["--regex"], ["--all-words"], ["--case-sensitive"]):
        result = run_magiccli("quote", "Konoye", *args, "--count")
        assert result.returncode == 0 and result.stderr == "", args
    assert run_magiccli("quote", "zeppelin").stderr == "magiccli: no passage says 'zeppelin'\n"  # not a name: no note
