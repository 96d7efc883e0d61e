"""The catalogue of data-quality note codes (``Note.code``) that ingest and structure report, beside the catalogue
of error codes (``review.errors``). Stable: tests and users filter on them."""

ORPHAN_CLAUSE = "orphan_clause"  # numbered clauses outside any article
ORPHAN_POINT = "orphan_point"  # lettered points outside any article
NUMBERING_GAP = "numbering_gap"  # Điều 7 follows Điều 5
DUPLICATE_UNIT = "duplicate_unit"  # the same eid twice; the later copy gets a suffix
ARTICLE_RESTART = "article_restart"  # a second "Điều 1." opens an attached text
UNCLOSED_QUOTE = "unclosed_quote"  # a quotation that never closes, read as ordinary text
IMPLICIT_QUOTE = "implicit_quote"  # amending text without quotation marks, kept as content
NO_ARTICLES = "no_articles"  # the document has no Điều at all
NO_NUMBER = "no_number"  # no document number found in the header or the title
NO_DATE = "no_issue_date"  # no issue date found
METADATA_DISAGREES = "metadata_disagrees"  # the text and its container (e.g. the vbpl page) disagree
LEGACY_ENCODING = "legacy_encoding"  # text converted from a legacy font encoding (TCVN3, VNI)
OCR = "ocr"  # text obtained by OCR
METADATA_ONLY = "metadata_only"  # the source has the document's metadata but not its text
SUFFIX_MISMATCH = "suffix_mismatch"  # the file name suffix does not match the content; read by content
PAGES_WITHOUT_TEXT = "pages_without_text"  # PDF pages with no text layer that were not OCR-ed
NO_AUTHORITY = "no_authority"  # a local number whose province or city the header does not name
INVALID_BYTES = "invalid_bytes"  # bytes that are not valid in the file's encoding, replaced by U+FFFD
