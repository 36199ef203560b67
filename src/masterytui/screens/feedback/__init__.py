"""The Feedback screen: the screen, the widgets only it uses, its forms and its stylesheet."""
