"""Nomination calls, nominations, the composition board and the board's decision."""
