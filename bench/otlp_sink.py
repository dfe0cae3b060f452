#!/usr/bin/env python3
"""A collector for the cold-start benchmarks: accepts OTLP/HTTP exports and answers each with 200 and an empty
(valid) protobuf response, so what is measured is the agent's cost, not a collector's.

    python3 bench/otlp_sink.py PORT_FILE    # serves on a free loopback port, written to PORT_FILE
"""
import http.server
import sys


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def start():
    """A running sink on a free loopback port."""
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)


if __name__ == "__main__":
    server = start()
    with open(sys.argv[1], "w") as port_file:
        port_file.write(str(server.server_address[1]))
    server.serve_forever()
