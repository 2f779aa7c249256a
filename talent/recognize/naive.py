"""The naive baseline: jieba.posseg's name tags and English capitalised runs, nothing else.
Only a reference for evaluation: it shows what the rules add."""

from __future__ import annotations

import re

from talent.recognize.base import Mention

_TAGS = {"nr": "PERSON", "nrfg": "PERSON", "nrt": "PERSON", "nt": "ORG", "ns": "LOCATION"}
_CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z]+(?:\s+[A-Z][a-zA-Z]+)*")


class NaiveRecognizer:
    """posseg tags for Chinese, every capitalised run as an ORG for English."""

    name = "naive"
    version = "1"

    def recognize(self, text: str, lang: str) -> list[Mention]:
        """Mentions by tag or capitalisation alone."""
        from talent.segment import tokenizer

        tokenizer()
        import jieba.posseg

        mentions, position = [], 0
        if lang == "zh":
            for pair in jieba.posseg.cut(text):
                if pair.flag in _TAGS:
                    mentions.append(
                        Mention(position, position + len(pair.word), _TAGS[pair.flag], "naive")
                    )
                position += len(pair.word)
        mentions += [
            Mention(m.start(), m.end(), "ORG", "naive") for m in _CAPITALISED.finditer(text)
        ]
        return mentions
