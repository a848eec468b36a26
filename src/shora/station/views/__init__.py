"""The station console's pages: thin views over the journal and the station's services."""
