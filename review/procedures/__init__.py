"""Administrative procedures (thủ tục hành chính) as a catalogue: one record per procedure with the fields of the
national TTHC database (``catalogue``), read by table-tested extractors (``fields``), its compliance cost counted
once (``cost``), and a local procedure compared with the central one it implements (``compare``)."""

from review.procedures.catalogue import FIELDS, LABELS, FieldValue, ProcedureRecord, catalogue

__all__ = ["FIELDS", "LABELS", "FieldValue", "ProcedureRecord", "catalogue"]
