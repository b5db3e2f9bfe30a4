"""The indexes retrieval searches: BM25, embeddings, the vector store, and what is indexed."""
