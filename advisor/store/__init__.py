"""The answer log: every answer, its feedback and reviews, and precedents made from it."""
