"""Streamlit pages, one script each, composed from components; plus shared glue in common."""
