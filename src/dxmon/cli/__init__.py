"""Command line interface: thin Typer commands that call the domain services."""
