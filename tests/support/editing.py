"""Typing into a live cell's editor as a learner does: click the code, select all, type."""

from __future__ import annotations

from playwright.sync_api import expect


def type_code(page, cell, code: str) -> None:
    cell.locator(".talkbook-cell__code").click()
    editor = cell.locator(".cm-content")
    expect(editor).to_be_visible(timeout=30_000)
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(code)
