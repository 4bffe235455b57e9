"""`nonref serve`: a local web app (Starlette on 127.0.0.1) to edit a case and see its answer live.

The page sends the YAML text as it is typed; the answer (verdicts, the summary and the graph of
one removal, the unknown facts) comes back from `answer`, run off the request thread, one at a
time (the time limit is process-wide), within a time limit. A bad edit is an answer too: the
one-line error, with its line. Saving writes the text exactly as typed, comments and layout
included, through a temporary file and a rename, and refuses if the file changed on disk since
it was opened, so that no edit, the user's or another's, is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from importlib import resources
from pathlib import Path

import anyio
from nonref import limits
from nonref.analysis import analyse
from nonref.errors import CaseError, UsageError
from nonref.facts import case_facts, person_groups
from nonref.loader import dotted, loads
from nonref.variants import AXES, resolve
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from .dot import draw, to_dot
from .graph import Explainer
from .summary import summarise

TIME_LIMIT = 20.0  # seconds per answer
MAX_TEXT = 1 << 20  # bytes of YAML accepted from the page


def answer(text: str, name: str, variants: dict[str, str], as_of: str | None, assumed: dict[str, str], removal: str | None) -> dict:
    """The answer to a case text, as the page shows it; never raises for bad input."""
    try:
        with limits.time_limit(TIME_LIMIT):
            loaded = loads(text, name)
            date = dt.date.fromisoformat(as_of) if as_of else None
            result = analyse(loaded, variants, date, assumed)
            ids = [r.id for r in result.removals]
            rid = removal if removal in ids else ids[0]
            graph = Explainer(loaded, variants, removals=[rid], as_of=date, assumed=assumed).graph(rid)
            title = result.title + (f" ({result.citation})" if result.citation else "")
            summary = summarise(graph, result.removal(rid), title, result.forum)
            svg = draw(to_dot(graph.within(4)), "svg").decode("utf-8")
            chosen = resolve(dict(loaded.case.variants), variants)
            unknown = [
                {"path": dotted(path), "values": [v for v, _ in alternatives]}
                for ids_ in person_groups(loaded.case).values()
                for path, alternatives in case_facts(loaded.case, chosen, only=set(ids_)).open
            ]
    except CaseError as e:
        return {"ok": False, "error": {"line": e.line, "message": str(e)}}
    except (UsageError, ValueError) as e:
        return {"ok": False, "error": {"line": None, "message": f"error: {e}"}}
    except limits.TimeLimit:
        return {"ok": False, "error": {"line": None, "message": f"stopped after {TIME_LIMIT:g} s: the case takes longer to answer"}}
    return {
        "ok": True,
        "analysis": result.to_json(),
        "removal": rid,
        "summary": summary.to_json(),
        "svg": svg[svg.index("<svg") :],
        "unknown": list({u["path"]: u for u in unknown}.values()),
        "axes": {a.name: list(a.values) for a in AXES.values()},
        "variants": chosen,
    }


def create_app(target: str | Path) -> Starlette:
    """The app for a case file, or for the case files of a folder."""
    target = Path(target)
    folder = target if target.is_dir() else target.parent
    files = sorted(p.name for p in folder.glob("*.yaml")) if target.is_dir() else [target.name]
    limiter = anyio.CapacityLimiter(1)  # one answer at a time: the time limit is process-wide

    def path_of(name: str) -> Path:
        if name not in files:  # only the files listed: no path from the page reaches the disk
            raise KeyError(name)
        return folder / name

    async def page(request: Request) -> HTMLResponse:
        return HTMLResponse(resources.files("nonref.explain").joinpath("app_page.html").read_text(encoding="utf-8"))

    async def list_files(request: Request) -> JSONResponse:
        return JSONResponse({"files": files})

    async def read(request: Request) -> JSONResponse:
        try:
            data = path_of(request.query_params.get("name", "")).read_bytes()
        except (KeyError, OSError) as e:
            return JSONResponse({"error": f"cannot open {request.query_params.get('name', '')!r}: {e}"}, status_code=404)
        return JSONResponse({"text": data.decode("utf-8", errors="replace"), "hash": _hash(data)})

    async def analyse_text(request: Request) -> JSONResponse:
        body = await _body(request)
        if isinstance(body, JSONResponse):
            return body
        result = await anyio.to_thread.run_sync(
            answer,
            body.get("text", ""),
            str(body.get("name") or "<edited>"),
            _strings(body.get("variants")),
            body.get("as_of") or None,
            _strings(body.get("assumed")),
            body.get("removal"),
            limiter=limiter,
        )
        return JSONResponse(result)

    async def save(request: Request) -> JSONResponse:
        body = await _body(request)
        if isinstance(body, JSONResponse):
            return body
        name, text = str(body.get("name", "")), body.get("text", "")
        try:
            path = path_of(name)
        except KeyError:
            return JSONResponse({"error": f"cannot save {name!r}: not one of the case files served"}, status_code=404)
        current = path.read_bytes() if path.exists() else b""
        if body.get("hash") != _hash(current):
            return JSONResponse(
                {"error": f"{name} changed on disk since it was opened: reload it first (your text is kept in the editor)"}, status_code=409
            )
        data = text.encode("utf-8")
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{name}.", delete=False) as f:
            f.write(data)
        os.replace(f.name, path)
        return JSONResponse({"saved": name, "hash": _hash(data)})

    return Starlette(
        routes=[
            Route("/", page),
            Route("/api/files", list_files),
            Route("/api/file", read),
            Route("/api/analyse", analyse_text, methods=["POST"]),
            Route("/api/save", save, methods=["POST"]),
        ]
    )


async def _body(request: Request) -> dict | JSONResponse:
    raw = await request.body()
    if len(raw) > MAX_TEXT:
        return JSONResponse({"error": f"the text is larger than {MAX_TEXT // 1024} KB"}, status_code=413)
    try:
        import json

        body = json.loads(raw or b"{}")
    except ValueError:
        return JSONResponse({"error": "expected a JSON body"}, status_code=400)
    return body if isinstance(body, dict) else JSONResponse({"error": "expected a JSON object"}, status_code=400)


def _strings(value) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
