"""The webhook channel: checked addresses, signed JSON calls, and the retry schedule."""
