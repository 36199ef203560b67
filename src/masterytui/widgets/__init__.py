"""Widgets render domain objects and post messages upward; they never touch the store."""
