"""SQLite storage through sqlite-utils: schema, queries, writes, import and export. All SQL lives here."""
