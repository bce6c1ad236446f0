"""Compiled Jinja templates, kept on disk from one build to the next.

Jinja turns every template into Python code on first use, and compiling Material's
templates is about a fifth of a build whose PDFs are cached. Jinja's bytecode cache
stores that code and reuses it as long as the template's source is byte-for-byte the
same (it compares a checksum of the source on every load), so an edited template or
override is always compiled afresh.

The cache is keyed by template name and file only, not by the options that shape the
compiled code, so each environment gets a folder named after those options and the
Jinja and Python versions.
"""

import hashlib
import sys
from pathlib import Path

import jinja2


def on_disk(env: jinja2.Environment, root: Path) -> jinja2.BytecodeCache:
    options = (
        jinja2.__version__,
        sys.version,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        getattr(env.autoescape, "__qualname__", env.autoescape),
        sorted(env.extensions),
    )
    folder = root / hashlib.sha256(repr(options).encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))
