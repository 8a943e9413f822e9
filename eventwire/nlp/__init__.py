"""The NLP stage: spaCy parse of each article; actors, events, factuality, with evidence spans."""
