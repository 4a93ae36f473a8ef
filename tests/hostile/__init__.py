"""Hostile inputs for the safety tests (tests/test_safety_*.py): broken containers, bombs,
deep nesting, bad encodings, mixed Unicode forms, plus a per-case deadline and a case counter
that prints how many hostile cases ran at the end of the pytest session."""
