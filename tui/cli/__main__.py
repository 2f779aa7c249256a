"""`python -m tui.cli`: the same as `talent-tui` (the team server starts each session so)."""

import sys

from tui.cli.main import main

sys.exit(main())
