"""Identity: which document a number, a name or an id means.

``authorities`` (the registry of provinces and cities, with the 2025 mergers), ``ids`` (the id forms),
``mentions`` (numbers and short forms as people type them) and ``resolver`` (one look-up for every entry point).
"""

from review.identity.authorities import Authority, Registry, registry
from review.identity.ids import document_id, is_local_number, parse_id
from review.identity.mentions import NumberMention, find_mentions, matches
from review.identity.resolver import Candidate, DocumentResolver

__all__ = [
    "Authority",
    "Candidate",
    "DocumentResolver",
    "NumberMention",
    "Registry",
    "document_id",
    "find_mentions",
    "is_local_number",
    "matches",
    "parse_id",
    "registry",
]
