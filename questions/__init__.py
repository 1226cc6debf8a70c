"""Question banks: the default questions per stakeholder group, team banks, and rotation.

Pure Python plus PyYAML; nothing here knows about Slack or the database.
"""

from questions.loader import load_bank
from questions.model import (
    CUSTOMER_GROUPS,
    FIELDS,
    GROUPS,
    INTERNAL_GROUPS,
    KINDS,
    LOCALES,
    Bank,
    BankError,
    Question,
)
from questions.parse import CHOICE_TEXT_LIMIT, SECTION_TEXT_LIMIT
from questions.pick import Asked, pick_questions

__all__ = [
    "CHOICE_TEXT_LIMIT",
    "CUSTOMER_GROUPS",
    "FIELDS",
    "GROUPS",
    "INTERNAL_GROUPS",
    "KINDS",
    "LOCALES",
    "SECTION_TEXT_LIMIT",
    "Asked",
    "Bank",
    "BankError",
    "Question",
    "load_bank",
    "pick_questions",
]
