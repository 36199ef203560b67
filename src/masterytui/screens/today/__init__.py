"""The Today screen: the screen, its rows and its stylesheet."""
