"""The commands of the clausewatch command line, grouped by job; `cli.main` adds them.

Each module defines its commands (and the click groups with their subcommands) without
knowing `main`; shared options and helpers are in `common`. Imports go one way:
cli -> commands -> the packages below.
"""
