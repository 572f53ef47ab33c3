"""Run a notebook's code cells through a Jupyter server the way JupyterLab does: a session over the REST
API (which starts the kernel in the notebook's folder), then execute requests over the kernel's
websocket. Used by the memory benchmark, so kernels are started and fed as in a real class.

No browser is involved: widget models live in the kernel as usual, their views are never drawn.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

from jupyter_client.jsonutil import json_default
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import deserialize_binary_message
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

REPLY_TIMEOUT_S = 300


def api(base: str, method: str, path: str, body: dict[str, Any] | None = None, token: str = "") -> Any:
    """One REST call to the server; a token-authenticated call needs no XSRF cookie."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"token {token}")
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
    return json.loads(text) if text else None


def _decode(raw: str | bytes) -> dict[str, Any]:
    return json.loads(raw) if isinstance(raw, str) else deserialize_binary_message(raw)


@dataclass
class OpenNotebook:
    """A notebook opened as in JupyterLab: a session, its kernel, and a websocket to that kernel."""

    base: str
    token: str
    path: str
    session_id: str
    kernel_id: str
    ws: WebSocketClientConnection
    session: Session = field(default_factory=lambda: Session(username="bench"))
    widget_comms: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    async def _request(self, msg_type: str, content: dict[str, Any]) -> str:
        msg = self.session.msg(msg_type, content)
        msg["channel"] = "shell"
        await self.ws.write_message(json.dumps(msg, default=json_default))
        return msg["header"]["msg_id"]

    async def _until_idle(self, msg_id: str, reply_type: str | None) -> None:
        """Read messages until the kernel is idle again after ``msg_id`` (and sent its reply, if any)."""
        idle, replied = False, reply_type is None
        while not (idle and replied):
            raw = await _read(self.ws)
            msg = _decode(raw)
            kind, parent = msg["header"]["msg_type"], msg.get("parent_header", {}).get("msg_id")
            if kind == "comm_open" and msg["content"].get("target_name") == "jupyter.widget":
                self.widget_comms.append(msg["content"]["comm_id"])
            if parent != msg_id:
                continue
            if kind == "error":
                self.errors.append(f"{self.path}: {msg['content']['ename']}: {msg['content']['evalue']}")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif kind == reply_type:
                replied = True

    async def run(self, code: str) -> None:
        """Execute one cell and wait until it has finished; errors are collected in ``errors``."""
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {}}
        msg_id = await self._request(
            "execute_request", content | {"allow_stdin": False, "stop_on_error": True}
        )
        await self._until_idle(msg_id, "execute_reply")

    async def touch_widget(self) -> bool:
        """What a widget click sends: a comm message to one of the notebook's widgets (here a harmless
        request for its state). False when the notebook shows no widget."""
        if not self.widget_comms:
            return False
        content = {"comm_id": self.widget_comms[0], "data": {"method": "request_state"}}
        msg_id = await self._request("comm_msg", content)
        await self._until_idle(msg_id, None)
        return True

    def close(self, shut_down: bool = True) -> None:
        """File > Close and Shut Down: drop the websocket and delete the session (its kernel stops)."""
        self.ws.close()
        if shut_down:
            api(self.base, "DELETE", f"/api/sessions/{self.session_id}", token=self.token)


async def _read(ws: WebSocketClientConnection) -> str | bytes:
    raw = await asyncio.wait_for(ws.read_message(), timeout=REPLY_TIMEOUT_S)
    if raw is None:
        raise ConnectionError("the kernel's websocket closed (kernel culled or dead)")
    return raw


async def open_notebook(base: str, path: str, token: str = "") -> OpenNotebook:
    """Open ``path`` (relative to the server root) with a new python3 kernel, as JupyterLab does."""
    body = {"path": path, "name": path.rsplit("/", 1)[-1], "type": "notebook", "kernel": {"name": "python3"}}
    session = api(base, "POST", "/api/sessions", body, token)
    kernel_id = session["kernel"]["id"]
    url = base.replace("http://", "ws://", 1) + f"/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"
    headers = {"Authorization": f"token {token}"} if token else {}
    ws = await websocket_connect(HTTPRequest(url, headers=headers), max_message_size=256 * 1024 * 1024)
    return OpenNotebook(base, token, path, session["id"], kernel_id, ws)


def code_cells(notebook_json: dict[str, Any]) -> list[str]:
    """The sources of a notebook's non-empty code cells, in order."""
    sources = []
    for cell in notebook_json.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "code" and source.strip():
            sources.append(source)
    return sources
