"""The recording pages: meetings (the secretariat), positions (delegations), API tokens."""
