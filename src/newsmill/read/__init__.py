"""Readers: turn paths, archives and streams into RawDocuments."""

from newsmill.read.decode import decode_bytes, sniff_meta_charset
from newsmill.read.files import (
    DEFAULT_MAX_BYTES,
    expand_inputs,
    iter_documents,
    read_documents,
    read_file_bytes,
)
from newsmill.read.jsonl import iter_jsonl
from newsmill.read.raw import RawDocument
from newsmill.read.sniff import looks_like_jsonl, sniff_kind

__all__ = [
    "DEFAULT_MAX_BYTES",
    "RawDocument",
    "decode_bytes",
    "expand_inputs",
    "iter_documents",
    "iter_jsonl",
    "looks_like_jsonl",
    "read_documents",
    "read_file_bytes",
    "sniff_kind",
    "sniff_meta_charset",
]
