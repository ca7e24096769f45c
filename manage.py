#!/usr/bin/env python
"""Django's administrative entry point; `accord` is the same with Accord's name."""

import sys

from accord.cli.main import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
