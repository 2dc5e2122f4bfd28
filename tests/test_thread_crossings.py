"""thread shows the crossings the telegrams themselves attest, and why: No. 931 crossed No. 1433, as No. 1441 says
("your telegram No. 931 did not arrive until today, the 24th"), which the replies alone never showed."""


def note_of(cli, ref, number):
    lines = [line.split("\t") for line in cli("thread", ref).output.splitlines()]
    return next(line[6] for line in lines if line[2] == number)


def test_thread_931_shows_it_crossed_1433_and_why(cli):
    assert note_of(cli, "931", "931") == (
        "crossed with No. 1433 (No. 1433 left at 14:00 UTC on 1945-07-21, before "
        "No. 931 arrived on 1945-07-24, as No. 1441 says)"
    )


def test_thread_932_shows_it_crossed_1433_and_why(cli):
    assert note_of(cli, "932", "932") == (
        "crossed with No. 1433 (No. 1433 left at 14:00 UTC on 1945-07-21, before "
        "No. 932 arrived on 1945-07-22, as No. 1441 says)"
    )


def test_the_index_derives_the_crossings_the_page_draws(cli):
    from magiccli.commands.common import open_index

    index = open_index()
    found = index.crossings(["frus1945Berlinv02-d1229", "frus1945Berlinv02-d1230", "frus1945Berlinv02-d1231"])
    assert {cable: [c.entry.telegram_no for c in crossings] for cable, crossings in found.items()} == {
        "frus1945Berlinv02-d1229": ["1433"],
        "frus1945Berlinv02-d1230": ["1433"],
        "frus1945Berlinv02-d1231": ["931", "932"],
    }
