"""The regression eval suite: golden cases, metrics, the baseline gate, reports."""
