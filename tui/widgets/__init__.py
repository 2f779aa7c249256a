"""Widgets the screens are built from: the article view and its pane, the side panels, tables
and input fields."""
