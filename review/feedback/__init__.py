"""Citizens' and businesses' feedback on regulations (phản ánh, kiến nghị): import files (``read``), link each
record to the provisions it concerns (``link``), keep both in the store (``review.store.feedback``)."""

from review.feedback.link import LinkIndex, link_all, link_record
from review.feedback.read import RowError, parse_map, read_feedback

__all__ = ["LinkIndex", "RowError", "link_all", "link_record", "parse_map", "read_feedback"]
