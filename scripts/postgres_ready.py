"""Exit 0 if PostgreSQL answers on 127.0.0.1:5432, else 1."""

import socket
import sys

try:
    with socket.create_connection(("127.0.0.1", 5432), timeout=2):
        sys.exit(0)
except OSError:
    sys.exit(1)
