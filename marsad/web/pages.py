"""The dashboard's pages: server-rendered (Jinja2 autoescapes every value, so article text is
shown as text), each calling the same services as the API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from marsad.api.deps import Caller, SessionDep, StateDep, get_caller
from marsad.api.errors import ApiError
from marsad.api.services import articles, events, network, watch
from marsad.api.services.params import EventParams
from marsad.store import app_queries
from marsad.web.i18n import Words, words

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
Params = Annotated[EventParams, Query()]
CORRECTABLE = ("event_type", "sub_event_type", "perpetrator", "place", "country", "date", "fatalities", "injured",
               "claimed_by", "certainty", "link", "background")
FIELD_COLOURS = {"perpetrator": "perpetrator", "place": "location", "country": "location", "date": "date",
                 "fatalities": "fatalities", "injured": "injured", "claimed_by": "claim", "event_type": "event",
                 "sub_event_type": "event"}


class LoginNeeded(Exception):
    def __init__(self, path: str) -> None:
        self.path = path


def page_caller(request: Request, state: StateDep) -> Caller:
    try:
        return get_caller(request, state)
    except ApiError as err:
        if err.status == 401:
            raise LoginNeeded(request.url.path) from err
        raise


PageCaller = Annotated[Caller, Depends(page_caller)]


def _render(request: Request, name: str, page: str, caller: Caller | None, **context: Any) -> HTMLResponse:
    w = words(request.query_params.get("lang") or request.cookies.get("lang"))
    return templates.TemplateResponse(request, name, {
        "w": w, "t": w.t, "page": page, "caller": caller, "query": context.pop("query", ""),
        "static": lambda path: f"/static/{path}", "new_matches": context.pop("new_matches", 0), **context})


def _words(request: Request) -> Words:
    return words(request.query_params.get("lang") or request.cookies.get("lang"))


def _new_total(session: SessionDep, caller: Caller) -> int:
    return sum(n for _, n in watch.overview(session, caller.name))


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request, session: SessionDep, state: StateDep, caller: PageCaller,
                params: Params) -> HTMLResponse:
    result = state.cache.get(session, ("events", params), lambda: events.list_events(session, params))
    page_no = params.offset // params.limit + 1
    pages = max(1, -(-result.count // params.limit))
    prev_q = params.query(offset=max(0, params.offset - params.limit)) if params.offset else None
    next_q = params.query(offset=params.offset + params.limit) if params.offset + params.limit < result.count else None
    return _render(request, "events.html", "events", caller, result=result, f=params.model_dump(),
                   query=params.query(offset=None, limit=None), page_no=page_no, pages=pages, prev_query=prev_q,
                   next_query=next_q, new_matches=_new_total(session, caller))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, session: SessionDep, caller: PageCaller, event_id: int) -> HTMLResponse:
    event = events.event_page(session, event_id)
    w = _words(request)
    return _render(request, "event.html", "events", caller, e=event, rows=_field_rows(event, w),
                   segments=articles.event_segments(event), text_dir=articles.text_direction(event.text),
                   can_review="review" in caller.grants)


def _shown(name: str, value: Any, w: Words) -> str:
    if value is None or value == "":
        return "—"
    vocab = {"event_type": "event_type", "sub_event_type": "sub_event_type", "certainty": "certainty", "link": "link"}
    if name in vocab:
        return w.code(vocab[name], value)
    if isinstance(value, bool):
        return w.t("yes") if value else w.t("no")
    return str(value)


def _field_rows(event: Any, w: Words) -> list[dict[str, Any]]:
    marked = {s.field for s in event.spans}
    mentions: dict[str, str] = {}
    for span in event.spans:
        mentions.setdefault(span.field, span.mention)
    reviewed = event.model_dump()
    rows = []
    for name in CORRECTABLE:
        colour = FIELD_COLOURS.get(name, "other")
        machine = event.machine_values.get(name)
        value = reviewed.get(name) if name in event.corrected_fields else machine
        rows.append({"name": name, "label": w.t(name), "colour": colour, "raw": value,
                     "shown": _shown(name, value, w), "machine_shown": _shown(name, machine, w),
                     "corrected": name in event.corrected_fields, "correctable": True,
                     "marked": colour in marked and name not in ("country", "sub_event_type"),
                     "mention": mentions.get(colour) if name not in ("country", "event_type", "sub_event_type") else None})
    for role in ("claimant", "target", "victim"):
        if role in marked:
            rows.append({"name": role, "label": w.t(role), "colour": role, "raw": None, "shown": mentions[role],
                         "machine_shown": "", "corrected": False, "correctable": False, "marked": True, "mention": None})
    rows.append({"name": "event", "label": w.t("evidence"), "colour": "event", "raw": None,
                 "shown": f"{len(event.evidence)}", "machine_shown": "", "corrected": False, "correctable": False,
                 "marked": False, "mention": None})
    return rows


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, caller: PageCaller, state: StateDep, params: Params) -> HTMLResponse:
    return _render(request, "map.html", "map", caller, f=params.model_dump(), query=params.query(limit=None),
                   tile_url=state.settings.tile_url, tile_attribution=state.settings.tile_attribution)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, caller: PageCaller, params: Params,
                  interval: Literal["day", "week"] = "week") -> HTMLResponse:
    lang = _words(request).lang
    return _render(request, "timeline.html", "timeline", caller, f=params.model_dump(), interval=interval,
                   query=params.query(limit=None, interval=interval, lang=lang))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, caller: PageCaller, type: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, actor: str | None = None) -> HTMLResponse:
    g = {"type": type, "date_from": date_from, "date_to": date_to, "actor": actor}
    query = "&".join(f"{k}={quote(v)}" for k, v in g.items() if v) + f"&lang={_words(request).lang}"
    return _render(request, "network.html", "network", caller, g=g, query=query.lstrip("&"))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, session: SessionDep, caller: PageCaller, actor_id: int) -> HTMLResponse:
    actor = network.actor_detail(session, actor_id)
    query = f"actor={quote(actor.kb_id or actor.name)}&interval=month&lang={_words(request).lang}"
    return _render(request, "actor.html", "network", caller, a=actor, query=query)


@router.get("/actor", response_class=RedirectResponse)
def actor_by_key(session: SessionDep, caller: PageCaller, key: Annotated[str, Query(max_length=300)]) -> Response:
    actor_id = app_queries.actor_id_by_key(session, key)
    if actor_id is None:
        raise LookupError(f"no actor {key!r}")
    return RedirectResponse(f"/actors/{actor_id}", status_code=303)


@router.get("/articles/{doc_id:path}", response_class=HTMLResponse)
def article_page(request: Request, session: SessionDep, caller: PageCaller, doc_id: str) -> HTMLResponse:
    item = articles.article(session, doc_id)
    return _render(request, "article.html", "events", caller, art=item, segments=articles.article_segments(item),
                   text_dir=articles.text_direction(item.text))


@router.get("/watchlists", response_class=HTMLResponse)
def watchlists_page(request: Request, session: SessionDep, caller: PageCaller) -> HTMLResponse:
    overview = watch.overview(session, caller.name)
    lists = [{"watchlist": item, "new": watch.new_events(session, item)[1] if n else []} for item, n in overview]
    return _render(request, "watchlists.html", "watchlists", caller, lists=lists,
                   new_matches=sum(n for _, n in overview))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep, caller: PageCaller,
                q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    result = articles.search(session, q, 50, 0) if q.strip() else None
    return _render(request, "search.html", "search", caller, result=result or {"data": [], "count": 0}, search_q=q)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    return _render(request, "login.html", "login", None, next_url=target)


def login_redirect(request: Request, exc: LoginNeeded) -> Response:
    return RedirectResponse(f"/login?next={quote(exc.path)}", status_code=303)
