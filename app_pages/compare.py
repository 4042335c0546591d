"""Placeholder: built in a later issue."""

import streamlit as st

st.title("compare")
st.info("Coming soon.")
