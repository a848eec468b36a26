"""The checklist's pages."""
