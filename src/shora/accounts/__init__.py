"""People and devices: users with a role bound to one unit, sign-in, API tokens, access."""
