"""The ``advisor`` command line, split by command group."""
