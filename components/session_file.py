"""Download the session as YAML, and upload one to resume it."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def show_download(data: bytes | Callable[[], bytes], file_name: str, key: str, label: str = "Download YAML",
                  mime: str = "application/x-yaml") -> None:
    """``data`` may be a callable: then the file is built only when the user clicks, not on every rerun."""
    st.download_button(label, data=data, file_name=file_name, mime=mime, key=key, on_click="ignore",
                       icon=":material/download:", width="stretch")


def show_upload(key: str, on_upload: Callable[[], None], label: str = "Open a session file") -> None:
    """The callback reads the uploaded file from ``st.session_state[key]``."""
    st.file_uploader(label, type=["yaml", "yml"], key=key, on_change=on_upload,
                     help="A session YAML saved by MLSD Workbench. Your open session is kept if the file is invalid.")
