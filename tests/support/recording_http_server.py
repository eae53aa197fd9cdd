#!/usr/bin/env python3
"""A recording HTTP server that plays the services an incident's orchestration
calls (docs/incidents.md, "Orchestration"), for tests and benchmarks.

It answers, by path:
  /slack/api/<method>  Slack's Web API: conversations.create, conversations.list,
                       conversations.invite, users.lookupByEmail, chat.postMessage,
                       views.open, with Slack's answers (HTTP 200, {"ok": false, "error": ...}
                       for failures) and a little state: channels by name and their
                       members. With --slack-token, a request without that Bearer
                       token is `not_authed` / `invalid_auth`.
  /docs...             the document service: {"url": "https://docs.example.test/d/<n>"},
                       the same document again for a repeated Idempotency-Key.
  /notify...           the on-call notifier: 202.
  /slack/hooks/...     a Slack response_url (hooks.slack.com): 200 {"ok": true}.
and records every request (method, path, query, headers, body, arrival time) in memory, or only
counts them with --count-only (benchmarks).

Control endpoints (never recorded):
  GET  /__calls           the recorded requests, oldest first
  GET  /__count           {"count": n}: requests answered
  POST /__reset           forgets calls, scripted answers, channels and users
  POST /__answer          {"path", "status", "body", "times", "headers"}: the next
                          `times` requests to `path` get this answer instead
  POST /__slack_users     {"users": {"email": "U..."}, "only_known": bool}: who
                          users.lookupByEmail finds (by default, any email)
  POST /__slack_channels  {"names": [...], "page_size": n}: channels that exist
                          already; conversations.list pages of at most page_size

It speaks HTTP/1.1 with keep-alive on asyncio (the standard library's
http.server handles a few thousand requests a second; this, tens of thousands),
bodies by Content-Length, and prints `listening http://127.0.0.1:<port>` once
ready.
"""

import argparse
import asyncio
import hashlib
import json
import sys
import time
import urllib.parse

