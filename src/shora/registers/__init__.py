"""The voter register: the civil-registry extract, eligibility, and "where do I vote"."""
