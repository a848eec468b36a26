"""Importing an election's geography and polling stations from spreadsheets, all or nothing."""
