"""The shared vocabulary: pydantic models every stage uses, corpus loading, settings, errors."""
