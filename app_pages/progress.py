"""Placeholder: built in a later issue."""

import streamlit as st

st.title("progress")
st.info("Coming soon.")
