"""How a cell is shown: ids of people, units, documents and awards link to their pages (a
document id in a row with a span links to that span), evidence sentences link to the place
in the document they were read from. Used by Datasette's table and query pages (render_cell)
and by the entity pages, so every page links the same way."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from warehouse import sqlite_mirror
from warehouse.browse.metadata import load

@dataclass(frozen=True)
class Links:
    """URLs of the browser's pages; `path` prefixes Datasette's base_url."""
    path: Callable[[str], str]

    def entity(self, kind: str, entity_id: str) -> str:
        return self.path(f"/{kind}/{quote(str(entity_id), safe=':')}")

    def span(self, document_id: str, start, end) -> str:
        url = self.entity("document", document_id)
        return f"{url}#s{start}-{end}" if start is not None and end is not None else url


def entity_kind(column: str, value) -> str | None:
    """The kind of entity a column's value identifies, if any."""
    e = sqlite_mirror.entity_of_column(column)
    if e:
        return e.name
    if column in sqlite_mirror.shared_columns() and isinstance(value, str):
        return next((e.name for e in sqlite_mirror.entities().values() if e.prefix and value.startswith(e.prefix)),
                    None)
    return None


def _get(row: Mapping | None, key: str):
    try:
        return row[key] if row is not None else None
    except (KeyError, IndexError):
        return None


def id_link(links: Links, column: str, value, row: Mapping | None = None, text: str | None = None,
            show_id: bool = True) -> Markup | None:
    """A link for an id cell (None when the column holds no entity id)."""
    if value is None or value == "":
        return None
    kind = entity_kind(column, value)
    if kind is None:
        return None
    if kind == "document" and column in sqlite_mirror.entities()["document"].span_columns:
        url = links.span(value, _get(row, "span_start"), _get(row, "span_end"))
    else:
        url = links.entity(kind, value)
    if text is None or text == value:
        return Markup('<a href="{}">{}</a>').format(url, value)
    if not show_id:
        return Markup('<a href="{}">{}</a>').format(url, text)
    return Markup('<a href="{}">{}</a> <span class="vn-id">{}</span>').format(url, text, value)


def link_text_columns() -> dict[str, list[str]]:
    """For an id column, the columns of the same row whose value names the entity."""
    return load("datasette.toml").get("link_text", {})


def _named_id(row: Mapping, column: str) -> str | None:
    """The id column of `row` whose entity `column` names (the first naming column present)."""
    keys = list(row.keys()) if hasattr(row, "keys") else []
    for id_col, names in link_text_columns().items():
        if id_col in keys and _get(row, id_col) and next((n for n in names if n in keys), None) == column:
            return id_col
    return None


def name_link(links: Links, row: Mapping | None, column: str, value) -> Markup | None:
    """A name linked to the entity whose id is in the same row (a query's title -> its document)."""
    id_col = _named_id(row, column) if row is not None and value not in (None, "") else None
    if id_col is None:
        return None
    return id_link(links, id_col, _get(row, id_col), row, str(value), show_id=False)


def _span_document(row: Mapping) -> str | None:
    """The document whose text the row's span indexes."""
    keys = list(row.keys()) if hasattr(row, "keys") else []
    return next((_get(row, c) for c in sqlite_mirror.entities()["document"].span_columns
                 if c in keys and _get(row, c)), None)


def page_cell(links: Links, row: Mapping, column: str) -> Markup:
    """A cell of an entity page's table: names link to their entity, evidence to its span."""
    value = _get(row, column)
    if column == "evidence" and value and _span_document(row):
        url = links.span(_span_document(row), _get(row, "span_start"), _get(row, "span_end"))
        return Markup('{} <a class="vn-at" href="{}" title="this sentence in its document">↗</a>').format(value, url)
    flag = load("datasette.toml").get("flags", {}).get(column)
    if flag is not None:
        return Markup(escape(flag)) if value else Markup("")
    link = name_link(links, row, column, value)
    if link:
        return link
    link = id_link(links, column, value, row)
    if link:
        return link
    return Markup("") if value is None else escape(str(value))


def hidden_in_pages(columns: list[str], also: tuple[str, ...] = ()) -> set[str]:
    """Columns an entity page does not show: spans, ids whose name is shown as their link, and `also`."""
    hidden = {"span_start", "span_end", "spans", "entity_kind", "entity_id", *also}
    for id_col, names in link_text_columns().items():
        if id_col in columns and any(n in columns for n in names):
            hidden.add(id_col)
    return hidden
