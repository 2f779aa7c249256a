"""Every screen and dialog: the reader, help, search, forms, pickers and the team screens."""
