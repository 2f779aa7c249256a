"""Dialogs over the reader: the claim form, the link form, the entity picker and form."""
