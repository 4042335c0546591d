"""Placeholder: built in a later issue."""

import streamlit as st

st.title("interview")
st.info("Coming soon.")
