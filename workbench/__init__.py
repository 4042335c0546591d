"""MLSD Workbench domain package: cases, sessions, scoring and storage (no Streamlit)."""

__version__ = "0.1.0"
