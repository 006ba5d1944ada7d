"""``python -m cssindicators``: the command line (see :mod:`cssindicators.cli`)."""

import sys

from cssindicators.cli import main

if __name__ == "__main__":
    sys.exit(main())
