"""Placeholder: built in a later issue."""

import streamlit as st

st.title("candidate")
st.info("Coming soon.")
