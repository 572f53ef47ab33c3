"""What may reach a terminal from the command line: file names, reports and JSON, with every character a
terminal would act on (escape sequences, C1 controls) or that reorders a line (bidirectional controls)
made visible or escaped, so neither an article nor a file name can drive the screen.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

STDIN = "-"


def printable(path: str) -> str:
    """A file name that can be written as UTF-8: undecodable bytes in it (Linux allows them) as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace") if path != STDIN else path


# Characters a terminal may act on, or that reorder what it shows: C0 and C1 controls, DEL, the
# bidirectional overrides and isolates (a name could otherwise show as another), lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(text: str) -> str:
    """A file name (or a line holding one) as it may reach a terminal: undecodable bytes and control
    characters escaped as \\xNN, bidirectional controls as \\uNNNN; everything else unchanged."""
    return _UNSAFE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(report: str) -> str:
    """Show control characters from the article as visible symbols (ESC as ␛, C1 as �).

    A text report goes to a terminal, and an untrusted article holding ESC sequences could otherwise
    recolour, retitle or rewrite the screen. One character for one keeps the layout; line ends and
    tabs are left alone. JSON goes through ``json_text`` instead (escapes, so the value is unchanged).
    """
    return report.translate(_CONTROL_PICTURES)


_CONTROL_PICTURES = {
    **{c: 0x2400 + c for c in range(0x20) if chr(c) not in "\t\n\r"},
    0x7F: 0x2421,  # ␡
    **{c: 0xFFFD for c in range(0x80, 0xA0)},  # C1 controls (0x9b opens a sequence on some terminals)
}


# What json.dumps(ensure_ascii=False) leaves raw although a terminal acts on it (DEL, C1 controls:
# 0x9b opens a sequence on some terminals) or it reorders or breaks the line (bidirectional controls,
# U+2028/U+2029). These only ever occur inside JSON strings, where a \\u escape is the same value.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(record: dict[str, Any], **options: Any) -> str:
    """The record as UTF-8 JSON (any script stays readable) that is safe to print on a terminal."""
    text = json.dumps(record, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
