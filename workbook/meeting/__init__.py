"""The meeting file: its keys, loading and checks, the meeting plan, init's questions and writing."""
