"""python -m compare -> the readout-compare CLI."""

from .cli import main

raise SystemExit(main())
