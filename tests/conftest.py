"""Session set-up: the app's caches go to a temporary folder, not ~/.cache."""

from __future__ import annotations

import os
import tempfile

# Set before any test module imports `reader` (its regex cache reads the
# folder at import and writes at exit); subprocesses inherit it. A value set
# by the caller is kept.
os.environ.setdefault("READER_CACHE_DIR", tempfile.mkdtemp(prefix="reader-test-cache-"))

pytest_plugins = ["tests.annotation_support"]
