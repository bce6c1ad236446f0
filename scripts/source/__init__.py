"""Reading the model: YAML with the line of every value, the checks, the changelog."""
