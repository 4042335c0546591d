"""Placeholder: built in a later issue."""

import streamlit as st

st.title("sessions")
st.info("Coming soon.")
