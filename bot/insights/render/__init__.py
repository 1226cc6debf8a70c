"""insights/render."""
