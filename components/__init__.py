"""Reusable UI pieces: each module renders one thing and returns; none reads files."""
