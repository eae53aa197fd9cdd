#!/usr/bin/env python3
"""A fake Kubernetes API server over HTTPS, for tests of the cluster collection.

It answers the read-only list calls the release tracker makes, from recorded list
answers, in the real API's format:

  GET /apis/apps/v1/{deployments,statefulsets,daemonsets,replicasets}
  GET /apis/apps/v1/namespaces/{ns}/{deployments,statefulsets,daemonsets,replicasets}
  GET /api/v1/pods
  GET /api/v1/namespaces/{ns}/pods

Fixture layout (--fixtures DIR, e.g. tests/fixtures/kubernetes): one file per resource,
deployments.json, statefulsets.json, daemonsets.json, replicasets.json, pods.json, each
a whole List object as `kubectl get --raw /apis/apps/v1/deployments` prints it (kind
DeploymentList..., apiVersion, metadata.resourceVersion, items). Files are read on every
request, so a test rewrites them between two collections to simulate a rollout; a file
that is not JSON is served as is with 200, to test clients against garbage. Two
optional control files in the same directory:
  fail_with   a status code (e.g. 503): every request is answered with it;
  delay_ms    milliseconds to wait before answering.

Like the real server: namespaced paths return the items of that namespace; `limit` and
`continue` paginate (an opaque continue token, metadata.continue and
metadata.remainingItemCount on every page but the last; a malformed token is 400, a
token from an older resourceVersion of the file is 410 Expired); errors are Status
objects. --page-size N caps every page at N items so that tests see pagination without
thousands of items. Every request needs `Authorization: Bearer <--token>` (else 401).

At start it creates with the openssl CLI a throwaway CA (<workdir>/ca.crt) and a server
certificate for 127.0.0.1 and localhost signed by it, then prints one line
`listening https://127.0.0.1:<port> ca=<workdir>/ca.crt` on stdout. Each request is
logged on stderr as `<METHOD> <path?query> <status>`.

Python 3 standard library only.
"""

import argparse
import base64
import json
import os
import re
import ssl
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

APPS_RESOURCES = ("deployments", "statefulsets", "daemonsets", "replicasets")
ROUTES = [
    (re.compile(r"^/apis/apps/v1/(?:namespaces/([^/]+)/)?(%s)$" % "|".join(APPS_RESOURCES))),
    (re.compile(r"^/api/v1/(?:namespaces/([^/]+)/)?(pods)$")),
]
REASONS = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    410: "Expired",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
    504: "Timeout",
}
EXPIRED_MESSAGE = (
    "The provided continue parameter is too old to display a consistent list result. "
    "You can start a new list without the continue parameter, or use the continue token "
    "in this response to retrieve the remainder of the results. Continuing with the "
    "provided token results in an inconsistent list - objects that were created, "
    "modified, or deleted between the time the first chunk was returned and now may "
    "show up in the list."
)


def make_certificates(workdir):
    """A CA and a server certificate signed by it, as PEM files in workdir."""
    os.makedirs(workdir, exist_ok=True)
    path = lambda name: os.path.join(workdir, name)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    openssl("req", "-x509", *ec, "-keyout", path("ca.key"), "-out", path("ca.crt"),
            "-days", "2", "-subj", "/CN=fake-kube-api test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", *ec, "-keyout", path("server.key"), "-out", path("server.csr"),
            "-subj", "/CN=kube-apiserver")
    with open(path("server.ext"), "w") as ext:
        ext.write("basicConstraints=CA:FALSE\n"
                  "keyUsage=critical,digitalSignature,keyEncipherment\n"
                  "extendedKeyUsage=serverAuth\n"
                  "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", path("server.csr"), "-CA", path("ca.crt"),
            "-CAkey", path("ca.key"), "-CAcreateserial", "-out", path("server.crt"),
            "-days", "2", "-extfile", path("server.ext"))
    return path("ca.crt"), path("server.crt"), path("server.key")


def status_body(code, message):
    return {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": REASONS.get(code, "Unknown"),
        "code": code,
    }


def encode_continue(resource_version, start):
    # The real server's token is base64url (no padding) of a small JSON document too.
    doc = json.dumps({"v": "meta.k8s.io/v1", "rv": resource_version, "start": start})
    return base64.urlsafe_b64encode(doc.encode()).decode().rstrip("=")


