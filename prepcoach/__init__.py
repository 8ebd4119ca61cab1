"""prepcoach: local-first prep for leaders who work with mentors."""

__version__ = "0.1.0"
