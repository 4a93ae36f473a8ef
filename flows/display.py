"""Values from data (titles, file names, URLs, messages) shown in a terminal: control characters
made visible as escapes (an ESC, OSC or carriage return in a page headline or a file name must
not move the cursor, retitle the window or hide text), bidirectional overrides too, and Rich
markup never interpreted. CSV and JSON output is not passed through here: it stays exact."""
from __future__ import annotations

_BIDI = [0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_ONE_LINE = {c: _NAMED.get(c) or (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _CONTROLS + _BIDI}
_CELL = {**_ONE_LINE}
del _CELL[0x0A]                 # a table cell may hold several lines


def visible(value, multiline: bool = False) -> str:
    """`str(value)` with control and bidi-override characters written as escapes (\\x1b, \\u202e);
    newlines kept only when `multiline`."""
    return str(value).translate(_CELL if multiline else _ONE_LINE)


def markup_safe(value, multiline: bool = False) -> str:
    """`visible(value)` for a string that Rich parses as markup: "[bold]" in data stays text."""
    from rich.markup import escape
    return escape(visible(value, multiline))


def text(value, multiline: bool = True):
    """A Rich Text (never parsed as markup) of `visible(value)`, for table cells."""
    from rich.text import Text
    return Text("" if value is None else visible(value, multiline))
