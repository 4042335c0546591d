"""Typing survives a refresh: text areas send their text shortly after the last keystroke.

Streamlit sends a text area's value only on blur or Ctrl+Enter, so text typed just
before a refresh or a closed tab used to be lost. This component (JavaScript only, no
markup, nothing loaded from outside) is mounted once per page and, for every text area:

- sends the text about 1.2 s after the last keystroke, the way Ctrl+Enter does, so the
  caret stays where it is;
- keeps the unsent text in this tab's ``sessionStorage`` (under the widget's own key) until
  it is sent, and after a reload puts back text that never reached the server (only if it
  is less than a minute old);
- asks the browser to warn before leaving the page while text is unsent.
The script reads and writes only text areas' values; it never renders user text as HTML.
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function () {
  if (window.__wbTypingGuard) return;
  window.__wbTypingGuard = true;
  const DELAY_MS = 1200, KEEP_MS = 60000, PREFIX = "wb-unsent:";
  const timers = new Map();
  const unsent = new Set();
  // A text area is known by its widget key (Streamlit puts "st-key-<key>" on the element's
  // container; the app's keys carry the session and the step), else by its label and position.
  const keyOf = (ta) => {
    const holder = ta.closest('[class*="st-key-"]');
    const cls = holder ? Array.from(holder.classList).find((c) => c.startsWith("st-key-")) : null;
    if (cls) return PREFIX + location.pathname + "|" + cls;
    const label = ta.getAttribute("aria-label") || "";
    const same = Array.from(document.querySelectorAll("textarea"))
      .filter((t) => (t.getAttribute("aria-label") || "") === label);
    return PREFIX + location.pathname + location.search + "|" + label + "|" + same.indexOf(ta);
  };
  const send = (ta) => {
    ta.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", code: "Enter", ctrlKey: true,
                                                 bubbles: true, cancelable: true}));
    unsent.delete(ta);
    try { sessionStorage.removeItem(keyOf(ta)); } catch (err) {}
  };
  document.addEventListener("input", (e) => {
    const ta = e.target;
    if (!(ta instanceof HTMLTextAreaElement) || ta.readOnly || ta.disabled) return;
    try { sessionStorage.setItem(keyOf(ta), JSON.stringify({text: ta.value, at: Date.now()})); } catch (err) {}
    unsent.add(ta);
    clearTimeout(timers.get(ta));
    timers.set(ta, setTimeout(() => send(ta), DELAY_MS));
  }, true);
  document.addEventListener("keydown", (e) => {  // Ctrl+Enter: Streamlit sends the text itself
    const ta = e.target;
    if (!(ta instanceof HTMLTextAreaElement) || e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
    clearTimeout(timers.get(ta));
    unsent.delete(ta);
    try { sessionStorage.removeItem(keyOf(ta)); } catch (err) {}
  }, true);
  document.addEventListener("focusout", (e) => {
    const ta = e.target;
    if (!(ta instanceof HTMLTextAreaElement)) return;
    clearTimeout(timers.get(ta));
    unsent.delete(ta);  // Streamlit sends a text area's value when it loses focus
    try { sessionStorage.removeItem(keyOf(ta)); } catch (err) {}
  }, true);
  window.addEventListener("beforeunload", (e) => {
    if (unsent.size > 0) { e.preventDefault(); e.returnValue = ""; }
  });
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
  const restore = () => {
    for (const ta of document.querySelectorAll("textarea")) {
      if (ta.dataset.wbChecked) continue;
      ta.dataset.wbChecked = "1";
      const k = keyOf(ta);
      let saved = null;
      try { saved = JSON.parse(sessionStorage.getItem(k) || "null"); } catch (err) {}
      try { sessionStorage.removeItem(k); } catch (err) {}
      if (!saved || typeof saved.text !== "string" || Date.now() - saved.at > KEEP_MS) continue;
      if (saved.text === ta.value || ta.readOnly || ta.disabled) continue;
      setter.call(ta, saved.text);
      ta.dispatchEvent(new Event("input", {bubbles: true}));
      send(ta);
    }
  };
  new MutationObserver(restore).observe(document.body, {childList: true, subtree: true});
  restore();
}
"""

_guard = st.components.v2.component("wb_typing_guard", js=_JS, isolate_styles=False)


def show_typing_guard() -> None:
    """Mount the guard (once per page run; the script installs itself once per page load)."""
    _guard(key="wb-typing-guard")
