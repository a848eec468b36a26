"""The candidates' pages: thin views over the access getters, selectors and services."""
