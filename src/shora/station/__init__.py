"""The station process (``shora station``): the station console, its SQLite journal and the
forwarding of everything journalled to the centre. Holds no models of the centre."""
