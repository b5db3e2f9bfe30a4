"""Protocol Advisor: grounded answers about a school's internet and social-media protocol."""

__version__ = "0.1.0"
