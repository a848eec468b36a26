"""Election day at the centre: the election key, stations' opening and closing, the
participation ledger, encrypted ballots forwarded by the stations, incidents, turnout."""
