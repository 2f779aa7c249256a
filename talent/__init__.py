"""The domain of talent-tui, in pure Python: the model, text decoding, language and recognition."""

__version__ = "0.1.0"
