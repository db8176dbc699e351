"""The published output: its checks and its HTTP headers."""
