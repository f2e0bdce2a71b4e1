"""`python -m reader` behaves exactly like the `reader` command."""

from reader.cli import main

raise SystemExit(main())
