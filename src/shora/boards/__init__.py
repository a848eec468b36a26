"""Staff and boards: who serves where, board composition, conflicts, women's presence."""
