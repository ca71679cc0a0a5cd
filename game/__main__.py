"""`python -m game` runs the minusma command line."""

import sys

from game.cli import main

sys.exit(main())
