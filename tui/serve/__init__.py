"""`talent-tui serve`: the app in the browser for a team, behind a login of our own."""
