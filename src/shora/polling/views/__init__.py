"""The election-day pages of the centre: the key, a station's day, extensions, turnout."""
