"""Tests of the built site in a real browser (headless Chromium through Playwright)."""
