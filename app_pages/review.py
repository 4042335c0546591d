"""Placeholder: built in a later issue."""

import streamlit as st

st.title("review")
st.info("Coming soon.")
