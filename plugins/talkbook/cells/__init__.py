"""Live Python cells: the talkbook/cells plugin and its framework-agnostic cell model."""
