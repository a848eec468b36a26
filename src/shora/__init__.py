"""shora: the Django project (the centre) on top of the pure ``shora_domain`` rules."""
