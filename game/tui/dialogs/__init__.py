"""Modal dialogs that return a typed result: confirmations, event cards, save names, seats."""
