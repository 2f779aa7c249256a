"""Background work the app runs in workers: suggestions, the flows cache, exports."""
