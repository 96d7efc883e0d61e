"""Exchange formats: a document as Akoma Ntoso 3.0 XML (``akn.to_akn``)."""

from review.export.akn import CitedDoc, akn_of, to_akn, work_uri

__all__ = ["CitedDoc", "akn_of", "to_akn", "work_uri"]
