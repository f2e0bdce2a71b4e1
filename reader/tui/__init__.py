"""The Textual app. Thin: screens, widgets, keymap; no domain logic."""
