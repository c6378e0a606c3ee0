"""Events: who met whom, where and when, who travelled where, who said what.

Per-language extractors read the language layer's tokens, entities and dates; the event
types and their CAMEO/PLOVER codes live in `data/ontology.json`, the trigger words in
`data/triggers-<lang>.tsv`, so adding a type or a word is a data change.
"""

from newsmill.events.lv import LatvianEventExtractor
from newsmill.events.ontology import EventKind, load_ontology

__all__ = ["EventKind", "LatvianEventExtractor", "load_ontology"]
