"""The Textual app and the `talent-tui` command line."""