REASONS = {200: "OK", 201: "Created", 202: "Accepted", 400: "Bad Request", 401: "Unauthorized",
           403: "Forbidden", 404: "Not Found", 408: "Request Timeout", 409: "Conflict",
           422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
           502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


class State:
    def __init__(self, args):
        self.args = args
        self.reset()

    def reset(self):
        self.calls = []
        self.count = 0
        self.scripts = {}  # path -> [answer, ...]
        self.channels = {}  # name -> {"id", "name", "members": set()}
        self.channels_by_id = {}
        self.next_channel = 1
        self.known_users = {}
        self.only_known = False
        self.page_size = 100
        self.documents = {}  # idempotency key -> url
        self.next_document = 1
        self.next_ts = 1

    def add_channel(self, name):
        channel = {"id": "C%09d" % self.next_channel, "name": name, "members": set()}
        self.next_channel += 1
        self.channels[name] = channel
        self.channels_by_id[channel["id"]] = channel
        return channel


def slack_user_id(state, email):
    if email in state.known_users:
        return state.known_users[email]
    if state.only_known:
        return None
    return "U" + hashlib.sha1(email.lower().encode()).hexdigest()[:10].upper()


def channel_json(channel):
    return {"id": channel["id"], "name": channel["name"], "is_channel": True,
            "is_private": False, "is_archived": False}


def valid_channel_name(name):
    return 0 < len(name) <= 80 and all(c in "abcdefghijklmnopqrstuvwxyz0123456789-_" for c in name)


def slack(state, method, params, headers):
    """Slack's answer to one Web API call: a dict sent with HTTP 200."""
    token = state.args.slack_token
    if token:
        auth = headers.get("authorization", "")
        if not auth:
            return {"ok": False, "error": "not_authed"}
        if auth != "Bearer " + token:
            return {"ok": False, "error": "invalid_auth"}
    if method == "conversations.create":
        name = params.get("name", "")
        if not name:
            return {"ok": False, "error": "invalid_name_required"}
        if len(name) > 80:
            return {"ok": False, "error": "invalid_name_maxlength"}
        if not valid_channel_name(name):
            return {"ok": False, "error": "invalid_name_specials"}
        if name in state.channels:
            return {"ok": False, "error": "name_taken"}
        return {"ok": True, "channel": channel_json(state.add_channel(name))}
    if method == "conversations.list":
        names = sorted(state.channels)
        start = int(params.get("cursor") or 0)
        size = min(int(params.get("limit") or 100), state.page_size)
        page = names[start:start + size]
        following = str(start + size) if start + size < len(names) else ""
        return {"ok": True, "channels": [channel_json(state.channels[n]) for n in page],
                "response_metadata": {"next_cursor": following}}
    if method == "users.lookupByEmail":
        email = params.get("email", "")
        user = slack_user_id(state, email) if email else None
        if user is None:
            return {"ok": False, "error": "users_not_found"}
        return {"ok": True, "user": {"id": user, "profile": {"email": email}}}
    if method == "conversations.invite":
        channel = state.channels_by_id.get(params.get("channel", ""))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        users = [u for u in str(params.get("users", "")).split(",") if u]
        if not users:
            return {"ok": False, "error": "no_user"}
        if all(u in channel["members"] for u in users):
            return {"ok": False, "error": "already_in_channel"}
        channel["members"].update(users)
        return {"ok": True, "channel": channel_json(channel)}
    if method == "chat.postMessage":
        target = params.get("channel", "")
        if not params.get("text"):
            return {"ok": False, "error": "no_text"}
        if target.startswith("U"):
            target = "D" + target[1:]
        elif target not in state.channels_by_id:
            return {"ok": False, "error": "channel_not_found"}
        state.next_ts += 1
        return {"ok": True, "channel": target, "ts": "1700000000.%06d" % state.next_ts}
    if method == "views.open":
        if not params.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        if not isinstance(params.get("view"), dict):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": {"id": "V0000000001"}}
    return {"ok": False, "error": "unknown_method"}


def decode_params(query, headers, body):
    params = dict(urllib.parse.parse_qsl(query))
    kind = headers.get("content-type", "")
    if body and kind.startswith("application/json"):
        try:
            parsed = json.loads(body)
            if isinstance(parsed, dict):
                params.update({k: v for k, v in parsed.items()})
        except ValueError:
            pass
    elif body and kind.startswith("application/x-www-form-urlencoded"):
        params.update(dict(urllib.parse.parse_qsl(body)))
    return params


def answer(state, method, path, query, headers, body):
    """(status, content type, body bytes, extra headers) for one request."""
    if path.startswith("/__"):
        return control(state, method, path, body)
    state.count += 1
    if not state.args.count_only:
        state.calls.append({"method": method, "path": path, "query": query,
                            "headers": headers, "body": body, "at": time.time()})
    scripted = state.scripts.get(path)
    if scripted:
        next_answer = scripted[0]
        next_answer["times"] -= 1
        if next_answer["times"] <= 0:
            scripted.pop(0)
        text = next_answer["body"]
        if not isinstance(text, str):
            text = json.dumps(text)
        return (next_answer["status"], "application/json", text.encode(),
                next_answer.get("headers") or {})
    if path.startswith("/slack/api/"):
        params = decode_params(query, headers, body)
        return 200, "application/json", json.dumps(slack(state, path[11:], params, headers)).encode(), {}
    if path.startswith("/docs"):
        key = headers.get("idempotency-key")
        url = state.documents.get(key) if key else None
        if url is None:
            url = "https://docs.example.test/d/%d" % state.next_document
            state.next_document += 1
            if key:
                state.documents[key] = url
        return 201, "application/json", json.dumps({"url": url}).encode(), {}
    if path.startswith("/slack/hooks/"):
        return 200, "application/json", b'{"ok":true}', {}
    if path.startswith("/notify"):
        return 202, "application/json", b'{"status":"accepted"}', {}
    return 404, "application/json", b'{"error":"not found"}', {}


def control(state, method, path, body):
    request = json.loads(body) if body else {}
    if method == "GET" and path == "/__calls":
        return 200, "application/json", json.dumps(state.calls).encode(), {}
    if method == "GET" and path == "/__count":
        return 200, "application/json", json.dumps({"count": state.count}).encode(), {}
    if method == "POST" and path == "/__reset":
        state.reset()
        return 204, "application/json", b"", {}
    if method == "POST" and path == "/__answer":
        state.scripts.setdefault(request["path"], []).append({
            "status": int(request.get("status", 200)), "body": request.get("body", ""),
            "times": int(request.get("times", 1)), "headers": request.get("headers") or {}})
        return 204, "application/json", b"", {}
    if method == "POST" and path == "/__slack_users":
        state.known_users.update(request.get("users") or {})
        state.only_known = bool(request.get("only_known", state.only_known))
        return 204, "application/json", b"", {}
    if method == "POST" and path == "/__slack_channels":
        ids = {n: (state.channels.get(n) or state.add_channel(n))["id"] for n in request.get("names", [])}
        if "page_size" in request:
            state.page_size = max(1, int(request["page_size"]))
        return 200, "application/json", json.dumps({"ids": ids}).encode(), {}
    return 404, "application/json", b'{"error":"unknown control path"}', {}


class Connection(asyncio.Protocol):
    def __init__(self, state):
        self.state = state
        self.buffer = b""
        self.transport = None
        self.continued = False  # 100 Continue sent for the request being read

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        while self.transport is not None and not self.transport.is_closing():
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1").split("\r\n")
            method, target, version = head[0].split(" ", 2)
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length") or 0)
            if len(self.buffer) < end + 4 + length:
                if headers.get("expect", "").lower() == "100-continue" and not self.continued:
                    self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                    self.continued = True
                return
            body = self.buffer[end + 4:end + 4 + length].decode("utf-8", "replace")
            self.buffer = self.buffer[end + 4 + length:]
            self.continued = False
            path, _, query = target.partition("?")
            try:
                status, kind, payload, extra = answer(self.state, method, path, query, headers, body)
            except Exception as error:  # a bad control request: say so, keep serving
                status, kind, payload, extra = 400, "text/plain", str(error).encode(), {}
            lines = ["HTTP/1.1 %d %s" % (status, REASONS.get(status, "Status")),
                     "Content-Type: " + kind, "Content-Length: %d" % len(payload)]
            lines += ["%s: %s" % item for item in extra.items()]
            closing = headers.get("connection", "").lower() == "close" or version == "HTTP/1.0"
            if closing:
                lines.append("Connection: close")
            self.transport.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload)
            if closing:
                self.transport.close()


async def serve(args):
    state = State(args)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Connection(state), "127.0.0.1", args.port, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print("listening http://127.0.0.1:%d" % port, flush=True)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--slack-token", default="", help="the Bearer token Slack calls must carry")
    parser.add_argument("--count-only", action="store_true", help="count requests, record none")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
