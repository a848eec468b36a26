"""The boards' pages: thin views over the access getters, selectors and services."""
