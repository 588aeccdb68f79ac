"""Pure functions: snapshot bytes -> canonical text -> clauses with facts. No I/O, no clock."""
