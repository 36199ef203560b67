"""Modal forms and confirmations that return a value through ``dismiss()``."""
