"""Writes of election day; each service validates, changes state in one transaction and
records who did what in the audit log (never per voter or per ballot)."""
