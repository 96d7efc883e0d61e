"""Reports are written with review.files.write_atomic (a reader never sees half a report)."""

from review.files import write_atomic

__all__ = ["write_atomic"]
