"""Entity recognition: figures by rules, names by gazetteer, jieba and context rules."""
