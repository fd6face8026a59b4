"""The live feed: committed post changes pushed to WebSocket clients as they happen."""
