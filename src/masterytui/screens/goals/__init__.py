"""The Goals screen: the screen, the widgets only it uses, its forms and its stylesheet."""
