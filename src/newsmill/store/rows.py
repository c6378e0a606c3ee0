"""What a worker hands to the store's writer: a finished article, or a quarantined record.

Plain picklable records, so they cross process boundaries whatever the executor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsmill.errors import NewsmillError
from newsmill.record import Article

if TYPE_CHECKING:  # datasketch is slow to import; readers of the store never need it
    from newsmill.dedup.fingerprint import Fingerprint


class CorpusError(NewsmillError):
    """The corpus database cannot be used (missing, locked by another writer, too new)."""

    code = "E011"


@dataclass(frozen=True)
class IngestedArticle:
    """An analysed article ready to store; ``input_hash`` marks its input as done.

    ``lemmas`` and ``title_lemmas`` are what the lemma index holds for body and title;
    ``record`` is the encoded record (made by the worker, so the one writer need not).
    """

    input_hash: str
    article: Article
    lemmas: str
    fingerprint: Fingerprint
    title_lemmas: str = ""
    record: bytes = b""


@dataclass(frozen=True)
class QuarantinedRecord:
    """A record that failed: which input, at which step, and why.

    ``key`` makes quarantining idempotent: a rerun that fails the same way adds nothing.
    ``input_hash`` is set when the input's content was read, so a rerun skips it.
    """

    key: str
    input: str
    step: str
    code: str
    reason: str
    input_hash: str | None = None


@dataclass(frozen=True)
class SkippedInput:
    """An input already in the store (found by its content hash)."""

    input: str


WorkItem = IngestedArticle | QuarantinedRecord | SkippedInput
