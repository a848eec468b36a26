"""The hash-chained audit log: every change of state, numbered, with who, what and where."""