def decode_continue(token):
    try:
        padded = token + "=" * (-len(token) % 4)
        doc = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if doc.get("v") != "meta.k8s.io/v1" or not isinstance(doc.get("start"), int):
            raise ValueError("unknown version or start")
        return str(doc["rv"]), doc["start"]
    except (ValueError, KeyError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError("continue key is not valid: %s" % e) from None


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that refuses the certificate, or hangs up: one line, no traceback.
        sys.stderr.write("connection from %s:%d: %s\n" % (*client_address, sys.exc_info()[1]))
        sys.stderr.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-kube-api"

    def setup(self):
        # The TLS handshake runs here, in the connection's thread, not in accept().
        self.request.do_handshake()
        super().setup()

    def log_message(self, format, *args):  # the default access log is replaced by ours
        pass

    def answer(self, code, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        # Logged before answering: once a client has its answer, the log shows the request.
        sys.stderr.write("%s %s %d\n" % (self.command, self.path, code))
        sys.stderr.flush()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache, private")
        if code == 429:
            self.send_header("Retry-After", "1")
        self.end_headers()
        self.wfile.write(data)

    def fail(self, code, message):
        self.answer(code, status_body(code, message))

    def control_file(self, name):
        try:
            with open(os.path.join(self.server.fixtures, name)) as f:
                return f.read().strip()
        except FileNotFoundError:
            return None

    def do_GET(self):
        delay = self.control_file("delay_ms")
        if delay:
            time.sleep(int(delay) / 1000.0)
        if self.headers.get("Authorization") != "Bearer " + self.server.token:
            return self.fail(401, "Unauthorized")
        fail_with = self.control_file("fail_with")
        if fail_with:
            code = int(fail_with)
            return self.fail(code, "fake-kube-api: failing on purpose with %d" % code)
        url = urlsplit(self.path)
        for route in ROUTES:
            match = route.match(url.path)
            if match:
                return self.list(match.group(1), match.group(2), parse_qs(url.query))
        self.fail(404, "the server could not find the requested resource")

    def do_POST(self):
        self.fail(405, "fake-kube-api answers GET only")

    def list(self, namespace, resource, query):
        with open(os.path.join(self.server.fixtures, resource + ".json"), "rb") as f:
            raw = f.read()
        try:
            recorded = json.loads(raw)
        except ValueError:
            return self.answer(200, raw)  # a broken fixture is served as is, to test clients
        items = recorded.get("items") or []
        if namespace is not None:
            items = [i for i in items if i.get("metadata", {}).get("namespace") == namespace]
        resource_version = str(recorded.get("metadata", {}).get("resourceVersion", "1"))
        start = 0
        if "continue" in query:
            try:
                token_version, start = decode_continue(query["continue"][0])
            except ValueError as e:
                return self.fail(400, str(e))
            if token_version != resource_version:
                return self.fail(410, EXPIRED_MESSAGE)
        limit = 0
        if "limit" in query:
            try:
                limit = int(query["limit"][0])
            except ValueError:
                return self.fail(400, "limit: invalid value")
        if self.server.page_size and (limit <= 0 or limit > self.server.page_size):
            limit = self.server.page_size
        end = len(items) if limit <= 0 else min(len(items), start + limit)
        metadata = {"resourceVersion": resource_version}
        if end < len(items):
            metadata["continue"] = encode_continue(resource_version, end)
            metadata["remainingItemCount"] = len(items) - end
        body = {
            "kind": recorded.get("kind"),
            "apiVersion": recorded.get("apiVersion"),
            "metadata": metadata,
            "items": items[start:end],
        }
        self.answer(200, body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", required=True, help="directory of recorded list answers")
    parser.add_argument("--workdir", required=True, help="where the CA and certificate go")
    parser.add_argument("--token", required=True, help="the bearer token to require")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--page-size", type=int, default=0, help="cap on items per page")
    args = parser.parse_args()

    ca, cert, key = make_certificates(args.workdir)
    server = Server(("127.0.0.1", args.port), Handler)
    server.fixtures = args.fixtures
    server.token = args.token
    server.page_size = args.page_size
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True,
                                        do_handshake_on_connect=False)
    print("listening https://127.0.0.1:%d ca=%s" % (server.server_address[1], ca), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
