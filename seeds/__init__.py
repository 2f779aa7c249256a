"""The bundled seed articles and their manifest, opened on a fresh install."""
