"""Helpers every capability of the engine shares: escaping text for HTML and Markdown,
the one slug rule, and the shape of messages (file:line first, the fix last)."""
