"""Candidates: registration, the qualification review, codes and the frozen ballot lists."""
