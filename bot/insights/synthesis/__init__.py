"""Pure synthesis of answers: job statements, personas and digests."""
