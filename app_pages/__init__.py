"""Streamlit pages, one script each, composed from components; glue in nav, state and current."""
