"""Readiness: the infrastructure checklist, inspections, deficiencies tracked until fixed."""
