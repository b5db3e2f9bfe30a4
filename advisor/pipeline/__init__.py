"""The answer pipeline: one sequencer (``run``) and one module per stage, in order:
normalize → privacy → screen → read → retrieve → decide → compose → guard (+ llm)."""
