"""Every tunable default in one place."""

from __future__ import annotations

import os

CORPUS_DIR = "indexes"  # where `review build` writes and every reader looks (--corpus)
SOURCES_DIR = "corpus"  # what `review build` reads when given no sources
STORE_FILE = "review.sqlite"  # the store, inside the corpus directory

# Files larger than this are refused before reading (a text or HTML file this large is not one legal document).
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
# PDFs carry images, so they may be larger.
MAX_PDF_BYTES = 200 * 1024 * 1024
# JSONL datasets are streamed line by line; a single record larger than this is refused.
MAX_RECORD_BYTES = 25 * 1024 * 1024

OCR_POLICY = "auto"  # "auto": OCR pages without a text layer; "always"; "never"
OCR_LANG = "vie"

JOBS = max(1, min(4, os.cpu_count() or 1))  # parallel parse processes for `review build`
# Each file of a build has a time budget: this many seconds, plus FILE_SECONDS_PER_MB per megabyte (datasets of
# thousands of documents are large and legitimate); a file over it is stopped, reported and skipped.
FILE_SECONDS = 120.0
FILE_SECONDS_PER_MB = 30.0

SEARCH_ENGINE = "tantivy"  # the default (README: search engines); "whoosh" for a pure-Python install

# How deep `review graph deps|impact` follow relations when not told.
GRAPH_DEPTH = 2

# The compliance-cost estimate of a procedure (`review procedures --people … --hourly-cost …`), when not told.
COST_HOURS_PER_APPLICATION = 8.0  # learning, preparing, travelling, submitting, collecting
COST_OTHER_VND = 0.0  # copies, certification, travel, postage

# The web app (`review serve`): an expensive query (search, findings) gives up after this many seconds and says
# so; search hits and findings are shown this many to a page.
WEB_QUERY_SECONDS = 20.0
WEB_PER_PAGE = 20
# The upload page (/upload): one file at most, all the files of one request at most, how many files at once.
WEB_UPLOAD_FILE_BYTES = 25 * 1024 * 1024
WEB_UPLOAD_BYTES = 60 * 1024 * 1024
WEB_UPLOAD_FILES = 20
