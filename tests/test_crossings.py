"""Crossings from evidence: departures, and the arrivals the telegrams themselves attest."""

from magiccli.crossings import crossed


def _no(corpus, number):
    return next(c for c in corpus.cables if c.telegram_no == number)


def test_931_and_1433_crossed_as_1441_attests(corpus):
    assert crossed(_no(corpus, "931"), _no(corpus, "1433")) == (
        "No. 931 left (1945-07-21T12:30Z) before No. 1433 was sent (1945-07-21T14:00Z), and No. 1433 left "
        "(1945-07-21T14:00Z) before No. 931 arrived (on 1945-07-24 in Moscow: “your telegram No. 931 did not arrive "
        "until today, the 24th”)"
    )
    assert crossed(_no(corpus, "1433"), _no(corpus, "932")).startswith(
        "No. 1433 left (1945-07-21T14:00Z) before No. 932 arrived"
    )


def test_944_and_1450_crossed_as_1476_says(corpus):
    # "Your above telegram [944] … and my telegrams numbered 1449, 1450, and 1458 crossed each other on the way"
    assert crossed(_no(corpus, "944"), _no(corpus, "1450"))


def test_a_reply_sent_after_the_arrival_did_not_cross(corpus):
    assert crossed(_no(corpus, "890"), _no(corpus, "1382")) is None  # 1382 answers 890, received on the 12th
    assert crossed(_no(corpus, "931"), _no(corpus, "1441")) is None  # 1441 reports 931's arrival
    assert crossed(_no(corpus, "931"), _no(corpus, "932")) is None  # the same direction
