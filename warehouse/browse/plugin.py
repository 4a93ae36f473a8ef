"""The Datasette plugin of `vnarchive browse`: entity pages, linked cells, SQL functions, the
read-only guard, and the freshness check in front of every request. Each hook acts only on a
Datasette made by warehouse.browse.app.make_datasette."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote, unquote

from datasette import hookimpl
from datasette.utils.asgi import Response

from warehouse.browse import app as browse_app
from warehouse.browse import cells, sql_functions
from warehouse.browse.pages import Moved, find_moved, load_page, page_kinds


def _ours(datasette) -> bool:
    return browse_app.keeper(datasette) is not None


def links(datasette) -> cells.Links:
    return cells.Links(path=datasette.urls.path)


@hookimpl
def prepare_connection(conn, database, datasette):
    if database == "_internal" or not _ours(datasette):
        return
    sql_functions.register(conn)
    conn.set_authorizer(sql_functions.read_only_authorizer)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not _ours(datasette):
        return None
    lk = links(datasette)
    if isinstance(value, dict) and "value" in value:      # a foreign key Datasette expanded
        return cells.id_link(lk, column, value["value"], row, text=value.get("label"))
    return cells.id_link(lk, column, value, row) or cells.name_link(lk, row, column, value)


@hookimpl
def extra_template_vars(datasette):
    keep = browse_app.keeper(datasette)
    if keep is None:
        return {}
    return {"mirror_notice": keep.notice, "mirror_info": keep.info, "vn_database": keep.database}


@hookimpl
def extra_css_urls(datasette):
    if not _ours(datasette):
        return []
    return [datasette.urls.path(f"/{browse_app.STATIC_MOUNT}/browse.css")]


@hookimpl
def register_routes():
    kinds = "|".join(page_kinds())      # /person/P-…, /unit/U-…, /document/…, /award/… (+ .json)
    return [(rf"^/(?P<kind>{kinds})/(?P<entity_id>[^/]+?)(?P<as_json>\.json)?$", entity_page)]


async def entity_page(datasette, request):
    keep = browse_app.keeper(datasette)
    kind, entity_id = request.url_vars["kind"], unquote(request.url_vars["entity_id"])
    as_json = bool(request.url_vars.get("as_json"))
    if keep is None:
        return await not_found(datasette, request, "not found")
    db = datasette.get_database(keep.database)
    page = await load_page(db, kind, entity_id)
    if page is None:
        return await moved_or_not_found(datasette, request, db, kind, entity_id, as_json)
    asked = request.args.get("from")
    moved = await find_moved(db, kind, asked) if asked else None
    if moved and moved.current == entity_id:        # arrived by a redirect: say from where
        page = replace(page, moved_from=moved)
    if as_json:
        return Response.json(page.as_json(), default=str)
    lk = links(datasette)

    def cell(row, column):
        return cells.page_cell(lk, row, column)

    html = await datasette.render_template(
        [f"vn_{kind}.html", "vn_entity.html"],
        {"page": page, "kind": kind, "cell": cell, "hidden": cells.hidden_in_pages, "links": lk,
         "json_url": request.path + ".json",
         "table_url": lambda path: datasette.urls.path(f"/{keep.database}/{path}")},
        request=request)
    return Response.html(html)


async def moved_or_not_found(datasette, request, db, kind: str, entity_id: str, as_json: bool) -> Response:
    """An older id (merged, superseded: id_redirects) is sent to the page of the id naming its
    entity now, with ?from= so that page can say why; a retired or unknown id gets a 404 page."""
    moved = await find_moved(db, kind, entity_id)
    if moved is None:
        return await not_found(datasette, request, f"No {kind} with id {entity_id!r} in this archive")
    if moved.current is None:
        return await not_found(datasette, request, retired_message(moved))
    target = links(datasette).entity(kind, moved.current) + (".json" if as_json else "")
    return Response.redirect(f"{target}?from={quote(entity_id, safe='')}", status=302)


def retired_message(moved: Moved) -> str:
    last = moved.steps[-1] if moved.steps else {}
    why = f": {last['reason']}" if last.get("reason") else ""
    return f"The {moved.kind} id {moved.asked!r} no longer names a {moved.kind} in this archive (retired{why})"


async def not_found(datasette, request, message: str) -> Response:
    """A 404 page (JSON for .json), answered directly: Datasette logs a traceback for raised errors."""
    info = {"ok": False, "error": message, "status": 404, "title": "Not found"}
    if request.path.endswith(".json"):
        return Response.json(info, status=404)
    return Response.html(await datasette.render_template(["error.html"], info, request=request), status=404)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def checked(scope, receive, send):
            keep = browse_app.keeper(datasette)
            if keep is None or scope["type"] != "http":
                return await app(scope, receive, send)
            if scope["method"] not in ("GET", "HEAD"):     # nothing here changes anything
                return await Response.text("read-only: only GET requests", status=405,
                                           headers={"Allow": "GET, HEAD"}).asgi_send(send)
            await keep.ensure_fresh(datasette)
            notice = keep.notice

            async def send_marked(message):
                if notice and message["type"] == "http.response.start":
                    message = {**message, "headers": [*message.get("headers", []),
                                                      (b"x-vnarchive-mirror", b"behind-archive")]}
                await send(message)

            return await app(scope, receive, send_marked)
        return checked
    return wrap

