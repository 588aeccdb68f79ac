"""Reading what a clause states: typed statements, the rules that produce them, their ids."""

from .convert import RULES, statement_key, statements_from_facts
from .model import Duration, Recipient, Statement, dumps, from_dict, loads, to_dict

__all__ = [
    "RULES",
    "Duration",
    "Recipient",
    "Statement",
    "dumps",
    "from_dict",
    "loads",
    "statement_key",
    "statements_from_facts",
    "to_dict",
]
