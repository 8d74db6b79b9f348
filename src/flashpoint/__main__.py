"""``python -m flashpoint``: the same command line as ``flashpoint``."""
import sys

from flashpoint.cli import main

sys.exit(main())
