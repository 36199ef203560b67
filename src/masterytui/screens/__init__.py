"""One module per screen; the only callers of the store from the UI."""
